// A rule's figures (the numbers behind its verdict) as definition lists and small tables.
// Long lists are cut with their true length shown: the full data is in findings.json.

import type { ReactNode } from 'react';
import { groupDigits } from '../model/format.js';

const MAX_ITEMS = 50;

function primitive(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? groupDigits(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

function more(n: number) {
  return n > MAX_ITEMS ? <p className="muted small">… +{groupDigits(n - MAX_ITEMS)} / {groupDigits(n)}</p> : null;
}

function Value({ v, depth }: { v: unknown; depth: number }): ReactNode {
  if (isPrimitive(v)) return <span className="fig-v">{primitive(v)}</span>;
  if (Array.isArray(v)) {
    if (v.length === 0) return <span className="muted">[]</span>;
    if (v.every(isPrimitive)) {
      return <span className="fig-v">{v.slice(0, MAX_ITEMS).map(primitive).join('，')}{v.length > MAX_ITEMS ? ` … +${groupDigits(v.length - MAX_ITEMS)} / ${groupDigits(v.length)}` : ''}</span>;
    }
    if (depth < 2 && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const cols = [...new Set(v.slice(0, MAX_ITEMS).flatMap((x) => Object.keys(x as object)))];
      return (
        <>
          <table className="fig-table">
            <thead><tr>{cols.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>
              {v.slice(0, MAX_ITEMS).map((x, i) => (
                <tr key={i}>{cols.map((c) => <td key={c}><Value v={(x as Record<string, unknown>)[c]} depth={depth + 1} /></td>)}</tr>
              ))}
            </tbody>
          </table>
          {more(v.length)}
        </>
      );
    }
    return <code className="fig-json">{JSON.stringify(v).slice(0, 2000)}</code>;
  }
  if (depth >= 2) return <code className="fig-json">{JSON.stringify(v).slice(0, 2000)}</code>;
  return <FigureList figures={v as Record<string, unknown>} depth={depth + 1} />;
}

function FigureList({ figures, depth }: { figures: Record<string, unknown>; depth: number }) {
  return (
    <dl className={`figures depth-${depth}`}>
      {Object.entries(figures).map(([k, v]) => (
        <div key={k} className="fig-row">
          <dt>{k}</dt>
          <dd><Value v={v} depth={depth} /></dd>
        </div>
      ))}
    </dl>
  );
}

export function FiguresView({ figures }: { figures: Record<string, unknown> }) {
  return <FigureList figures={figures} depth={0} />;
}
