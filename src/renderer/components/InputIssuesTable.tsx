// Problems met while reading the bundle, with file and line: virtualised, as a bundle
// with damaged logs can have many.

import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { issueMessage } from '../../shared/bundle/issue-messages.js';
import type { InputIssue } from '../../shared/bundle/types.js';
import { useT } from '../i18n/useT.js';
import { useDesk } from '../store/index.js';
import { VirtualTable } from './VirtualTable.js';

type Row = InputIssue & { n: number };
const col = createColumnHelper<Row>();

export function InputIssuesTable({ issues }: { issues: InputIssue[] }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const data = useMemo(() => issues.map((x, i) => ({ ...x, message: issueMessage(x, lang), n: i + 1 })), [issues, lang]);
  const columns = useMemo(() => [
    col.accessor('file', { header: t('overview.issues.file'), size: 200, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    col.accessor('line', { header: t('overview.issues.line'), size: 70, meta: { className: 'num' }, cell: (c) => c.getValue() ?? '—' }),
    col.accessor('severity', { header: t('overview.issues.severity'), size: 70, cell: (c) => <span className={`issue-${c.getValue()}`}>{t(`issue.${c.getValue()}`)}</span> }),
    col.accessor('message', { header: t('overview.issues.message'), meta: { flex: true }, cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  ], [t]);
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => String(r.n), enableSorting: false });
  if (!issues.length) return <p className="muted">{t('overview.issues.none')}</p>;
  return <VirtualTable table={table} label={t('overview.issues', { n: issues.length })} rowHeight={28} testId="issues-table" className={`issues-table${issues.length > 8 ? ' tall' : ''}`} />;
}
