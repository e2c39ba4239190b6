// 评估任务: the cases kept in this workbench, searchable, newest change first, each with what
// tells it from another of the same operator and period (bundle, manifest hash, created,
// runs); open one, delete one (after confirming, with the same facts), or start a new one.

import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { ConclusionBadge } from '../components/Badges.js';
import { BundleOpener } from '../components/BundleOpener.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { VirtualTable } from '../components/VirtualTable.js';
import type { CaseRecord } from '../db/index.js';
import { useT } from '../i18n/useT.js';
import { bundleName, dayOf, shortHash, shortTime } from '../model/format.js';
import { useDesk } from '../store/index.js';

const col = createColumnHelper<CaseRecord>();

/** What tells a case from another of the same operator and period. */
function CaseFacts({ c }: { c: CaseRecord }) {
  const t = useT();
  const rows: { label: string; value: string; mono?: boolean; title?: string }[] = [
    { label: t('cases.field.operator'), value: c.operatorName ?? t('cases.unnamed') },
    { label: t('cases.field.credit'), value: c.operatorId ?? t('cases.noCredit'), mono: true },
    { label: t('cases.field.period'), value: t('cases.periodRange', { start: c.period.start, end: c.period.end }) },
    { label: t('cases.field.bundle'), value: bundleName(c.bundleSource), mono: true, title: c.bundleSource },
    { label: t('cases.field.manifest'), value: c.manifestSha256 ? c.manifestSha256.slice(0, 12) : '—', mono: true },
    { label: t('cases.field.created'), value: dayOf(c.createdAt), mono: true },
    { label: t('cases.field.runs'), value: String(c.runCount) },
  ];
  return (
    <dl className="case-facts" aria-label={t('cases.delete.facts')} data-testid="case-facts">
      {rows.map((r) => (
        <div key={r.label} className="fact-row"><dt>{r.label}</dt><dd className={r.mono ? 'mono' : undefined} title={r.title}>{r.value}</dd></div>
      ))}
    </dl>
  );
}

export function CasesScreen() {
  const t = useT();
  const cases = useDesk((s) => s.cases);
  const query = useDesk((s) => s.caseQuery);
  const setQuery = useDesk((s) => s.setCaseQuery);
  const refresh = useDesk((s) => s.refreshCases);
  const remove = useDesk((s) => s.deleteCase);
  const navigate = useDesk((s) => s.navigate);
  const [doomed, setDoomed] = useState<CaseRecord | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = (c: CaseRecord) => navigate({ screen: 'case', caseId: c.id, tab: 'overview' });
  const nameOf = (c: CaseRecord) => c.operatorName ?? t('cases.unnamed');

  const columns = useMemo(() => [
    col.accessor((c) => c.operatorName ?? '', {
      id: 'operator', header: t('cases.col.operator'), meta: { flex: true },
      cell: (c) => <strong className="ellipsis" title={nameOf(c.row.original)}>{nameOf(c.row.original)}</strong>,
    }),
    col.accessor((c) => c.operatorId ?? '', { id: 'credit', header: t('cases.col.credit'), size: 150, cell: (c) => <span className="mono small">{c.getValue() || '—'}</span> }),
    col.accessor((c) => `${c.period.start} – ${c.period.end}`, { id: 'period', header: t('cases.col.period'), size: 184, cell: (c) => <span className="mono small">{c.getValue()}</span> }),
    col.accessor((c) => bundleName(c.bundleSource), { id: 'bundle', header: t('cases.col.source'), meta: { flex: true }, cell: (c) => <span className="mono small ellipsis" title={c.row.original.bundleSource}>{c.getValue()}</span> }),
    col.accessor('manifestSha256', { header: t('cases.col.manifest'), size: 116, cell: (c) => <span className="mono small" title={c.getValue() ?? ''}>{shortHash(c.getValue(), 12)}</span> }),
    col.accessor((c) => dayOf(c.createdAt), { id: 'created', header: t('cases.col.created'), size: 94, cell: (c) => <span className="mono small">{c.getValue()}</span> }),
    col.accessor('conclusion', { header: t('cases.col.conclusion'), size: 104, cell: (c) => <ConclusionBadge conclusion={c.getValue()} /> }),
    col.accessor('runCount', { header: t('cases.col.runs'), size: 68, meta: { className: 'num' } }),
    col.accessor('updatedAt', { header: t('cases.col.updated'), size: 128, cell: (c) => <span className="small">{shortTime(c.getValue())}</span> }),
    col.display({
      id: 'actions', header: t('cases.col.actions'), size: 108,
      cell: (c) => (
        <span className="row-actions">
          <button type="button" className="small" onClick={(e) => { e.stopPropagation(); open(c.row.original); }} data-testid="open-case">{t('common.open')}</button>
          <button type="button" className="small danger-text" aria-label={`${t('common.delete')} ${nameOf(c.row.original)}`} onClick={(e) => { e.stopPropagation(); setDoomed(c.row.original); }} data-testid="delete-case">{t('common.delete')}</button>
        </span>
      ),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [t]);

  const table = useReactTable({ data: cases ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (c) => c.id, enableSorting: false });

  return (
    <div className="cases-screen">
      <section className="card cases-card" aria-labelledby="cases-h">
        <div className="card-head">
          <h1 id="cases-h">{t('cases.heading')}</h1>
          <input
            type="search"
            className="case-search"
            placeholder={t('cases.search')}
            aria-label={t('cases.search')}
            value={query}
            onChange={(e) => void setQuery(e.target.value)}
            data-testid="case-search"
            data-shortcut="search"
          />
        </div>
        {cases === null ? <p className="muted">{t('common.loading')}</p> : cases.length === 0 ? (
          <p className="muted" data-testid="cases-empty">{query.trim() ? t('cases.noMatch', { q: query }) : t('cases.empty')}</p>
        ) : (
          <VirtualTable
            table={table}
            label={t('cases.heading')}
            rowHeight={34}
            testId="cases-table"
            className="cases-table"
            selectedId={selected}
            onSelect={(r) => setSelected(r.original.id)}
            onActivate={(r) => open(r.original)}
            rowAttrs={(r) => ({ 'data-case': r.original.id, 'data-conclusion': r.original.conclusion })}
          />
        )}
      </section>
      <BundleOpener heading={t('open.heading')} headingId="open-new" />
      <p className="small import-link">
        {t('import.fromCases')} <button type="button" className="link" onClick={() => navigate({ screen: 'import' })} data-testid="open-import">{t('import.open')}</button>
      </p>
      <ConfirmDialog
        open={doomed !== null}
        title={t('cases.delete.title')}
        confirmLabel={t('common.delete')}
        danger
        onCancel={() => setDoomed(null)}
        onConfirm={() => {
          const c = doomed;
          setDoomed(null);
          if (c) void remove(c.id);
        }}
      >
        {doomed && <CaseFacts c={doomed} />}
        <p>{t('cases.delete.body')}</p>
      </ConfirmDialog>
    </div>
  );
}
