// A second reviewer's decisions beside one's own: pairs them by rule so a UI can show,
// rule by rule, what each reviewer decided and whether they agree.

import type { RuleResult, Status } from '../engine/types.js';
import { groupByRule, verdictOf } from './effective.js';
import type { Decision } from './types.js';

/** One reviewer's side: their decisions and, when known, the tool results they saw. */
export interface OpinionSide {
  decisions: readonly Decision[];
  results?: readonly Pick<RuleResult, 'ruleId' | 'status' | 'title' | 'article'>[];
}

export interface SideView {
  /** This side's decisions on the rule, oldest first. */
  decisions: Decision[];
  /** The tool's status in the results this side saw; null when unknown. */
  toolStatus: Status | null;
  /** The override or judgment that decides the rule on this side. */
  verdict: Decision | null;
  /** verdict's status, else the tool's; null when neither is known. */
  status: Status | null;
  reviewers: string[];
}

export type Agreement =
  /** Both sides end with the same status. */
  | 'agree'
  /** Both sides end with different statuses. */
  | 'disagree'
  /** One side's status is unknown. */
  | 'unknown';

export interface OpinionPair {
  ruleId: string;
  title: string | null;
  article: number | null;
  mine: SideView;
  theirs: SideView;
  agreement: Agreement;
  /** At least one side decided something on this rule (any kind). */
  decided: boolean;
}

function view(decisions: Decision[], tool: Status | null): SideView {
  const verdict = verdictOf(decisions);
  return {
    decisions,
    toolStatus: tool,
    verdict,
    status: verdict?.status ?? tool,
    reviewers: [...new Set(decisions.map((d) => d.reviewer))],
  };
}


/**
 * Pair the two sides' decisions by rule id. Rules come in the order of my results, then
 * rules only in theirs, then rules that only decisions name (sorted).
 */
export function pairOpinions(mine: OpinionSide, theirs: OpinionSide): OpinionPair[] {
  const myDecisions = groupByRule(mine.decisions);
  const theirDecisions = groupByRule(theirs.decisions);
  const myTool = new Map((mine.results ?? []).map((r) => [r.ruleId, r]));
  const theirTool = new Map((theirs.results ?? []).map((r) => [r.ruleId, r]));
  const order: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      order.push(id);
    }
  };
  for (const r of mine.results ?? []) add(r.ruleId);
  for (const r of theirs.results ?? []) add(r.ruleId);
  for (const id of [...new Set([...myDecisions.keys(), ...theirDecisions.keys()])].filter((id) => !seen.has(id)).sort()) add(id);

  return order.map((ruleId) => {
    const meta = myTool.get(ruleId) ?? theirTool.get(ruleId);
    const m = view(myDecisions.get(ruleId) ?? [], myTool.get(ruleId)?.status ?? null);
    const t = view(theirDecisions.get(ruleId) ?? [], theirTool.get(ruleId)?.status ?? null);
    const agreement: Agreement = m.status === null || t.status === null ? 'unknown' : m.status === t.status ? 'agree' : 'disagree';
    return {
      ruleId,
      title: meta?.title ?? null,
      article: meta?.article ?? null,
      mine: m,
      theirs: t,
      agreement,
      decided: m.decisions.length > 0 || t.decisions.length > 0,
    };
  });
}
