import { normaliseDate } from '../shared/bundle/time.js';

/** Wrong arguments: exit 2 with the message. */
export class UsageError extends Error {}

/** `--period START..END` (dates YYYY-MM-DD or YYYY/MM/DD), or a usage error. */
export function parsePeriod(text: string): { start: string; end: string } {
  const m = /^(.+)\.\.(.+)$/.exec(text.trim());
  const start = m ? normaliseDate(m[1]) : null;
  const end = m ? normaliseDate(m[2]) : null;
  if (!start || !end) throw new UsageError(`--period must be START..END with dates YYYY-MM-DD, got "${text}"`);
  if (start > end) throw new UsageError(`--period starts after it ends: ${text}`);
  return { start, end };
}
