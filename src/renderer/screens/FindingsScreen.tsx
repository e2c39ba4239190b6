// All results of the run: a virtualised, sortable, filterable table (status, severity,
// article, text; grouped by article on request) beside the selected rule in full.

import {
  createColumnHelper, getCoreRowModel, getExpandedRowModel, getGroupedRowModel, getSortedRowModel, useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useDeferredValue, useMemo, useState } from 'react';
import type { Severity, Status } from '../../shared/engine/types.js';
import { STATUSES } from '../../shared/report/labels.js';
import { SeverityTag, StatusBadge } from '../components/Badges.js';
import { FindingDetail, type DetailTab } from '../components/FindingDetail.js';
import { VirtualTable } from '../components/VirtualTable.js';
import { useT } from '../i18n/useT.js';
import { STATUS_RANK } from '../model/effective.js';
import { filterRows, isFiltered, EMPTY_FILTER, type FindingRow } from '../model/findings-rows.js';
import { groupDigits } from '../model/format.js';
import { ruleMessage, ruleTitle } from '../model/rules.js';
import { useDesk } from '../store/index.js';
import type { CurrentCase } from '../store/state.js';

const col = createColumnHelper<FindingRow>();
const SEVERITIES: Severity[] = ['high', 'medium', 'low'];
const SEV_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
// The article is in the rule id and the group rows: its column only serves grouping.
const HIDDEN = { article: false };
// Stable arrays: a new one each render would make react-table regroup (and reset) on every render.
const BY_ARTICLE = ['article'];
const UNGROUPED: string[] = [];

function Marks({ r }: { r: FindingRow }) {
  const t = useT();
  return (
    <span className="marks">
      {r.verdict && <span className="tag tag-verdict">{t(`mark.${r.verdict}`)}</span>}
      {r.waived && <span className="tag tag-waiver">{t('mark.waiver')}</span>}
      {r.rectification && <span className="tag tag-rect">{t('mark.rectification')}</span>}
      {r.comments > 0 && <span className="tag">{t('mark.comments', { n: r.comments })}</span>}
    </span>
  );
}

export function FindingsScreen({ current, rule }: { current: CurrentCase; rule?: string }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const view = useDesk((s) => s.findingsView);
  const setFilter = useDesk((s) => s.setFilter);
  const setGrouped = useDesk((s) => s.setGrouped);
  const navigate = useDesk((s) => s.navigate);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [tab, setTab] = useState<DetailTab>('basis');
  const text = useDeferredValue(view.filter.text);
  const filter = useMemo(() => ({ ...view.filter, text }), [view.filter, text]);
  const rows = useMemo(() => filterRows(current.rows, filter), [current.rows, filter]);
  const articles = useMemo(() => [...new Set(current.rows.map((r) => r.article))].sort((a, b) => a - b), [current.rows]);
  const counts = useMemo(() => {
    const c = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const r of current.rows) c[r.status]++;
    return c;
  }, [current.rows]);

  const columns = useMemo(() => [
    col.accessor('ruleId', { header: t('findings.col.rule'), size: 92, cell: (c) => <span className="mono">{c.getValue()}</span> }),
    col.accessor('article', { header: t('findings.col.article'), size: 72, cell: (c) => t('article', { n: c.getValue() }), getGroupingValue: (r) => r.article }),
    col.accessor('severity', { header: t('findings.col.severity'), size: 50, sortingFn: (a, b) => SEV_RANK[a.original.severity] - SEV_RANK[b.original.severity], cell: (c) => <SeverityTag severity={c.getValue()} /> }),
    col.accessor('status', {
      header: t('findings.col.status'), size: 108,
      sortingFn: (a, b) => STATUS_RANK[a.original.status] - STATUS_RANK[b.original.status],
      cell: (c) => (
        <span className="status-cell">
          <StatusBadge status={c.getValue()} />
          {c.row.original.status !== c.row.original.toolStatus && (
            <span className="changed-dot" title={t('findings.toolWas', { s: t(`status.${c.row.original.toolStatus}`) })}>
              <span aria-hidden="true">*</span>
              <span className="sr-only">{t('findings.toolWas', { s: t(`status.${c.row.original.toolStatus}`) })}</span>
            </span>
          )}
        </span>
      ),
    }),
    col.accessor('title', { header: t('findings.col.title'), meta: { flex: true }, cell: (c) => <span className="ellipsis" title={ruleMessage(c.row.original, lang)}>{ruleTitle(c.row.original, lang)}</span> }),
    col.accessor('evidenceCount', { header: t('findings.col.evidence'), size: 58, meta: { className: 'num' }, cell: (c) => groupDigits(c.getValue()) }),
    col.display({ id: 'marks', header: t('findings.col.marks'), size: 104, cell: (c) => <Marks r={c.row.original} /> }),
  ], [t, lang]);

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, grouping: view.grouped ? BY_ARTICLE : UNGROUPED, expanded: true, columnVisibility: HIDDEN },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowId: (r) => r.ruleId,
    groupedColumnMode: false,
    autoResetExpanded: false,
    autoResetPageIndex: false,
  });

  const selected = rule ? current.standing.rules.find((e) => e.result.ruleId === rule) : undefined;
  const select = (ruleId: string) => navigate({ screen: 'case', caseId: current.caseRecord.id, tab: 'findings', rule: ruleId });
  const toggle = <K,>(list: K[], v: K) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <div className="findings-screen">
      <div className="findings-left">
        <div className="filter-bar" role="group" aria-label={t('findings.filters')}>
          <div className="chips" role="group" aria-label={t('findings.status')}>
            {STATUSES.map((s) => (
              <button key={s} type="button" className={`chip st-${s}`} aria-pressed={view.filter.statuses.includes(s)} onClick={() => setFilter({ statuses: toggle(view.filter.statuses, s) })} data-testid={`filter-status-${s}`}>
                {t(`status.${s}`)} <span className="chip-n">{counts[s]}</span>
              </button>
            ))}
          </div>
          <div className="filter-row">
            <div className="chips" role="group" aria-label={t('findings.severity')}>
              {SEVERITIES.map((s) => (
                <button key={s} type="button" className="chip" aria-pressed={view.filter.severities.includes(s)} onClick={() => setFilter({ severities: toggle(view.filter.severities, s) })}>
                  {t(`severity.${s}`)}
                </button>
              ))}
            </div>
            <label className="sr-only" htmlFor="article-filter">{t('findings.article')}</label>
            <select id="article-filter" value={view.filter.article ?? ''} onChange={(e) => setFilter({ article: e.target.value ? Number(e.target.value) : null })} data-testid="filter-article">
              <option value="">{t('findings.allArticles')}</option>
              {articles.map((a) => <option key={a} value={a}>{t('article', { n: a })}</option>)}
            </select>
            <label className="check">
              <input type="checkbox" checked={view.grouped} onChange={(e) => setGrouped(e.target.checked)} data-testid="group-by-article" />
              {t('findings.group')}
            </label>
          </div>
          <div className="filter-row">
            <input
              type="search"
              className="grow"
              placeholder={t('findings.text')}
              aria-label={t('findings.text')}
              value={view.filter.text}
              onChange={(e) => setFilter({ text: e.target.value })}
              data-testid="findings-search"
              data-shortcut="search"
            />
            <span className="muted small" data-testid="findings-count">{t('findings.count', { shown: rows.length, total: current.rows.length })}</span>
            {isFiltered(view.filter) && <button type="button" className="link small" onClick={() => setFilter(EMPTY_FILTER)}>{t('findings.clear')}</button>}
          </div>
        </div>
        <VirtualTable
          table={table}
          label={t('findings.table')}
          rowHeight={30}
          testId="findings-table"
          scrollTestId="findings-scroll"
          selectedId={rule ?? null}
          onSelect={(r) => select(r.original.ruleId)}
          onActivate={(r) => {
            select(r.original.ruleId);
            setTab('evidence');
          }}
          renderGroupRow={(r) => t('findings.group.row', { article: t('article', { n: Number(r.groupingValue) }), n: r.subRows.length })}
          rowAttrs={(r) => ({ 'data-rule': r.original.ruleId, 'data-status': r.original.status })}
          empty={<p className="muted">{t('findings.none')}</p>}
        />
      </div>
      <div className="findings-right">
        {selected ? (
          <FindingDetail rule={selected} findings={current.findings} decisions={current.decisions} tab={tab} onTab={setTab} />
        ) : (
          <p className="muted pick">{t('findings.pick')}</p>
        )}
      </div>
    </div>
  );
}
