import { describe, expect, it } from 'vitest';
import { ProfileError, resolveProfile } from './profile.js';
import type { RecordRule } from './types.js';

const rule = (id: string, params: RecordRule['meta']['params'] = {}): RecordRule => ({
  kind: 'record',
  meta: { id, article: 17, severity: 'high', title: 't', titleEn: 't', articleText: 'a', checkPoints: 'c', evidence: [], params, figures: {} },
  evaluate: () => ({ status: 'pass', message: '', messageEn: '' }),
});

const RULES = [
  rule('JZ-17-01', {
    max_log_gap_hours: { type: 'integer', default: 72, source: 's', description: 'd', label: { zh: 'l', en: 'l' } },
  }),
  rule('JZ-21-02', {
    report_deadline_minutes: { type: 'record<number>', default: { major: 240, general: 1440 }, source: 's', description: 'd', label: { zh: 'l', en: 'l' } },
  }),
  rule('JZ-06-02'),
];

describe('profiles', () => {
  it('gives every default with no profile', () => {
    const { profile } = resolveProfile(undefined, RULES, '2027-01-05');
    expect(profile.enabled.size).toBe(3);
    expect(profile.params['JZ-17-01']).toEqual({ max_log_gap_hours: 72 });
    expect(profile.changedParams).toEqual({});
    expect(profile.maxEvidence).toBe(1000);
  });

  it('sets parameters, lists only those that differ, disables rules and sets the cap', () => {
    const { profile } = resolveProfile({
      maxEvidence: 50,
      rules: {
        'JZ-17-01': { params: { max_log_gap_hours: 48 } },
        'JZ-21-02': { params: { report_deadline_minutes: { major: 60 } } },
        'JZ-06-02': { enabled: false },
      },
    }, RULES, '2027-01-05');
    expect(profile.params['JZ-17-01'].max_log_gap_hours).toBe(48);
    expect(profile.params['JZ-21-02'].report_deadline_minutes).toEqual({ major: 60, general: 1440 });
    expect(profile.changedParams).toEqual({ 'JZ-17-01': { max_log_gap_hours: 48 }, 'JZ-21-02': { report_deadline_minutes: { major: 60, general: 1440 } } });
    expect(profile.disabledRules).toEqual(['JZ-06-02']);
    expect(profile.enabled.has('JZ-06-02')).toBe(false);
    expect(profile.maxEvidence).toBe(50);
  });

  it('does not list a parameter set to its default', () => {
    const { profile } = resolveProfile({ rules: { 'JZ-17-01': { params: { max_log_gap_hours: 72 } } } }, RULES, '2027-01-05');
    expect(profile.changedParams).toEqual({});
  });

  it.each([
    [[], /top level/],
    [{ rulez: {} }, /unknown key "rulez"/],
    [{ rules: { 'JZ-99-01': {} } }, /no such rule/],
    [{ rules: { 'JZ-17-01': { params: { max_gap: 1 } } } }, /unknown parameter.*max_log_gap_hours/],
    [{ rules: { 'JZ-17-01': { params: { max_log_gap_hours: '48' } } } }, /must be integer/],
    [{ rules: { 'JZ-17-01': { params: { max_log_gap_hours: 4.5 } } } }, /must be integer/],
    [{ rules: { 'JZ-21-02': { params: { report_deadline_minutes: { major: 'x' } } } } }, /record<number>/],
    [{ rules: { 'JZ-17-01': { enabled: 'no' } } }, /true or false/],
    [{ maxEvidence: -1 }, /maxEvidence/],
    [{ waivers: [{ ruleId: 'JZ-17-01', reviewer: 'r', expires: '2027-01-01' }] }, /justification is required/],
    [{ waivers: [{ ruleId: 'JZ-17-01', justification: 'j', reviewer: 'r', expires: 'soon' }] }, /YYYY-MM-DD/],
  ])('refuses %j with a clear message', (raw, message) => {
    expect(() => resolveProfile(raw, RULES, '2027-01-05')).toThrow(ProfileError);
    expect(() => resolveProfile(raw, RULES, '2027-01-05')).toThrow(message);
  });

  it('keeps waivers until they expire, and says when one has', () => {
    const raw = {
      waivers: [
        { ruleId: 'JZ-17-01', justification: '迁移期间', reviewer: '王', approvalDoc: '锦数函〔2026〕12号', expires: '2027-01-05' },
        { rule: 'JZ-06-02', justification: 'old', reviewer: '李', expires: '2027-01-04' },
      ],
    };
    const { profile, notes } = resolveProfile(raw, RULES, '2027-01-05');
    expect(profile.waivers).toEqual([{ ruleId: 'JZ-17-01', justification: '迁移期间', reviewer: '王', approvalDoc: '锦数函〔2026〕12号', expires: '2027-01-05' }]);
    expect(notes).toEqual(['waiver for JZ-06-02 expired on 2027-01-04 and no longer applies']);
  });
});
