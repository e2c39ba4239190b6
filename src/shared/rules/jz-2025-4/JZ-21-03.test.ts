import { describe, expect, it } from 'vitest';
import type { TestBundle } from '../../engine/testing.js';
import { eventsOf, makeContext, makeRecords, runRule } from '../../engine/testing.js';
import { burstsOf, episodesOf, MAX_SIGN_EVENTS, rule } from './JZ-21-03.js';
import type { SignEvent } from './JZ-21-03.js';

const at = (minute: number, second = 0) => {
  const m = 600 + minute; // from 10:00
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `2026-03-27T${hh}:${mm}:${String(second).padStart(2, '0')}+08:00`;
};
const ev = (id: string, ts: string, extra: object = {}) => ({
  event_id: id, ts, actor: 'u1', action: 'query', resource_type: 'dataset', resource: 'DS1', channel: 'platform', result: 'success', ...extra,
});
const denied = (id: string, ts: string, actor = 'u9') => ev(id, ts, { actor, result: 'denied' });
/** `n` denied events by `actor`, `stepSec` seconds apart from 10:00 + `fromMin`. */
const deniedRun = (prefix: string, n: number, stepSec: number, fromMin = 0, actor = 'u9') =>
  Array.from({ length: n }, (_, i) => denied(`${prefix}${String(i).padStart(3, '0')}`, at(fromMin + Math.floor((i * stepSec) / 60), (i * stepSec) % 60), actor));
const ids = (out: ReturnType<typeof runRule>) => out.evidence?.items.map((i) => i.eventId);

describe('JZ-21-03', () => {
  it('keeps at most MAX_SIGN_EVENTS sign events, across files, and says how many it did not examine', () => {
    const deletes = (file: string, n: number) => Array.from({ length: n }, (_, i) => ev(`${file}${i}`, at(i % 600), { action: 'log_delete', actor: `u${i}` }));
    const out = runRule(rule, { logs: { 'logs/a.jsonl': deletes('A', MAX_SIGN_EVENTS - 10), 'logs/b.jsonl': deletes('B', 25) } });
    expect(out.status).toBe('needs_review');
    expect(out.figures).toMatchObject({ signEventsNotExamined: 15, episodeCount: MAX_SIGN_EVENTS });
    expect(out.message).toContain('其后的 15 条未纳入判断');
    expect(out.messageEn).toContain('the 15 later ones were not examined and need review');
  });

  it('passes without signs: normal events, few denials, a small export', () => {
    const out = runRule(rule, {
      logs: { 'logs/a.jsonl': [ev('E1', at(0)), ...deniedRun('D', 19, 10), ev('E2', at(5), { action: 'export', records: 99999 })] },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ deniedEventsInPeriod: 19, episodeCount: 0 });
  });

  it('flags a successful log_delete and a bulk export, pointing at file, line and event', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [ev('E1', at(0)), ev('E2', at(1), { action: 'log_delete', resource_type: 'log' })],
        'logs/b.jsonl': [ev('E3', at(2), { action: 'download', records: 100000 }), ev('E4', at(3), { action: 'query', records: 500000 })],
      },
    });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([['logs/a.jsonl', 2, 'E2'], ['logs/b.jsonl', 1, 'E3']]);
    expect(out.figures).toMatchObject({ logDeletes: 1, bulkTransfers: 1, deniedBursts: 0 });
  });

  it('ignores failed or denied log deletes and bulk transfers, and events outside the period', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [
          ev('E1', at(0), { action: 'log_delete', result: 'failure' }),
          ev('E2', at(1), { action: 'export', records: 200000, result: 'failure' }),
          ev('E3', '2025-12-31T23:00:00+08:00', { action: 'log_delete' }),
          ...deniedRun('X', 25, 5).map((e) => ({ ...e, ts: e.ts.replace('2026-03-27', '2027-01-02') })),
        ],
      },
    });
    expect(out.status).toBe('pass');
  });

  it('finds a denied burst at exactly 20 events within exactly 10 minutes, not 19 or 10 min 1 s', () => {
    // 20 events 30 s apart span 9.5 min; 20 events at 0..600 s with the last at 600 s span exactly 10 min.
    const exact = [...deniedRun('D', 19, 30), denied('D019', at(10))];
    const a = runRule(rule, { logs: { 'logs/a.jsonl': exact } });
    expect(a.status).toBe('needs_review');
    expect(a.evidence?.count).toBe(20);
    const over = [...deniedRun('D', 19, 30), denied('D019', at(10, 1))];
    // 19 events within 10 min, the 20th 10 min 1 s after the first: events 1..19 span 9 min 31 s, only 19.
    expect(runRule(rule, { logs: { 'logs/a.jsonl': over } }).status).toBe('pass');
    expect(runRule(rule, { logs: { 'logs/a.jsonl': deniedRun('D', 19, 1) } }).status).toBe('pass');
  });

  it('takes the maximal burst: every denial of the actor in the connected run, and no other actor', () => {
    // 40 denials 20 s apart (13 min, longer than one window) then 2 stragglers 3 h later; another actor interleaved.
    const run = deniedRun('D', 40, 20);
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [...run, denied('D900', at(180)), denied('D901', at(181))],
        'logs/b.jsonl': deniedRun('O', 10, 5, 0, 'u8'),
      },
    });
    expect(out.status).toBe('needs_review');
    expect(ids(out)).toEqual(run.map((e) => e.event_id));
    expect(out.figures).toMatchObject({ deniedBursts: 1, deniedEventsInPeriod: 52 });
    expect(out.message).toContain('集中拒绝访问 1 段（共 40 次拒绝，操作人 u9）');
    expect(out.messageEn).toBe('1 sign of a possibly unreported incident in the period: 1 burst of denied access (40 denials, actor u9). Please check whether they should have been reported.');
  });

  it('keeps two bursts of one actor apart when no qualifying window joins them', () => {
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [...deniedRun('A', 20, 10), ...deniedRun('B', 20, 10, 60)] } });
    expect(out.figures).toMatchObject({ deniedBursts: 2 });
    expect(out.evidence?.count).toBe(40);
  });

  it('merges denied events of files that overlap in time, whole and split alike', () => {
    // Two files for the same hour, 10 denials each, interleaved: only together are they a burst.
    const all = deniedRun('D', 20, 15);
    const out = runRule(rule, { logs: { 'logs/x.jsonl': all.filter((_, i) => i % 2 === 0), 'logs/y.jsonl': all.filter((_, i) => i % 2 === 1) } });
    expect(out.status).toBe('needs_review');
    expect(ids(out)).toEqual(all.map((e) => e.event_id));
  });

  it('does not count signs less than 24 h from an incident, and exactly 24 h is not covered', () => {
    const incidents = [{ id: 'INC-1', grade: 'general', detected_at: '2026-03-28T10:00:00+08:00' }];
    const covered = runRule(rule, {
      incidents,
      logs: { 'logs/a.jsonl': [ev('E1', '2026-03-27T10:00:01+08:00', { action: 'log_delete' }), ...deniedRun('D', 20, 10)] },
    });
    // The burst starts at 10:00:00 on 03-27, exactly 24 h before: only its later events are within 24 h.
    expect(covered.status).toBe('pass');
    expect(covered.figures).toMatchObject({ coveredEpisodes: 2, episodeCount: 2 });
    const exact = runRule(rule, { incidents, logs: { 'logs/a.jsonl': [ev('E1', '2026-03-27T10:00:00+08:00', { action: 'log_delete' })] } });
    expect(exact.status).toBe('needs_review');
    const eps = exact.figures?.episodes as { nearestIncident: unknown; covered: boolean }[];
    expect(eps[0]).toMatchObject({ covered: false, nearestIncident: { id: 'INC-1', minutesApart: 1440 } });
  });

  it('reads thresholds from the params', () => {
    const logs = { 'logs/a.jsonl': [...deniedRun('D', 5, 10), ev('E1', at(30), { action: 'share', records: 5000 })] };
    expect(runRule(rule, { logs }).status).toBe('pass');
    const out = runRule(rule, { logs }, { denied_burst_count: 5, denied_burst_minutes: 1, bulk_records_threshold: 5000 });
    expect(out.status).toBe('needs_review');
    expect(out.figures).toMatchObject({ deniedBursts: 1, bulkTransfers: 1 });
  });

  it('lacks evidence without logs', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});

describe('JZ-21-03 episodesOf', () => {
  const bundle: TestBundle = {
    incidents: [{ id: 'INC-1', detected_at: '2026-03-27T12:00:00+08:00' }, { id: 'INC-2', detected_at: '2026-06-01T09:00:00+08:00' }],
    logs: {
      'logs/a.jsonl': [...deniedRun('D', 20, 10), ev('E1', '2026-05-30T09:00:00+08:00', { actor: 'u3', action: 'export', records: 300000 })],
      'logs/b.jsonl': [ev('E2', '2026-08-01T09:00:00+08:00', { actor: 'u4', action: 'log_delete' })],
    },
  };
  const finished = () => {
    const records = makeRecords(bundle);
    const ctx = makeContext(records, rule);
    const state = rule.init(ctx);
    for (const f of eventsOf(bundle)) for (const e of f.events) rule.onEvent(state, e, e.t >= ctx.periodStartMs && e.t < ctx.periodEndMs, ctx);
    return { state, ctx };
  };

  it('groups the signs into episodes with times and the nearest incident, without changing the state', () => {
    const { state, ctx } = finished();
    const before = JSON.stringify([...state.denied]);
    const eps = episodesOf(state, ctx);
    expect(JSON.stringify([...state.denied])).toBe(before);
    expect(eps.map((e) => [e.kind, e.actor, e.events.length, e.covered])).toEqual([
      ['denied_burst', 'u9', 20, true],
      ['bulk_transfer', 'u3', 1, false],
      ['log_delete', 'u4', 1, false],
    ]);
    expect(eps[0]).toMatchObject({ first: '2026-03-27T10:00:00+08:00', last: '2026-03-27T10:03:10+08:00', nearestIncident: { id: 'INC-1', minutesApart: 116.8 } });
    expect(eps[1].nearestIncident).toMatchObject({ id: 'INC-2', minutesApart: 2880 });
    expect(eps[2].nearestIncident?.id).toBe('INC-2');
    expect(episodesOf(state, ctx)).toEqual(eps);
  });

  it('puts the episodes into the figures', () => {
    const out = runRule(rule, bundle);
    expect(out.status).toBe('needs_review');
    const eps = out.figures?.episodes as { kind: string; eventCount: number; events: { eventId: string }[] }[];
    expect(eps.map((e) => [e.kind, e.eventCount])).toEqual([['denied_burst', 20], ['bulk_transfer', 1], ['log_delete', 1]]);
    expect(eps[1].events[0].eventId).toBe('E1');
    // The covered burst is listed in the figures but is not evidence.
    expect(ids(out)).toEqual(['E1', 'E2']);
    // The same episodes as a table people read: kind, actor, span, events and the nearest incident.
    expect(out.figures?.episodeTable).toEqual([
      { kind: 'denied_burst', actor: 'u9', first: '2026-03-27T10:00:00+08:00', last: '2026-03-27T10:03:10+08:00', eventCount: 20, nearestIncident: 'INC-1', minutesApart: 116.8, covered: true },
      { kind: 'bulk_transfer', actor: 'u3', first: '2026-05-30T09:00:00+08:00', last: '2026-05-30T09:00:00+08:00', eventCount: 1, nearestIncident: 'INC-2', minutesApart: 2880, covered: false },
      { kind: 'log_delete', actor: 'u4', first: '2026-08-01T09:00:00+08:00', last: '2026-08-01T09:00:00+08:00', eventCount: 1, nearestIncident: 'INC-2', minutesApart: expect.any(Number), covered: false },
    ]);
    expect(out.message).toContain('日志删除 1 次，大批量导出/下载/共享 1 次；另有 1 处迹象在已报告事件发现前后 24 小时内，视为已覆盖');
    expect(out.messageEn).toContain('1 log deletion, 1 bulk transfer; 1 more sign within 24 hours');
  });
});

describe('JZ-21-03 burstsOf', () => {
  const s = (...secs: number[]): SignEvent[] => secs.map((t, i) => ({ t: t * 1000, file: 'f', line: i + 1, eventId: `E${i}`, excerpt: '' }));
  it('joins windows that share an event and splits those that do not', () => {
    // count 3, window 10 s: [0,5,10] and [10,15,20] share the event at 10 s → one burst.
    expect(burstsOf(s(0, 5, 10, 15, 20), 3, 10_000).map((b) => b.length)).toEqual([5]);
    // [0,1,2] and [20,21,22]: two bursts; the lone 50 s event in none.
    expect(burstsOf(s(0, 1, 2, 20, 21, 22, 50), 3, 10_000).map((b) => b.map((e) => e.t / 1000))).toEqual([[0, 1, 2], [20, 21, 22]]);
    expect(burstsOf(s(0, 6, 12), 3, 10_000)).toEqual([]);
  });
});

describe('JZ-21-03 memory', () => {
  it('keeps excerpts only for denied events that fall in a burst window', () => {
    const b: TestBundle = { logs: { 'logs/a.jsonl': [...deniedRun('L', 3, 600, 0, 'u1'), ...deniedRun('B', 20, 10, 100, 'u2')] } };
    const records = makeRecords(b);
    const ctx = makeContext(records, rule);
    const state = rule.init(ctx);
    for (const f of eventsOf(b)) {
      for (const e of f.events) rule.onEvent(state, e, true, ctx);
      rule.endFile!(state, f.file, ctx);
    }
    expect(state.denied.get('u1')!.map((e) => e.excerpt)).toEqual(['', '', '']);
    expect(state.denied.get('u2')!.map((e) => e.excerpt.length > 0)).toEqual(Array(20).fill(true));
    const out = rule.finish(state, ctx);
    expect(out.evidence!.items).toHaveLength(20);
    expect(out.evidence!.items.map((i) => i.excerpt?.includes(`"${i.eventId}"`))).toEqual(Array(20).fill(true));
  });
});
