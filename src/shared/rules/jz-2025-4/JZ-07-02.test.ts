import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-07-02.js';

const ev = (id: string, extra: object = {}) => ({
  event_id: id, ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action: 'query', resource_type: 'dataset', resource: 'DS1',
  channel: 'sandbox', result: 'success', ...extra,
});

describe('JZ-07-02', () => {
  it('passes when every event has the seven fields', () => {
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [ev('E1'), ev('E2', { result: 'denied' })], 'logs/b.jsonl': [ev('E3')] } });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ events: 3, incomplete: 0 });
  });

  it('fails on incomplete events of every kind: failed, outside the period, empty ts', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [
          ev('E1'),
          ev('E2', { actor: '  ' }),
          ev('E3', { ts: '', result: 'failure' }),
        ],
        'logs/b.jsonl': [
          ev('E4', { ts: '2025-06-01T10:00:00+08:00', resource: '' }),
          ev('E5', { result: undefined }),
          { ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action: 'login', resource_type: 'system', resource: 'P', result: 'success' },
        ],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.count).toBe(5);
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([
      ['logs/a.jsonl', 2, 'E2'],
      ['logs/a.jsonl', 3, 'E3'],
      ['logs/b.jsonl', 1, 'E4'],
      ['logs/b.jsonl', 2, 'E5'],
      ['logs/b.jsonl', 3, undefined],
    ]);
    expect(out.figures).toMatchObject({ events: 6, incomplete: 5, missingByField: { event_id: 1, ts: 1, actor: 1, resource: 1, result: 1 } });
    expect(out.message).toContain('6 条日志事件中有 5 条');
  });

  it('passes within max_incomplete_ratio, still listing the incomplete events', () => {
    const logs = { 'logs/a.jsonl': [ev('E1'), ev('E2'), ev('E3'), ev('E4', { action: '' })] };
    const within = runRule(rule, { logs }, { max_incomplete_ratio: 0.25 });
    expect(within.status).toBe('pass');
    expect(within.evidence?.items.map((i) => i.eventId)).toEqual(['E4']);
    expect(runRule(rule, { logs }, { max_incomplete_ratio: 0.2 }).status).toBe('fail');
    expect(runRule(rule, { logs }).status).toBe('fail');
  });

  it('lacks evidence without logs or without any parsed event', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { logs: { 'logs/a.jsonl': ['not json'] } }).status).toBe('insufficient_evidence');
  });
});
