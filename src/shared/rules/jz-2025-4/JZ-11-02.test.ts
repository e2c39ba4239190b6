import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-11-02.js';

const HEAD = 'id,requester,submitted_at,recorded_at,reviewed_at,reviewer,review_result,feedback_at';
const requests = (...rows: string[]) => [HEAD, ...rows].join('\n');

describe('JZ-11-02', () => {
  it('passes when every request has its steps in order and a result; a pending one needs only two', () => {
    const out = runRule(rule, {
      requests: requests(
        'R1,u1,2026-03-01T09:00:00+08:00,2026-03-01T10:00:00+08:00,2026-03-02T10:00:00+08:00,u2,approved,2026-03-02T12:00:00+08:00',
        'R2,u1,2026-03-05T09:00:00+08:00,2026-03-05,2026-03-06,u2,rejected,2026-03-06', // dates: same day is in order
        'R3,u1,2026-04-01T09:00:00+08:00,2026-04-01T09:30:00+08:00,,,pending,',
      ),
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ requests: 3, faulty: 0 });
  });

  it('fails on a missing step, an out-of-order step and a missing result, pointing at the rows', () => {
    const out = runRule(rule, {
      requests: requests(
        'R1,u1,2026-03-01T09:00:00+08:00,2026-03-01T10:00:00+08:00,2026-03-02T10:00:00+08:00,u2,approved,2026-03-02T12:00:00+08:00',
        'R2,u1,2026-03-01T09:00:00+08:00,,2026-03-02T10:00:00+08:00,u2,approved,2026-03-02T12:00:00+08:00',
        'R3,u1,2026-03-01T09:00:00+08:00,2026-03-01T10:00:00+08:00,2026-03-02T10:00:00+08:00,u2,approved,2026-03-02T09:00:00+08:00',
        'R4,u1,2026-03-01T09:00:00+08:00,2026-03-01T10:00:00+08:00,2026-03-02T10:00:00+08:00,u2,,2026-03-02T12:00:00+08:00',
        'R5,u1,2026-03-01T09:00:00+08:00,2026-03-01T10:00:00+08:00,,,approved,',
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([
      ['requests.csv', 3, 'R2'],
      ['requests.csv', 4, 'R3'],
      ['requests.csv', 5, 'R4'],
      ['requests.csv', 6, 'R5'],
    ]);
    expect(out.message).toContain('缺少记录时间');
    expect(out.message).toContain('反馈时间早于审核时间');
    expect(out.message).toContain('缺少审核结果');
    expect(out.messageEn).toContain('4 of 5 development requests have a missing or misordered review step: R2 (no recording time); R3 (feedback time before review time)');
    expect(out.figures).toMatchObject({ requests: 5, faulty: 4 });
  });

  it('fails a pending request whose recorded step comes before its submission, and an unknown result', () => {
    const out = runRule(rule, {
      requests: requests(
        'R1,u1,2026-03-01T09:00:00+08:00,2026-03-01T08:00:00+08:00,,,pending,',
        'R2,u1,2026-03-01T09:00:00+08:00,2026-03-01T10:00:00+08:00,2026-03-02T10:00:00+08:00,u2,maybe,2026-03-02T12:00:00+08:00',
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['R1', 'R2']);
  });

  it('does not apply when no request is recorded', () => {
    expect(runRule(rule, { requests: requests() }).status).toBe('not_applicable');
  });

  it('lacks evidence without requests.csv or its step columns', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { requests: 'id,submitted_at\nR1,2026-03-01' }).status).toBe('insufficient_evidence');
  });
});
