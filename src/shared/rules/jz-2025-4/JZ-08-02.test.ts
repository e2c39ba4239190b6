import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-08-02.js';

const platform = (assessment: object | undefined) => ({ mlps: { level: 3, record_no: 'X', assessment } });
const period = { start: '2026-01-01', end: '2026-12-31' };

describe('JZ-08-02', () => {
  it('passes with a recent assessment and enough score', () => {
    const out = runRule(rule, { period, platform: platform({ date: '2026-06-30', score: 86.5 }) });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ earliestDate: '2025-12-31' });
  });

  it('counts the boundary day and dates after period.end, and the exact minimum score', () => {
    expect(runRule(rule, { period, platform: platform({ date: '2025-12-31', score: 70 }) }).status).toBe('pass');
    expect(runRule(rule, { period, platform: platform({ date: '2027-01-03', score: '75' }) }).status).toBe('pass');
  });

  it('fails when the assessment is older than the limit, pointing at platform.json', () => {
    const out = runRule(rule, { period, platform: platform({ date: '2025-12-30', score: 86.5 }) });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('2025-12-30');
    expect(out.evidence?.items[0].file).toBe('platform.json');
  });

  it('fails when the score is below mlps_min_score', () => {
    const out = runRule(rule, { period, platform: platform({ date: '2026-06-30', score: 69.9 }) });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('69.9');
  });

  it('reads its parameters from the profile', () => {
    const p = platform({ date: '2026-03-01', score: 75 });
    expect(runRule(rule, { period, platform: p }, { mlps_assessment_max_age_days: 200 }).status).toBe('fail');
    expect(runRule(rule, { period, platform: p }, { mlps_min_score: 80 }).status).toBe('fail');
  });

  it('reads a timestamp as its local date', () => {
    // 2025-12-30T17:00Z is 2025-12-31 01:00 in Shanghai: on the boundary day.
    expect(runRule(rule, { period, platform: platform({ date: '2025-12-30T17:00:00Z', score: 80 }) }).status).toBe('pass');
  });

  it('lacks evidence without the assessment, its date or its score', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: platform(undefined) }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: platform({ score: 80 }) }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: platform({ date: 'last year', score: 80 }) }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: platform({ date: '2026-06-30' }) }).status).toBe('insufficient_evidence');
  });
});
