// Every large table of the workbench: a @tanstack/react-table (v8) table whose rows are
// virtualised with @tanstack/react-virtual. Fixed row heights keep scrolling cheap at
// 100,000 rows: only the visible rows (and a few more) exist in the DOM, with spacer rows
// above and below. The scroll area takes the keyboard: ↑/↓ select, Home/End, Enter opens.

import { flexRender, type Row, type Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface ColumnMeta {
  /** This column takes the remaining width (no fixed size). */
  flex?: boolean;
  className?: string;
}

export interface VirtualTableProps<T> {
  table: Table<T>;
  label: string;
  rowHeight: number;
  testId?: string;
  /** The selected row's id, highlighted and kept in view. */
  selectedId?: string | null;
  onSelect?: (row: Row<T>) => void;
  onActivate?: (row: Row<T>) => void;
  /** A grouped row (getGroupedRowModel) as one full-width cell. */
  renderGroupRow?: (row: Row<T>) => ReactNode;
  rowAttrs?: (row: Row<T>) => Record<string, string | undefined>;
  empty?: ReactNode;
  className?: string;
  /** Tests and the scroll bench find the scroll element by this. */
  scrollTestId?: string;
}

function metaOf(c: { columnDef: { meta?: unknown } }): ColumnMeta {
  return (c.columnDef.meta ?? {}) as ColumnMeta;
}

export function VirtualTable<T>(p: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = p.table.getRowModel().rows;
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => p.rowHeight,
    overscan: 12,
    // The sticky header covers the first row's height: keep a selected row clear of it.
    scrollPaddingStart: p.rowHeight,
    // React 19 warns about flushSync during render; a frame of lag is invisible here.
    useFlushSync: false,
  });
  const items = v.getVirtualItems();
  const headers = p.table.getHeaderGroups();
  const leafCount = p.table.getVisibleLeafColumns().length;
  const selectedIndex = p.selectedId ? rows.findIndex((r) => r.id === p.selectedId) : -1;

  // Keep the selected row in view when the selection changes from outside (route, filter).
  useEffect(() => {
    if (selectedIndex >= 0) v.scrollToIndex(selectedIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!rows.length || !p.onSelect) return;
    const at = selectedIndex;
    let next: number;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / p.rowHeight) - 1);
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, at < 0 ? 0 : at - 1);
    else if (e.key === 'PageDown') next = Math.min(rows.length - 1, at + page);
    else if (e.key === 'PageUp') next = Math.max(0, at - page);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'Enter' && at >= 0) {
      e.preventDefault();
      p.onActivate?.(rows[at]);
      return;
    } else return;
    e.preventDefault();
    // Group header rows are not selectable: step over them.
    const step = next >= at ? 1 : -1;
    while (rows[next]?.getIsGrouped() && next + step >= 0 && next + step < rows.length) next += step;
    if (rows[next] && !rows[next].getIsGrouped()) p.onSelect(rows[next]);
  };

  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? v.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div
      ref={scrollRef}
      className={`vt ${p.className ?? ''}`}
      tabIndex={0}
      role="region"
      aria-label={p.label}
      data-testid={p.scrollTestId}
      onKeyDown={onKey}
    >
      <table className="vt-table" data-testid={p.testId} aria-rowcount={rows.length + 1}>
        <colgroup>
          {p.table.getVisibleLeafColumns().map((c) => (
            <col key={c.id} style={metaOf(c).flex ? undefined : { width: `${c.getSize()}px` }} />
          ))}
        </colgroup>
        <thead>
          {headers.map((hg) => (
            <tr key={hg.id} aria-rowindex={1}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const content = h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext());
                return (
                  <th
                    key={h.id}
                    scope="col"
                    className={metaOf(h.column).className}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {h.column.getCanSort() ? (
                      <button type="button" className="th-sort" onClick={h.column.getToggleSortingHandler()}>
                        {content}
                        <span aria-hidden="true" className="sort-mark">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                      </button>
                    ) : content}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr className="vt-pad" aria-hidden="true" style={{ height: `${padTop}px` }}>
              <td colSpan={leafCount} />
            </tr>
          )}
          {items.map((vi) => {
            const row = rows[vi.index];
            if (row.getIsGrouped()) {
              return (
                <tr key={row.id} className="vt-group" aria-rowindex={vi.index + 2} style={{ height: `${p.rowHeight}px` }}>
                  <th colSpan={leafCount} scope="colgroup">{p.renderGroupRow?.(row) ?? String(row.groupingValue)}</th>
                </tr>
              );
            }
            const selected = row.id === p.selectedId;
            return (
              <tr
                key={row.id}
                data-index={vi.index}
                aria-rowindex={vi.index + 2}
                aria-current={selected ? 'true' : undefined}
                className={selected ? 'selected' : undefined}
                style={{ height: `${p.rowHeight}px` }}
                onClick={p.onSelect ? () => p.onSelect!(row) : undefined}
                onDoubleClick={p.onActivate ? () => p.onActivate!(row) : undefined}
                {...p.rowAttrs?.(row)}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={metaOf(cell.column).className}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr className="vt-pad" aria-hidden="true" style={{ height: `${padBottom}px` }}>
              <td colSpan={leafCount} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && p.empty ? <div className="vt-empty">{p.empty}</div> : null}
    </div>
  );
}
