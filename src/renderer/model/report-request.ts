// What report:build receives for a case: the active decisions in the report's shape, the
// waivers with their approver, and a line that ties the report to the review log (its
// length and head hash), so the log kept in the case can be checked against the report.

import type { ReportBuildRequest } from '../../shared/ipc/contract.js';
import type { LogVerification } from '../../shared/review/log.js';
import { byTime, toReportDecisions, waiverOf } from '../../shared/review/effective.js';
import { active, type CaseDecision } from './decisions.js';

export function logLine(v: LogVerification): string {
  return v.ok
    ? `复核日志（哈希链）共 ${v.entries} 条，链完整，末条哈希 ${v.head}。`
    : `复核日志（哈希链）共 ${v.entries} 条，校验未通过：${v.problem}`;
}

export function reportRequest(o: {
  reviewId: string;
  decisions: readonly CaseDecision[];
  log: LogVerification;
  /** The reviewer, or null when none is set (the log line then goes unsigned). */
  who: string | null;
  at: string;
}): ReportBuildRequest {
  const ds = active(o.decisions);
  const r = toReportDecisions(ds);
  // The report prints a waiver's `reviewer` as its approver (批准人).
  const waivers = (byTime(ds) as CaseDecision[])
    .filter((d) => d.kind === 'waiver' && d.expires)
    .map((d) => ({ ...waiverOf(d), reviewer: d.approver?.trim() || d.reviewer }));
  const comments = [...(r.decisions.comments ?? []), { text: logLine(o.log), ...(o.who ? { by: o.who } : {}), at: o.at }];
  return {
    reviewId: o.reviewId,
    decisions: { ...r.decisions, comments },
    waivers,
    rectification: r.rectification,
  };
}
