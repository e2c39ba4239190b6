import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-20-02.js';

const H = 'id,name,type,scenario,source_datasets,developer_org,derived_from,created_at,compliance_review_at,anonymization_review_at,first_delivered_at,status,price_public,domain';
const p = (id: string, review: string, delivered: string) => `${id},产品,service,S1,DS1,OP-1,,2026-01-01,${review},,${delivered},delivered,true,other`;
const csv = (...rows: string[]) => [H, ...rows].join('\n');

describe('JZ-20-02', () => {
  it('passes when products delivered in the period were reviewed on or before delivery (same day counts)', () => {
    const out = runRule(rule, { products: csv(p('P1', '2026-02-01', '2026-02-10'), p('P2', '2026-03-05', '2026-03-05T09:00:00+08:00'), p('P3', '2026-04-01T09:00:00+08:00', '2026-04-01T09:00:00+08:00')) });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ deliveredInPeriod: 3 });
  });

  it('fails on late or missing reviews, pointing at the product rows', () => {
    const out = runRule(rule, {
      products: csv(
        p('P1', '2026-02-01', '2026-02-10'),
        p('P7', '2026-04-15', '2026-04-10'),
        p('P8', '', '2026-05-01'),
        p('P9', '2026-06-01T10:00:01+08:00', '2026-06-01T10:00:00+08:00'),
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.rowId, i.line])).toEqual([['P7', 3], ['P8', 4], ['P9', 5]]);
    expect(out.message).toContain('P8（2026-05-01 首次交付，未做合规审查）');
    expect(out.messageEn).toContain('Of 4 products first delivered in the period, 3 were not reviewed');
    expect(out.messageEn).toContain('P8 (first delivered 2026-05-01, never reviewed)');
  });

  it('ignores products first delivered outside the period or not delivered', () => {
    const out = runRule(rule, { products: csv(p('P1', '', '2025-12-31'), p('P2', '2026-02-01', '2026-02-10'), p('P3', '', '')) });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ deliveredInPeriod: 1 });
  });

  it('is not applicable without deliveries in the period, and needs review on an unreadable delivery date', () => {
    expect(runRule(rule, { products: csv(p('P1', '', '2025-12-31'), p('P3', '', '')) }).status).toBe('not_applicable');
    const out = runRule(rule, { products: csv(p('P1', '2026-02-01', '2026-02-10'), p('P2', '', '2026-13-40')) });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['P2']);
  });

  it('lacks evidence without products.csv or its columns', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { products: 'id,first_delivered_at\nP1,2026-02-10' }).status).toBe('insufficient_evidence');
  });
});
