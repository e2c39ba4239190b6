// What report:build receives for a case: the active decisions in the report's shape, the
// waivers with their approver, a line that ties the report to the review log (its length
// and head hash), the log itself (its latest REPORT_LOG_MAX entries) for the report's
// appendix, and the reviewer's judgments of JZ-21-03's episodes for the incident section.

import { latestJudgments, type EpisodeJudgment } from '../../shared/incidents/judgments.js';
import { REPORT_LOG_MAX, type ReportBuildRequest } from '../../shared/ipc/contract.js';
import type { LogVerification } from '../../shared/review/log.js';
import type { ReviewLogEntry } from '../../shared/review/types.js';
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
  /** The case's review log; the report prints and checks it (the latest REPORT_LOG_MAX entries of a longer one). */
  reviewLog?: readonly ReviewLogEntry[];
  /** The judgments of the run's episodes (every one; the latest per episode is sent). Present: the report has the incident section. */
  judgments?: readonly EpisodeJudgment[];
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
    ...(o.reviewLog ? { reviewLog: o.reviewLog.slice(-REPORT_LOG_MAX) } : {}),
    ...(o.judgments ? { incidents: { judgments: [...latestJudgments(o.judgments).values()].map(judgmentOnly) } } : {}),
  };
}

/** Only what the contract takes (a stored judgment also names its case and run). */
function judgmentOnly(j: EpisodeJudgment): EpisodeJudgment {
  const out: EpisodeJudgment = { episodeKey: j.episodeKey, verdict: j.verdict, note: j.note };
  if (j.by) out.by = j.by;
  if (j.at) out.at = j.at;
  return out;
}
