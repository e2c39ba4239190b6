// Incident timelines for the security review (Art. 21/23): detected → plan activated →
// reported → closed, each step measured against its grade's deadline exactly as JZ-21-02
// measures it, with the parameters of the resolved profile. Pure.

import { endBound, formatLocal, parseInstant } from '../bundle/time.js';
import { splitMulti } from '../bundle/normalise.js';
import type { BundleRecords, JsonItem } from '../bundle/types.js';
import type { Findings } from '../engine/assess.js';
import type { Params } from '../engine/types.js';
import { isNamed, nameOf } from '../names.js';
import { rule as jz2102 } from '../rules/jz-2025-4/JZ-21-02.js';

export const TIMELINE_RULE_ID = 'JZ-21-02';

/** The deadlines of JZ-21-02, in minutes after detected_at. */
export interface TimelineParams {
  planActivationMaxMinutes: number;
  /** Per canonical grade (especially_major, major, large, general). */
  reportDeadlineMinutes: Record<string, number>;
}

export type StepKind = 'detected' | 'plan_activated' | 'reported' | 'closed';

/**
 * ok: on time (or, for detected and closed, simply recorded); late: after its deadline;
 * missing: not recorded; unreadable: not a time; unmeasured: recorded but no deadline
 * applies (unknown grade within every deadline) or detected_at is unknown.
 */
export type StepState = 'ok' | 'late' | 'missing' | 'unreadable' | 'unmeasured';

export interface TimelineStep {
  step: StepKind;
  /** As written in incidents.json ('' when absent). */
  text: string;
  /** Epoch ms, null when absent or unreadable. */
  t: number | null;
  /** Local ISO time in the bundle's zone, null when t is. */
  at: string | null;
  /** Minutes after detected_at (one decimal), null when either time is unknown. */
  minutes: number | null;
  /** The deadline measured against (minutes after detected_at), null when none applies. */
  limitMinutes: number | null;
  /** For reported: the grade is unknown and the limit is the longest deadline of any grade. */
  limitIsFallback?: boolean;
  /** Minutes past the limit (0 when met), null when not measured. */
  lateMinutes: number | null;
  state: StepState;
}

export interface IncidentTimeline {
  id: string;
  file: string;
  line: number | null;
  /** leak | damage | loss | other, as written. */
  type: string;
  /** As written. */
  grade: string;
  /** Canonical English grade ('' when empty). */
  gradeKey: string;
  /** Chinese name of a known grade, else the grade as written. */
  gradeZh: string;
  /** Whether the grade has a deadline in the parameters. */
  gradeKnown: boolean;
  detectedAt: string;
  detectedMs: number | null;
  /** detected_at within the assessment period; null when detected_at is unknown. */
  inPeriod: boolean | null;
  /** Always four, in the order detected, plan_activated, reported, closed. */
  steps: TimelineStep[];
  planLimitMinutes: number;
  /** The grade's deadline, null when the grade is unknown. */
  reportDeadlineMinutes: number | null;
  datasets: string[];
  summary: string;
  /** As JZ-21-02 judges the incident (late beats review). */
  verdict: 'on_time' | 'late' | 'review';
  /** Why late or why the tool cannot tell, in Chinese. */
  problems: string[];
  /** Remarks that do not change the verdict (steps out of order, not closed). */
  notes: string[];
}

const GRADE_ZH: Record<string, string> = { 特别重大: 'especially_major', 重大: 'major', 较大: 'large', 一般: 'general' };


function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** The same canonical grade JZ-21-02 uses: English lower-case, or a Chinese grade mapped. */
export function canonicalGrade(v: unknown): string {
  const g = text(v);
  const zh = GRADE_ZH[g.replace(/事件$/, '')];
  if (zh) return zh;
  return g.toLowerCase().replace(/[\s-]+/g, '_');
}

function minutesBetween(a: number, b: number): number {
  return Math.round(((b - a) / 60_000) * 10) / 10;
}

function isRecordOfNumbers(v: unknown): v is Record<string, number> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x));
}

/**
 * The deadlines from JZ-21-02's resolved parameters (`profile.params['JZ-21-02']`); a
 * missing or malformed value takes the rule's default.
 */
export function timelineParams(params: Params | undefined): TimelineParams {
  const d = jz2102.meta.params;
  const plan = params?.plan_activation_max_minutes;
  const report = params?.report_deadline_minutes;
  return {
    planActivationMaxMinutes: typeof plan === 'number' && Number.isFinite(plan) ? plan : (d.plan_activation_max_minutes.default as number),
    reportDeadlineMinutes: isRecordOfNumbers(report) ? { ...report } : { ...(d.report_deadline_minutes.default as Record<string, number>) },
  };
}

/**
 * The same deadlines from a findings.json: the defaults with the profile's changed
 * parameters on top (findings keep only what the profile changed).
 */
export function timelineParamsFromFindings(findings: Pick<Findings, 'profile'>): TimelineParams {
  const changed = findings.profile?.changedParams?.[TIMELINE_RULE_ID] ?? {};
  const base = timelineParams(undefined);
  const report = changed.report_deadline_minutes;
  return timelineParams({
    plan_activation_max_minutes: changed.plan_activation_max_minutes ?? base.planActivationMaxMinutes,
    report_deadline_minutes: isRecordOfNumbers(report) ? { ...base.reportDeadlineMinutes, ...report } : base.reportDeadlineMinutes,
  });
}

/** incidents.json `datasets`: an array of ids, or one multi-valued string. */
export function incidentDatasets(v: unknown): string[] {
  const list = Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' || typeof x === 'number' ? splitMulti(String(x)) : [])) : splitMulti(text(v));
  return [...new Set(list)];
}

function readStep(step: StepKind, raw: string, tz: string, detected: number | null): TimelineStep {
  const t = raw ? parseInstant(raw, tz) : NaN;
  const known = !Number.isNaN(t);
  return {
    step, text: raw, t: known ? t : null, at: known ? formatLocal(t, tz) : null,
    minutes: known && detected !== null ? minutesBetween(detected, t) : null,
    limitMinutes: null, lateMinutes: null,
    state: !raw ? 'missing' : known ? 'ok' : 'unreadable',
  };
}

/** One incident's timeline; `period` (local dates) decides `inPeriod`. */
export function incidentTimeline(item: JsonItem, tz: string, params: TimelineParams, period?: { start: string; end: string }): IncidentTimeline {
  const v = item.value;
  const gradeKey = canonicalGrade(v.grade);
  const deadlines = params.reportDeadlineMinutes;
  const gradeKnown = Object.prototype.hasOwnProperty.call(deadlines, gradeKey) && Number.isFinite(deadlines[gradeKey]);
  const deadline = gradeKnown ? deadlines[gradeKey] : null;
  const detectedText = text(v.detected_at);
  const detectedT = detectedText ? parseInstant(detectedText, tz) : NaN;
  const detected = Number.isNaN(detectedT) ? null : detectedT;
  const steps = [
    readStep('detected', detectedText, tz, detected),
    readStep('plan_activated', text(v.plan_activated_at), tz, detected),
    readStep('reported', text(v.reported_at), tz, detected),
    readStep('closed', text(v.closed_at), tz, detected),
  ];
  const [, plan, report, closed] = steps;
  const tl: IncidentTimeline = {
    id: item.id, file: item.file, line: item.line, type: text(v.type), grade: text(v.grade), gradeKey,
    gradeZh: isNamed('incidentGrade', gradeKey) ? nameOf('incidentGrade', gradeKey) : text(v.grade), gradeKnown, detectedAt: detectedText, detectedMs: detected,
    inPeriod: null, steps, planLimitMinutes: params.planActivationMaxMinutes, reportDeadlineMinutes: deadline,
    datasets: incidentDatasets(v.datasets), summary: text(v.summary), verdict: 'on_time', problems: [], notes: [],
  };
  if (period && detected !== null) {
    const start = parseInstant(period.start, tz);
    const end = endBound(period.end, tz);
    tl.inPeriod = detected >= start && detected < end;
  }
  if (detected === null) {
    // Without detected_at nothing can be measured: JZ-21-02 leaves it to a person.
    for (const s of steps.slice(1)) if (s.state === 'ok') s.state = 'unmeasured';
    tl.verdict = 'review';
    tl.problems.push(detectedText ? `发现时间“${detectedText}”无法识别` : '未记录发现时间');
    tl.notes.push(...orderNotes(tl));
    return tl;
  }
  let late = false;
  let review = false;

  plan.limitMinutes = params.planActivationMaxMinutes;
  if (plan.state === 'missing') {
    late = true;
    tl.problems.push('未记录启动应急预案时间');
  } else if (plan.state === 'unreadable') {
    review = true;
    tl.problems.push(`启动预案时间“${plan.text}”无法识别`);
  } else if (plan.t! - detected > plan.limitMinutes * 60_000) {
    // Exactly the limit meets it; only more breaches it.
    late = true;
    plan.state = 'late';
    plan.lateMinutes = minutesBetween(detected + plan.limitMinutes * 60_000, plan.t!);
    tl.problems.push(`发现后 ${plan.minutes} 分钟才启动预案（限 ${plan.limitMinutes} 分钟，超 ${plan.lateMinutes} 分钟）`);
  } else {
    plan.lateMinutes = 0;
  }

  const known = Object.values(deadlines).filter((x) => Number.isFinite(x));
  const applied = deadline ?? (known.length ? Math.max(...known) : null);
  report.limitMinutes = applied;
  if (deadline === null && applied !== null) report.limitIsFallback = true;
  if (report.state === 'missing') {
    late = true;
    tl.problems.push('未记录向数据主管部门报告的时间');
  } else if (report.state === 'unreadable') {
    review = true;
    tl.problems.push(`报告时间“${report.text}”无法识别`);
  } else if (applied !== null && report.t! - detected > applied * 60_000) {
    // An unknown grade cannot pick a deadline, unless the report missed every grade's deadline.
    late = true;
    report.state = 'late';
    report.lateMinutes = minutesBetween(detected + applied * 60_000, report.t!);
    tl.problems.push(deadline !== null
      ? `发现后 ${report.minutes} 分钟才报告（${tl.gradeZh}事件限 ${deadline} 分钟，超 ${report.lateMinutes} 分钟）`
      : `事件等级“${tl.grade}”未知，发现后 ${report.minutes} 分钟才报告，已超过任何等级的时限（${applied} 分钟）`);
  } else if (deadline === null) {
    review = true;
    report.state = 'unmeasured';
    tl.problems.push(`事件等级“${tl.grade || '（空）'}”未知，无法确定报告时限`);
  } else {
    report.lateMinutes = 0;
  }
  if (closed.state === 'unreadable') tl.notes.push(`结案时间“${closed.text}”无法识别`);
  else if (closed.state === 'missing') tl.notes.push('未记录结案时间（事件可能尚未结案）');
  tl.notes.push(...orderNotes(tl));
  tl.verdict = late ? 'late' : review ? 'review' : 'on_time';
  return tl;
}

/** Steps recorded before an earlier step: worth a look, though no deadline is breached. */
function orderNotes(tl: IncidentTimeline): string[] {
  const out: string[] = [];
  let prev: TimelineStep | null = null;
  for (const s of tl.steps) {
    if (s.t === null) continue;
    if (prev && s.t < prev.t!) out.push(`${nameOf('incidentStep', s.step)}时间早于${nameOf('incidentStep', prev.step)}时间`);
    prev = s;
  }
  return out;
}

/** Every incident of the bundle, in file order, dated or not, in the period or not. */
export function incidentTimelines(
  records: Pick<BundleRecords, 'incidents' | 'timezone'> & { period?: BundleRecords['period'] },
  params: TimelineParams,
): IncidentTimeline[] {
  return records.incidents.items.map((item) => incidentTimeline(item, records.timezone, params, records.period));
}
