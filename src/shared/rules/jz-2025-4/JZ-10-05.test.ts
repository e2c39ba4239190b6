import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-10-05.js';

const ev = (id: string, action: string, resource_type: string, extra: object = {}) => ({
  event_id: id, ts: '2026-08-30T02:17:00+08:00', actor: 'u5', action, resource_type, resource: 'X', result: 'success', ...extra,
});

describe('JZ-10-05', () => {
  it('passes when no log is deleted and no dataset modified or deleted', () => {
    const out = runRule(rule, {
      logs: { 'logs/a.jsonl': [ev('E1', 'modify', 'product'), ev('E2', 'delete', 'model'), ev('E3', 'log_export', 'log'), ev('E4', 'query', 'dataset')] },
    });
    expect(out.status).toBe('pass');
  });

  it('fails on log deletion and on modifying or deleting a dataset', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [ev('E1', 'login', 'system'), ev('E2', 'log_delete', 'log')],
        'logs/b.jsonl': [ev('E3', '修改', 'dataset'), ev('E4', 'delete', '数据集'), ev('E5', 'log_delete', 'system')],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([
      ['logs/a.jsonl', 2, 'E2'],
      ['logs/b.jsonl', 1, 'E3'],
      ['logs/b.jsonl', 2, 'E4'],
      ['logs/b.jsonl', 3, 'E5'],
    ]);
    expect(out.figures).toEqual({ logDeletes: 2, datasetModifyOrDelete: 2 });
  });

  it('ignores attempts that did not succeed and events outside the period', () => {
    const out = runRule(rule, {
      logs: { 'logs/a.jsonl': [ev('E1', 'log_delete', 'log', { result: 'denied' }), ev('E2', 'delete', 'dataset', { ts: '2025-12-31T23:00:00+08:00' })] },
    });
    expect(out.status).toBe('pass');
  });

  it('lacks evidence without logs', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
