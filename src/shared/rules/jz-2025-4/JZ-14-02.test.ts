import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { MAX_DATASETS, rule } from './JZ-14-02.js';

const agreement = { start: '2026-01-01', end: '2030-12-31', scope_datasets: ['DS1', 'DS2'] };
const products = ['id,name,source_datasets', 'PR1,a,DS1', 'PR2,b,DS1;DS2', 'PR3,c,DS2；DS9'].join('\n');
const ev = (id: string, resource: string, extra: object = {}) => ({
  event_id: id, ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action: 'query', resource_type: 'dataset', resource, channel: 'sandbox', result: 'success', ...extra,
});

describe('JZ-14-02', () => {
  it('counts datasets one by one up to MAX_DATASETS, the events on further ones together, and says so', () => {
    const many = Array.from({ length: MAX_DATASETS + 5 }, (_, i) => ev(`E${i}`, `X${i}`));
    const out = runRule(rule, { agreement, products, logs: { 'logs/a.jsonl': many.slice(0, 6000), 'logs/b.jsonl': many.slice(6000) } });
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ eventsOutOfScope: MAX_DATASETS + 5, datasetsOutOfScopeCount: MAX_DATASETS, eventsOnUncountedDatasets: 5 });
    expect(out.message).toContain('后的 5 次未按数据集逐一统计');
    expect(out.messageEn).toContain('past 10,000 distinct datasets, 5 more events are not counted dataset by dataset');
  });

  it('passes when products and dataset events stay in scope', () => {
    const out = runRule(rule, {
      agreement,
      products: ['id,name,source_datasets', 'PR1,a,DS1', 'PR2,b,DS1;DS2'].join('\n'),
      logs: {
        'logs/a.jsonl': [ev('E1', 'DS1'), ev('E2', 'DS2', { action: 'develop' })],
        'logs/b.jsonl': [ev('E3', 'DS9', { result: 'denied' }), ev('E4', 'DS9', { ts: '2025-12-01T10:00:00+08:00' }), ev('E5', 'PR1', { resource_type: 'product' })],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ checkedEvents: 2, eventsOutOfScope: 0 });
  });

  it('fails on products and events out of scope, with both rows and events as evidence', () => {
    const out = runRule(rule, {
      agreement,
      products,
      logs: { 'logs/a.jsonl': [ev('E1', 'DS1')], 'logs/b.jsonl': [ev('E2', 'DS8'), ev('E3', 'DS1'), ev('E4', 'DS8', { action: 'export' })] },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.count).toBe(3);
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId ?? i.eventId])).toEqual([
      ['products.csv', 4, 'PR3'],
      ['logs/b.jsonl', 1, 'E2'],
      ['logs/b.jsonl', 3, 'E4'],
    ]);
    expect(out.figures).toMatchObject({ productsOutOfScope: [{ id: 'PR3', datasets: ['DS9'] }], datasetsOutOfScope: { DS8: 2 } });
  });

  it('fails on an out-of-scope product even without logs', () => {
    const out = runRule(rule, { agreement, products });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['PR3']);
  });

  it('lacks evidence without the scope, or when products or logs are missing and nothing is out of scope', () => {
    expect(runRule(rule, { products, logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { agreement: { start: '2026-01-01' }, products, logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { agreement, logs: { 'logs/a.jsonl': [ev('E1', 'DS1')] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { agreement, products: 'id,name,source_datasets\nPR1,a,DS1' }).status).toBe('insufficient_evidence');
  });
});
