// A rule's figures (the numbers behind its verdict) as its meta declares them: labelled
// values, and small tables cut with their true length shown (findings.json has them all).

import { figureLines, type FigureSpecs } from '../../shared/engine/figures.js';
import type { Lang } from '../../shared/names.js';
import { useT } from '../i18n/useT.js';
import { groupDigits } from '../model/format.js';

const MAX_ROWS = 50;

export function FiguresView({ figures, specs, lang }: { figures: Record<string, unknown>; specs: FigureSpecs; lang: Lang }) {
  const t = useT();
  const lines = figureLines(figures, specs, lang, MAX_ROWS);
  return (
    <dl className="figures depth-0" data-testid="figures">
      {lines.map((l) => (
        <div key={l.key} className="fig-row">
          <dt>{l.label}</dt>
          <dd>
            {'text' in l ? <span className="fig-v">{l.text}</span> : (
              <>
                <table className="fig-table">
                  <thead><tr>{l.table.headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
                  <tbody>{l.table.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
                </table>
                {l.table.total > l.table.rows.length && (
                  <p className="muted small">{t('figures.more', { shown: groupDigits(l.table.rows.length), n: groupDigits(l.table.total) })}</p>
                )}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
