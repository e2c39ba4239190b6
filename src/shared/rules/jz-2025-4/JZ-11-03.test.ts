import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-11-03.js';

const requests = [
  'id,requester,reviewed_at,review_result',
  'R1,u1,2026-03-02T10:00:00+08:00,approved',
  'R2,u1,2026-03-05T10:00:00+08:00,rejected',
  'R3,u1,,pending',
  'R4,u1,2026-04-01,approved',
].join('\n');

const ev = (id: string, ts: string, request: string, extra: object = {}) => ({
  event_id: id, ts, actor: 'u1', action: 'query', resource_type: 'dataset', resource: 'DS1', request, channel: 'sandbox', result: 'success', ...extra,
});

describe('JZ-11-03', () => {
  it('passes when every event naming a request comes at or after its review', () => {
    const out = runRule(rule, {
      requests,
      logs: {
        'logs/a.jsonl': [
          ev('E1', '2026-03-02T10:00:00+08:00', 'R1'),
          ev('E2', '2026-04-01T00:00:00+08:00', 'R4'), // a review date takes effect at 00:00
          ev('E3', '2026-02-01T10:00:00+08:00', ''), // names no request
          ev('E4', '2026-03-01T10:00:00+08:00', 'R2', { result: 'denied' }),
        ],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ checkedEvents: 2, eventsBeforeReview: 0 });
  });

  it('fails on events before review, on rejected, pending and unknown requests', () => {
    const out = runRule(rule, {
      requests,
      logs: {
        'logs/a.jsonl': [
          ev('E1', '2026-03-02T09:59:59+08:00', 'R1'),
          ev('E2', '2026-06-01T10:00:00+08:00', 'R2'),
        ],
        'logs/b.jsonl': [
          ev('E3', '2026-06-01T10:00:00+08:00', 'R3'),
          ev('E4', '2026-06-01T10:00:00+08:00', 'R99'),
          ev('E5', '2026-06-01T10:00:00+08:00', 'R1'),
          ev('E6', '2026-03-31T23:00:00+08:00', '', { action: 'modify', resource_type: 'request', resource: 'R4' }),
        ],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([
      ['logs/a.jsonl', 1, 'E1'],
      ['logs/a.jsonl', 2, 'E2'],
      ['logs/b.jsonl', 1, 'E3'],
      ['logs/b.jsonl', 2, 'E4'],
      ['logs/b.jsonl', 4, 'E6'],
    ]);
    expect(out.figures).toMatchObject({ checkedEvents: 6, eventsBeforeReview: 5, unknownRequestRefs: 1 });
  });

  it('does not count the review itself (approve on the request) as using it', () => {
    const out = runRule(rule, {
      requests,
      logs: { 'logs/a.jsonl': [ev('E1', '2026-03-02T09:59:00+08:00', '', { action: 'approve', resource_type: 'request', resource: 'R1' })] },
    });
    expect(out.status).toBe('pass');
  });

  it('does not apply without requests and without events naming one', () => {
    const out = runRule(rule, { requests: 'id,reviewed_at,review_result', logs: { 'logs/a.jsonl': [ev('E1', '2026-03-02T10:00:00+08:00', '')] } });
    expect(out.status).toBe('not_applicable');
  });

  it('lacks evidence without requests.csv, its columns, or logs', () => {
    expect(runRule(rule, { logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { requests: 'id,requester\nR1,u1', logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { requests }).status).toBe('insufficient_evidence');
  });
});
