import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import type { TestBundle } from '../../engine/testing.js';
import { rule } from './JZ-17-01.js';

// Period 2026-03-01 … 2026-03-10; retention of 180 days reaches back to 2025-09-11.
const period = { start: '2026-03-01', end: '2026-03-10' };
let n = 0;
const ev = (ts: string, extra: object = {}) => ({
  event_id: `E${++n}`, ts: ts.length === 16 ? `${ts}:00+08:00` : ts, actor: 'u1', action: 'query', resource_type: 'dataset',
  resource: 'DS1', channel: 'platform', result: 'success', ...extra,
});
const old = ev('2025-09-01T08:00', { result: 'failure' });
const bundle = (logs: TestBundle['logs']): TestBundle => ({ period, logs });

describe('JZ-17-01', () => {
  it('passes when files that overlap in time together leave no gap over the limit', () => {
    // a alone has a 132 h gap (03-04 → 03-09 12:00); b fills it.
    const out = runRule(rule, bundle({
      'logs/a.jsonl': [old, ev('2026-03-01T01:00'), ev('2026-03-04T00:00'), ev('2026-03-09T12:00')],
      'logs/b.jsonl': [ev('2026-03-06T00:00'), ev('2026-03-08T00:00'), ev('2026-03-10T20:00')],
    }));
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ gapCount: 0, longestGapHours: null, countedEvents: 6, firstEvent: '2026-03-01T01:00:00+08:00', lastEvent: '2026-03-10T20:00:00+08:00' });
  });

  it('fails on a gap of the merged sequence, one item per gap ending at its event, without event ids', () => {
    const out = runRule(rule, bundle({
      'logs/a.jsonl': [old, ev('2026-03-01T01:00'), ev('2026-03-02T00:00')],
      // A failed event and an event outside the period do not close the gap.
      'logs/b.jsonl': [ev('2026-03-03T00:00', { result: 'denied' }), ev('2026-03-06T00:00'), ev('2026-03-07T00:00'), ev('2026-03-10T20:00')],
      'logs/c.jsonl': [ev('2026-03-07T12:00'), ev('2026-03-11T08:00')],
    }));
    expect(out.status).toBe('fail');
    // 03-02 00:00 → 03-06 00:00 (96 h, ends at b line 2) and 03-07 12:00 → 03-10 20:00 (80 h, ends at b line 4).
    expect(out.evidence?.count).toBe(2);
    expect(out.evidence?.items.map((i) => [i.file, i.line])).toEqual([['logs/b.jsonl', 2], ['logs/b.jsonl', 4]]);
    expect(out.evidence?.items.every((i) => i.eventId === undefined)).toBe(true);
    expect(out.evidence?.items[0].excerpt).toContain('2026-03-02T00:00:00+08:00 至 2026-03-06T00:00:00+08:00');
    expect(out.evidence?.items[0].excerpt).toContain('96 小时');
    expect(out.message).toContain('相邻事件间隔超过 72 小时的有 2 处，最长 96 小时');
    expect(out.messageEn).toContain('2 gaps between events exceed 72 hours, the longest 96 hours (2026-03-02T00:00:00+08:00 to 2026-03-06T00:00:00+08:00)');
    expect(out.figures).toMatchObject({
      gapCount: 2,
      longestGapHours: 96,
      gaps: [
        { from: '2026-03-02T00:00:00+08:00', to: '2026-03-06T00:00:00+08:00', hours: 96, file: 'logs/b.jsonl', line: 2 },
        { from: '2026-03-07T12:00:00+08:00', to: '2026-03-10T20:00:00+08:00', hours: 80, file: 'logs/b.jsonl', line: 4 },
      ],
    });
  });

  it('meets the limit at exactly max_log_gap_hours and breaches it one second later', () => {
    const logs = (third: string) => ({ 'logs/a.jsonl': [old, ev('2026-03-01T01:00'), ev('2026-03-04T01:00'), ev(third), ev('2026-03-10T01:00')] });
    expect(runRule(rule, bundle(logs('2026-03-07T01:00'))).status).toBe('pass');
    const out = runRule(rule, bundle(logs('2026-03-07T01:00:01+08:00')));
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.line)).toEqual([4]);
  });

  it('reads the limit from params', () => {
    const b = bundle({ 'logs/a.jsonl': [old, ev('2026-03-01T01:00'), ev('2026-03-03T12:00'), ev('2026-03-06T00:00'), ev('2026-03-08T12:00'), ev('2026-03-10T20:00')] });
    expect(runRule(rule, b).status).toBe('pass');
    const out = runRule(rule, b, { max_log_gap_hours: 48 });
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ gapCount: 4, maxGapHours: 48, longestGapHours: 60 });
  });

  it('computes the gaps of a file that is not in time order', () => {
    // Sorted: 03-01 01:00, 03-04 00:00 (71 h), 03-07 00:00 (72 h), 03-10 20:00 (92 h): one gap, ended by line 3.
    const out = runRule(rule, bundle({
      'logs/a.jsonl': [ev('2026-03-07T00:00'), ev('2026-03-01T01:00'), ev('2026-03-10T20:00'), ev('2026-03-04T00:00'), old],
    }));
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ gapCount: 1, gaps: [{ from: '2026-03-07T00:00:00+08:00', to: '2026-03-10T20:00:00+08:00', hours: 92, line: 3 }] });
    // The same events split over two files in another order give the same gaps.
    const two = runRule(rule, bundle({
      'logs/a.jsonl': [ev('2026-03-10T20:00'), ev('2026-03-01T01:00'), old],
      'logs/b.jsonl': [ev('2026-03-07T00:00'), ev('2026-03-04T00:00')],
    }));
    expect(two.figures).toMatchObject({ gapCount: 1, gaps: [{ hours: 92, file: 'logs/a.jsonl', line: 1 }] });
  });

  it('fills every recorded gap of an out-of-order file back to a pass', () => {
    const out = runRule(rule, bundle({
      'logs/a.jsonl': [old, ev('2026-03-01T01:00'), ev('2026-03-10T20:00'), ev('2026-03-04T00:00'), ev('2026-03-07T00:00'), ev('2026-03-09T00:00')],
    }));
    expect(out.status).toBe('pass');
  });

  it('treats the margins as instants: first event by start + 24 h, last by end − 24 h', () => {
    const ok = runRule(rule, bundle({ 'logs/a.jsonl': [old, ev('2026-03-02T00:00'), ev('2026-03-04T00:00'), ev('2026-03-07T00:00'), ev('2026-03-10T00:00')] }));
    expect(ok.status).toBe('pass');
    const late = runRule(rule, bundle({ 'logs/a.jsonl': [old, ev('2026-03-02T00:00:01+08:00'), ev('2026-03-04T00:00'), ev('2026-03-07T00:00'), ev('2026-03-09T23:59')] }));
    expect(late.status).toBe('fail');
    expect(late.evidence?.items.map((i) => [i.file, i.line])).toEqual([['logs/a.jsonl', 2], ['logs/a.jsonl', 5]]);
    expect(late.evidence?.items[0].excerpt).toContain('2026-03-01T00:00:00+08:00 至 2026-03-02T00:00:01+08:00');
    expect(late.evidence?.items[1].excerpt).toContain('2026-03-09T23:59:00+08:00 至 2026-03-11T00:00:00+08:00');
    expect(late.figures).toMatchObject({ gapCount: 0, endMarginHours: 24.02 });
  });

  it('requires logs back to period.end − min_retention_days, counting any event with a time', () => {
    const inPeriod = [ev('2026-03-01T01:00'), ev('2026-03-04T00:00'), ev('2026-03-07T00:00'), ev('2026-03-09T12:00'), ev('2026-03-10T20:00')];
    // 2025-09-11 is period.end − 180 days: an event that day suffices, the next day does not.
    const onDay = runRule(rule, bundle({ 'logs/old.jsonl': [ev('2025-09-11T23:59', { result: 'denied' })], 'logs/a.jsonl': inPeriod }));
    expect(onDay.status).toBe('pass');
    const short = runRule(rule, bundle({ 'logs/old.jsonl': [ev('2025-09-12T00:00', { result: 'denied' })], 'logs/a.jsonl': inPeriod }));
    expect(short.status).toBe('fail');
    expect(short.evidence?.items).toHaveLength(1);
    expect(short.evidence?.items[0]).toMatchObject({ file: 'logs/old.jsonl', line: 1 });
    expect(short.evidence?.items[0].excerpt).toContain('2025-09-11');
    expect(short.figures).toMatchObject({ retentionDate: '2025-09-11', earliestEvent: '2025-09-12T00:00:00+08:00', gapCount: 0 });
    expect(runRule(rule, bundle({ 'logs/old.jsonl': [ev('2025-09-12T00:00')], 'logs/a.jsonl': inPeriod }), { min_retention_days: 179 }).status).toBe('pass');
  });

  it('fails when the logs hold no successful event in the period', () => {
    const out = runRule(rule, bundle({ 'logs/a.jsonl': [old, ev('2026-03-05T00:00', { result: 'failure' }), ev('2026-04-01T00:00')] }));
    expect(out.status).toBe('fail');
    expect(out.evidence?.items[0]).toMatchObject({ file: 'logs/' });
    expect(out.messageEn).toBe('No successful log event between 2026-03-01 and 2026-03-10: the logs do not cover the review period.');
  });

  it('agrees with sorting all events, for random overlapping and shuffled files', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const start = Date.parse('2026-02-25T00:00:00+08:00');
    const periodStart = Date.parse('2026-03-01T00:00:00+08:00');
    const periodEnd = Date.parse('2026-03-11T00:00:00+08:00');
    let totalGaps = 0;
    for (let round = 0; round < 200; round++) {
      const used = new Set<number>();
      const logs: Record<string, object[]> = { 'logs/0.jsonl': [old] };
      const all: { t: number; file: string; line: number; ok: boolean }[] = [];
      const nFiles = 1 + Math.floor(rand() * 4);
      for (let f = 0; f < nFiles; f++) {
        const file = `logs/${f}.jsonl`;
        const times: number[] = [];
        const count = Math.floor(rand() * 12);
        // Each file covers a random window, so files overlap; sparse enough to leave gaps.
        const from = start + Math.floor(rand() * 12) * 86_400_000;
        for (let i = 0; i < count; i++) {
          let t: number;
          do t = from + Math.floor(rand() * 8 * 24 * 60) * 60_000; while (used.has(t));
          used.add(t);
          times.push(t);
        }
        times.sort((a, b) => a - b);
        if (rand() < 0.4) times.sort(() => rand() - 0.5);
        const lines = logs[file] ?? (logs[file] = []);
        for (const t of times) {
          const ok = rand() < 0.85;
          lines.push(ev(new Date(t).toISOString(), ok ? {} : { result: 'failure' }));
          all.push({ t, file, line: lines.length, ok });
        }
      }
      const counted = all.filter((e) => e.ok && e.t >= periodStart && e.t < periodEnd).sort((a, b) => a.t - b.t);
      const expected = counted.slice(1).flatMap((e, i) =>
        e.t - counted[i].t > 72 * 3_600_000 ? [{ from: counted[i].t, to: e.t, file: e.file, line: e.line }] : []);
      const out = runRule(rule, bundle(logs));
      const gaps = (out.figures?.gaps ?? []) as { from: string; to: string; file: string; line: number }[];
      expect(gaps.map((g) => ({ from: Date.parse(g.from), to: Date.parse(g.to), file: g.file, line: g.line }))).toEqual(expected);
      expect(out.figures?.gapCount ?? 0).toBe(expected.length);
      totalGaps += expected.length;
    }
    expect(totalGaps).toBeGreaterThan(40);
  });

  it('lacks evidence without log files', () => {
    expect(runRule(rule, { period }).status).toBe('insufficient_evidence');
  });
});
