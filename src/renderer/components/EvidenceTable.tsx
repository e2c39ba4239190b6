// A rule's evidence: file, line, event or row id, excerpt, and a copy button per row.
// Virtualised; filtering runs on a deferred value so typing stays responsive at 100,000 rows.

import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useDeferredValue, useMemo, useState } from 'react';
import type { EvidenceItem, RuleResult } from '../../shared/engine/types.js';
import { useT } from '../i18n/useT.js';
import { groupDigits } from '../model/format.js';
import { CopyButton } from './CopyButton.js';
import { VirtualTable } from './VirtualTable.js';

interface EvRow {
  n: number;
  item: EvidenceItem;
  id: string;
  text: string;
}

const col = createColumnHelper<EvRow>();

export function evidenceLine(e: EvidenceItem): string {
  const where = e.line !== null && e.line !== undefined ? `${e.file}:${e.line}` : e.file;
  return [where, e.eventId ?? e.rowId ?? '', e.excerpt ?? ''].filter(Boolean).join('\t');
}

export function EvidenceTable({ result, cap }: { result: RuleResult; cap: number }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [sorting, setSorting] = useState<SortingState>([]);

  const all = useMemo<EvRow[]>(() => result.evidence.map((item, i) => ({
    n: i + 1,
    item,
    id: item.eventId ?? item.rowId ?? '',
    text: `${item.file}\u0000${item.eventId ?? ''}\u0000${item.rowId ?? ''}\u0000${item.excerpt ?? ''}`.toLowerCase(),
  })), [result]);
  const data = useMemo(() => {
    const q = deferred.trim().toLowerCase();
    return q ? all.filter((r) => r.text.includes(q)) : all;
  }, [all, deferred]);

  const columns = useMemo(() => [
    col.accessor('n', { header: '#', size: 64, meta: { className: 'num' } }),
    col.accessor((r) => r.item.file, { id: 'file', header: t('evidence.col.file'), size: 190, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    col.accessor((r) => r.item.line ?? null, { id: 'line', header: t('evidence.col.line'), size: 70, meta: { className: 'num' }, cell: (c) => c.getValue() ?? '—', sortUndefined: 'last' }),
    col.accessor('id', { header: t('evidence.col.id'), size: 120, cell: (c) => <span className="mono">{c.getValue() || '—'}</span> }),
    col.accessor((r) => r.item.excerpt ?? '', { id: 'excerpt', header: t('evidence.col.excerpt'), enableSorting: false, meta: { flex: true }, cell: (c) => <span className="mono ellipsis excerpt" title={c.getValue()}>{c.getValue()}</span> }),
    col.display({
      id: 'copy', header: () => <span className="sr-only">{t('evidence.col.copy')}</span>, size: 44,
      cell: (c) => <CopyButton text={evidenceLine(c.row.original.item)} label={t('evidence.copyRow', { n: c.row.original.n })} />,
    }),
  ], [t]);

  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => String(r.n),
  });

  if (result.evidence.length === 0) return <p className="muted">{t('evidence.none')}</p>;
  return (
    <div className="evidence">
      <div className="evidence-bar">
        <input
          type="search"
          className="grow"
          aria-label={t('evidence.filter')}
          placeholder={t('evidence.filter')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="evidence-filter"
        />
        <span className="muted small" data-testid="evidence-count">
          {t('detail.evidenceNote', { count: groupDigits(result.evidenceCount), shown: groupDigits(result.evidence.length) })}
          {result.evidenceCount > result.evidence.length ? t('detail.evidenceCapped', { cap: groupDigits(cap) }) : ''}
          {deferred.trim() ? ` · ${t('common.rows', { n: groupDigits(data.length) })}` : ''}
        </span>
      </div>
      <VirtualTable
        table={table}
        label={t('evidence.table')}
        rowHeight={28}
        testId="evidence-table"
        scrollTestId="evidence-scroll"
        className="evidence-table"
        rowAttrs={(r) => ({ 'data-file': r.original.item.file, 'data-line': String(r.original.item.line ?? '') })}
        empty={<p className="muted">{t('evidence.noMatch')}</p>}
      />
    </div>
  );
}
