import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-15-02.js';

const requests = ['id,requester,scenario,reviewer,review_result', 'R1,u1,S1,u2,approved', 'R2,u3,S1,u3,approved', 'R3,u4,S1,u2,approved'].join('\n');
const approve = (id: string, actor: string, request: string, extra: object = {}) => ({
  event_id: id, ts: '2026-03-01T10:00:00+08:00', actor, action: 'approve', resource_type: 'request', resource: request, channel: 'platform', result: 'success', ...extra,
});

describe('JZ-15-02', () => {
  it('passes when no one reviews or approves their own request', () => {
    const out = runRule(rule, {
      requests: ['id,requester,reviewer', 'R1,u1,u2', 'R3,u4,u2'].join('\n'),
      logs: { 'logs/a.jsonl': [approve('E1', 'u2', 'R1'), approve('E2', 'u4', 'R3', { result: 'denied' })] },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ approveEvents: 1, selfApprovals: 0 });
  });

  it('fails on self-reviewed requests and self-approvals, with rows and events as evidence', () => {
    const out = runRule(rule, {
      requests,
      logs: {
        'logs/a.jsonl': [approve('E1', 'u2', 'R1'), approve('E2', 'u4', 'R3')],
        'logs/b.jsonl': [
          { ...approve('E3', 'u1', ''), resource_type: 'system', resource: 'PLATFORM', request: 'R1' }, // named through the request field
          approve('E4', 'u1', 'R1', { ts: '2025-12-01T10:00:00+08:00' }), // outside the period
          approve('E5', 'u9', 'R99'), // request not in requests.csv
        ],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId ?? i.eventId])).toEqual([
      ['requests.csv', 3, 'R2'],
      ['logs/a.jsonl', 2, 'E2'],
      ['logs/b.jsonl', 1, 'E3'],
      ['logs/b.jsonl', 3, 'E5'],
    ]);
    expect(out.figures).toMatchObject({ selfReviewedRequests: ['R2'], selfApprovals: 2, approvalsOfUnknownRequests: 1 });
  });

  it('fails on a self-reviewed request even without logs', () => {
    const out = runRule(rule, { requests });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['R2']);
  });

  it('lacks evidence without requests.csv or its columns, or without logs when the table is clean', () => {
    expect(runRule(rule, { logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { requests: 'id,requester\nR1,u1', logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { requests: 'id,requester,reviewer\nR1,u1,u2' }).status).toBe('insufficient_evidence');
  });
});
