// Timestamps and dates of bundle-v1.md. A timestamp with an offset is exact; one without
// is local time in manifest.timezone. A date means that local calendar day.

const DAY_MS = 86_400_000;

const offsetCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = offsetCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetCache.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` at the UTC instant `utcMs`, in ms (east positive). */
function zoneOffsetAt(timeZone: string, utcMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

// Most bundles use a zone without DST (Asia/Shanghai); cache offsets per local hour so the
// hot path of the log pass does no Intl call.
const localHourCache = new Map<string, Map<number, number>>();

// Consecutive log events mostly fall in the same local hour: remember the last one.
let lastZone = '';
let lastHourKey = NaN;
let lastOffset = 0;

/** Epoch ms of a wall-clock time (as if UTC ms `wallMs`) in `timeZone`. */
export function localToUtc(wallMs: number, timeZone: string): number {
  const hourKey = Math.floor(wallMs / 3_600_000);
  if (hourKey === lastHourKey && timeZone === lastZone) return wallMs - lastOffset;
  let zoneCache = localHourCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    localHourCache.set(timeZone, zoneCache);
  }
  let offset = zoneCache.get(hourKey);
  if (offset === undefined) {
    // Two rounds settle the offset across a DST change.
    offset = zoneOffsetAt(timeZone, wallMs);
    offset = zoneOffsetAt(timeZone, wallMs - offset);
    if (zoneCache.size > 100_000) zoneCache.clear();
    zoneCache.set(hourKey, offset);
  }
  lastZone = timeZone;
  lastHourKey = hourKey;
  lastOffset = offset;
  return wallMs - offset;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (y < 0 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  return d <= DAYS_IN_MONTH[m - 1] + (leap ? 1 : 0);
}

let lastY = NaN;
let lastMo = NaN;
let lastD = NaN;
let lastDayMs = 0;

/**
 * Parse an ISO 8601 timestamp or date (`YYYY-MM-DD`, `YYYY/MM/DD`, with `T` or a space
 * before the time, optional seconds and fraction, optional `Z` or `±HH:MM`).
 * Returns epoch ms, or NaN when the text is not such a timestamp. A bare date is its
 * local 00:00.
 */
export function parseInstant(text: string, timeZone: string): number {
  const s = text.trim();
  if (s.length < 10) return NaN;
  const y = digits(s, 0, 4);
  const sep = s[4];
  if ((sep !== '-' && sep !== '/') || s[7] !== sep) return NaN;
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  // Events of a log share their day: validate and convert a day once.
  let dayMs: number;
  if (y === lastY && mo === lastMo && d === lastD) {
    dayMs = lastDayMs;
  } else {
    if (y < 0 || mo < 0 || d < 0 || !validDate(y, mo, d)) return NaN;
    dayMs = Date.UTC(y, mo - 1, d);
    lastY = y;
    lastMo = mo;
    lastD = d;
    lastDayMs = dayMs;
  }
  if (s.length === 10) return localToUtc(dayMs, timeZone);
  const t = s[10];
  if (t !== 'T' && t !== ' ' && t !== 't') return NaN;
  const h = digits(s, 11, 2);
  if (s[13] !== ':') return NaN;
  const mi = digits(s, 14, 2);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s[i] === ':') {
    sec = digits(s, i + 1, 2);
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
      let j = i + 1;
      let frac = '';
      while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) frac += s[j++];
      if (!frac) return NaN;
      ms = Math.floor(Number(('0.' + frac)) * 1000);
      i = j;
    }
  }
  if (h < 0 || h > 24 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return NaN;
  if (h === 24 && (mi !== 0 || sec !== 0 || ms !== 0)) return NaN;
  // Within the day (a leap second 60 rolls over as Date.UTC would).
  const wall = dayMs + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  if (i === s.length) return localToUtc(wall, timeZone);
  const z = s[i];
  if ((z === 'Z' || z === 'z') && i + 1 === s.length) return wall;
  if (z === '+' || z === '-') {
    const oh = digits(s, i + 1, 2);
    let om = 0;
    let end = i + 3;
    if (s[end] === ':') {
      om = digits(s, end + 1, 2);
      end += 3;
    } else if (end + 2 === s.length) {
      om = digits(s, end, 2);
      end += 2;
    }
    if (oh < 0 || om < 0 || oh > 23 || om > 59 || end !== s.length) return NaN;
    const off = (oh * 60 + om) * 60_000;
    return z === '+' ? wall - off : wall + off;
  }
  return NaN;
}

/** True when the text is a bare date (no time part). */
export function isDateOnly(text: string): boolean {
  return /^\d{4}[-/]\d{2}[-/]\d{2}$/.test(text.trim());
}

/** A date or timestamp used as a start: a date takes effect at its 00:00 local. */
export function startBound(text: string, timeZone: string): number {
  return parseInstant(text, timeZone);
}

/** A date or timestamp used as an end: a date covers the whole day, until 24:00 local. */
export function endBound(text: string, timeZone: string): number {
  const s = text.trim();
  if (isDateOnly(s)) {
    const start = parseInstant(s, timeZone);
    if (Number.isNaN(start)) return NaN;
    return localToUtc(wallOf(start, timeZone) + DAY_MS, timeZone);
  }
  return parseInstant(s, timeZone);
}

/** Wall-clock ms (as if UTC) of an instant in `timeZone`. */
function wallOf(utcMs: number, timeZone: string): number {
  return utcMs + zoneOffsetAt(timeZone, utcMs);
}

/** `YYYY-MM-DD` ± days, as a date string (calendar arithmetic, no zone). */
export function addDays(date: string, days: number): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Normalise `YYYY/MM/DD` to `YYYY-MM-DD`; null when not a valid date. */
export function normaliseDate(text: string): string | null {
  const s = text.trim();
  if (!isDateOnly(s)) return null;
  const out = s.replace(/\//g, '-');
  const [y, m, d] = out.split('-').map(Number);
  return validDate(y, m, d) ? out : null;
}

/** Local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(utcMs: number, timeZone: string): string {
  return new Date(wallOf(utcMs, timeZone)).toISOString().slice(0, 10);
}

/** Format an instant as local ISO time with offset, for messages. */
// Times written one after another mostly share their quarter hour (zones change offset only on
// quarter hours): remember the last one's offset.
let lastFormatZone = '';
let lastFormatQuarter = NaN;
let lastFormatOffset = 0;

export function formatLocal(utcMs: number, timeZone: string): string {
  const quarter = Math.floor(utcMs / 900_000);
  if (quarter !== lastFormatQuarter || timeZone !== lastFormatZone) {
    lastFormatOffset = zoneOffsetAt(timeZone, utcMs);
    lastFormatQuarter = quarter;
    lastFormatZone = timeZone;
  }
  const off = lastFormatOffset;
  const wall = new Date(utcMs + off).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off) / 60_000;
  return `${wall}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export { DAY_MS };
