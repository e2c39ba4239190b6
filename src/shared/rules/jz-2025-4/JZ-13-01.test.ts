import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-13-01.js';

const item = (id: string, deadline: string, rectified_at?: string, re_evaluated_at?: string) => ({
  id, article: 15, finding: '问题', deadline, ...(rectified_at ? { rectified_at } : {}), ...(re_evaluated_at ? { re_evaluated_at } : {}),
});
const evals = (...items: object[]) => [{ year: 2025, conclusion: 'basically_compliant', items }];

describe('JZ-13-01', () => {
  it('passes when items are rectified by the deadline (that day included) and re-evaluated; open items not yet due are skipped', () => {
    const out = runRule(rule, {
      evaluations: evals(
        item('EV-1', '2026-03-31', '2026-03-20', '2026-04-10'),
        item('EV-2', '2026-06-30', '2026-06-30T23:00:00+08:00', '2026-07-10'),
        item('EV-3', '2027-03-31'), // after period.end 2026-12-31: not yet due
      ),
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ items: 3, notYetDue: 1 });
  });

  it('fails on late, open and unre-evaluated items, pointing at the item in evaluations.json', () => {
    const out = runRule(rule, {
      evaluations: evals(
        item('EV-1', '2026-03-31', '2026-03-20', '2026-04-10'),
        item('EV-2', '2026-06-30', '2026-07-15', '2026-07-20'),
        item('EV-3', '2026-12-31'),
        item('EV-4', '2026-05-31', '2026-05-01'),
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['EV-2', 'EV-3', 'EV-4']);
    expect(out.evidence?.items.every((i) => i.file === 'evaluations.json' && typeof i.line === 'number' && i.line > 1)).toBe(true);
    expect(out.message).toContain('晚于期限 2026-06-30');
    expect(out.messageEn).toContain('3 of the 4 findings of earlier evaluations were not rectified on time or not re-evaluated: EV-2 (rectified 2026-07-15, after the deadline 2026-06-30)');
  });

  it('needs review when an item has no deadline', () => {
    const out = runRule(rule, { evaluations: evals({ id: 'EV-1', finding: 'x', rectified_at: '2026-03-20', re_evaluated_at: '2026-04-10' }) });
    expect(out.status).toBe('needs_review');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['EV-1']);
  });

  it('does not apply without evaluations.json when the agreement started in the period', () => {
    expect(runRule(rule, { agreement: { start: '2026-01-03', end: '2030-12-31' } }).status).toBe('not_applicable');
  });

  it('lacks evidence without evaluations.json when the agreement started earlier or is unknown', () => {
    expect(runRule(rule, { agreement: { start: '2025-01-01', end: '2029-12-31' } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
