import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-12-02.js';

const dlv = (id: string, destination: string, records: number | null, extra: object = {}) => ({
  event_id: id, ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action: 'deliver', resource_type: 'product', resource: 'PR1',
  destination, ...(records === null ? {} : { records }), channel: 'platform', result: 'success', ...extra,
});

describe('JZ-12-02', () => {
  it('passes when deliveries are spread (five equal destinations: HHI 2000)', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [dlv('E1', 'P1', 100), dlv('E2', 'P2', 100), dlv('E3', 'P3', 100)],
        'logs/b.jsonl': [dlv('E4', 'P4', 50), dlv('E5', 'P4', 50), dlv('E6', 'P5', 100)],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ hhi: 2000, deliveries: 6, destinations: 5 });
  });

  it('needs review above max_hhi, with the figure and the top destinations weighted by records (1 when empty)', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [dlv('E1', 'P1', 900), dlv('E2', 'P2', 99)],
        'logs/b.jsonl': [dlv('E3', 'P3', null), dlv('E4', 'P1', 10, { result: 'failure' }), dlv('E5', 'P2', 10, { resource_type: 'dataset' })],
      },
    });
    expect(out.status).toBe('needs_review');
    // shares 90, 9.9, 0.1 → 8100 + 98.01 + 0.01
    expect(out.figures).toMatchObject({
      hhi: 8198,
      deliveries: 3,
      topDestinations: [
        { destination: 'P1', weight: 900, sharePercent: 90 },
        { destination: 'P2', weight: 99, sharePercent: 9.9 },
        { destination: 'P3', weight: 1, sharePercent: 0.1 },
      ],
    });
    expect(out.message).toContain('8198');
    expect(out.messageEn).toBe('Product deliveries are highly concentrated: 3 product deliveries in the period went to 3 recipients, with an HHI of 8198, above 2500 (largest: P1 90%, P2 9.9%, P3 0.1%). Please review whether competition is fair.');
  });

  it('reads max_hhi from the params', () => {
    const logs = { 'logs/a.jsonl': [dlv('E1', 'P1', 60), dlv('E2', 'P2', 40)] }; // HHI 5200
    expect(runRule(rule, { logs }).status).toBe('needs_review');
    expect(runRule(rule, { logs }, { max_hhi: 6000 }).status).toBe('pass');
  });

  it('falls back to counting deliveries when every delivery touched 0 records', () => {
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [dlv('E1', 'P1', 0), dlv('E2', 'P2', 0)] } });
    expect(out.figures).toMatchObject({ hhi: 5000, weighting: 'deliveries' });
  });

  it('does not apply without product deliveries in the period', () => {
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [dlv('E1', 'P1', 10, { ts: '2027-01-01T00:00:00+08:00' })] } });
    expect(out.status).toBe('not_applicable');
  });

  it('lacks evidence without logs', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
