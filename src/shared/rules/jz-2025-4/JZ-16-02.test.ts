import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-16-02.js';

const policies = (...rows: string[]) => ['id,type,title,version,approved_at,last_reviewed_at,reported_at,file', ...rows].join('\n');
const qc = 'P4,quality_control,数据质量管控办法,1,2026-01-01,2026-06-01,2026-06-10,policies/qc.md';

describe('JZ-16-02', () => {
  it('passes when the quality-control policy names all three stages, synonyms and white space allowed', () => {
    const out = runRule(rule, { policies: policies(qc), policyTexts: { 'policies/qc.md': '一、事 先 校验\n二、事中监控\n三、事后检查' } });
    expect(out.status).toBe('pass');
  });

  it('fails naming the missing stages and pointing at the policy row', () => {
    const out = runRule(rule, { policies: policies(qc), policyTexts: { 'policies/qc.md': '事前要求；过程中要求；事后要求' } });
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ missing: ['事中'] });
    expect(out.messageEn).toBe('Data quality policy P4 lacks 1 stage: during.');
    expect(out.evidence?.items.map((i) => [i.rowId, i.line])).toEqual([['P4', 2]]);
  });

  it('fails when no quality-control policy is listed', () => {
    const out = runRule(rule, { policies: policies('P1,data_management,数据管理制度,1,2026-01-01,,,policies/dm.md') });
    expect(out.status).toBe('fail');
    expect(out.message).toBe('policies.csv 中没有类型为“数据质量管控制度”的制度。');
    expect(out.messageEn).toBe('policies.csv lists no policy of the type “data quality policy”.');
    expect(out.figures).toEqual({ missingPolicy: 'quality_control' });
  });

  it('lacks evidence without policies.csv or when the document is missing or unreadable', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { policies: policies(qc) }).status).toBe('insufficient_evidence');
    const unreadable = runRule(rule, { policies: policies(qc), policyTexts: { 'policies/qc.md': null } });
    expect(unreadable.status).toBe('insufficient_evidence');
    expect(unreadable.evidence?.items[0].rowId).toBe('P4');
  });
});
