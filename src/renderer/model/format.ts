// Numbers, sizes, durations and times as the UI shows them. No Intl: the same text in
// every runtime (Electron, Chromium, the unit tests), like the report (labels.ts).

import { groupDigits } from '../../shared/report/labels.js';

export { groupDigits };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 1 MB = 1,000,000 bytes, as the bench and the CLI count. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} KB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** 75 → "1:15"; 3725 → "1:02:05". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** ISO 8601 with the local offset and no fraction: 2027-01-07T10:00:00+08:00 (what the IPC guard takes). */
export function isoLocal(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The local calendar day, YYYY-MM-DD. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2027-01-07T10:00:00+08:00" → "2027-01-07 10:00": the wall time as recorded, not converted. */
export function shortTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

/** A hash shortened for a table cell; the full value goes in a title or a copy button. */
export function shortHash(hex: string | null | undefined, n = 12): string {
  if (!hex) return '—';
  return hex.length > n ? `${hex.slice(0, n)}…` : hex;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date YYYY-MM-DD (2027-02-30 is not). */
export function isDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * A date as people type it, whatever their browser's locale: 2027-3-1, 2027/03/01, 2027.3.1,
 * 2027年3月1日 or 20270301 → "2027-03-01"; null when it is no calendar date.
 */
export function typedDate(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/.exec(s);
  if (!m) return null;
  const out = `${m[1]}-${(m[2] ?? m[4]).padStart(2, '0')}-${(m[3] ?? m[5]).padStart(2, '0')}`;
  return isDate(out) ? out : null;
}

/** The last part of a bundle's path (folder or .zip), as people call the bundle. */
export function bundleName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts.at(-1) ?? path;
}

/** The calendar day of a recorded time, "2027-01-07T10:00:00+08:00" → "2027-01-07". */
export function dayOf(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso;
}
