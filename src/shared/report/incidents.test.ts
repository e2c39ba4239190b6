import { describe, expect, it } from 'vitest';
import { makeRecords } from '../engine/testing.js';
import type { EpisodeView } from '../incidents/episodes.js';
import { incidentTimelines, timelineParams } from '../incidents/timeline.js';
import { buildReport } from './build.js';
import { axisOf, incidentsSection, INCIDENTS_OUTLINE_ID } from './incidents.js';
import { testFindings, testMetas } from './testing.js';
import type { DocNode, IncidentsReportInput } from './types.js';

const params = timelineParams(undefined);
const timelines = incidentTimelines(makeRecords({
  incidents: [
    { id: 'INC-LATE', type: 'leak', grade: 'major', detected_at: '2026-10-21T08:10:00+08:00', plan_activated_at: '2026-10-21T08:25:00+08:00', reported_at: '2026-10-21T13:10:00+08:00', closed_at: '2026-10-23T18:00:00+08:00', datasets: ['DS-HEALTH-02'], summary: '合作方接口凭证泄露' },
    { id: 'INC-OK', type: 'other', grade: 'general', detected_at: '2026-04-18T14:05:00+08:00', plan_activated_at: '2026-04-18T14:20:00+08:00', reported_at: '2026-04-18T19:00:00+08:00' },
    { id: 'INC-NODATE', grade: 'general', detected_at: '' },
  ],
}), params);

const ep = (key: string, covered: boolean): EpisodeView => ({
  key, kind: covered ? 'bulk_transfer' : 'log_delete', actor: 'u6', first: '2026-08-30T02:17:00+08:00', last: '2026-08-30T02:17:00+08:00', eventCount: 1,
  events: [{ file: 'logs/2026-08.jsonl', line: 868, eventId: 'E00007122', at: '2026-08-30T02:17:00+08:00' }],
  nearestIncident: { id: 'INC-LATE', detectedAt: '2026-10-21T08:10:00+08:00', minutesApart: covered ? 305 : 75233 }, covered,
});

function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const k of ['text', 'stack', 'columns']) if (k in o) texts(o[k], out);
    if (o.table) texts((o.table as { body: unknown }).body, out);
  }
  return out;
}

/** Every node with a key, depth first. */
function nodesWith(node: unknown, key: string, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => nodesWith(n, key, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (key in o) out.push(o);
    for (const v of Object.values(o)) if (typeof v === 'object') nodesWith(v, key, out);
  }
  return out;
}

const input = (over: Partial<IncidentsReportInput> = {}): IncidentsReportInput => ({
  timelines, deadlines: params, episodes: [ep('a', false), ep('b', true)], ...over,
});

describe('incident section', () => {
  it('prints each timeline with its deadlines and the late minutes', () => {
    const text = texts(incidentsSection(input())).join('\n');
    expect(text).toContain('INC-LATE');
    expect(text).toContain('限 240 分钟');
    expect(text).toContain('超时 60 分钟');
    expect(text).toContain('合作方接口凭证泄露');
    expect(text).toContain('DS-HEALTH-02');
    expect(text).toContain('无法绘制时间线');
  });

  it('draws the late part of the report red, from the deadline marker to the report', () => {
    const content = incidentsSection(input({ timelines: [timelines[0]] }));
    const canvases = nodesWith(content, 'canvas').map((n) => n.canvas as Record<string, unknown>[]);
    // Legend swatches aside, the four lanes of the timeline.
    const lanes = canvases.filter((c) => c.length > 5);
    expect(lanes).toHaveLength(4);
    const report = lanes[2];
    const marker = report.find((v) => v.type === 'line' && v.dash) as { x1: number };
    const red = report.find((v) => v.type === 'rect' && v.color === '#c62828') as { x: number; w: number };
    const green = report.find((v) => v.type === 'rect' && v.color === '#2e7d32') as { x: number; w: number };
    expect(red.x).toBeCloseTo(marker.x1, 5);
    expect(green.x + green.w).toBeCloseTo(marker.x1, 5);
    // 240 → 300 minutes is a quarter of the on-time part.
    expect(red.w / (green.w)).toBeCloseTo(60 / 240, 5);
    // The plan lane stays within its limit: no red.
    expect(lanes[1].some((v) => v.color === '#c62828')).toBe(false);
  });

  it('lists the episodes, covered or not, and the reviewer judgments with their fold when given', () => {
    const plain = texts(incidentsSection(input())).join('\n');
    expect(plain).toContain('未覆盖');
    expect(plain).toContain('已覆盖');
    expect(plain).toContain('E00007122');
    expect(plain).not.toContain('复核判断');
    const judged = texts(incidentsSection(input({ judgments: [{ episodeKey: 'a', verdict: 'needs_incident_report', note: '无合理解释' }] }))).join('\n');
    expect(judged).toContain('复核判断');
    expect(judged).toContain('应按事件报告');
    expect(judged).toContain('无合理解释');
    expect(judged).toContain('不符合');
  });

  it('says why there are no episodes when JZ-21-03 did not run', () => {
    const text = texts(incidentsSection(input({ episodes: null, episodesNote: '本次评估未启用 JZ-21-03' }))).join('\n');
    expect(text).toContain('未启用 JZ-21-03');
  });

  it('picks readable axis steps covering the deadline and the report', () => {
    expect(axisOf(300)).toEqual({ step: 60, ticks: 6, maxMinutes: 360 });
    expect(axisOf(1440).maxMinutes).toBeGreaterThanOrEqual(1440 * 1.06);
    expect(axisOf(30).ticks).toBeLessThanOrEqual(8);
    expect(axisOf(0).maxMinutes).toBeGreaterThan(0);
  });
});

describe('buildReport with incidents', () => {
  const base = { findings: testFindings(), rules: testMetas(), reportId: 'CD-T', reportDate: '2027-01-06' };

  it('adds the section with a bookmark before the appendix, only when given', () => {
    const withIt = buildReport({ ...base, incidents: input() }).doc.content as DocNode[];
    const ids = nodesWith(withIt, 'id').map((n) => n.id);
    expect(ids).toContain(INCIDENTS_OUTLINE_ID);
    expect(ids.indexOf(INCIDENTS_OUTLINE_ID)).toBeLessThan(ids.indexOf('appendix'));
    const heading = nodesWith(withIt, 'id').find((n) => n.id === INCIDENTS_OUTLINE_ID)!;
    expect(heading.outline).toBe(true);
    expect(nodesWith(withIt, 'outlineParentId').some((n) => n.outlineParentId === `${INCIDENTS_OUTLINE_ID}-timelines` && n.outlineText === 'INC-LATE')).toBe(true);
    const without = buildReport(base).doc.content as DocNode[];
    expect(nodesWith(without, 'id').map((n) => n.id)).not.toContain(INCIDENTS_OUTLINE_ID);
  });
});
