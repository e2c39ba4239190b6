import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-18-01.js';

const officer = { name: '李四', experience_years: 3, certifications: ['CISP-DSG'], reports_to: 'principal', in_decision_making: true };
const op = (o: object | undefined, extra: object = {}) => ({ operator: { id: 'OP-1', principal: '张三', security_officer: o, ...extra } });

describe('JZ-18-01', () => {
  it('passes with a qualified officer reporting to the principal (exactly the minimum experience)', () => {
    expect(runRule(rule, op(officer)).status).toBe('pass');
    // The principal named in person, and booleans/numbers written as text, are accepted.
    expect(runRule(rule, op({ ...officer, reports_to: '张三', experience_years: '5', in_decision_making: '是' })).status).toBe('pass');
  });

  it('fails listing every shortfall', () => {
    const out = runRule(rule, op({ name: '', experience_years: 2, certifications: [], reports_to: 'it_director', in_decision_making: false }));
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ missing: ['name', 'experience_years', 'certifications', 'reports_to', 'in_decision_making'] });
    expect(out.message).toContain('少于 3 年');
    expect(out.message).toContain('汇报对象不是主要负责人');
    expect(out.messageEn).toContain('reports to “it_director”, not to the principal');
    expect(out.figures).toMatchObject({ reportsTo: 'it_director' });
    expect(out.messageEn).toContain('falls short on 5 items');
    expect(out.messageEn).toContain('fewer than 3');
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['operator.json']);
  });

  it('treats absent sub-fields as shortfalls and reads the minimum from params', () => {
    const out = runRule(rule, op({ name: '李四' }));
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ missing: ['experience_years', 'certifications', 'reports_to', 'in_decision_making'] });
    expect(runRule(rule, op(officer), { officer_min_experience_years: 5 }).status).toBe('fail');
  });

  it('lacks evidence without operator.json or its security_officer', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, op(undefined)).status).toBe('insufficient_evidence');
  });
});
