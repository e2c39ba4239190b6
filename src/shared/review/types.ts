// A reviewer's decisions on a review and the hash-chained log of everything done in it.
// Plain JSON data: they travel in review packages (.cdreview) and are stored by the UI.

import type { Status } from '../engine/types.js';

export const DECISION_KINDS = ['override', 'judgment', 'comment', 'rectification', 'waiver'] as const;

/**
 * override: the reviewer changes a verdict the tool gave (pass/fail/not_applicable);
 * judgment: the reviewer decides a rule the tool left open (needs_review, insufficient_evidence);
 * comment: a remark, no change of verdict;
 * rectification: what the operator must put right and by when;
 * waiver: an accepted failure, until `expires`.
 */
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** `ruleId` of a comment on the review as a whole. */
export const REVIEW_WIDE = '*';

export interface Decision {
  /** The rule decided on, or REVIEW_WIDE for a comment on the whole review. */
  ruleId: string;
  kind: DecisionKind;
  /** override, judgment: the status the reviewer gives the rule. */
  status?: Status;
  /** Why; for a rectification what must change, for a waiver its justification. */
  reason: string;
  /** The reviewer's name as shown in reports. */
  reviewer: string;
  /** ISO 8601 date-time with offset. */
  at: string;
  /** rectification: YYYY-MM-DD by which the operator must have rectified. */
  deadline?: string;
  /** rectification: who must act (default: the operator). */
  owner?: string;
  /** waiver: YYYY-MM-DD, the last day the waiver holds. */
  expires?: string;
  /** waiver: the approval document (批准文号). */
  approvalDoc?: string;
}

/** Actions of the review log; `x-…` for actions added later without changing this type. */
export type ReviewAction =
  | 'case_open'
  | 'review_run'
  | 'decision_add'
  | 'decision_withdraw'
  | 'report_issue'
  | 'package_export'
  | 'package_import'
  | `x-${string}`;

/**
 * One entry of the review log. `hash` is the SHA-256 of the canonical JSON of every other
 * member (prevHash included), so changing, dropping or reordering an entry breaks the chain.
 */
export interface ReviewLogEntry {
  /** 1-based position in the log. */
  seq: number;
  /** ISO 8601 date-time with offset. */
  at: string;
  who: string;
  action: ReviewAction;
  ruleId?: string;
  /** JSON value before the action (e.g. the decision replaced), null when none. */
  before: unknown;
  /** JSON value after the action, null when none. */
  after: unknown;
  /** The previous entry's hash; GENESIS_HASH for the first. */
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Days from the review to a rectification deadline nobody set: the settings' default, and every output's. */
export const DEFAULT_DEADLINE_DAYS = 90;
