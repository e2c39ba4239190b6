// The window of logs read around an incident: offsets from detected_at, written as the
// command line takes them (-24h..+72h). Pure.

export interface AroundWindow {
  /** Minutes relative to detected_at; negative is before. */
  startMinutes: number;
  endMinutes: number;
}

export const DEFAULT_WINDOW: AroundWindow = { startMinutes: -24 * 60, endMinutes: 72 * 60 };

/** Longest window accepted: a year each way is more than any review needs. */
const MAX_MINUTES = 366 * 24 * 60;

const UNIT_MINUTES: Record<string, number> = { m: 1, min: 1, h: 60, d: 1440 };

function offset(s: string): number | null {
  const m = /^([+-]?)(\d+(?:\.\d+)?)(m|min|h|d)$/i.exec(s.trim());
  if (!m) return null;
  const v = Number(m[2]) * UNIT_MINUTES[m[3].toLowerCase()] * (m[1] === '-' ? -1 : 1);
  return Number.isFinite(v) && Math.abs(v) <= MAX_MINUTES ? v : null;
}

/** `-24h..+72h` (units m, h, d) → minutes; null when not such a window or when it is empty. */
export function parseWindow(text: string): AroundWindow | null {
  const m = /^(.+?)\.\.(.+)$/.exec(text.trim());
  if (!m) return null;
  const start = offset(m[1]);
  const end = offset(m[2]);
  if (start === null || end === null || start >= end) return null;
  return { startMinutes: start, endMinutes: end };
}

function part(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  const unit = a % 1440 === 0 && a >= 1440 * 7 ? `${a / 1440}d` : a % 60 === 0 ? `${a / 60}h` : `${a}m`;
  return sign + unit;
}

/** The window as the command line writes it, e.g. `-24h..+72h`. */
export function formatWindow(w: AroundWindow): string {
  return `${part(w.startMinutes)}..${part(w.endMinutes)}`;
}

/** In Chinese, e.g. 发现前 24 小时至发现后 72 小时. */
export function describeWindow(w: AroundWindow): string {
  const side = (min: number) => {
    const a = Math.abs(min);
    const amount = a % 60 === 0 ? `${a / 60} 小时` : `${a} 分钟`;
    return min < 0 ? `发现前 ${amount}` : min === 0 ? '发现时' : `发现后 ${amount}`;
  };
  return `${side(w.startMinutes)}至${side(w.endMinutes)}`;
}
