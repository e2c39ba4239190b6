import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-09-02.js';

const agreement = (start: string, end: string) => ({ agreement: { start, end } });

describe('JZ-09-02', () => {
  it('passes for a term of exactly five years (end date inclusive)', () => {
    const out = runRule(rule, agreement('2026-01-01', '2030-12-31'));
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ termDays: 1826, maxTermYears: 5 });
  });

  it('fails one day over the limit, pointing at agreement.json', () => {
    const out = runRule(rule, agreement('2026-01-01', '2031-01-01'));
    expect(out.status).toBe('fail');
    expect(out.message).toContain('2030-12-31');
    expect(out.evidence?.items[0].file).toBe('agreement.json');
    expect(runRule(rule, agreement('2026-01-03', '2031-01-04')).status).toBe('fail');
  });

  it('adds calendar years to a 29 February start', () => {
    expect(runRule(rule, agreement('2028-02-29', '2033-02-28')).status).toBe('pass');
    expect(runRule(rule, agreement('2028-02-29', '2033-03-01')).status).toBe('fail');
  });

  it('reads max_term_years from the profile', () => {
    expect(runRule(rule, agreement('2026-01-01', '2030-12-31'), { max_term_years: 3 }).status).toBe('fail');
    expect(runRule(rule, agreement('2026-01-01', '2028-12-31'), { max_term_years: 3 }).status).toBe('pass');
  });

  it('needs review when the end precedes the start', () => {
    expect(runRule(rule, agreement('2026-01-01', '2025-12-31')).status).toBe('needs_review');
  });

  it('lacks evidence without agreement.json or readable dates', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { agreement: { start: '2026-01-01' } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, agreement('2026-01-01', 'soon')).status).toBe('insufficient_evidence');
  });
});
