import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-20-01.js';

const H = 'id,type,date,result,report_file';
const recent = ['A1,monitoring,2026-12-01,pass,', 'A2,security_test,2026-09-12,pass,', 'A3,risk_assessment,2026-08-20,pass,', 'A4,security_review,2026-10-08,pass,', 'A5,compliance_review,2026-11-18,pass,'];
const csv = (...rows: string[]) => [H, ...rows].join('\n');

describe('JZ-20-01', () => {
  it('passes with all five types; the cut-off day itself and dates after the period count', () => {
    expect(runRule(rule, { assessments: csv(...recent) }).status).toBe('pass');
    const edge = runRule(rule, { assessments: csv('A1,monitoring,2025-12-31,pass,', ...recent.slice(1, 4), 'A5,compliance_review,2027-01-03,pass,') });
    expect(edge.status).toBe('pass');
    expect(edge.figures).toMatchObject({ cutoff: '2025-12-31' });
  });

  it('fails naming absent types and pointing at the rows of stale ones', () => {
    const out = runRule(rule, { assessments: csv('A0,monitoring,2025-12-30,pass,', 'A9,monitoring,2025-01-10,pass,', recent[1], recent[3], recent[4]) });
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ missingTypes: ['risk_assessment'], staleTypes: ['monitoring'], latest: { monitoring: '2025-12-30' } });
    expect(out.message).toContain('没有记录：风险评估');
    expect(out.message).toContain('安全监测 2025-12-30');
    expect(out.messageEn).toContain('2 of the five activities were not carried out within 365 days');
    expect(out.messageEn).toContain('no record of risk assessment');
    expect(out.evidence?.items.map((i) => [i.rowId, i.line])).toEqual([['A0', 2], ['A9', 3]]);
  });

  it('keeps an older assessment of a type that also has a recent one out of the evidence, and reads the age from params', () => {
    const b = { assessments: csv('A0,monitoring,2025-06-01,pass,', ...recent) };
    expect(runRule(rule, b).status).toBe('pass');
    const out = runRule(rule, b, { assessment_max_age_days: 120 });
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ cutoff: '2026-09-02', staleTypes: ['risk_assessment'], missingTypes: [] });
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['A3']);
  });

  it('lacks evidence without assessments.csv or its date column', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { assessments: 'id,type\nA1,monitoring' }).status).toBe('insufficient_evidence');
  });
});
