// A rule's evidence: file, line, event or row id, the record's fields labelled, a copy button
// per row, and the record as written (raw) shown below the table for the row opened.
// Virtualised; filtering runs on a deferred value so typing stays responsive at 100,000 rows.

import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useDeferredValue, useMemo, useState } from 'react';
import { evidenceFields, evidenceText } from '../../shared/engine/evidence-fields.js';
import type { EvidenceItem, RuleResult } from '../../shared/engine/types.js';
import { useT } from '../i18n/useT.js';
import { groupDigits } from '../model/format.js';
import { useDesk } from '../store/index.js';
import { CopyButton } from './CopyButton.js';
import { sourcePlaceText } from '../../shared/import/provenance.js';
import { VirtualTable } from './VirtualTable.js';

interface EvRow {
  n: number;
  item: EvidenceItem;
  id: string;
  /** The fields labelled, in the interface's language. */
  shown: string;
  text: string;
}

const col = createColumnHelper<EvRow>();

export function evidenceLine(e: EvidenceItem): string {
  const where = e.line !== null && e.line !== undefined ? `${e.file}:${e.line}` : e.file;
  return [where, e.eventId ?? e.rowId ?? '', e.excerpt ?? ''].filter(Boolean).join('\t');
}

export function EvidenceTable({ result, cap }: { result: RuleResult; cap: number }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const [open, setOpen] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [sorting, setSorting] = useState<SortingState>([]);

  const all = useMemo<EvRow[]>(() => result.evidence.map((item, i) => {
    const shown = evidenceText(item, lang);
    return {
      n: i + 1,
      item,
      id: item.eventId ?? item.rowId ?? '',
      shown,
      text: `${item.file}\u0000${item.eventId ?? ''}\u0000${item.rowId ?? ''}\u0000${shown}\u0000${item.excerpt ?? ''}`.toLowerCase(),
    };
  }), [result, lang]);
  const data = useMemo(() => {
    const q = deferred.trim().toLowerCase();
    return q ? all.filter((r) => r.text.includes(q)) : all;
  }, [all, deferred]);

  const columns = useMemo(() => [
    col.accessor('n', { header: '#', size: 64, meta: { className: 'num' } }),
    col.accessor((r) => r.item.file, { id: 'file', header: t('evidence.col.file'), size: 190, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    col.accessor((r) => r.item.line ?? null, { id: 'line', header: t('evidence.col.line'), size: 70, meta: { className: 'num' }, cell: (c) => c.getValue() ?? '—', sortUndefined: 'last' }),
    col.accessor('id', { header: t('evidence.col.id'), size: 120, cell: (c) => <span className="mono">{c.getValue() || '—'}</span> }),
    col.accessor('shown', { header: t('evidence.col.excerpt'), enableSorting: false, meta: { flex: true }, cell: (c) => <span className="ellipsis excerpt" title={c.getValue()}>{c.getValue()}</span> }),
    col.display({
      id: 'copy', header: () => <span className="sr-only">{t('evidence.col.copy')}</span>, size: 96,
      cell: (c) => {
        const n = c.row.original.n;
        return (
          <span className="row-actions">
            <button type="button" className="link small" aria-expanded={open === n} aria-controls="evidence-raw" data-testid="evidence-open"
              onClick={() => setOpen(open === n ? null : n)}>
              {t('evidence.raw')}
            </button>
            <CopyButton text={evidenceLine(c.row.original.item)} label={t('evidence.copyRow', { n })} />
          </span>
        );
      },
    }),
  ], [t, open]);
  const opened = open === null ? null : result.evidence[open - 1];

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
      {opened && (
        <section id="evidence-raw" className="evidence-raw" aria-label={t('evidence.rawOf', { n: open! })} data-testid="evidence-raw">
          <h4>{opened.line !== null && opened.line !== undefined ? `${opened.file}:${opened.line}` : opened.file}</h4>
          {opened.source && <p className="small" data-testid="evidence-source">{sourcePlaceText(opened.source, lang)}</p>}
          <dl className="figures">
            {evidenceFields(opened, lang).map((f) => <div key={f.key} className="fig-row"><dt>{f.label}</dt><dd>{f.value}</dd></div>)}
          </dl>
          <p className="muted small">{t('evidence.rawNote')}</p>
          <pre className="mono raw-line" data-raw>{opened.excerpt ?? ''}</pre>
          <CopyButton text={opened.excerpt ?? ''} label={t('evidence.copyRaw')} />
        </section>
      )}
    </div>
  );
}
