// The inputs of the assessment report and the document it builds. The document is a
// pdfmake document definition, typed structurally here because src/shared may not
// import pdfmake (not even its types): the Node renderer hands it to pdfmake as is.

import type { Findings } from '../engine/assess.js';
import type { Conclusion, RuleMeta, Status, Waiver } from '../engine/types.js';
import type { EpisodeView } from '../incidents/episodes.js';
import type { EpisodeJudgment } from '../incidents/judgments.js';
import type { IncidentTimeline, TimelineParams } from '../incidents/timeline.js';
import type { ReviewLogEntry } from '../review/types.js';

export type DocNode = string | DocNode[] | { [key: string]: unknown };

export interface DocDefinition {
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  language: string;
  info: { title: string; author: string; subject: string; keywords: string; creator: string };
  defaultStyle: Record<string, unknown>;
  styles: Record<string, Record<string, unknown>>;
  header: (currentPage: number, pageCount: number) => DocNode;
  footer: (currentPage: number, pageCount: number) => DocNode;
  content: DocNode[];
  [key: string]: unknown;
}

export interface Reviewer {
  name: string;
  organisation?: string;
  /** Post or role, e.g. 数据安全复核员. */
  title?: string;
}

/** A reviewer changed the tool's verdict of a rule. */
export interface StatusOverride {
  ruleId: string;
  to: Status;
  reason: string;
  by?: string;
  /** ISO date or date-time. */
  at?: string;
}

/** A reviewer decided a rule the tool left to people (needs_review, insufficient_evidence). */
export interface ManualJudgment {
  ruleId: string;
  status: Status;
  reason: string;
  by?: string;
  at?: string;
}

export interface ReviewComment {
  /** Absent: a comment on the review as a whole. */
  ruleId?: string;
  text: string;
  by?: string;
  at?: string;
}

export interface ReviewDecisions {
  overrides?: StatusOverride[];
  judgments?: ManualJudgment[];
  comments?: ReviewComment[];
}

export interface RectificationItem {
  ruleId: string;
  /** What must change. */
  action: string;
  /** YYYY-MM-DD; absent: report date + the default number of days. */
  deadline?: string;
  /** Who is responsible (default: the operator). */
  owner?: string;
}

/** One file of the evidence bundle, for the evidence inventory. */
export interface EvidenceFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ReportOptions {
  /** Evidence items printed per rule (the rest is counted and left to findings.json). Default 20. */
  evidencePerRule?: number;
  /** Days after the report date for a rectification item without a deadline. Default 90. */
  defaultDeadlineDays?: number;
  /** Input issues printed in the appendix. Default 200. */
  inputIssuesMax?: number;
  /** Files printed in the evidence inventory. Default 2000. */
  filesMax?: number;
}

/** The incident section (Art. 21/23): timelines, JZ-21-03's episodes and the reviewer's judgments of them. */
export interface IncidentsReportInput {
  /** incidentTimelines(): every incident of the bundle. */
  timelines: IncidentTimeline[];
  /** The deadlines the timelines were measured against, printed with them. */
  deadlines?: TimelineParams;
  /** JZ-21-03's episodes (episodesOfFindings); null when the rule did not run. */
  episodes: EpisodeView[] | null;
  /** The rule's true episode count, when the evidence cap cut the list. */
  episodeTotal?: number;
  /** Printed instead of the table when `episodes` is null. */
  episodesNote?: string;
  /** The reviewer's judgments of the episodes; the table shows them and their fold. */
  judgments?: EpisodeJudgment[];
}

export interface ReportInput {
  findings: Findings;
  /** Metadata of the pack's rules (article text, titles, parameter defaults). */
  rules: RuleMeta[];
  reportId: string;
  /** YYYY-MM-DD. */
  reportDate: string;
  reviewer?: Reviewer | null;
  decisions?: ReviewDecisions | null;
  /** Waivers granted in the review, on top of those of the profile (findings.profile.waivers). */
  waivers?: Waiver[];
  rectification?: RectificationItem[];
  files?: EvidenceFile[];
  /** SHA-256 of the findings.json attached to the PDF, printed in the appendix. */
  findingsSha256?: string;
  /** The regulation the pack implements, printed on the cover. */
  regulation?: { title: string; docNo: string };
  /** The signer, when the PDF will be signed, for the statement on the cover. */
  signer?: { name: string; fingerprintSha256?: string } | null;
  options?: ReportOptions;
  /** The incident section; absent: the report has none. */
  incidents?: IncidentsReportInput | null;
  /**
   * The case's hash-chained review log (src/shared/review/log.ts), printed in the appendix
   * with whether its chain verifies: the whole log, or its latest entries (numbered on
   * from the earlier ones). Absent: the report has no log appendix.
   */
  reviewLog?: ReviewLogEntry[] | null;
}

export type Counts = Record<Status, number> & { conclusion: Conclusion };

/** What the PDF states in machine-readable form (XMP), checked again by verifyReport. */
export interface ReportMeta {
  reportId: string;
  reportDate: string;
  title: string;
  operatorId: string | null;
  operatorName: string | null;
  periodStart: string;
  periodEnd: string;
  packId: string;
  packVersion: string;
  /** The tool's counts, as in findings.summary. */
  toolSummary: Counts;
  /** After the reviewer's decisions and waivers: the conclusion printed on the cover. */
  finalSummary: Counts;
  findingsSha256: string | null;
}

export interface BuiltReport {
  doc: DocDefinition;
  meta: ReportMeta;
}
