import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-21-02.js';

const inc = (id: string, grade: string, plan: string | null, report: string | null, extra: object = {}) => ({
  id, type: 'leak', grade, detected_at: '2026-05-04T10:00:00+08:00',
  ...(plan === null ? {} : { plan_activated_at: plan }),
  ...(report === null ? {} : { reported_at: report }),
  ...extra,
});

describe('JZ-21-02', () => {
  it('passes when the plan starts and the report goes out within the limits, exact limits included', () => {
    const out = runRule(rule, {
      incidents: [
        inc('INC-1', 'major', '2026-05-04T10:30:00+08:00', '2026-05-04T14:00:00+08:00'),
        inc('INC-2', 'general', '2026-05-04T10:05:00+08:00', '2026-05-05T10:00:00+08:00'),
      ],
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ incidentsChecked: 2, late: 0 });
    expect(out.messageEn).toBe('All 2 incidents in the period had their plan activated and were reported within the limits.');
  });

  it('fails on a late report and a late plan, with the minutes late per incident and the incident as evidence', () => {
    const out = runRule(rule, {
      incidents: [
        inc('INC-1', 'general', '2026-05-04T10:10:00+08:00', '2026-05-04T12:00:00+08:00'),
        inc('INC-2', 'major', '2026-05-04T10:15:00+08:00', '2026-05-04T15:00:00+08:00'),
        inc('INC-3', 'large', '2026-05-04T10:31:00+08:00', '2026-05-04T11:00:00+08:00'),
      ],
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.rowId])).toEqual([['incidents.json', 'INC-2'], ['incidents.json', 'INC-3']]);
    expect(out.evidence?.items[0].line).toBeGreaterThan(1);
    const rows = (out.figures?.incidents as { id: string }[]);
    expect(rows.find((r) => r.id === 'INC-2')).toMatchObject({ reportMinutes: 300, reportDeadlineMinutes: 240, reportLateMinutes: 60, planLateMinutes: 0 });
    expect(rows.find((r) => r.id === 'INC-3')).toMatchObject({ planActivationMinutes: 31, planLateMinutes: 1, reportLateMinutes: 0 });
    expect(out.message).toContain('INC-2');
    expect(out.message).toContain('60');
    expect(out.message).toContain('INC-2：发现后 300 分钟才报告（重大事件限 240 分钟，超 60 分钟）');
    expect(out.messageEn).toContain('Of 3 incidents in the period, 2 did not activate the plan or report on time');
    expect(out.messageEn).toContain('INC-2: reported 300 minutes after detection (limit for a major incident 240 minutes, 60 minutes late)');
    expect(out.messageEn).toContain('INC-3: the plan was activated 31 minutes after detection (limit 30 minutes, 1 minute late)');
  });

  it('treats a missing plan activation or report time as a breach', () => {
    const out = runRule(rule, { incidents: [inc('INC-1', 'general', null, '2026-05-04T11:00:00+08:00'), inc('INC-2', 'general', '2026-05-04T10:01:00+08:00', null)] });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['INC-1', 'INC-2']);
  });

  it('needs review for an unknown grade, unless the report missed every deadline', () => {
    const unknown = runRule(rule, { incidents: [inc('INC-1', 'severe', '2026-05-04T10:10:00+08:00', '2026-05-04T16:00:00+08:00')] });
    expect(unknown.status).toBe('needs_review');
    expect(unknown.evidence?.items.map((i) => i.rowId)).toEqual(['INC-1']);
    const empty = runRule(rule, { incidents: [inc('INC-1', '', '2026-05-04T10:10:00+08:00', '2026-05-04T11:00:00+08:00')] });
    expect(empty.status).toBe('needs_review');
    const veryLate = runRule(rule, { incidents: [inc('INC-1', 'severe', '2026-05-04T10:10:00+08:00', '2026-05-06T10:00:00+08:00')] });
    expect(veryLate.status).toBe('fail');
    expect((veryLate.figures?.incidents as object[])[0]).toMatchObject({ reportDeadlineMinutes: null, reportLateMinutes: 1440 });
  });

  it('maps Chinese grades', () => {
    const out = runRule(rule, { incidents: [inc('INC-1', '较大', '2026-05-04T10:10:00+08:00', '2026-05-04T14:01:00+08:00')] });
    expect(out.status).toBe('fail');
    expect((out.figures?.incidents as object[])[0]).toMatchObject({ reportDeadlineMinutes: 240, reportLateMinutes: 1 });
  });

  it('reads the limits from the params (a critical-infrastructure profile)', () => {
    const incidents = [inc('INC-1', 'major', '2026-05-04T10:20:00+08:00', '2026-05-04T11:30:00+08:00')];
    expect(runRule(rule, { incidents }).status).toBe('pass');
    const strict = { report_deadline_minutes: { especially_major: 60, major: 60, large: 60, general: 1440 } };
    expect(runRule(rule, { incidents }, strict).status).toBe('fail');
    expect(runRule(rule, { incidents }, { plan_activation_max_minutes: 15 }).status).toBe('fail');
  });

  it('checks only incidents detected in the period; an unreadable detection time needs review', () => {
    const before = inc('INC-0', 'major', null, null, { detected_at: '2025-12-31T23:00:00+08:00' });
    const out = runRule(rule, { incidents: [before] });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ incidentsChecked: 0, outsidePeriod: 1 });
    const undated = runRule(rule, { incidents: [inc('INC-1', 'major', null, null, { detected_at: '' })] });
    expect(undated.status).toBe('needs_review');
    expect(undated.evidence?.items.map((i) => i.rowId)).toEqual(['INC-1']);
  });

  it('passes on an empty incident list and lacks evidence without incidents.json', () => {
    expect(runRule(rule, { incidents: [] }).status).toBe('pass');
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
