import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-25-01.js';

describe('JZ-25-01', () => {
  it('passes for a period inside the validity, both ends included', () => {
    expect(runRule(rule, { period: { start: '2026-01-01', end: '2026-12-31' } }).status).toBe('pass');
    expect(runRule(rule, { period: { start: '2025-11-27', end: '2027-11-26' } }).status).toBe('pass');
  });

  it('needs review when the period runs past the validity, with the days outside', () => {
    const out = runRule(rule, { period: { start: '2027-01-01', end: '2027-12-31' } });
    expect(out.status).toBe('needs_review');
    expect(out.figures).toMatchObject({ daysBefore: 0, daysAfter: 35 });
    expect(out.message).toContain('35 天晚于有效期末 2027-11-26');
    expect(out.messageEn).toContain('35 days after they expire on 2027-11-26');
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['manifest.json']);
  });

  it('needs review when the period starts before the measures took effect', () => {
    const out = runRule(rule, { period: { start: '2025-01-01', end: '2025-12-31' } });
    expect(out.status).toBe('needs_review');
    expect(out.figures).toMatchObject({ daysBefore: 330, daysAfter: 0 });
    expect(runRule(rule, { period: { start: '2025-11-26', end: '2026-11-25' } }).status).toBe('needs_review');
  });

  it('lacks evidence when the period is unreadable', () => {
    expect(runRule(rule, { period: { start: '', end: '2026-12-31' } }).status).toBe('insufficient_evidence');
  });
});
