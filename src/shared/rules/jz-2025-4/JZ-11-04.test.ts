import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-11-04.js';

const policies = 'id,type,title,file\nPOL-01,data_management,数据管理制度,policies/dm.md\nPOL-03,internal_review,内部审核办法,policies/ir.md';

describe('JZ-11-04', () => {
  it('passes when the internal review policy has all four elements, synonyms and white space allowed', () => {
    const out = runRule(rule, { policies, policyTexts: { 'policies/ir.md': '第一条 申请\n第二条 登 记\n第三条 审批\n第四条 答复' } });
    expect(out.status).toBe('pass');
    expect(out.message).toContain('POL-03');
    expect(out.evidence).toBeUndefined();
  });

  it('fails naming the missing elements and pointing at the policy row', () => {
    const out = runRule(rule, { policies, policyTexts: { 'policies/ir.md': '提交、记录、审核、归档' } });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('反馈');
    expect(out.messageEn).toBe('Internal review policy POL-03 lacks 1 element: feedback.');
    expect(out.figures).toEqual({ missingElements: ['反馈'] });
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['policies.csv', 3, 'POL-03']]);
  });

  it('fails when no internal review policy exists', () => {
    const out = runRule(rule, { policies: 'id,type,title,file\nPOL-01,data_management,数据管理制度,policies/dm.md' });
    expect(out.status).toBe('fail');
    expect(out.message).toBe('policies.csv 中没有类型为“内部审核制度”的制度。');
    expect(out.messageEn).toBe('policies.csv lists no policy of the type “internal review policy”.');
  });

  it('lacks evidence when the document is missing or unreadable, or without policies.csv', () => {
    expect(runRule(rule, { policies }).status).toBe('insufficient_evidence');
    const out = runRule(rule, { policies, policyTexts: { 'policies/ir.md': null } });
    expect(out.status).toBe('insufficient_evidence');
    expect(out.evidence?.items[0].rowId).toBe('POL-03');
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
