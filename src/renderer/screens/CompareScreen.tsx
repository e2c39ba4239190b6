// 再次评估 (Art. 13): import the rectified bundle into the same case, then compare any two
// runs: which rules changed status, which rectification items are closed.

import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { StatusBadge } from '../components/Badges.js';
import { BundleOpener } from '../components/BundleOpener.js';
import { runLabel } from '../components/RunPicker.js';
import { VirtualTable } from '../components/VirtualTable.js';
import { useT } from '../i18n/useT.js';
import type { CompareRow } from '../model/compare.js';
import { ruleTitle } from '../model/rules.js';
import { useDesk } from '../store/index.js';
import type { CurrentCase } from '../store/state.js';

const col = createColumnHelper<CompareRow>();

export function CompareScreen({ current }: { current: CurrentCase }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const comparison = useDesk((s) => s.comparison);
  const compare = useDesk((s) => s.compare);
  const navigate = useDesk((s) => s.navigate);
  const runs = current.runs;
  // By default the run on the screen (an earlier one, read-only) or the one before the current, against the current.
  const defaults = () => {
    const latest = runs.at(-1)?.id ?? '';
    const before = current.readOnly ? current.run.id : runs.at(-2)?.id ?? '';
    return { before, latest };
  };
  const [earlier, setEarlier] = useState(() => defaults().before);
  const [later, setLater] = useState(() => defaults().latest);
  const [onlyChanged, setOnlyChanged] = useState(true);

  // A new run arrived, or another run is on the screen: compare it with the current.
  const latestId = runs.at(-1)?.id;
  useEffect(() => {
    const d = defaults();
    setEarlier(d.before);
    setLater(d.latest);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latestId, current.run.id]);

  useEffect(() => {
    if (earlier && later && earlier !== later) void compare(earlier, later);
  }, [earlier, later, compare, current.decisions]);

  const result = comparison && comparison.earlier === earlier && comparison.later === later ? comparison.result : null;
  const rows = useMemo(() => (result ? (onlyChanged ? result.rows.filter((r) => r.change !== 'same') : result.rows) : []), [result, onlyChanged]);
  const columns = useMemo(() => [
    col.accessor('ruleId', { header: t('compare.col.rule'), size: 96, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor('title', { header: t('compare.col.title'), meta: { flex: true }, cell: (c) => <span className="ellipsis">{ruleTitle(c.row.original, lang)}</span> }),
    col.accessor('before', { header: t('compare.col.before'), size: 124, cell: (c) => (c.getValue() ? <StatusBadge status={c.getValue()!} /> : '—') }),
    col.accessor('after', { header: t('compare.col.after'), size: 124, cell: (c) => (c.getValue() ? <StatusBadge status={c.getValue()!} /> : '—') }),
    col.accessor('change', { header: t('compare.col.change'), size: 80, cell: (c) => <span className={`chg chg-${c.getValue()}`}>{t(`compare.change.${c.getValue()}`)}</span> }),
  ], [t, lang]);
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.ruleId, enableSorting: false });
  const label = (id: string) => {
    const r = runs.find((x) => x.id === id);
    return r ? runLabel(t, r) : id;
  };
  const closed = result?.rectification.filter((r) => r.closed).length ?? 0;
  // A re-evaluation follows the current run; an earlier one on the screen only compares.
  const opener = current.readOnly ? null : <BundleOpener heading={t('open.reheading')} headingId="open-rerun" caseId={current.caseRecord.id} />;

  return (
    <div className="compare-screen">
      {runs.length < 2 && opener}
      <section className="card" aria-labelledby="cmp-h">
        <h2 id="cmp-h">{t('compare.heading')}</h2>
        {runs.length < 2 ? <p className="muted" data-testid="compare-need-two">{t('compare.needTwo')}</p> : (
          <>
            <div className="inline">
              <label htmlFor="cmp-earlier">{t('compare.earlier')}</label>
              <select id="cmp-earlier" value={earlier} onChange={(e) => setEarlier(e.target.value)}>
                {runs.map((r) => <option key={r.id} value={r.id}>{label(r.id)}</option>)}
              </select>
              <span aria-hidden="true">→</span>
              <label htmlFor="cmp-later">{t('compare.later')}</label>
              <select id="cmp-later" value={later} onChange={(e) => setLater(e.target.value)}>
                {runs.map((r) => <option key={r.id} value={r.id}>{label(r.id)}</option>)}
              </select>
              <label className="check">
                <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
                {t('compare.onlyChanged')}
              </label>
            </div>
            {result && (
              <>
                <p className="summary-line" data-testid="compare-summary" data-improved={result.counts.improved} data-worsened={result.counts.worsened}>
                  {t('compare.summary', { ...result.counts })}
                </p>
                <VirtualTable
                  table={table}
                  label={t('compare.heading')}
                  rowHeight={30}
                  testId="compare-table"
                  className="compare-table"
                  onSelect={(r) => navigate({ screen: 'case', caseId: current.caseRecord.id, tab: 'findings', rule: r.original.ruleId })}
                  rowAttrs={(r) => ({ 'data-rule': r.original.ruleId, 'data-change': r.original.change })}
                  empty={<p className="muted">{t('compare.change.same')}</p>}
                />
              </>
            )}
          </>
        )}
      </section>
      {result && (
        <section className="card" aria-labelledby="rect-h">
          <h2 id="rect-h">{t('compare.rect')} {result.rectification.length > 0 && <span className="muted small" data-testid="rect-summary">{t('compare.rect.summary', { closed, total: result.rectification.length })}</span>}</h2>
          {result.rectification.length === 0 ? <p className="muted">{t('compare.rect.none')}</p> : (
            <table className="plain-table" data-testid="rect-table">
              <thead>
                <tr>
                  <th scope="col">{t('compare.col.rule')}</th>
                  <th scope="col">{t('compare.col.action')}</th>
                  <th scope="col">{t('compare.col.deadline')}</th>
                  <th scope="col">{t('compare.col.after')}</th>
                  <th scope="col">{t('compare.col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rectification.map((r) => (
                  <tr key={r.ruleId + r.action} data-rule={r.ruleId} data-closed={r.closed ? 'true' : 'false'}>
                    <td className="mono">{r.ruleId}</td>
                    <td>{r.action}{r.owner ? <span className="muted small">（{r.owner}）</span> : null}</td>
                    <td className="mono">{r.deadline ?? '—'}</td>
                    <td>{r.after ? <StatusBadge status={r.after} /> : '—'}</td>
                    <td><span className={`rect rect-${r.closed ? 'closed' : r.overdue ? 'overdue' : 'open'}`}>{t(r.closed ? 'compare.rect.closed' : r.overdue ? 'compare.rect.overdue' : 'compare.rect.open')}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {runs.length >= 2 && opener}
    </div>
  );
}
