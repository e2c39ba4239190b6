// The order in which the workbench lists statuses (where a run stands after the decisions
// is computed once, in src/shared/review/effective.ts).

import type { Status } from '../../shared/engine/types.js';

/** Worst first: what a reviewer must look at. */
export const STATUS_RANK: Record<Status, number> = {
  fail: 0,
  insufficient_evidence: 1,
  needs_review: 2,
  pass: 3,
  not_applicable: 4,
};
