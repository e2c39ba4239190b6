// The logs around one incident: the events of a window around detected_at (24 h before to
// 72 h after unless changed) that touch its datasets or come from the accounts involved,
// in a virtualised table with filters. The reviewer ticks the events relevant to the
// incident; the ticks are kept with the case.

import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useDeferredValue, useEffect, useMemo, useState, type FormEvent } from 'react';
import { AROUND_REASONS, type AroundReason, type AroundRow } from '../../shared/incidents/around.js';
import type { IncidentsTimelinesResponse } from '../../shared/ipc/contract.js';
import { nameOf } from '../../shared/names.js';
import { useT } from '../i18n/useT.js';
import { groupDigits, shortTime } from '../model/format.js';
import {
  EMPTY_AROUND_FILTER, filterAroundRows, hoursOfWindow, rowPlace, sameWindow, windowOfHours, type AroundFilter,
} from '../model/incidents.js';
import { useDesk } from '../store/index.js';
import { VirtualTable } from './VirtualTable.js';

const col = createColumnHelper<AroundRow>();

/** 2026-10-21T13:10:05+08:00 → 2026-10-21 13:10:05. */
function secondsTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : shortTime(iso);
}

export function LogsAround({ data, incidentId, onPick }: { data: IncidentsTimelinesResponse; incidentId?: string; onPick: (id: string) => void }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const around = useDesk((s) => s.incidents.around);
  const marks = useDesk((s) => s.incidents.marks);
  const loadAround = useDesk((s) => s.loadAround);
  const setMark = useDesk((s) => s.setMark);
  const readOnly = useDesk((s) => s.current?.readOnly ?? false);
  const ids = useMemo(() => [...new Set(data.timelines.map((tl) => tl.id).filter(Boolean))], [data]);
  const selected = incidentId && ids.includes(incidentId) ? incidentId : ids[0];
  const window = around.window ?? data.defaultWindow;
  const [hours, setHours] = useState(() => {
    const h = hoursOfWindow(window);
    return { before: String(h.before), after: String(h.after) };
  });
  const [badWindow, setBadWindow] = useState(false);
  const [filter, setFilter] = useState<AroundFilter>(EMPTY_AROUND_FILTER);
  const text = useDeferredValue(filter.text);
  const [sorting, setSorting] = useState<SortingState>([]);

  // The chosen incident's logs, in the window shown (kept when another incident is chosen).
  useEffect(() => {
    if (selected && around.incidentId !== selected) void loadAround(selected, window);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);

  const marked = useMemo(() => new Set(marks.filter((m) => m.incidentId === selected).map((m) => `${m.file}:${m.line}`)), [marks, selected]);
  const logs = around.incidentId === selected ? around.data : null;
  const rows = useMemo(() => (logs ? filterAroundRows(logs.rows, { ...filter, text }, marked) : []), [logs, filter, text, marked]);
  const inWindow = useMemo(() => (logs ? logs.rows.filter((r) => marked.has(rowPlace(r))).length : 0), [logs, marked]);
  const reasonCounts = useMemo(() => {
    const c = Object.fromEntries(AROUND_REASONS.map((r) => [r, 0])) as Record<AroundReason, number>;
    for (const r of logs?.rows ?? []) for (const x of r.reasons) c[x]++;
    return c;
  }, [logs]);

  const columns = useMemo(() => [
    col.display({
      id: 'mark', size: 76, header: t('around.col.mark'), meta: { className: 'center' },
      cell: (c) => {
        const r = c.row.original;
        return (
          <input
            type="checkbox"
            checked={marked.has(rowPlace(r))}
            disabled={readOnly}
            onChange={(e) => void setMark(selected!, r, e.target.checked)}
            aria-label={t('around.mark', { incident: selected ?? '', event: r.eventId || rowPlace(r) })}
            data-testid="mark-event"
          />
        );
      },
    }),
    col.accessor('at', { header: t('around.col.at'), size: 158, cell: (c) => <span className="mono">{secondsTime(c.getValue())}</span> }),
    col.accessor('actor', { header: t('around.col.actor'), size: 84, cell: (c) => <span className="mono">{c.getValue() || '—'}</span> }),
    col.accessor('action', { header: t('around.col.action'), size: 110, cell: (c) => nameOf('action', c.getValue(), lang) }),
    col.accessor((r) => `${nameOf('resourceType', r.resourceType, lang)} ${r.resource}`, { id: 'resource', header: t('around.col.resource'), size: 170, cell: (c) => <span className="ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
    col.accessor('result', { header: t('around.col.result'), size: 74, cell: (c) => <span className={`result-${c.getValue()}`}>{nameOf('result', c.getValue(), lang)}</span> }),
    col.accessor((r) => r.reasons.join(' '), {
      id: 'reasons', header: t('around.col.reasons'), meta: { flex: true }, enableSorting: false,
      cell: (c) => <span className="marks">{c.row.original.reasons.map((x) => <span key={x} className={`tag reason-${x}`}>{t(`around.reason.${x}`)}</span>)}</span>,
    }),
    col.accessor((r) => rowPlace(r), { id: 'place', header: t('around.col.place'), size: 240, cell: (c) => <span className="mono ellipsis" title={c.row.original.excerpt}>{c.getValue()}</span> }),
    col.accessor('eventId', { header: t('around.col.id'), size: 110, cell: (c) => <span className="mono">{c.getValue() || '—'}</span> }),
  ], [t, lang, marked, selected, setMark, readOnly]);

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => rowPlace(r),
  });

  if (!selected) return <p className="muted">{t('around.noIncidents')}</p>;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const w = windowOfHours(Number(hours.before), Number(hours.after));
    setBadWindow(!w);
    if (w && !(around.incidentId === selected && around.window && sameWindow(w, around.window) && around.status === 'ready')) void loadAround(selected, w);
  };
  const reset = () => {
    const h = hoursOfWindow(data.defaultWindow);
    setHours({ before: String(h.before), after: String(h.after) });
    setBadWindow(false);
    void loadAround(selected, data.defaultWindow);
  };
  const toggleReason = (r: AroundReason) => setFilter((f) => ({ ...f, reasons: f.reasons.includes(r) ? f.reasons.filter((x) => x !== r) : [...f.reasons, r] }));
  const loading = around.status === 'loading';

  return (
    <div className="around">
      <form className="around-bar" onSubmit={apply} aria-label={t('incidents.view.around')}>
        <div className="field">
          <label htmlFor="around-incident">{t('around.incident')}</label>
          <select id="around-incident" value={selected} onChange={(e) => onPick(e.target.value)} data-testid="around-incident">
            {ids.map((id) => <option key={id} value={id}>{id}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="around-before">{t('around.before')}</label>
          <input id="around-before" type="number" min={0} max={8784} step={1} className="hours" value={hours.before} aria-invalid={badWindow || undefined}
            onChange={(e) => setHours((h) => ({ ...h, before: e.target.value }))} data-testid="around-before" />
        </div>
        <div className="field">
          <label htmlFor="around-after">{t('around.after')}</label>
          <input id="around-after" type="number" min={0} max={8784} step={1} className="hours" value={hours.after} aria-invalid={badWindow || undefined}
            onChange={(e) => setHours((h) => ({ ...h, after: e.target.value }))} data-testid="around-after" />
        </div>
        <div className="field end">
          <div className="inline">
            <button type="submit" className="primary" disabled={loading} data-testid="around-apply">{t('around.apply')}</button>
            <button type="button" onClick={reset} disabled={loading}>{t('around.reset')}</button>
          </div>
        </div>
        <p className="small muted around-hint">{t('around.hint')}</p>
      </form>
      {badWindow && <p role="alert" className="error small">{t('around.badWindow')}</p>}

      <div className="around-info small" role="status" aria-live="polite" data-testid="around-info" data-status={around.status}>
        {loading && <span aria-busy="true">{t('around.loading')}</span>}
        {around.status === 'error' && <span className="error">{t('around.error', { message: around.error ?? '' })}</span>}
        {!loading && logs && (logs.windowStart === null
          // No window without a detection time: said from the data, in the interface's language.
          ? <span className="tone-text-review" data-testid="around-no-window">{logs.detectedAt ? t('around.noWindow.unreadable', { text: logs.detectedAt }) : t('around.noWindow.missing')}</span>
          : (
            <>
              <span data-testid="around-window">{t('around.window', { start: shortTime(logs.windowStart ?? ''), end: shortTime(logs.windowEnd ?? '') })}</span>
              {' · '}
              <strong data-testid="around-count" data-count={logs.count}>{t('around.count', { count: groupDigits(logs.count) })}</strong>
              {logs.truncated && t('around.truncated', { shown: groupDigits(logs.rows.length) })}
              {logs.products.length > 0 && <> · {t('around.products', { list: logs.products.join('、') })}</>}
              {(logs.actors.fromEpisodes.length + logs.actors.fromDatasets.length) > 0 && (
                <> · {t('around.actors', { list: [...new Set([...logs.actors.fromEpisodes, ...logs.actors.fromDatasets])].join('、') })}</>
              )}
            </>
          ))}
      </div>

      <div className="filter-row around-filters">
        <input
          type="search"
          className="grow"
          placeholder={t('around.search')}
          aria-label={t('around.search')}
          value={filter.text}
          onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          data-shortcut="search"
          data-testid="around-search"
        />
        <div className="chips" role="group" aria-label={t('around.reasons')}>
          {AROUND_REASONS.map((r) => (
            <button key={r} type="button" className="chip" aria-pressed={filter.reasons.includes(r)} onClick={() => toggleReason(r)} data-testid={`reason-${r}`}>
              {t(`around.reason.${r}`)} <span className="chip-n">{reasonCounts[r]}</span>
            </button>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={filter.markedOnly} onChange={(e) => setFilter((f) => ({ ...f, markedOnly: e.target.checked }))} data-testid="marked-only" />
          {t('around.markedOnly')}
        </label>
        <span className="small muted" data-testid="marked-count" data-count={marked.size}>
          {logs && inWindow < marked.size ? t('around.markedIn', { n: marked.size, m: inWindow }) : t('around.marked', { n: marked.size })}
        </span>
        {logs && <span className="small muted">{t('around.shown', { shown: groupDigits(rows.length), total: groupDigits(logs.rows.length) })}</span>}
      </div>

      <VirtualTable
        table={table}
        label={t('around.table')}
        rowHeight={30}
        testId="around-table"
        scrollTestId="around-scroll"
        className="around-table"
        rowAttrs={(r) => ({ 'data-event': r.original.eventId, 'data-place': rowPlace(r.original), 'data-marked': marked.has(rowPlace(r.original)) ? 'true' : 'false', 'data-at': r.original.at })}
        empty={<p className="muted">{logs && !logs.rows.length ? t('around.empty') : logs ? t('around.noMatch') : ''}</p>}
      />
    </div>
  );
}
