// What a rule's result becomes once the reviewer's decisions apply — the one place that
// decides it; the workbench, the report, xlsx, csv, junit and OSCAL all call it. An override
// wins over a judgment and the latest of each counts; a waiver covers only a final failure:
// the profile's waiver, else the latest waiver decision while unexpired (a later waiver
// replaces an earlier one, even when it has expired).

import { normaliseDate } from '../bundle/time.js';
import { STATUSES } from '../report/labels.js';
import type { ManualJudgment, RectificationItem, ReviewComment, ReviewDecisions, StatusOverride } from '../report/types.js';
import { conclusionOf } from '../engine/assess.js';
import type { Conclusion, RuleResult, Status, Waiver } from '../engine/types.js';
import { DECISION_KINDS, REVIEW_WIDE, type Decision } from './types.js';

export interface EffectiveRule {
  result: RuleResult;
  /** The tool's status. */
  toolStatus: Status;
  /** After the reviewer's override or judgment. */
  status: Status;
  /** The decision that set `status`, if any. */
  verdict: Decision | null;
  /** The profile's waiver, or a waiver decision still in force; only for a failure. */
  waiver: Waiver | null;
  /** The latest rectification decision. */
  rectification: Decision | null;
  comments: Decision[];
  /** Every decision on the rule, oldest first. */
  decisions: Decision[];
}

function time(d: Decision): number {
  const t = Date.parse(d.at);
  return Number.isNaN(t) ? 0 : t;
}

/** Decisions oldest first; equal times keep their order. */
export function byTime(decisions: readonly Decision[]): Decision[] {
  return decisions.map((d, i) => ({ d, i })).sort((a, b) => time(a.d) - time(b.d) || a.i - b.i).map((x) => x.d);
}

function latest(ds: Decision[], kind: Decision['kind']): Decision | null {
  for (let i = ds.length - 1; i >= 0; i--) if (ds[i].kind === kind) return ds[i];
  return null;
}

/** The override or judgment that decides the rule, if any (override first). */
export function verdictOf(ruleDecisions: readonly Decision[]): Decision | null {
  const ds = byTime(ruleDecisions).filter((d) => d.status !== undefined);
  return latest(ds, 'override') ?? latest(ds, 'judgment');
}

export function waiverOf(d: Decision): Waiver {
  const w: Waiver = { ruleId: d.ruleId, justification: d.reason, reviewer: d.reviewer, expires: d.expires ?? '' };
  if (d.approvalDoc) w.approvalDoc = d.approvalDoc;
  return w;
}

/** Decisions per rule id, each list in time order. */
export function groupByRule(decisions: readonly Decision[]): Map<string, Decision[]> {
  const m = new Map<string, Decision[]>();
  for (const d of byTime(decisions)) {
    const list = m.get(d.ruleId);
    if (list) list.push(d);
    else m.set(d.ruleId, [d]);
  }
  return m;
}

/**
 * The waiver in force on a rule whose final status is `status`: only on a failure; the
 * profile's, else the latest waiver decided while it has not expired on `asOf` (inclusive).
 */
export function waiverInForce<W extends { expires: string }>(status: Status, profile: W | null, latestDecided: W | null, asOf: string): W | null {
  if (status !== 'fail') return null;
  return profile ?? (latestDecided && latestDecided.expires >= asOf ? latestDecided : null);
}

/** Every result with the decisions applied. `asOf` (YYYY-MM-DD) decides whether a waiver still holds. */
export function effectiveRules(results: readonly RuleResult[], decisions: readonly Decision[], asOf: string): EffectiveRule[] {
  const byRule = groupByRule(decisions);
  return results.map((r) => {
    const ds = byRule.get(r.ruleId) ?? [];
    const verdict = verdictOf(ds);
    const status = verdict?.status ?? r.status;
    const waiverDecision = latest(ds, 'waiver');
    const waiver = waiverInForce(status, r.waiver, waiverDecision?.expires ? waiverOf(waiverDecision) : null, asOf);
    return {
      result: r,
      toolStatus: r.status,
      status,
      verdict,
      waiver,
      rectification: latest(ds, 'rectification'),
      comments: ds.filter((d) => d.kind === 'comment'),
      decisions: ds,
    };
  });
}

/** Problems of one decision, in Chinese; empty when it can be used. */
export function decisionProblems(d: unknown): string[] {
  if (!d || typeof d !== 'object' || Array.isArray(d)) return ['决定不是对象。'];
  const x = d as Record<string, unknown>;
  const out: string[] = [];
  const id = typeof x.ruleId === 'string' && x.ruleId ? x.ruleId : '（无规则编号）';
  if (typeof x.ruleId !== 'string' || !x.ruleId.trim()) out.push('缺少规则编号 ruleId。');
  if (!(DECISION_KINDS as readonly unknown[]).includes(x.kind)) out.push(`${id}：类型 ${JSON.stringify(x.kind)} 不是 override、judgment、comment、rectification 或 waiver。`);
  if (typeof x.reason !== 'string' || !x.reason.trim()) out.push(`${id}：缺少理由 reason。`);
  if (typeof x.reviewer !== 'string' || !x.reviewer.trim()) out.push(`${id}：缺少审查员 reviewer。`);
  if (typeof x.at !== 'string' || Number.isNaN(Date.parse(x.at))) out.push(`${id}：时间 at 不是 ISO 8601 时间。`);
  if (x.status !== undefined && !(STATUSES as readonly unknown[]).includes(x.status)) out.push(`${id}：状态 ${JSON.stringify(x.status)} 无效。`);
  if ((x.kind === 'override' || x.kind === 'judgment') && x.status === undefined) out.push(`${id}：改判或裁定须给出状态 status。`);
  if (x.kind === 'rectification' && (typeof x.deadline !== 'string' || !normaliseDate(x.deadline))) out.push(`${id}：整改要求须给出期限 deadline（YYYY-MM-DD）。`);
  if (x.kind === 'waiver' && (typeof x.expires !== 'string' || !normaliseDate(x.expires))) out.push(`${id}：豁免须给出到期日 expires（YYYY-MM-DD）。`);
  if (x.ruleId === REVIEW_WIDE && x.kind !== 'comment') out.push('针对整个审查（ruleId "*"）的只能是意见 comment。');
  return out;
}

/** The decisions in the shape the report takes (ReportInput.decisions, waivers, rectification). */
export function toReportDecisions(decisions: readonly Decision[]): {
  decisions: ReviewDecisions;
  waivers: Waiver[];
  rectification: RectificationItem[];
} {
  const overrides: StatusOverride[] = [];
  const judgments: ManualJudgment[] = [];
  const comments: ReviewComment[] = [];
  const waivers: Waiver[] = [];
  const rectification: RectificationItem[] = [];
  for (const d of byTime(decisions)) {
    if (d.kind === 'override' && d.status) overrides.push({ ruleId: d.ruleId, to: d.status, reason: d.reason, by: d.reviewer, at: d.at });
    else if (d.kind === 'judgment' && d.status) judgments.push({ ruleId: d.ruleId, status: d.status, reason: d.reason, by: d.reviewer, at: d.at });
    else if (d.kind === 'comment') comments.push({ ...(d.ruleId === REVIEW_WIDE ? {} : { ruleId: d.ruleId }), text: d.reason, by: d.reviewer, at: d.at });
    else if (d.kind === 'waiver' && d.expires) waivers.push(waiverOf(d));
    else if (d.kind === 'rectification') {
      const item: RectificationItem = { ruleId: d.ruleId, action: d.reason };
      if (d.deadline) item.deadline = d.deadline;
      if (d.owner) item.owner = d.owner;
      rectification.push(item);
    }
  }
  return { decisions: { overrides, judgments, comments }, waivers, rectification };
}

export type StatusCounts = Record<Status, number>;

/** Where a run stands after the decisions: each rule, the counts and the conclusion, before and after. */
export interface Standing {
  rules: EffectiveRule[];
  counts: StatusCounts;
  toolCounts: StatusCounts;
  conclusion: Conclusion;
  toolConclusion: Conclusion;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function standingOf(results: readonly RuleResult[], decisions: readonly Decision[], asOf: string): Standing {
  const rules = effectiveRules(results, decisions, asOf);
  const counts = emptyCounts();
  const toolCounts = emptyCounts();
  for (const e of rules) {
    counts[e.status]++;
    toolCounts[e.toolStatus]++;
  }
  const finals: RuleResult[] = rules.map((e) => ({ ...e.result, status: e.status, waiver: e.waiver }));
  return { rules, counts, toolCounts, conclusion: conclusionOf(finals), toolConclusion: conclusionOf([...results]) };
}
