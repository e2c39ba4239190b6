import { describe, expect, it } from 'vitest';
import type { TestBundle } from '../../engine/testing.js';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-21-01.js';

const POLICIES = 'id,type,title,file\nPOL-1,data_management,数据管理,policies/dm.md\nPOL-9,incident_response,应急预案,policies/ir.md\n';
const FULL_TEXT = '# 应急预案\n事件分 级：按等级……\n报告：2 小时内上报。\n处置：隔离。\n演练：每年一次。';
const drills = (...rows: string[]) => `id,type,date,result\nAS-1,monitoring,2026-12-01,pass\n${rows.join('\n')}\n`;

const bundle = (over: Partial<TestBundle> = {}): TestBundle => ({
  policies: POLICIES,
  policyTexts: { 'policies/ir.md': FULL_TEXT },
  assessments: drills('AS-6,incident_drill,2026-06-16,pass'),
  ...over,
});

describe('JZ-21-01', () => {
  it('passes with a complete plan and a recent drill', () => {
    const out = runRule(rule, bundle());
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ policy: 'POL-9', missingElements: [], latestDrill: '2026-06-16' });
  });

  it('accepts the synonyms of the catalogue', () => {
    const out = runRule(rule, bundle({ policyTexts: { 'policies/ir.md': '事件等级；报送；应急响应；应急演习' } }));
    expect(out.status).toBe('pass');
  });

  it('fails when the plan lacks elements, pointing at its row in policies.csv', () => {
    const out = runRule(rule, bundle({ policyTexts: { 'policies/ir.md': '分级与报告。' } }));
    expect(out.status).toBe('fail');
    expect(out.message).toContain('处置');
    expect(out.message).toContain('演练');
    expect(out.messageEn).toBe('Incident response plan POL-9 lacks 2 elements: handling, drills.');
    expect(out.figures).toMatchObject({ missingElements: ['处置', '演练'] });
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['policies.csv', 3, 'POL-9']]);
  });

  it('fails without an incident_response policy and names it in the message', () => {
    const out = runRule(rule, bundle({ policies: 'id,type,title,file\nPOL-1,data_management,数据管理,policies/dm.md\n' }));
    expect(out.status).toBe('fail');
    expect(out.message).toContain('policies.csv 中没有类型为“数据安全事件应急预案”的制度');
    expect(out.messageEn).toContain('policies.csv lists no policy of type “incident response plan”');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['policies.csv', null, undefined]]);
  });

  it('fails without any drill record, naming the missing type', () => {
    const out = runRule(rule, bundle({ assessments: drills() }));
    expect(out.status).toBe('fail');
    expect(out.message).toContain('assessments.csv 中没有类型为“应急演练”的记录');
    expect(out.messageEn).toContain('assessments.csv has no record of type “incident drill”');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['assessments.csv', null, undefined]]);
  });

  it('counts a drill exactly drill_max_age_days before period.end, not one day more', () => {
    // period.end 2026-12-31 − 365 days = 2025-12-31.
    expect(runRule(rule, bundle({ assessments: drills('AS-6,incident_drill,2025-12-31,pass') })).status).toBe('pass');
    const late = runRule(rule, bundle({ assessments: drills('AS-6,incident_drill,2025-12-30,pass', 'AS-7,incident_drill,2025-06-01,pass') }));
    expect(late.status).toBe('fail');
    // The newest stale drill is the evidence.
    expect(late.evidence?.items.map((i) => i.rowId)).toEqual(['AS-6']);
    expect(late.figures).toMatchObject({ latestDrill: '2025-12-30', earliestAccepted: '2025-12-31' });
  });

  it('counts drills dated after period.end and reads the age limit from the params', () => {
    expect(runRule(rule, bundle({ assessments: drills('AS-6,incident_drill,2027-01-03,pass') })).status).toBe('pass');
    expect(runRule(rule, bundle(), { drill_max_age_days: 100 }).status).toBe('fail');
  });

  it('lacks evidence when the plan document is unreadable and the drill is fine', () => {
    const out = runRule(rule, bundle({ policyTexts: { 'policies/ir.md': null } }));
    expect(out.status).toBe('insufficient_evidence');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['POL-9']);
  });

  it('still fails on a missing drill when the plan cannot be read', () => {
    expect(runRule(rule, bundle({ policyTexts: { 'policies/ir.md': null }, assessments: drills() })).status).toBe('fail');
  });

  it('lacks evidence without policies.csv or assessments.csv', () => {
    const out = runRule(rule, bundle({ policies: undefined }));
    expect(out.status).toBe('insufficient_evidence');
    expect(out.message).toBe('缺少 policies.csv，无法判断。');
    expect(out.messageEn).toBe('policies.csv is missing; cannot decide.');
    expect(runRule(rule, bundle({ assessments: undefined })).status).toBe('insufficient_evidence');
  });

  it('lacks evidence when the only drill has an unreadable date', () => {
    const out = runRule(rule, bundle({ assessments: drills('AS-6,incident_drill,去年六月,pass') }));
    expect(out.status).toBe('insufficient_evidence');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['AS-6']);
  });
});
