// Where a run stands after the reviewer's decisions: each rule's final status, the counts
// and the conclusion, computed the way the report computes them (an unexpired waiver keeps
// a failure out of the conclusion).

import { conclusionOf } from '../../shared/engine/assess.js';
import type { Conclusion, RuleResult, Status } from '../../shared/engine/types.js';
import { STATUSES } from '../../shared/report/labels.js';
import { effectiveRules, type EffectiveRule } from '../../shared/review/effective.js';
import type { Decision } from '../../shared/review/types.js';

export type StatusCounts = Record<Status, number>;

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

/** Worst first: what a reviewer must look at. */
export const STATUS_RANK: Record<Status, number> = {
  fail: 0,
  insufficient_evidence: 1,
  needs_review: 2,
  pass: 3,
  not_applicable: 4,
};
