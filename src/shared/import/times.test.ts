import { describe, expect, it } from 'vitest';
import { isTimeFormat, readTime, readTimeAny } from './times.js';

const TZ = 'Asia/Shanghai';

describe('times as platforms export them', () => {
  it('reads patterns with Chinese units, with and without seconds, as wall time in the zone', () => {
    expect(readTime('2026年3月1日 9:15:00', 'YYYY年M月D日 H:mm:ss', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime('2026年03月01日  09:15:00', 'YYYY年M月D日 H:mm:ss', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime('2026/3/1 9:15', 'YYYY/M/D H:mm', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime('20260301091500', 'YYYYMMDDHHmmss', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime('2026年3月1日 9时15分0秒', 'YYYY年M月D日 H时m分s秒', TZ)).toBe('2026-03-01T09:15:00+08:00');
  });

  it('keeps the instant of a time written with an offset, shown in the zone', () => {
    expect(readTime('2026-03-01T09:15:00.000+0800', 'YYYY-MM-DDTHH:mm:ss.SSSZ', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime('2026-03-01T01:15:00.5Z', 'YYYY-MM-DDTHH:mm:ss.SSSZ', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime('2026-03-01T01:15:00Z', 'iso', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime('2026-03-01 09:15:00', 'iso', TZ)).toBe('2026-03-01T09:15:00+08:00');
  });

  it('reads epoch seconds and milliseconds, numbers or text, and Excel serial days as wall time', () => {
    const ms = Date.parse('2026-03-01T09:15:00+08:00');
    expect(readTime(ms, 'epoch-ms', TZ)).toBe('2026-03-01T09:15:00+08:00');
    expect(readTime(String(ms / 1000), 'epoch-s', TZ)).toBe('2026-03-01T09:15:00+08:00');
    // 46082 is 2026-03-01 in Excel; .385416… is 09:15.
    expect(readTime('46082.38541666667', 'excel-serial', TZ)).toBe('2026-03-01T09:15:00+08:00');
    // A date cell exceljs hands over holds the wall time in its UTC fields.
    expect(readTime(new Date(Date.UTC(2026, 2, 1, 9, 15)), 'YYYY-MM-DD', TZ)).toBe('2026-03-01T09:15:00+08:00');
  });

  it('keeps a date without a time a date: it means the whole local day', () => {
    expect(readTime('2026年3月1日', 'YYYY年M月D日', TZ)).toBe('2026-03-01');
    expect(readTime('2026-12-31', 'iso', TZ)).toBe('2026-12-31');
  });

  it('reads nothing that does not fit, and no day that does not exist', () => {
    expect(readTime('2026-02-30 09:00:00', 'YYYY-MM-DD HH:mm:ss', TZ)).toBeNull();
    expect(readTime('2026-03-01 25:00:00', 'YYYY-MM-DD HH:mm:ss', TZ)).toBeNull();
    expect(readTime('03/01/2026', 'YYYY/M/D', TZ)).toBeNull();
    expect(readTime('', 'iso', TZ)).toBeNull();
    expect(readTime('12', 'epoch-ms', TZ)).toBeNull();
    expect(readTime('abc', 'excel-serial', TZ)).toBeNull();
  });

  it('takes the first format that reads a value, and knows which formats are formats', () => {
    expect(readTimeAny('1740791700000', ['YYYY-MM-DD', 'epoch-ms'], TZ)).toEqual({ format: 'epoch-ms', iso: '2025-03-01T09:15:00+08:00' });
    expect(readTimeAny('x', ['iso', 'epoch-ms'], TZ)).toBeNull();
    expect(['iso', 'YYYY年M月D日', 'YYYY/MM/DD HH:mm'].every(isTimeFormat)).toBe(true);
    expect(['HH:mm', 'YYYY', 'M/D', 'nonsense'].some(isTimeFormat)).toBe(false);
  });
});
