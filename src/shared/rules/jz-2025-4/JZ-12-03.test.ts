import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-12-03.js';

const HEAD = 'id,name,status,price_public';

describe('JZ-12-03', () => {
  it('passes when every delivered product has a public price', () => {
    const out = runRule(rule, { products: [HEAD, 'PR1,a,delivered,true', 'PR2,b,已交付,是', 'PR3,c,developing,false'].join('\n') });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ delivered: 2 });
  });

  it('needs review listing delivered products whose price is not public or not stated', () => {
    const out = runRule(rule, { products: [HEAD, 'PR1,a,delivered,true', 'PR2,b,delivered,false', 'PR3,c,delivered,', 'PR4,d,withdrawn,false'].join('\n') });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['products.csv', 3, 'PR2'], ['products.csv', 4, 'PR3']]);
    expect(out.figures).toMatchObject({ pricesNotPublic: ['PR2', 'PR3'] });
  });

  it('does not apply without delivered products', () => {
    expect(runRule(rule, { products: [HEAD, 'PR1,a,approved,false'].join('\n') }).status).toBe('not_applicable');
  });

  it('lacks evidence without products.csv or price_public', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { products: 'id,status\nPR1,delivered' }).status).toBe('insufficient_evidence');
  });
});
