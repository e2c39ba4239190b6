// 复核记录: every decision on the current run and the case's hash-chained review log.

import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { StatusBadge } from '../components/Badges.js';
import { ReviewLogTable } from '../components/ReviewLogTable.js';
import { VirtualTable } from '../components/VirtualTable.js';
import { useT } from '../i18n/useT.js';
import type { CaseDecision } from '../model/decisions.js';
import { shortTime } from '../model/format.js';
import { useDesk } from '../store/index.js';
import type { CurrentCase } from '../store/state.js';

const col = createColumnHelper<CaseDecision>();

export function DecisionsScreen({ current }: { current: CurrentCase }) {
  const t = useT();
  const navigate = useDesk((s) => s.navigate);
  const columns = useMemo(() => [
    col.accessor('ruleId', { header: t('decisions.col.rule'), size: 96, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor('kind', { header: t('decisions.col.kind'), size: 96, cell: (c) => t(`decide.kind.${c.getValue()}`) }),
    col.display({
      id: 'content', header: t('decisions.col.content'), meta: { flex: true },
      cell: (c) => {
        const d = c.row.original;
        const extra = [d.deadline, d.approver, d.approvalDoc, d.expires && `→ ${d.expires}`].filter(Boolean).join(' · ');
        return (
          <span className="content-cell">
            {d.status && <StatusBadge status={d.status} />}
            <span className="ellipsis" title={d.reason}>{d.reason}{extra ? `（${extra}）` : ''}</span>
          </span>
        );
      },
    }),
    col.accessor('reviewer', { header: t('decisions.col.who'), size: 100 }),
    col.accessor('at', { header: t('decisions.col.at'), size: 136, cell: (c) => shortTime(c.getValue()) }),
    col.display({ id: 'state', header: t('decisions.col.state'), size: 80, cell: (c) => (c.row.original.withdrawnAt ? <span className="muted">{t('decisions.withdrawn')}</span> : t('decisions.active')) }),
  ], [t]);
  const table = useReactTable({ data: current.decisions, columns, getCoreRowModel: getCoreRowModel(), getRowId: (d) => String(d.id), enableSorting: false });
  const seq = current.runs.find((r) => r.id === current.run.id)?.seq ?? 1;
  return (
    <div className="decisions-screen">
      <section className="card" aria-labelledby="dec-h">
        <h2 id="dec-h">{t('decisions.heading', { n: seq })}</h2>
        {current.decisions.length === 0 ? <p className="muted">{t('decisions.none')}</p> : (
          <VirtualTable
            table={table}
            label={t('decisions.heading', { n: seq })}
            rowHeight={30}
            testId="decisions-table"
            className="decisions-table"
            onSelect={(r) => navigate({ screen: 'case', caseId: current.caseRecord.id, tab: 'findings', rule: r.original.ruleId })}
            rowAttrs={(r) => ({ 'data-kind': r.original.kind, 'data-rule': r.original.ruleId })}
          />
        )}
      </section>
      <section className="card log-card" aria-labelledby="log-h">
        <h2 id="log-h">{t('log.heading')}</h2>
        <ReviewLogTable log={current.log} check={current.logCheck} />
      </section>
    </div>
  );
}
