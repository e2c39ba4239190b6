// Times as platforms export them, read by the formats a mapping declares (mapping-v1.md):
// patterns with Chinese units (YYYY年M月D日 H:mm:ss), with or without an offset, ISO 8601,
// epoch seconds or milliseconds, Excel serial days. Each becomes the bundle's ISO 8601
// with the offset of the mapping's time zone (2026-03-01T09:15:00+08:00); a date without a
// time stays a date (2026-03-01).

import { formatLocal, localToUtc } from '../bundle/time.js';

/** The named formats beside patterns. */
export const NAMED_FORMATS = ['iso', 'epoch-s', 'epoch-ms', 'excel-serial'] as const;

const TOKENS: Record<string, string> = {
  YYYY: '(?<Y>\\d{4})', MM: '(?<M>\\d{2})', M: '(?<M>\\d{1,2})', DD: '(?<D>\\d{2})', D: '(?<D>\\d{1,2})',
  HH: '(?<H>\\d{2})', H: '(?<H>\\d{1,2})', mm: '(?<m>\\d{2})', m: '(?<m>\\d{1,2})', ss: '(?<s>\\d{2})', s: '(?<s>\\d{1,2})',
  SSS: '(?<f>\\d{1,3})', Z: '(?<z>Z|[+-]\\d{2}:?\\d{2})',
};
const TOKEN_RE = /YYYY|SSS|MM|DD|HH|mm|ss|M|D|H|m|s|Z/g;

const compiled = new Map<string, RegExp>();

/** A pattern as a regular expression: tokens become groups, everything else is literal (spaces match any run of spaces). */
function patternRe(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  let src = '';
  let last = 0;
  for (const m of pattern.matchAll(TOKEN_RE)) {
    src += literal(pattern.slice(last, m.index)) + TOKENS[m[0]];
    last = m.index + m[0].length;
  }
  src += literal(pattern.slice(last));
  re = new RegExp(`^${src}$`);
  compiled.set(pattern, re);
  return re;
}

function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+');
}

/** Whether `format` is one this reader knows: a named format, or a pattern holding at least a year, month and day. */
export function isTimeFormat(format: string): boolean {
  if ((NAMED_FORMATS as readonly string[]).includes(format)) return true;
  const tokens = format.match(TOKEN_RE) ?? [];
  return ['YYYY', 'M', 'D'].every((t) => tokens.some((x) => x === t || x === t + t.slice(-1)));
}

// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included), in local wall time.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * `value` read by `format` in `timeZone`: the bundle's ISO 8601 with offset, or null when it
 * does not fit the format (or is no real date). A pattern with Z keeps the value's own offset's
 * instant; one without is wall time in `timeZone`.
 */
export function readTime(value: unknown, format: string, timeZone: string): string | null {
  // A spreadsheet's date cell holds wall time (Excel has no zone): its UTC fields are the local ones.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatLocal(localToUtc(value.getTime(), timeZone), timeZone);
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!text) return null;
  switch (format) {
    case 'epoch-s':
    case 'epoch-ms': {
      if (!/^\d{9,14}(\.\d+)?$/.test(text)) return null;
      const ms = Number(text) * (format === 'epoch-s' ? 1000 : 1);
      return Number.isFinite(ms) ? formatLocal(Math.round(ms), timeZone) : null;
    }
    case 'excel-serial': {
      if (!/^\d{1,6}(\.\d+)?$/.test(text)) return null;
      const wall = EXCEL_EPOCH_MS + Math.round(Number(text) * DAY_MS / 1000) * 1000;
      return formatLocal(localToUtc(wall, timeZone), timeZone);
    }
    case 'iso':
      return fromParts(/^(?<Y>\d{4})-(?<M>\d{2})-(?<D>\d{2})(?:[T ](?<H>\d{2}):(?<m>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d{1,9}))?)?)?(?<z>Z|[+-]\d{2}:?\d{2})?$/.exec(text)?.groups, timeZone);
    default:
      return fromParts(patternRe(format).exec(text)?.groups, timeZone);
  }
}

function fromParts(g: Record<string, string | undefined> | undefined, timeZone: string): string | null {
  if (!g) return null;
  // A date without a time stays a date: it means the whole local day (an end date covers it to its end).
  if (g.H === undefined && g.z === undefined) {
    const date = `${g.Y}-${g.M!.padStart(2, '0')}-${g.D!.padStart(2, '0')}`;
    const d = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date) ? date : null;
  }
  const [Y, M, D, H, m, s] = [g.Y, g.M, g.D, g.H ?? '0', g.m ?? '0', g.s ?? '0'].map(Number);
  const ms = Number((g.f ?? '0').slice(0, 3).padEnd(3, '0'));
  if (M < 1 || M > 12 || D < 1 || H > 23 || m > 59 || s > 59) return null;
  const wall = Date.UTC(Y, M - 1, D, H, m, s, ms);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== Y || check.getUTCMonth() !== M - 1 || check.getUTCDate() !== D) return null;
  if (!g.z) return formatLocal(localToUtc(wall, timeZone), timeZone);
  const offset = g.z === 'Z' ? 0 : (g.z[0] === '-' ? -1 : 1) * (Number(g.z.slice(1, 3)) * 60 + Number(g.z.slice(-2))) * 60_000;
  return formatLocal(wall - offset, timeZone);
}

/** The first of `formats` that reads `value`, with its result; null when none does. */
export function readTimeAny(value: unknown, formats: readonly string[], timeZone: string): { format: string; iso: string } | null {
  for (const format of formats) {
    const iso = readTime(value, format, timeZone);
    if (iso) return { format, iso };
  }
  return null;
}
