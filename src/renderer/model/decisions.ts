// The reviewer's decisions as the workbench keeps them: the shared Decision plus where it
// belongs (case, run), the waiver's approver, and whether it was withdrawn. What each kind
// needs before it can be saved, and which kinds fit a rule in its current state.

import type { Status } from '../../shared/engine/types.js';
import type { Decision, DecisionKind } from '../../shared/review/types.js';
import { isDate } from './format.js';

export interface CaseDecision extends Decision {
  /** Assigned by the database. */
  id: number;
  caseId: string;
  runId: string;
  /** waiver: who approved it (批准人); the report prints it as the waiver's approver. */
  approver?: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawReason?: string;
}

export type NewDecision = Omit<CaseDecision, 'id' | 'caseId' | 'runId' | 'reviewer' | 'at'>;

export function active<T extends { withdrawnAt?: string }>(ds: readonly T[]): T[] {
  return ds.filter((d) => !d.withdrawnAt);
}

const TOOL_DECIDED: ReadonlySet<Status> = new Set(['pass', 'fail', 'not_applicable']);

/** Which kinds the reviewer may add to a rule: the tool's status decides override vs judgment. */
export function kindsFor(toolStatus: Status, status: Status): DecisionKind[] {
  const kinds: DecisionKind[] = [TOOL_DECIDED.has(toolStatus) ? 'override' : 'judgment', 'comment'];
  if (status === 'fail') kinds.push('rectification', 'waiver');
  return kinds;
}

/** What is missing or wrong in a draft; keys the UI translates. Empty: it can be saved. */
export type DraftProblem = 'reason' | 'status' | 'same-status' | 'deadline' | 'expires' | 'expired' | 'approver' | 'too-long';

export const LIMITS = { reason: 2000, comment: 5000, name: 100, doc: 200, owner: 200 } as const;

export function draftProblems(d: NewDecision, current: Status, today: string): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!d.reason.trim()) out.push('reason');
  if (d.reason.length > (d.kind === 'comment' ? LIMITS.comment : LIMITS.reason)) out.push('too-long');
  if (d.kind === 'override' || d.kind === 'judgment') {
    if (!d.status) out.push('status');
    else if (d.status === current) out.push('same-status');
  }
  if (d.kind === 'rectification' && !(d.deadline && isDate(d.deadline))) out.push('deadline');
  if (d.kind === 'waiver') {
    if (!(d.expires && isDate(d.expires))) out.push('expires');
    else if (d.expires < today) out.push('expired');
    if (!d.approver?.trim()) out.push('approver');
    if ((d.approver?.length ?? 0) > LIMITS.name || (d.approvalDoc?.length ?? 0) > LIMITS.doc) out.push('too-long');
  }
  if ((d.owner?.length ?? 0) > LIMITS.owner) out.push('too-long');
  return out;
}

/** Only the members a kind uses, trimmed: what is stored and logged. */
export function cleanDraft(d: NewDecision): NewDecision {
  const out: NewDecision = { ruleId: d.ruleId, kind: d.kind, reason: d.reason.trim() };
  if ((d.kind === 'override' || d.kind === 'judgment') && d.status) out.status = d.status;
  if (d.kind === 'rectification') {
    if (d.deadline) out.deadline = d.deadline;
    if (d.owner?.trim()) out.owner = d.owner.trim();
  }
  if (d.kind === 'waiver') {
    if (d.expires) out.expires = d.expires;
    if (d.approver?.trim()) out.approver = d.approver.trim();
    if (d.approvalDoc?.trim()) out.approvalDoc = d.approvalDoc.trim();
  }
  return out;
}
