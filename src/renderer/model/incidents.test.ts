import { describe, expect, it } from 'vitest';
import { makeRecords } from '../../shared/engine/testing.js';
import type { AroundRow } from '../../shared/incidents/around.js';
import { foldEpisodeJudgments } from '../../shared/incidents/judgments.js';
import { incidentTimelines, timelineParams } from '../../shared/incidents/timeline.js';
import { effectiveRules } from '../../shared/review/effective.js';
import { TEST_EPISODES, incidentFindings } from '../store/testing.js';
import {
  axisTicks, episodeProposal, filterAroundRows, hoursOfWindow, laneShape, timelineAxis, windowOfHours,
} from './incidents.js';

const [late, open] = incidentTimelines(makeRecords({
  incidents: [
    { id: 'LATE', grade: 'major', detected_at: '2026-10-21T08:10:00+08:00', plan_activated_at: '2026-10-21T08:25:00+08:00', reported_at: '2026-10-21T13:10:00+08:00', closed_at: '2026-10-23T18:00:00+08:00' },
    { id: 'OPEN', grade: 'general', detected_at: '2026-06-01T09:00:00+08:00', plan_activated_at: '2026-06-01T09:10:00+08:00' },
  ],
}), timelineParams(undefined));

describe('timeline lanes', () => {
  it('draws a late report green up to its deadline and red beyond it, on the scale the report uses', () => {
    const axis = timelineAxis(late);
    // Report at 300 min against 240: the scale covers 300 in readable steps.
    expect(axis.maxMinutes).toBeGreaterThanOrEqual(300);
    expect(axisTicks(axis)[0]).toEqual({ minutes: 0, at: 0 });
    expect(axisTicks(axis).at(-1)!.at).toBe(100);
    const reported = laneShape(late.steps[2], axis);
    const at = (m: number) => Math.round((m / axis.maxMinutes) * 10000) / 100;
    expect(reported.limit).toBe(at(240));
    expect(reported.bars).toEqual([{ from: 0, to: at(240), tone: 'ok' }, { from: at(240), to: at(300), tone: 'late' }]);
    expect(reported.mark).toEqual({ at: at(300), tone: 'late', beyond: false });
    // The plan on time: one green bar to the step, the 30-minute limit beyond it.
    const plan = laneShape(late.steps[1], axis);
    expect(plan.bars).toEqual([{ from: 0, to: at(15), tone: 'ok' }]);
    expect(plan.limit).toBe(at(30));
    // Closure days later runs off the edge: an arrow there.
    expect(laneShape(late.steps[3], axis).mark).toEqual({ at: 100, tone: 'closed', beyond: true });
    expect(laneShape(late.steps[0], axis)).toEqual({ bars: [], mark: { at: 0, tone: 'ok', beyond: false }, limit: null });
  });

  it('shows a missing report as its deadline only', () => {
    const axis = timelineAxis(open);
    const reported = laneShape(open.steps[2], axis);
    expect(reported.mark).toBeNull();
    expect(reported.bars).toEqual([]);
    expect(reported.limit).toBe(Math.round((1440 / axis.maxMinutes) * 10000) / 100);
  });
});

describe('the window in hours', () => {
  it('turns hours before and after into minutes and back, and refuses an empty or too wide window', () => {
    expect(windowOfHours(24, 72)).toEqual({ startMinutes: -1440, endMinutes: 4320 });
    expect(windowOfHours(0, 1.5)).toEqual({ startMinutes: -0, endMinutes: 90 });
    expect(hoursOfWindow({ startMinutes: -1440, endMinutes: 4320 })).toEqual({ before: 24, after: 72 });
    expect(windowOfHours(0, 0)).toBeNull();
    expect(windowOfHours(-1, 5)).toBeNull();
    expect(windowOfHours(8785, 1)).toBeNull();
    expect(windowOfHours(Number.NaN, 1)).toBeNull();
  });
});

describe('filtering the logs around an incident', () => {
  const row = (line: number, over: Partial<AroundRow>): AroundRow => ({
    file: 'logs/a.jsonl', line, eventId: `E${line}`, ts: '', at: '2026-10-21T09:00:00+08:00', actor: 'u1', action: 'query', resourceType: 'dataset',
    resource: 'DS-1', result: 'success', excerpt: '', reasons: ['dataset'], ...over,
  });
  const rows = [row(1, {}), row(2, { actor: 'u9', action: 'download', reasons: ['episode_actor'] }), row(3, { resourceType: 'product', resource: 'PR-4', reasons: ['product'] })];

  it('by words (all must match), by reason, and to the marked events', () => {
    const none = new Set<string>();
    expect(filterAroundRows(rows, { text: 'U9 download', reasons: [], markedOnly: false }, none).map((r) => r.line)).toEqual([2]);
    expect(filterAroundRows(rows, { text: 'u9 query', reasons: [], markedOnly: false }, none)).toEqual([]);
    expect(filterAroundRows(rows, { text: '', reasons: ['product', 'dataset'], markedOnly: false }, none).map((r) => r.line)).toEqual([1, 3]);
    expect(filterAroundRows(rows, { text: 'logs/a.jsonl:3', reasons: [], markedOnly: false }, none).map((r) => r.line)).toEqual([3]);
    expect(filterAroundRows(rows, { text: '', reasons: [], markedOnly: true }, new Set(['logs/a.jsonl:2'])).map((r) => r.line)).toEqual([2]);
  });
});

describe('the JZ-21-03 decision the judgments lead to', () => {
  const findings = incidentFindings();
  const ruleWith = (decisions: Parameters<typeof effectiveRules>[1]) => effectiveRules(findings.results, decisions, '2027-01-07').find((r) => r.result.ruleId === 'JZ-21-03');
  const [logDelete] = TEST_EPISODES;
  const fold = (verdict: 'explained' | 'needs_incident_report') => foldEpisodeJudgments(TEST_EPISODES, [{ episodeKey: logDelete.key, verdict, note: '说明' }]);

  it('is open while an uncovered episode is unjudged, and none when the rule did not run', () => {
    expect(episodeProposal(foldEpisodeJudgments(TEST_EPISODES, []), ruleWith([]))).toEqual({ state: 'open', draft: null });
    expect(episodeProposal(fold('explained'), undefined)).toEqual({ state: 'none', draft: null });
  });

  it('is a judgment of the open rule, then recorded once the rule stands so for that reason', () => {
    const p = episodeProposal(fold('needs_incident_report'), ruleWith([]));
    expect(p.state).toBe('ready');
    expect(p.draft).toMatchObject({ ruleId: 'JZ-21-03', kind: 'judgment', status: 'fail' });
    const recorded = ruleWith([{ ...p.draft!, reviewer: '甲', at: '2027-01-07T10:00:00+08:00' }]);
    expect(episodeProposal(fold('needs_incident_report'), recorded).state).toBe('recorded');
    // The same status for another reason cannot be restated without withdrawing the first.
    const other = ruleWith([{ ...p.draft!, reason: '别的理由', reviewer: '甲', at: '2027-01-07T10:00:00+08:00' }]);
    expect(episodeProposal(fold('needs_incident_report'), other).state).toBe('same');
    // Explained after all: pass can be recorded over the earlier fail.
    expect(episodeProposal(fold('explained'), recorded)).toMatchObject({ state: 'ready', draft: { status: 'pass', kind: 'judgment' } });
  });

  it('keeps a long reason within what a decision may hold', () => {
    const long = foldEpisodeJudgments(TEST_EPISODES, [{ episodeKey: logDelete.key, verdict: 'needs_incident_report', note: '长'.repeat(3000) }]);
    expect(episodeProposal(long, ruleWith([])).draft!.reason.length).toBe(2000);
  });
});
