import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-08-03.js';

const platform = (assessment: object | undefined) => ({ crypto: { assessment } });
const period = { start: '2026-01-01', end: '2026-12-31' };

describe('JZ-08-03', () => {
  it('passes with a recent assessment scoring at least 60', () => {
    expect(runRule(rule, { period, platform: platform({ date: '2026-07-15', score: 78 }) }).status).toBe('pass');
    expect(runRule(rule, { period, platform: platform({ date: '2025-12-31', score: 60 }) }).status).toBe('pass');
  });

  it('fails on a low score and on an old assessment, naming both', () => {
    const low = runRule(rule, { period, platform: platform({ date: '2026-07-15', score: 55 }) });
    expect(low.status).toBe('fail');
    expect(low.message).toContain('55');
    expect(low.evidence?.items[0].file).toBe('platform.json');
    const both = runRule(rule, { period, platform: platform({ date: '2025-06-01', score: 50 }) });
    expect(both.status).toBe('fail');
    expect(both.message).toContain('2025-06-01');
    expect(both.message).toContain('50');
  });

  it('reads its parameters from the profile', () => {
    const p = platform({ date: '2026-07-15', score: 65 });
    expect(runRule(rule, { period, platform: p }, { crypto_min_score: 70 }).status).toBe('fail');
    expect(runRule(rule, { period, platform: p }, { crypto_assessment_max_age_days: 100 }).status).toBe('fail');
  });

  it('lacks evidence without the crypto assessment', () => {
    expect(runRule(rule, { platform: { mlps: {} } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: platform({ date: '2026-07-15' }) }).status).toBe('insufficient_evidence');
  });
});
