import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-07-04.js';

const DATASETS = 'id,name,provider,classification\nDS-CORE,人口,公安局,core\nDS-IMP,健康,卫健委,重要数据\nDS-GEN,交通,交警,general\nDS-NONE,文旅,文旅局,\n';

const ev = (id: string, action: string, resource: string, channel: string, extra: object = {}) => ({
  event_id: id, ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action, resource_type: 'dataset', resource, channel, result: 'success', ...extra,
});

describe('JZ-07-04', () => {
  it('passes when core and important data are processed in the sandbox only', () => {
    const out = runRule(rule, {
      datasets: DATASETS,
      logs: {
        'logs/a.jsonl': [ev('E1', 'query', 'DS-CORE', 'sandbox'), ev('E2', 'model_train', 'DS-IMP', 'sandbox'), ev('E3', 'query', 'DS-GEN', 'platform')],
        'logs/b.jsonl': [ev('E4', 'deliver', 'DS-CORE', 'platform'), ev('E5', 'develop', 'DS-NONE', 'sandbox')],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ processingEvents: 4 });
  });

  it('fails on processing of core or important data outside the sandbox', () => {
    const out = runRule(rule, {
      datasets: DATASETS,
      logs: {
        'logs/a.jsonl': [ev('E1', 'query', 'DS-CORE', 'platform'), ev('E2', 'query', 'DS-NONE', 'platform')],
        'logs/b.jsonl': [ev('E3', 'develop', 'DS-GEN', 'api'), ev('E4', '模型训练', 'DS-IMP', 'api')],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([['logs/a.jsonl', 1, 'E1'], ['logs/b.jsonl', 2, 'E4']]);
    // The unclassified dataset is reported in the message, not as a breach.
    expect(out.figures).toMatchObject({ outsideSandbox: 2, undetermined: 1 });
    expect(out.message).toContain('1 次');
  });

  it('ignores failed events and events outside the period', () => {
    const out = runRule(rule, {
      datasets: DATASETS,
      logs: { 'logs/a.jsonl': [ev('E1', 'query', 'DS-CORE', 'platform', { result: 'denied' }), ev('E2', 'query', 'DS-CORE', 'platform', { ts: '2027-01-01T00:00:00+08:00' }), ev('E3', 'query', 'DS-GEN', 'platform')] },
    });
    expect(out.status).toBe('pass');
  });

  it('needs review when only datasets of unknown classification are processed outside the sandbox', () => {
    const out = runRule(rule, {
      datasets: DATASETS,
      logs: { 'logs/a.jsonl': [ev('E1', 'query', 'DS-NONE', 'platform'), ev('E2', 'query', 'DS-UNLISTED', 'platform'), ev('E3', 'query', 'DS-CORE', 'sandbox')] },
    });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => i.eventId)).toEqual(['E1', 'E2']);
  });

  it('is not applicable without processing of datasets in the period', () => {
    const out = runRule(rule, { datasets: DATASETS, logs: { 'logs/a.jsonl': [ev('E1', 'login', 'PLATFORM', 'platform', { resource_type: 'system' })] } });
    expect(out.status).toBe('not_applicable');
  });

  it('lacks evidence without logs, datasets.csv or its classification column', () => {
    const logs = { 'logs/a.jsonl': [ev('E1', 'query', 'DS-CORE', 'platform')] };
    expect(runRule(rule, { datasets: DATASETS }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { logs }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { logs, datasets: 'id,name\nDS-CORE,x\n' }).status).toBe('insufficient_evidence');
  });
});
