import { describe, expect, it } from 'vitest';
import { addDays, endBound, formatLocal, localDate, normaliseDate, parseInstant, startBound } from './time.js';

const SH = 'Asia/Shanghai';

describe('timestamps and dates', () => {
  it('reads an offset exactly and a bare time in the bundle zone', () => {
    const exact = Date.parse('2026-03-01T01:15:00Z');
    expect(parseInstant('2026-03-01T09:15:00+08:00', SH)).toBe(exact);
    expect(parseInstant('2026-03-01T01:15:00Z', SH)).toBe(exact);
    expect(parseInstant('2026-03-01T09:15:00', SH)).toBe(exact);
    expect(parseInstant('2026-03-01 09:15:00', SH)).toBe(exact);
    expect(parseInstant('2026/03/01 09:15:00', SH)).toBe(exact);
    expect(parseInstant('2026-03-01T09:15', SH)).toBe(exact);
    expect(parseInstant('2026-03-01T09:15:00.250+0800', SH)).toBe(exact + 250);
    expect(parseInstant('2026-03-01T09:15:00', 'UTC')).toBe(Date.parse('2026-03-01T09:15:00Z'));
  });

  it('follows daylight saving in a zone that has it', () => {
    expect(parseInstant('2026-07-01T12:00:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T10:00:00Z'));
    expect(parseInstant('2026-01-01T12:00:00', 'Europe/Berlin')).toBe(Date.parse('2026-01-01T11:00:00Z'));
  });

  it('gives the same answers when consecutive timestamps share a day or an hour (its caches)', () => {
    expect(parseInstant('2026-03-01T09:15:00+08:00', SH)).toBe(Date.parse('2026-03-01T01:15:00Z'));
    expect(parseInstant('2026-03-01T23:59:59', SH)).toBe(Date.parse('2026-03-01T15:59:59Z'));
    expect(parseInstant('abcd-ef-ghT00:00:00', SH)).toBeNaN();
    expect(parseInstant('2026-03-01T24:00:00', SH)).toBe(Date.parse('2026-03-01T16:00:00Z'));
    expect(parseInstant('2026-07-01T12:00:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T10:00:00Z'));
    expect(parseInstant('2026-07-01T12:00:00', SH)).toBe(Date.parse('2026-07-01T04:00:00Z'));
    expect(parseInstant('2026-02-30T12:00:00', SH)).toBeNaN();
  });

  it('refuses what is not a timestamp', () => {
    for (const bad of ['', 'yesterday', '2026-02-30', '2026-13-01T00:00:00', '2026-03-01T25:00:00', '2026-03-01X10:00', '2026-03-01T10:00:00+8', '20260301']) {
      expect(parseInstant(bad, SH), bad).toBeNaN();
    }
  });

  it('treats a date as a start at 00:00 and as an end until 24:00 local', () => {
    expect(startBound('2026-03-01', SH)).toBe(Date.parse('2026-02-28T16:00:00Z'));
    expect(endBound('2026-03-01', SH)).toBe(Date.parse('2026-03-01T16:00:00Z'));
    expect(endBound('2026/12/31', SH)).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(endBound('2026-03-01T10:00:00+08:00', SH)).toBe(Date.parse('2026-03-01T02:00:00Z'));
  });

  it('does calendar arithmetic and formatting', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(normaliseDate('2026/03/05')).toBe('2026-03-05');
    expect(normaliseDate('2026-02-30')).toBeNull();
    expect(localDate(Date.parse('2026-03-01T17:00:00Z'), SH)).toBe('2026-03-02');
    expect(formatLocal(Date.parse('2026-03-01T01:15:00Z'), SH)).toBe('2026-03-01T09:15:00+08:00');
  });
});
