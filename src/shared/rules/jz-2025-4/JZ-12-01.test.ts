import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-12-01.js';

const HEAD = 'id,name,developer_org,derived_from,created_at,first_delivered_at,status';
const products = (...rows: string[]) => [HEAD, ...rows].join('\n');
const OP = 'OP-1';

describe('JZ-12-01', () => {
  it('passes when derived products come from undelivered products or products delivered the same day or later', () => {
    const out = runRule(rule, {
      operatorId: OP,
      products: products(
        'PR1,基础模型,OP-1,,2026-01-10,2026-03-01,delivered',
        'PR2,增强版,OP-1,PR1,2026-03-01,,developing', // same day as the delivery: not before
        'PR3,草稿,OP-1,,2026-01-10,,developing',
        'PR4,衍生,OP-1,PR3,2026-05-01,,developing', // parent never delivered
        'PR5,合作方衍生,P01,PR1,2026-06-01,,developing', // not the operator's own
      ),
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ derivedProducts: 2 });
  });

  it('fails on the operator re-developing a delivered product, pointing at the new product', () => {
    const out = runRule(rule, {
      operatorId: OP,
      products: products(
        'PR1,基础模型,OP-1,,2026-01-10,2026-02-10,delivered',
        'PR2,增强版,OP-1,PR1,2026-08-01,,developing',
        'PR3,合规版,OP-1,PR1,2026-02-01,,developing',
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['products.csv', 3, 'PR2']]);
    expect(out.message).toContain('PR2（来源 PR1 已于 2026-02-10 交付，本产品创建于 2026-08-01）');
    expect(out.messageEn).toContain('1 of the 2 derived products the operator developed was built on a product already delivered: PR2 (source PR1 delivered 2026-02-10');
  });

  it('compares exact instants when both carry a time', () => {
    const out = runRule(rule, {
      operatorId: OP,
      products: products(
        'PR1,基础模型,OP-1,,2026-01-10,2026-03-01T09:00:00+08:00,delivered',
        'PR2,增强版,OP-1,PR1,2026-03-01T10:00:00+08:00,,developing',
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['PR2']);
  });

  it('asks for review when the source product is unknown or a date is missing', () => {
    const out = runRule(rule, {
      operatorId: OP,
      products: products(
        'PR1,基础模型,OP-1,,2026-01-10,2026-02-10,delivered',
        'PR2,增强版,OP-1,PR9,2026-08-01,,developing',
        'PR3,无日期,OP-1,PR1,,,developing',
      ),
    });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['PR2', 'PR3']);
  });

  it('does not apply to an empty product list', () => {
    expect(runRule(rule, { operatorId: OP, products: products() }).status).toBe('not_applicable');
  });

  it('lacks evidence without products.csv or its columns', () => {
    expect(runRule(rule, { operatorId: OP }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { operatorId: OP, products: 'id,name\nPR1,x' }).status).toBe('insufficient_evidence');
  });
});
