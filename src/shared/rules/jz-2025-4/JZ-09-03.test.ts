import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-09-03.js';

const ev = (id: string, ts: string, extra: object = {}) => ({
  event_id: id, ts, actor: 'u1', action: 'login', resource_type: 'system', resource: 'PLATFORM', result: 'success', ...extra,
});
const agreement = { start: '2026-01-03', end: '2026-11-30' };

describe('JZ-09-03', () => {
  it('passes when every successful event lies in the agreement term (start day and end day included)', () => {
    const out = runRule(rule, {
      agreement,
      logs: {
        'logs/a.jsonl': [ev('E1', '2026-01-03T00:00:00+08:00'), ev('E2', '2026-11-30T23:59:59+08:00')],
        // Failed events and events outside the review period are not looked at.
        'logs/b.jsonl': [ev('E3', '2026-01-02T10:00:00+08:00', { result: 'denied' }), ev('E4', '2025-12-01T10:00:00+08:00')],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ successEvents: 2 });
  });

  it('fails on events before the start and after the end', () => {
    const out = runRule(rule, {
      agreement,
      logs: {
        'logs/a.jsonl': [ev('E1', '2026-01-02T23:59:59+08:00'), ev('E2', '2026-01-03 08:00:00')],
        'logs/b.jsonl': [ev('E3', '2026-12-01T00:00:00+08:00')],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([['logs/a.jsonl', 1, 'E1'], ['logs/b.jsonl', 1, 'E3']]);
    expect(out.figures).toMatchObject({ beforeStart: 1, afterEnd: 1 });
  });

  it('lacks evidence without the agreement, its dates or logs', () => {
    const logs = { 'logs/a.jsonl': [ev('E1', '2026-03-01T10:00:00+08:00')] };
    expect(runRule(rule, { logs }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { logs, agreement: { start: '2026-01-01' } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { agreement }).status).toBe('insufficient_evidence');
  });
});
