import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-11-01.js';

const scenarios = [
  'id,name,authority_approved_at,provider_approved_at,provider_depts',
  'S01,金融,2026-01-10,2026-02-01,税务局',
  'S02,交通,2025-12-01,,交警支队',
].join('\n');
const products = [
  'id,name,type,scenario',
  'PR01,评分模型,model,S01',
  'PR02,无场景产品,report,',
].join('\n');

const ev = (id: string, ts: string, action: string, extra: object = {}) => ({
  event_id: id, ts, actor: 'u1', action, resource_type: 'dataset', resource: 'DS1', channel: 'sandbox', result: 'success', ...extra,
});

describe('JZ-11-01', () => {
  it('passes when every scenario is approved by both and events start on or after the later approval day', () => {
    const out = runRule(rule, {
      scenarios: 'id,authority_approved_at,provider_approved_at\nS01,2026-01-10,2026-02-01',
      products,
      logs: {
        'logs/a.jsonl': [
          ev('E1', '2026-02-01T00:00:00+08:00', 'query', { scenario: 'S01' }), // the approval day itself is not before it
          ev('E2', '2026-03-01T10:00:00+08:00', 'deliver', { resource_type: 'product', resource: 'PR01' }),
          ev('E3', '2026-01-05T10:00:00+08:00', 'login', { scenario: 'S01' }), // not an action this rule checks
        ],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ checkedEvents: 2, eventsBeforeApproval: 0 });
  });

  it('fails on unapproved scenarios and on events before the later approval, directly or through the product', () => {
    const out = runRule(rule, {
      scenarios,
      products,
      logs: {
        'logs/a.jsonl': [
          ev('E1', '2026-01-31T23:59:59+08:00', 'develop', { scenario: 'S01' }), // before the provider's approval
          ev('E2', '2026-02-05T10:00:00+08:00', 'query', { scenario: 'S01' }),
        ],
        'logs/b.jsonl': [
          ev('E3', '2026-01-20T10:00:00+08:00', 'deliver', { resource_type: 'product', resource: 'PR01' }),
          ev('E4', '2026-05-01T10:00:00+08:00', 'model_train', { scenario: 'S02' }), // S02 never approved by the provider
          ev('E5', '2026-05-01T11:00:00+08:00', 'query', { scenario: 'S99' }), // unknown scenario id
          ev('E6', '2026-01-20T10:00:00+08:00', 'deliver', { resource_type: 'product', resource: 'PR01', result: 'failure' }),
        ],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.count).toBe(5);
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId ?? i.eventId])).toEqual([
      ['scenarios.csv', 3, 'S02'],
      ['logs/a.jsonl', 1, 'E1'],
      ['logs/b.jsonl', 1, 'E3'],
      ['logs/b.jsonl', 2, 'E4'],
      ['logs/b.jsonl', 3, 'E5'],
    ]);
    expect(out.figures).toMatchObject({ unapprovedScenarios: ['S02'], eventsBeforeApproval: 4 });
    expect(out.message).toContain('1 个场景未获数据主管部门和数据提供单位双方同意（S02）');
    expect(out.messageEn).toContain('1 scenario not approved by both the data authority and the data providers (S02)');
    expect(out.messageEn).toContain('4 of 5 development, training, delivery or query events in the period came before their scenarios were approved');
  });

  it('fails on an unapproved scenario even when no event names it', () => {
    const out = runRule(rule, { scenarios, products, logs: { 'logs/a.jsonl': [ev('E1', '2026-03-01T10:00:00+08:00', 'query', { scenario: 'S01' })] } });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['S02']);
  });

  it('treats a product missing from products.csv as an unapproved scenario, unless the event names its scenario', () => {
    const out = runRule(rule, {
      scenarios: 'id,authority_approved_at,provider_approved_at\nS01,2026-01-10,2026-02-01',
      products,
      logs: {
        'logs/a.jsonl': [
          ev('E1', '2026-03-01T10:00:00+08:00', 'deliver', { resource_type: 'product', resource: 'PR77' }),
          ev('E2', '2026-03-01T10:00:00+08:00', 'deliver', { resource_type: 'product', resource: 'PR78', scenario: 'S01' }),
          ev('E3', '2026-03-01T10:00:00+08:00', 'deliver', { resource_type: 'product', resource: 'PR02' }), // product without a scenario
        ],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.eventId)).toEqual(['E1']);
  });

  it('ignores events outside the period', () => {
    const out = runRule(rule, {
      scenarios: 'id,authority_approved_at,provider_approved_at\nS01,2026-01-10,2026-02-01',
      logs: { 'logs/a.jsonl': [ev('E1', '2025-12-31T10:00:00+08:00', 'query', { scenario: 'S01' })] },
    });
    expect(out.status).toBe('pass');
  });

  it('lacks evidence without scenarios.csv, without logs, or when product events cannot be resolved', () => {
    expect(runRule(rule, { logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { scenarios: 'id,name\nS01,x', logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { scenarios: 'id,authority_approved_at,provider_approved_at\nS01,2026-01-10,2026-02-01' }).status).toBe('insufficient_evidence');
    const out = runRule(rule, {
      scenarios: 'id,authority_approved_at,provider_approved_at\nS01,2026-01-10,2026-02-01',
      logs: { 'logs/a.jsonl': [ev('E1', '2026-03-01T10:00:00+08:00', 'deliver', { resource_type: 'product', resource: 'PR01' })] },
    });
    expect(out.status).toBe('insufficient_evidence');
    expect(out.message).toContain('products.csv');
    expect(out.messageEn).toBe('products.csv or its “scenario” column is missing: 1 product event cannot be traced to a scenario; cannot decide.');
  });

  it('does not apply without scenarios and without scenario activity', () => {
    const out = runRule(rule, {
      scenarios: 'id,authority_approved_at,provider_approved_at',
      products: 'id,scenario',
      logs: { 'logs/a.jsonl': [ev('E1', '2026-03-01T10:00:00+08:00', 'query')] },
    });
    expect(out.status).toBe('not_applicable');
  });
});
