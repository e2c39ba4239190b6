import { describe, expect, it } from 'vitest';
import { decisionProblems, effectiveRules, toReportDecisions } from './effective.js';
import { decision, makeFindings } from './testing.js';

describe('effective results', () => {
  const f = makeFindings();

  it('keeps the tool status without decisions', () => {
    const eff = effectiveRules(f.results, [], '2027-01-07');
    expect(eff.map((e) => e.status)).toEqual(f.results.map((r) => r.status));
    expect(eff.find((e) => e.result.ruleId === 'JZ-14-01')!.waiver?.expires).toBe('2027-06-30');
  });

  it('applies a judgment, and an override wins over a later judgment', () => {
    const eff = effectiveRules(f.results, [
      decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', at: '2027-01-07T10:00:00+08:00' }),
      decision({ ruleId: 'JZ-07-01', kind: 'override', status: 'fail', at: '2027-01-07T10:00:00+08:00' }),
      decision({ ruleId: 'JZ-07-01', kind: 'judgment', status: 'pass', at: '2027-01-07T11:00:00+08:00' }),
    ], '2027-01-07');
    const by = Object.fromEntries(eff.map((e) => [e.result.ruleId, e]));
    expect(by['JZ-12-02'].status).toBe('pass');
    expect(by['JZ-12-02'].toolStatus).toBe('needs_review');
    expect(by['JZ-07-01'].status).toBe('fail');
    expect(by['JZ-07-01'].verdict?.kind).toBe('override');
  });

  it('takes the latest decision by time, not by array order', () => {
    const eff = effectiveRules(f.results, [
      decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'fail', at: '2027-01-08T10:00:00+08:00' }),
      decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', at: '2027-01-07T10:00:00+08:00' }),
    ], '2027-01-07');
    expect(eff.find((e) => e.result.ruleId === 'JZ-12-02')!.status).toBe('fail');
  });

  it('applies a waiver decision only to a failure and only until it expires', () => {
    const waiver = decision({ ruleId: 'JZ-06-01', kind: 'waiver', reason: '整改中', expires: '2027-03-31', approvalDoc: '锦数〔2027〕1号' });
    const during = effectiveRules(f.results, [waiver], '2027-03-31').find((e) => e.result.ruleId === 'JZ-06-01')!;
    expect(during.waiver).toEqual({ ruleId: 'JZ-06-01', justification: '整改中', reviewer: '审查员甲', expires: '2027-03-31', approvalDoc: '锦数〔2027〕1号' });
    const after = effectiveRules(f.results, [waiver], '2027-04-01').find((e) => e.result.ruleId === 'JZ-06-01')!;
    expect(after.waiver).toBeNull();
    const onPass = effectiveRules(f.results, [{ ...waiver, ruleId: 'JZ-07-01' }], '2027-01-07').find((e) => e.result.ruleId === 'JZ-07-01')!;
    expect(onPass.waiver).toBeNull();
  });

  it('reports what is wrong with a decision', () => {
    expect(decisionProblems(decision({ ruleId: 'JZ-06-01', kind: 'comment' }))).toEqual([]);
    expect(decisionProblems(decision({ ruleId: 'JZ-06-01', kind: 'override' })).join()).toContain('status');
    expect(decisionProblems(decision({ ruleId: 'JZ-06-01', kind: 'rectification' })).join()).toContain('deadline');
    expect(decisionProblems(decision({ ruleId: 'JZ-06-01', kind: 'waiver', expires: '2027-13-01' })).join()).toContain('expires');
    expect(decisionProblems({ ruleId: 'JZ-06-01', kind: 'veto', reason: '', reviewer: 'x', at: 'yesterday' })).toHaveLength(3);
    expect(decisionProblems(decision({ ruleId: '*', kind: 'override', status: 'pass' })).join()).toContain('comment');
  });

  it('converts to the report decisions', () => {
    const r = toReportDecisions([
      decision({ ruleId: 'JZ-07-01', kind: 'override', status: 'fail', reason: '抽查发现缺失' }),
      decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass' }),
      decision({ ruleId: '*', kind: 'comment', reason: '总体良好' }),
      decision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下渠道', deadline: '2027-03-31', owner: '运营部' }),
      decision({ ruleId: 'JZ-06-01', kind: 'waiver', reason: '过渡期', expires: '2027-02-01' }),
    ]);
    expect(r.decisions.overrides).toEqual([{ ruleId: 'JZ-07-01', to: 'fail', reason: '抽查发现缺失', by: '审查员甲', at: '2027-01-07T10:00:00+08:00' }]);
    expect(r.decisions.judgments?.[0].status).toBe('pass');
    expect(r.decisions.comments).toEqual([{ text: '总体良好', by: '审查员甲', at: '2027-01-07T10:00:00+08:00' }]);
    expect(r.rectification).toEqual([{ ruleId: 'JZ-06-01', action: '关闭线下渠道', deadline: '2027-03-31', owner: '运营部' }]);
    expect(r.waivers[0].expires).toBe('2027-02-01');
  });
});
