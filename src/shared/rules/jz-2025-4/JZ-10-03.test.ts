import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-10-03.js';

const PARTNERS = [
  'id,name,contract_start,contract_end,status,violation_found_at,suspended_at',
  'P01,银行,2025-12-01,2027-12-31,active,,',
  'P05,保险,2026-02-01,2026-10-31,active,,',
  'P06,文旅,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-20',
  'P07,终止方,2025-12-01,2027-12-31,terminated,,',
  'P08,无日期,,2027-12-31,active,,',
].join('\n');

const deliver = (id: string, destination: string | undefined, ts: string, extra: object = {}) => ({
  event_id: id, ts, actor: 'u1', action: 'deliver', resource_type: 'product', resource: 'PR01', destination, channel: 'platform',
  result: 'success', ...extra,
});

const ids = (out: ReturnType<typeof runRule>) => out.evidence?.items.map((i) => [i.file, i.line, i.eventId]);

describe('JZ-10-03', () => {
  it('passes for deliveries within the contract (first and last day) and before suspension', () => {
    const out = runRule(rule, {
      partners: PARTNERS,
      logs: {
        'logs/a.jsonl': [deliver('E1', 'P05', '2026-02-01T00:00:00+08:00'), deliver('E2', 'P05', '2026-10-31T23:59:59+08:00')],
        'logs/b.jsonl': [deliver('E3', 'P06', '2026-08-19T23:59:59+08:00'), deliver('E4', 'P01', '2026-06-01 10:00:00')],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ productDeliveries: 4, breaches: 0 });
  });

  it('fails on deliveries outside the contract, after suspension, to terminated or unknown partners', () => {
    const out = runRule(rule, {
      operator: { id: 'OP' },
      partners: PARTNERS,
      logs: {
        'logs/a.jsonl': [
          deliver('E1', 'P05', '2026-01-31T23:59:59+08:00'), // before the contract
          deliver('E2', 'P06', '2026-08-20T00:00:00+08:00'), // on the suspension day
          deliver('E3', 'P01', '2026-03-01T10:00:00+08:00'),
        ],
        'logs/b.jsonl': [
          deliver('E4', 'P07', '2026-03-01T10:00:00+08:00'), // terminated, no suspended_at
          deliver('E5', 'PX9', '2026-03-01T10:00:00+08:00'), // not in partners.csv
          deliver('E6', undefined, '2026-03-01T10:00:00+08:00'),
          deliver('E7', 'OP', '2026-03-01T10:00:00+08:00'), // the operator is not a partner
          deliver('E8', 'P05', '2026-11-01T00:00:00+08:00'), // after the contract
        ],
      },
    });
    expect(out.status).toBe('fail');
    expect(ids(out)).toEqual([
      ['logs/a.jsonl', 1, 'E1'],
      ['logs/a.jsonl', 2, 'E2'],
      ['logs/b.jsonl', 1, 'E4'],
      ['logs/b.jsonl', 2, 'E5'],
      ['logs/b.jsonl', 3, 'E6'],
      ['logs/b.jsonl', 4, 'E7'],
      ['logs/b.jsonl', 5, 'E8'],
    ]);
    expect(out.figures).toMatchObject({ outsideContract: 2, suspended: 1, blocked: 1, unknownPartner: 3 });
  });

  it('ignores failed deliveries, dataset deliveries and events outside the period', () => {
    const out = runRule(rule, {
      partners: PARTNERS,
      logs: {
        'logs/a.jsonl': [
          deliver('E1', 'PX9', '2026-03-01T10:00:00+08:00', { result: 'failure' }),
          deliver('E2', 'PX9', '2026-03-01T10:00:00+08:00', { resource_type: 'dataset' }),
          deliver('E3', 'PX9', '2025-12-31T10:00:00+08:00'),
          deliver('E4', 'P01', '2026-03-01T10:00:00+08:00'),
        ],
      },
    });
    expect(out.status).toBe('pass');
  });

  it('needs review when a partner has no readable contract dates', () => {
    const out = runRule(rule, { partners: PARTNERS, logs: { 'logs/a.jsonl': [deliver('E1', 'P08', '2026-03-01T10:00:00+08:00')] } });
    expect(out.status).toBe('needs_review');
    expect(ids(out)).toEqual([['logs/a.jsonl', 1, 'E1']]);
  });

  it('is not applicable without product deliveries in the period', () => {
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [deliver('E1', 'P01', '2026-03-01T10:00:00+08:00', { action: 'login' })] } });
    expect(out.status).toBe('not_applicable');
  });

  it('lacks evidence without logs, or without partners.csv when products were delivered', () => {
    expect(runRule(rule, { partners: PARTNERS }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { logs: { 'logs/a.jsonl': [deliver('E1', 'P01', '2026-03-01T10:00:00+08:00')] } }).status).toBe('insufficient_evidence');
  });
});
