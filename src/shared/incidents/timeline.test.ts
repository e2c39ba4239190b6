import { describe, expect, it } from 'vitest';
import { makeRecords, runRule } from '../engine/testing.js';
import type { IncidentTiming } from '../rules/jz-2025-4/JZ-21-02.js';
import { rule as jz2102 } from '../rules/jz-2025-4/JZ-21-02.js';
import { canonicalGrade, incidentDatasets, incidentTimelines, timelineParams, timelineParamsFromFindings, type IncidentTimeline } from './timeline.js';

const inc = (id: string, grade: string, plan: string | null, report: string | null, extra: object = {}) => ({
  id, type: 'leak', grade, detected_at: '2026-05-04T10:00:00+08:00',
  ...(plan === null ? {} : { plan_activated_at: plan }),
  ...(report === null ? {} : { reported_at: report }),
  ...extra,
});

const INCIDENTS = [
  inc('INC-1', 'major', '2026-05-04T10:30:00+08:00', '2026-05-04T14:00:00+08:00', { closed_at: '2026-05-05T10:00:00+08:00', datasets: ['DS-1'], summary: '按时' }),
  inc('INC-2', 'major', '2026-05-04T10:15:00+08:00', '2026-05-04T15:00:00+08:00', { datasets: ['DS-2', 'DS-3'] }),
  inc('INC-3', 'large', '2026-05-04T10:31:00+08:00', '2026-05-04T11:00:00+08:00'),
  inc('INC-4', 'general', null, '2026-05-04T11:00:00+08:00'),
  inc('INC-5', 'severe', '2026-05-04T10:10:00+08:00', '2026-05-04T16:00:00+08:00'),
  inc('INC-6', 'severe', '2026-05-04T10:10:00+08:00', '2026-05-06T10:00:00+08:00'),
  inc('INC-7', '较大事件', '2026-05-04T10:10:00+08:00', '2026-05-04T14:01:00+08:00'),
  inc('INC-8', 'general', 'soon', '2026-05-04T11:00:00+08:00'),
];

const timelines = (incidents: object[], params = timelineParams(undefined)) => incidentTimelines(makeRecords({ incidents }), params);
const byId = (list: IncidentTimeline[], id: string) => list.find((t) => t.id === id)!;

describe('incident timelines', () => {
  it('measures the report against the grade deadline, with the minutes late (a major incident reported after 300 min, limit 240)', () => {
    const t = byId(timelines(INCIDENTS), 'INC-2');
    const report = t.steps[2];
    expect(t.steps.map((s) => s.step)).toEqual(['detected', 'plan_activated', 'reported', 'closed']);
    expect(report).toMatchObject({ state: 'late', minutes: 300, limitMinutes: 240, lateMinutes: 60 });
    expect(t.steps[1]).toMatchObject({ state: 'ok', minutes: 15, limitMinutes: 30, lateMinutes: 0 });
    expect(t.verdict).toBe('late');
    expect(t.problems.join()).toContain('超 60 分钟');
    expect(t.datasets).toEqual(['DS-2', 'DS-3']);
  });

  it('takes the deadlines from the resolved parameters: a profile changing them changes the timeline', () => {
    const strict = timelineParams({ plan_activation_max_minutes: 10, report_deadline_minutes: { especially_major: 60, major: 60, large: 60, general: 1440 } });
    const t = byId(timelines(INCIDENTS, strict), 'INC-1');
    expect(t.steps[1]).toMatchObject({ state: 'late', limitMinutes: 10, lateMinutes: 20 });
    expect(t.steps[2]).toMatchObject({ state: 'late', limitMinutes: 60, lateMinutes: 180 });
    const lenient = timelineParams({ plan_activation_max_minutes: 30, report_deadline_minutes: { especially_major: 300, major: 300, large: 300, general: 1440 } });
    expect(byId(timelines(INCIDENTS, lenient), 'INC-2').verdict).toBe('on_time');
  });

  it('reads the same deadlines back from a findings.json (defaults + changed parameters)', () => {
    const p = timelineParamsFromFindings({
      profile: { changedParams: { 'JZ-21-02': { report_deadline_minutes: { especially_major: 60, major: 60, large: 240, general: 1440 } } }, disabledRules: [], waivers: [], maxEvidence: 1000 },
    });
    expect(p).toEqual({ planActivationMaxMinutes: 30, reportDeadlineMinutes: { especially_major: 60, major: 60, large: 240, general: 1440 } });
    expect(timelineParams({ plan_activation_max_minutes: 'x' }).planActivationMaxMinutes).toBe(30);
  });

  it('agrees with JZ-21-02 on every incident: verdict, minutes, limits and lateness', () => {
    const params = { plan_activation_max_minutes: 20, report_deadline_minutes: { especially_major: 60, major: 120, large: 240, general: 1440 } };
    const out = runRule(jz2102, { incidents: INCIDENTS }, params);
    const ruled = out.figures?.incidents as IncidentTiming[];
    const ours = timelines(INCIDENTS, timelineParams(params));
    expect(ruled.length).toBe(INCIDENTS.length);
    for (const r of ruled) {
      const t = byId(ours, r.id);
      expect([t.id, t.verdict]).toEqual([r.id, r.verdict]);
      expect(t.steps[1].minutes).toBe(r.planActivationMinutes);
      expect(t.steps[1].state === 'late' ? t.steps[1].lateMinutes : null).toBe(r.planLateMinutes || null);
      expect(t.steps[2].minutes).toBe(r.reportMinutes);
      expect(t.reportDeadlineMinutes).toBe(r.reportDeadlineMinutes);
      expect(t.steps[2].state === 'late' ? t.steps[2].lateMinutes : null).toBe(r.reportLateMinutes || null);
      expect(t.problems).toEqual(r.problems);
    }
  });

  it('marks missing, unreadable and unmeasurable steps as JZ-21-02 does', () => {
    const list = timelines(INCIDENTS);
    expect(byId(list, 'INC-4').steps[1].state).toBe('missing');
    expect(byId(list, 'INC-4').verdict).toBe('late');
    expect(byId(list, 'INC-8').steps[1].state).toBe('unreadable');
    expect(byId(list, 'INC-8').verdict).toBe('review');
    // Unknown grade: the longest deadline is the fallback; within it the tool cannot tell.
    expect(byId(list, 'INC-5').steps[2]).toMatchObject({ state: 'unmeasured', limitMinutes: 1440, limitIsFallback: true });
    expect(byId(list, 'INC-5').gradeKnown).toBe(false);
    expect(byId(list, 'INC-6').steps[2]).toMatchObject({ state: 'late', lateMinutes: 1440 });
    expect(byId(list, 'INC-7')).toMatchObject({ gradeKey: 'large', gradeZh: '较大', verdict: 'late' });
  });

  it('keeps undated incidents, with nothing measured, and says which are outside the period', () => {
    const list = timelines([
      { id: 'X', grade: 'major', detected_at: '', reported_at: '2026-05-04T11:00:00+08:00' },
      { id: 'Y', grade: 'major', detected_at: '2025-12-30T10:00:00+08:00', plan_activated_at: '2025-12-30T10:05:00+08:00', reported_at: '2025-12-30T11:00:00+08:00', closed_at: '2025-12-30T09:00:00+08:00' },
    ]);
    expect(list[0]).toMatchObject({ detectedMs: null, inPeriod: null, verdict: 'review' });
    expect(list[0].steps[2]).toMatchObject({ state: 'unmeasured', minutes: null });
    expect(list[1].inPeriod).toBe(false);
    expect(list[1].verdict).toBe('on_time');
    expect(list[1].notes.join()).toContain('结案时间早于报告时间');
    expect(list[1].steps[3].at).toBe('2025-12-30T09:00:00+08:00');
  });

  it('reads grades and dataset lists in their written forms', () => {
    expect(canonicalGrade('特别重大事件')).toBe('especially_major');
    expect(canonicalGrade('Especially Major')).toBe('especially_major');
    expect(incidentDatasets('DS1；DS2|DS1')).toEqual(['DS1', 'DS2']);
    expect(incidentDatasets(['DS1', 7, null])).toEqual(['DS1', '7']);
    expect(incidentDatasets(undefined)).toEqual([]);
  });
});
