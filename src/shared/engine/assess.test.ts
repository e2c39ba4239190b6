import { describe, expect, it } from 'vitest';
import { conclusionOf } from './assess.js';
import type { RuleResult, Severity, Status } from './types.js';

const r = (severity: Severity, status: Status, waived = false): RuleResult => ({
  ruleId: 'JZ-01-01', article: 1, severity, status, title: '', titleEn: '', message: '', messageEn: '', evidenceCount: 0, evidence: [],
  waiver: waived ? { ruleId: 'JZ-01-01', justification: 'j', reviewer: 'r', expires: '2099-01-01' } : null,
});

describe('conclusion', () => {
  it('is non_compliant when a high rule fails', () => {
    expect(conclusionOf([r('high', 'fail'), r('low', 'pass')])).toBe('non_compliant');
  });
  it('is basically_compliant when another rule fails or evidence is insufficient', () => {
    expect(conclusionOf([r('medium', 'fail'), r('high', 'pass')])).toBe('basically_compliant');
    expect(conclusionOf([r('high', 'insufficient_evidence')])).toBe('basically_compliant');
  });
  it('is compliant otherwise, needs_review and not_applicable included', () => {
    expect(conclusionOf([r('high', 'pass'), r('low', 'needs_review'), r('low', 'not_applicable')])).toBe('compliant');
  });
  it('ignores waived failures', () => {
    expect(conclusionOf([r('high', 'fail', true), r('low', 'pass')])).toBe('compliant');
    expect(conclusionOf([r('high', 'fail', true), r('low', 'fail')])).toBe('basically_compliant');
  });
});
