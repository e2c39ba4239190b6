// The incident section of the report (Art. 21/23): each incident's timeline drawn as
// vectors against its grade's deadlines, late steps marked with the minutes, and the signs
// of unreported incidents (JZ-21-03's episodes) with the incident covering each and the
// reviewer's judgments. Pure: pdfmake content out.

import type { EpisodeView } from '../incidents/episodes.js';
import { EPISODE_VERDICT_NAMES, foldEpisodeJudgments, latestJudgments } from '../incidents/judgments.js';
import { type IncidentTimeline, type TimelineStep } from '../incidents/timeline.js';
import { nameOf } from '../names.js';
import { STATUS_COLOR, STATUS_ZH } from './labels.js';
import type { DocNode, IncidentsReportInput } from './types.js';
import { GRID } from './style.js';

export const INCIDENTS_OUTLINE_ID = 'incidents';

// The look of build.ts (headings, notes); the grid is shared through style.ts.
const NOTE = { fontSize: 8, color: '#546e7a' };

const COLOR = {
  ok: STATUS_COLOR.pass,
  late: STATUS_COLOR.fail,
  review: STATUS_COLOR.needs_review,
  closed: '#90a4ae',
  track: '#eceff1',
  grid: '#cfd8dc',
  limit: '#263238',
  muted: '#78909c',
};

/** Drawing geometry (pt): the lane canvas is X0 + W + X1 wide. */
const X0 = 5;
const W = 246;
const X1 = 6;
const LANE_H = 14;
const LABEL_W = 44;
/** Up to this many episodes the table is kept on one page with its heading. */
const KEEP_TOGETHER_EPISODES = 12;

function clean(s: unknown): string {
  return String(s ?? '').replace(/\t/g, ' ').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/g, '');
}

function para(text: string | DocNode[], extra: Record<string, unknown> = {}): DocNode {
  return { text, margin: [0, 0, 0, 4], ...extra };
}

function th(text: string): DocNode {
  return { text, style: 'th' };
}

/** 2026-10-21T13:10:00+08:00 → 2026-10-21 13:10 (the zone is the bundle's, said once). */
function shortTime(at: string | null): string {
  if (!at) return '';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]} ${m[2]}` : at;
}

/** Minutes as the deadlines are written, with hours beside them when long. */
function minutesText(min: number): string {
  const m = Math.round(min * 10) / 10;
  if (Math.abs(m) >= 2880) return `${m} 分钟（${Math.round((m / 1440) * 10) / 10} 天）`;
  return Math.abs(m) >= 120 ? `${m} 分钟（${Math.round((m / 60) * 10) / 10} 小时）` : `${m} 分钟`;
}

function apartText(min: number): string {
  if (min < 120) return `${min} 分钟`;
  if (min < 2880) return `${Math.round((min / 60) * 10) / 10} 小时`;
  return `${Math.round((min / 1440) * 10) / 10} 天`;
}

// ---------------------------------------------------------------- the axis

const STEPS_MIN = [5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200];
const MAX_TICKS = 8;

/** A scale covering `max` minutes in at most MAX_TICKS equal steps of a readable size. */
export function axisOf(max: number): { step: number; ticks: number; maxMinutes: number } {
  const target = Math.max(max * 1.06, 5);
  for (const step of STEPS_MIN) {
    const ticks = Math.ceil(target / step);
    if (ticks <= MAX_TICKS) return { step, ticks: Math.max(ticks, 2), maxMinutes: Math.max(ticks, 2) * step };
  }
  const step = Math.ceil(target / MAX_TICKS / 1440) * 1440;
  return { step, ticks: MAX_TICKS, maxMinutes: step * MAX_TICKS };
}

/** One unit along an axis: minutes below an hour's step, days for whole-day steps, else hours. */
function tickLabel(min: number, step: number): string {
  if (min === 0) return '0';
  if (step < 60) return `${min}分`;
  if (step % 1440 === 0) return `${min / 1440}天`;
  return `${Math.round((min / 60) * 10) / 10}小时`;
}

/** What the axis must show: the deadlines and the steps measured against them; closed only when near. */
export function axisMax(tl: IncidentTimeline): number {
  const core = [tl.planLimitMinutes];
  for (const s of tl.steps) {
    if (s.limitMinutes !== null) core.push(s.limitMinutes);
    if ((s.step === 'plan_activated' || s.step === 'reported') && s.minutes !== null) core.push(s.minutes);
  }
  const m = Math.max(0, ...core.filter((x) => Number.isFinite(x)));
  const closed = tl.steps[3].minutes;
  // A closure days later would squash the minutes that decide compliance: it runs off the edge instead.
  return closed !== null && closed > m && closed <= m * 1.5 ? closed : m;
}

// ---------------------------------------------------------------- the drawing

type Vector = Record<string, unknown>;

function gridLines(scale: (m: number) => number, axis: { step: number; ticks: number }): Vector[] {
  const out: Vector[] = [];
  for (let i = 0; i <= axis.ticks; i++) {
    const x = scale(i * axis.step);
    out.push({ type: 'line', x1: x, y1: 0, x2: x, y2: LANE_H, lineWidth: 0.4, lineColor: COLOR.grid });
  }
  return out;
}

function dot(x: number, color: string): Vector {
  return { type: 'ellipse', x, y: LANE_H / 2, r1: 2.6, r2: 2.6, color, lineColor: '#ffffff', lineWidth: 0.6 };
}

/** Past the right edge: a small arrow head. */
function arrow(x: number, color: string): Vector {
  const y = LANE_H / 2;
  return { type: 'polyline', closePath: true, points: [{ x: x - 1, y: y - 3.5 }, { x: x + 4, y }, { x: x - 1, y: y + 3.5 }], color, lineColor: color, lineWidth: 0.5 };
}

function laneCanvas(s: TimelineStep, axis: { step: number; ticks: number; maxMinutes: number }): Vector[] {
  const scale = (m: number) => X0 + (Math.max(0, Math.min(m, axis.maxMinutes)) / axis.maxMinutes) * W;
  const v: Vector[] = [{ type: 'rect', x: X0, y: LANE_H / 2 - 1.5, w: W, h: 3, color: COLOR.track }, ...gridLines(scale, axis)];
  const barY = LANE_H / 2 - 3;
  if (s.step === 'detected') {
    if (s.t !== null) v.push(dot(scale(0), COLOR.limit));
    return v;
  }
  const m = s.minutes;
  if (m !== null) {
    const end = scale(m);
    const off = m > axis.maxMinutes;
    if (s.step === 'closed') {
      v.push({ type: 'rect', x: X0, y: barY, w: Math.max(0.5, end - X0), h: 6, color: COLOR.closed });
    } else if (s.state === 'late' && s.limitMinutes !== null) {
      const lim = scale(s.limitMinutes);
      v.push({ type: 'rect', x: X0, y: barY, w: Math.max(0.5, lim - X0), h: 6, color: COLOR.ok });
      v.push({ type: 'rect', x: lim, y: barY, w: Math.max(0.5, end - lim), h: 6, color: COLOR.late });
    } else {
      v.push({ type: 'rect', x: X0, y: barY, w: Math.max(0.5, end - X0), h: 6, color: s.state === 'ok' ? COLOR.ok : COLOR.review });
    }
    const color = s.step === 'closed' ? COLOR.closed : s.state === 'late' ? COLOR.late : s.state === 'ok' ? COLOR.ok : COLOR.review;
    v.push(off ? arrow(X0 + W, color) : dot(end, color));
  }
  if (s.limitMinutes !== null) {
    const x = scale(s.limitMinutes);
    v.push({ type: 'line', x1: x, y1: 0, x2: x, y2: LANE_H, lineWidth: 1.2, lineColor: COLOR.limit, dash: { length: 2, space: 1.5 } });
  }
  return v;
}

function laneText(s: TimelineStep, tl: IncidentTimeline): DocNode {
  const parts: DocNode[] = [];
  const time = shortTime(s.at);
  if (s.step === 'detected') {
    parts.push(time || (s.state === 'missing' ? '未记录' : `无法识别：${clean(s.text)}`));
    return { text: parts, color: s.t === null ? COLOR.review : undefined };
  }
  if (s.state === 'missing') {
    if (s.step === 'closed') return { text: '未记录结案时间', color: COLOR.muted };
    return { text: [{ text: '未记录，视为超时', bold: true, color: COLOR.late }, s.limitMinutes !== null ? `（限 ${s.limitMinutes} 分钟）` : ''] };
  }
  if (s.state === 'unreadable') return { text: `时间“${clean(s.text)}”无法识别`, color: COLOR.review };
  parts.push(time);
  if (s.minutes !== null) parts.push(`，发现后 ${s.step === 'closed' ? minutesText(s.minutes) : `${s.minutes} 分钟`}`);
  if (s.limitMinutes !== null) {
    const limit = s.limitIsFallback ? `等级未知，各等级最长时限 ${s.limitMinutes} 分钟` : `限 ${s.limitMinutes} 分钟`;
    parts.push({ text: `\n${limit}`, color: COLOR.muted });
  }
  if (s.state === 'late') parts.push({ text: `，超时 ${s.lateMinutes} 分钟`, bold: true, color: COLOR.late });
  else if (s.state === 'ok' && s.step !== 'closed') parts.push({ text: '，按时', color: COLOR.ok });
  else if (s.state === 'unmeasured' && s.step !== 'closed') {
    parts.push({ text: tl.detectedMs === null ? '，发现时间不明，无法判断' : '，无法判断', color: COLOR.review });
  }
  return { text: parts };
}

function axisRow(axis: { step: number; ticks: number }): DocNode {
  // Label i centred on tick i; the first starts at the left edge, the last ends at the right one.
  const unit = W / axis.ticks;
  const cols: DocNode[] = [{ width: X0 + unit / 2, text: '0', alignment: 'left' }];
  for (let i = 1; i < axis.ticks; i++) cols.push({ width: unit, text: tickLabel(i * axis.step, axis.step), alignment: 'center' });
  cols.push({ width: unit / 2 + X1, text: tickLabel(axis.ticks * axis.step, axis.step), alignment: 'right' });
  return { columns: cols, columnGap: 0, fontSize: 6.5, color: COLOR.muted };
}

const VERDICT: Record<IncidentTimeline['verdict'], { text: string; color: string }> = {
  on_time: { text: '按时处置并报告', color: COLOR.ok },
  late: { text: '未按时', color: COLOR.late },
  review: { text: '需人工复核', color: COLOR.review },
};

function timelineBlock(tl: IncidentTimeline, parentId: string): DocNode {
  const verdict = VERDICT[tl.verdict];
  const grade = tl.grade ? `${tl.gradeZh}${tl.gradeKnown ? '' : '（等级未知）'}` : '等级未填';
  const type = nameOf('incidentType', tl.type);
  const head: DocNode = {
    table: {
      widths: ['*', 110],
      body: [[
        {
          text: [{ text: clean(tl.id || '（无编号）') + '  ', bold: true }, { text: [grade, type].filter(Boolean).join(' · '), color: '#37474f' }],
          outline: true, outlineParentId: parentId, outlineText: clean(tl.id || '（无编号）'),
        },
        { text: verdict.text, bold: true, color: verdict.color, alignment: 'right' },
      ]],
    },
    layout: {
      hLineWidth: (i: number) => (i === 1 ? 0.5 : 0), vLineWidth: () => 0, hLineColor: () => '#90a4ae', fillColor: () => '#f5f7f8',
      paddingLeft: () => 4, paddingRight: () => 4, paddingTop: () => 2, paddingBottom: () => 2,
    },
    fontSize: 9.5,
    margin: [0, 8, 0, 4],
  };
  const facts: DocNode[] = [];
  if (tl.summary) facts.push(para([{ text: '摘要：', color: COLOR.muted }, clean(tl.summary)], { fontSize: 8.5, margin: [0, 0, 0, 1] }));
  facts.push(para([{ text: '涉及数据集：', color: COLOR.muted }, tl.datasets.length ? clean(tl.datasets.join('、')) : '（未列出）'], { fontSize: 8.5, margin: [0, 0, 0, 1] }));
  if (tl.inPeriod === false) facts.push(para('该事件的发现时间不在评估期内，JZ-21-02 未据此判定，仅列出供参考。', { ...NOTE, margin: [0, 0, 0, 1] }));

  const nodes: DocNode[] = [head, ...facts];
  if (tl.detectedMs === null) {
    nodes.push(para(`发现时间${tl.detectedAt ? `“${clean(tl.detectedAt)}”无法识别` : '未记录'}，无法绘制时间线。`, { fontSize: 8.5, color: COLOR.review }));
  } else {
    const axis = axisOf(axisMax(tl));
    const rows: DocNode[][] = [[{ text: '' }, axisRow(axis), { text: '发现后经过时间', ...NOTE, fontSize: 6.5, margin: [4, 0, 0, 0] }]];
    for (const s of tl.steps) {
      rows.push([
        { text: nameOf('incidentStep', s.step), fontSize: 8, bold: s.state === 'late', color: s.state === 'late' ? COLOR.late : undefined },
        { canvas: laneCanvas(s, axis) },
        { ...(laneText(s, tl) as Record<string, unknown>), fontSize: 7.5 },
      ]);
    }
    nodes.push({
      table: { widths: [LABEL_W, X0 + W + X1, '*'], body: rows },
      layout: {
        hLineWidth: () => 0, vLineWidth: () => 0,
        paddingLeft: () => 0, paddingRight: () => 4, paddingTop: () => 1.5, paddingBottom: () => 1.5,
      },
      margin: [0, 2, 0, 2],
    });
  }
  if (tl.problems.length) nodes.push(para(`问题：${clean(tl.problems.join('；'))}。`, { fontSize: 8.5, color: tl.verdict === 'late' ? COLOR.late : COLOR.review, margin: [0, 2, 0, 4] }));
  if (tl.notes.length) nodes.push(para(`备注：${clean(tl.notes.join('；'))}。`, NOTE));
  return { stack: nodes, unbreakable: true };
}

function legend(): DocNode {
  const swatch = (color: string, label: string): DocNode => ({
    width: 'auto',
    columns: [
      { width: 12, canvas: [{ type: 'rect', x: 0, y: 3, w: 10, h: 5, color }] },
      { width: 'auto', text: label, margin: [0, 0, 10, 0] },
    ],
  });
  return {
    columns: [
      swatch(COLOR.ok, '时限内'),
      swatch(COLOR.late, '超出时限'),
      swatch(COLOR.review, '无法判断时限'),
      swatch(COLOR.closed, '至结案'),
      {
        width: 'auto',
        columns: [
          { width: 12, canvas: [{ type: 'line', x1: 5, y1: 0, x2: 5, y2: 11, lineWidth: 1.2, lineColor: COLOR.limit, dash: { length: 2, space: 1.5 } }] },
          { width: 'auto', text: '时限（按事件等级）', margin: [0, 0, 10, 0] },
        ],
      },
    ],
    fontSize: 7.5,
    color: '#455a64',
    margin: [0, 0, 0, 6],
  };
}

function deadlinesText(input: IncidentsReportInput): string {
  const d = input.deadlines;
  if (d) {
    const grades = Object.entries(d.reportDeadlineMinutes).map(([g, m]) => `${nameOf('incidentGrade', g)} ${m} 分钟`).join('、');
    return `时限取本次评估的配置（JZ-21-02）：发现后 ${d.planActivationMaxMinutes} 分钟内启动应急预案；向数据主管部门报告的时限按事件等级为 ${grades}。恰好等于时限不算超时。`;
  }
  return '时限取本次评估的配置（JZ-21-02）；恰好等于时限不算超时。';
}

// ---------------------------------------------------------------- episodes

function episodeRow(e: EpisodeView, i: number, judged: ReturnType<typeof latestJudgments> | null): DocNode[] {
  const a = shortTime(e.first);
  const b = shortTime(e.last);
  const span = a === b ? a : a.slice(0, 10) === b.slice(0, 10) ? `${a} 至 ${b.slice(11)}` : `${a}\n至 ${b}`;
  const first = e.events[0];
  const events = `${e.eventCount} 个事件${first ? `\n${e.eventCount > 1 ? '首个 ' : ''}${first.eventId || '（无编号）'}\n${first.file}:${first.line}` : ''}`;
  const near = e.nearestIncident ? `${e.nearestIncident.id}\n相隔 ${apartText(e.nearestIncident.minutesApart)}` : '—';
  const row: DocNode[] = [
    { text: String(i + 1), alignment: 'right' },
    { text: [{ text: nameOf('episodeKind', e.kind), bold: true }, `\n账号 ${clean(e.actor || '（空）')}`] },
    span,
    { text: clean(events), wordBreak: 'break-all' },
    near,
    e.covered ? { text: '已覆盖', color: COLOR.ok } : { text: '未覆盖', color: COLOR.review, bold: true },
  ];
  if (judged) {
    const j = judged.get(e.key);
    row.push(j
      ? { text: [{ text: EPISODE_VERDICT_NAMES[j.verdict], bold: true, color: j.verdict === 'explained' ? COLOR.ok : COLOR.late }, j.note.trim() ? `：${clean(j.note.trim())}` : '', j.by ? { text: `（${clean(j.by)}）`, color: COLOR.muted } : ''] }
      : { text: e.covered ? '—' : '未判断', color: COLOR.muted });
  }
  return row;
}

function episodesPart(input: IncidentsReportInput): DocNode[] {
  const nodes: DocNode[] = [];
  const episodes = input.episodes;
  if (!episodes) {
    nodes.push(para(clean(input.episodesNote ?? '本次评估未分析日志中的安全事件迹象（JZ-21-03 未运行）。'), { fontSize: 9 }));
    return nodes;
  }
  const total = Math.max(input.episodeTotal ?? episodes.length, episodes.length);
  const open = episodes.filter((e) => !e.covered).length;
  nodes.push(para(
    `日志中发现 ${total} 处安全事件迹象（成功的日志删除、单次大批量导出/下载/共享、同一账号集中被拒绝访问），`
    + `其中 ${open} 处未由已报告事件覆盖（距任一事件的发现时间均不少于 24 小时）`
    + (total > episodes.length ? `；受证据条数上限限制，此处列出 ${episodes.length} 处` : '') + '。',
    { fontSize: 9 },
  ));
  if (!episodes.length) return nodes;
  const judgments = input.judgments ?? [];
  const judged = judgments.length ? latestJudgments(judgments) : null;
  const widths: (number | string)[] = judged ? [16, 74, 62, 84, 56, 34, '*'] : [16, 90, 70, 110, 70, '*'];
  const header = ['序号', '迹象', '时间', '事件', '最近的事件', '覆盖', ...(judged ? ['复核判断'] : [])];
  nodes.push({
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [header.map(th), ...episodes.map((e, i) => episodeRow(e, i, judged))] },
    layout: GRID,
    fontSize: 7.5,
    margin: [0, 2, 0, 6],
  });
  if (judged) {
    const fold = foldEpisodeJudgments(episodes, judgments, { total });
    nodes.push(para([
      { text: '复核结论：', bold: true },
      fold.status === 'needs_review' ? 'JZ-21-03 仍为' : '按上述判断，JZ-21-03 应为',
      { text: `“${STATUS_ZH[fold.status]}”`, bold: true, color: STATUS_COLOR[fold.status] },
      `。${clean(fold.reason)}`,
    ], { fontSize: 9 }));
    if (fold.stale.length) {
      nodes.push(para(`另有 ${fold.stale.length} 条复核判断所针对的迹象本次未再出现（迹象范围或参数已变化），未计入结论。`, NOTE));
    }
  } else if (open) {
    nodes.push(para('复核人尚未逐段判断上述未覆盖的迹象；JZ-21-03 保持“待人工复核”。', NOTE));
  }
  return nodes;
}

// ---------------------------------------------------------------- section

/** The section, heading included; `heading` carries the number buildReport gives it. */
export function incidentsSection(input: IncidentsReportInput, heading = '六、数据安全事件专项核查'): DocNode[] {
  const nodes: DocNode[] = [{ text: heading, style: 'h1', outline: true, id: INCIDENTS_OUTLINE_ID, pageBreak: 'before' }];
  nodes.push(para(
    '依据第二十一条、第二十三条，逐起列出 incidents.json 中的数据安全事件：从发现到启动应急预案、向数据主管部门报告和结案的时间线，'
    + '并与该事件等级的时限比对；随后列出日志中可能未报告的安全事件迹象。',
    { fontSize: 9 },
  ));
  const timelinesId = `${INCIDENTS_OUTLINE_ID}-timelines`;
  const first: DocNode[] = [{ text: '（一）事件时间线', style: 'h2', outline: true, id: timelinesId, outlineParentId: INCIDENTS_OUTLINE_ID }];
  if (!input.timelines.length) {
    nodes.push(...first, para('证据包中没有数据安全事件记录。', { fontSize: 9 }));
  } else {
    const late = input.timelines.filter((t) => t.verdict === 'late').length;
    const review = input.timelines.filter((t) => t.verdict === 'review').length;
    first.push(para(
      `共 ${input.timelines.length} 起事件，其中未按时 ${late} 起${review ? `、需人工复核 ${review} 起` : ''}。${deadlinesText(input)}`,
      { fontSize: 9 },
    ));
    first.push(legend());
    const blocks = input.timelines.map((tl) => timelineBlock(tl, timelinesId));
    // The heading, its note and the first timeline never part at a page end.
    nodes.push({ stack: [...first, blocks[0]], unbreakable: true }, ...blocks.slice(1));
  }
  const episodes = [{ text: '（二）未报告事件迹象（JZ-21-03）', style: 'h2', outline: true, outlineParentId: INCIDENTS_OUTLINE_ID }, ...episodesPart(input)];
  // A short table stays with its heading; a long one may run over pages (its header repeats).
  if ((input.episodes?.length ?? 0) <= KEEP_TOGETHER_EPISODES) nodes.push({ stack: episodes, unbreakable: true });
  else nodes.push(...episodes);
  return nodes;
}
