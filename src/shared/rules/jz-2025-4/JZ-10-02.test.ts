import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-10-02.js';

const OP = '91210700MA0JZ0001X';
const ev = (id: string, action: string, destination: string | undefined, extra: object = {}) => ({
  event_id: id, ts: '2026-05-19T14:00:00+08:00', actor: 'u1', action, resource_type: 'dataset', resource: 'DS1',
  destination, channel: 'platform', result: 'success', ...extra,
});

describe('JZ-10-02', () => {
  it('passes when datasets go only to the operator itself and products go out', () => {
    const out = runRule(rule, {
      operator: { id: OP },
      logs: {
        'logs/a.jsonl': [ev('E1', 'export', OP), ev('E2', 'download', OP.toLowerCase())],
        'logs/b.jsonl': [ev('E3', 'deliver', 'P01', { resource_type: 'product', resource: 'PR1' }), ev('E4', 'query', 'P01')],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ datasetOutbound: 2, leaving: 0 });
  });

  it('fails on raw data leaving the operator, an empty destination counting as leaving', () => {
    const out = runRule(rule, {
      operator: { id: OP },
      logs: {
        'logs/a.jsonl': [ev('E1', 'export', 'P03'), ev('E2', 'export', OP)],
        'logs/b.jsonl': [ev('E3', '共享', undefined), ev('E4', 'deliver', 'P05', { resource_type: '数据集' })],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([
      ['logs/a.jsonl', 1, 'E1'],
      ['logs/b.jsonl', 1, 'E3'],
      ['logs/b.jsonl', 2, 'E4'],
    ]);
    expect(out.figures).toMatchObject({ leaving: 3, emptyDestination: 1 });
  });

  it('ignores failed events and events outside the period', () => {
    const out = runRule(rule, {
      operator: { id: OP },
      logs: { 'logs/a.jsonl': [ev('E1', 'export', 'P03', { result: 'denied' }), ev('E2', 'export', 'P03', { ts: '2027-01-01T00:00:00+08:00' })] },
    });
    expect(out.status).toBe('pass');
  });

  it('falls back to the manifest operator id', () => {
    const out = runRule(rule, { operatorId: 'OPX', logs: { 'logs/a.jsonl': [ev('E1', 'export', 'OPX')] } });
    expect(out.status).toBe('pass');
  });

  it('lacks evidence without logs', () => {
    expect(runRule(rule, { operator: { id: OP } }).status).toBe('insufficient_evidence');
  });
});
