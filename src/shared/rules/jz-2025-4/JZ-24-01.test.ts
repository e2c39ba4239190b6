import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-24-01.js';

describe('JZ-24-01', () => {
  it('does not apply to an operator that is not a public utility', () => {
    expect(runRule(rule, { operator: { id: 'OP-1', is_public_utility: false } }).status).toBe('not_applicable');
    expect(runRule(rule, { operator: { id: 'OP-1', is_public_utility: '否' } }).status).toBe('not_applicable');
  });

  it('needs review for a public utility, pointing at operator.json', () => {
    const out = runRule(rule, { operator: { id: 'OP-1', is_public_utility: true } });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['operator.json']);
    expect(out.evidence?.items[0].excerpt).toContain('is_public_utility');
    expect(runRule(rule, { operator: { id: 'OP-1', is_public_utility: '是' } }).status).toBe('needs_review');
  });

  it('lacks evidence without operator.json or a readable flag', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { operator: { id: 'OP-1' } }).status).toBe('insufficient_evidence');
    const unreadable = runRule(rule, { operator: { id: 'OP-1', is_public_utility: 'maybe' } });
    expect(unreadable.status).toBe('insufficient_evidence');
    expect(unreadable.message).toBe('operator.json 的“公用企业”值“maybe”无法识别，无法判断是否适用。');
    expect(unreadable.messageEn).toContain('says “maybe” for public utility');
  });
});
