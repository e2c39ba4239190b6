// The case's review log, with the hash chain checked: who did what when, before → after.

import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { LogVerification } from '../../shared/review/log.js';
import type { ReviewLogEntry } from '../../shared/review/types.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../i18n/useT.js';
import { shortHash, shortTime } from '../model/format.js';
import { changeText } from '../../shared/review/log-text.js';
import { VirtualTable } from './VirtualTable.js';

const col = createColumnHelper<ReviewLogEntry>();

export function ReviewLogTable({ log, check }: { log: ReviewLogEntry[]; check: LogVerification }) {
  const t = useT();
  const actionLabel = (a: string) => {
    const key = `log.action.${a}` as MessageKey;
    const text = t(key);
    return text === key ? a : text;
  };
  const columns = useMemo(() => [
    col.accessor('seq', { header: t('log.col.seq'), size: 56, meta: { className: 'num' } }),
    col.accessor('at', { header: t('log.col.at'), size: 140, cell: (c) => shortTime(c.getValue()) }),
    col.accessor('who', { header: t('log.col.who'), size: 110, cell: (c) => <span className="ellipsis">{c.getValue()}</span> }),
    col.accessor('action', { header: t('log.col.action'), size: 104, cell: (c) => actionLabel(c.getValue()) }),
    col.accessor('ruleId', { header: t('log.col.rule'), size: 96, cell: (c) => <span className="mono">{c.getValue() ?? ''}</span> }),
    col.display({
      id: 'change', header: t('log.col.change'), meta: { flex: true },
      cell: (c) => {
        const text = changeText(c.row.original, { status: (s) => t(`status.${s}` as MessageKey), kind: (k) => t(`decide.kind.${k}` as MessageKey) });
        return <span className="ellipsis" title={JSON.stringify({ before: c.row.original.before, after: c.row.original.after }, null, 1)}>{text}</span>;
      },
    }),
    col.accessor('hash', { header: t('log.col.hash'), size: 120, cell: (c) => <span className="mono small" title={c.getValue()}>{shortHash(c.getValue(), 10)}</span> }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [t]);
  const table = useReactTable({ data: log, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => String(r.seq), enableSorting: false });
  return (
    <div className="log">
      <p className={`chain ${check.ok ? 'ok' : 'bad'}`} role="status" data-testid="log-check" data-ok={check.ok ? 'true' : 'false'}>
        <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> {check.ok ? t('log.ok', { n: check.entries, head: shortHash(check.head, 16) }) : t('log.broken', { problem: check.problem })}
      </p>
      <VirtualTable table={table} label={t('log.heading')} rowHeight={28} testId="log-table" className="log-table" rowAttrs={(r) => ({ 'data-action': r.original.action })} />
    </div>
  );
}
