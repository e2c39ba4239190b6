// Articles × statuses: how many of each article's rules stand in each status after the
// reviewer's decisions. Each number leads into the findings of that article and status.

import type { Status } from '../../shared/engine/types.js';
import { STATUSES } from '../../shared/report/labels.js';
import { useT } from '../i18n/useT.js';
import type { ArticleRow } from '../model/matrix.js';

export function ArticleMatrix({ rows, onPick }: { rows: ArticleRow[]; onPick: (article: number, status: Status | null) => void }) {
  const t = useT();
  return (
    <table className="matrix" data-testid="article-matrix">
      <thead>
        <tr>
          <th scope="col">{t('overview.matrix.article')}</th>
          {STATUSES.map((s) => <th key={s} scope="col" className={`mx-h st-text-${s}`}>{t(`status.${s}`)}</th>)}
          <th scope="col">{t('overview.matrix.total')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const name = t('article', { n: r.article });
          return (
            <tr key={r.article} data-article={r.article} data-worst={r.worst}>
              <th scope="row">
                <button type="button" className={`link worst-${r.worst}`} onClick={() => onPick(r.article, null)} data-testid={`matrix-article-${r.article}`}>
                  <span className={`worst-dot st-bg-${r.worst}`} aria-hidden="true" />
                  {name}
                </button>
              </th>
              {STATUSES.map((s) => (
                <td key={s} className={`mx-c${r.counts[s] ? ` has st-cell-${s}` : ''}`}>
                  {r.counts[s] > 0 ? (
                    <button type="button" onClick={() => onPick(r.article, s)} aria-label={`${name} ${t(`status.${s}`)} ${r.counts[s]}`} data-testid={`matrix-${r.article}-${s}`}>
                      {r.counts[s]}
                    </button>
                  ) : <span className="zero" aria-hidden="true">·</span>}
                </td>
              ))}
              <td className="mx-c total">{r.total}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
