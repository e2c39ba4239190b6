import type { BundleRecords, LogEvent } from '../bundle/types.js';
import type { SourcePlace } from '../import/provenance.js';
import type { NameTable, Words } from '../names.js';
import type { FigureSpecs } from './figures.js';

export type Status = 'pass' | 'fail' | 'needs_review' | 'not_applicable' | 'insufficient_evidence';
export type Severity = 'high' | 'medium' | 'low';
export type Conclusion = 'compliant' | 'basically_compliant' | 'non_compliant';

export interface EvidenceItem {
  file: string;
  line?: number | null;
  eventId?: string;
  rowId?: string;
  /** The record as written, cut. */
  excerpt?: string;
  /** The record's fields by canonical name (log fields, table columns, JSON members), as read. */
  fields?: Record<string, string>;
  /** In an imported bundle: the operator's own export file, sheet and row the line came from. */
  source?: SourcePlace;
}

/**
 * Evidence capped at `cap` items with the true count kept. Plain data (no class), so a
 * worker thread can send it by structured clone.
 */
export interface EvidenceList {
  cap: number;
  count: number;
  items: EvidenceItem[];
}

export type ParamType = 'integer' | 'number' | 'string' | 'boolean' | 'string[]' | 'record<number>';

export interface ParamSpec {
  type: ParamType;
  default: unknown;
  /** Where the default comes from: the article or the national standard. */
  source: string;
  description: string;
  /** What the reviewer reads in settings, and the unit of the value. */
  label: Words;
  unit?: Words;
  /** The name table of a record parameter's keys, or of the '+'-joined words of a list's items (incidentGrade, role). */
  keys?: NameTable;
}

export interface RuleMeta {
  id: string;
  article: number;
  severity: Severity;
  /** Chinese title. */
  title: string;
  titleEn: string;
  /** The article's text as issued (锦政规〔2025〕4号), quoted as 条文. */
  articleText: string;
  /** What the pack checks of the article, shown as 检查要点. */
  checkPoints: string;
  /** The bundle files and fields the rule reads. */
  evidence: string[];
  params: Record<string, ParamSpec>;
  /** Where the catalogue is ambiguous: the choice made (shown in docs and `rules`). */
  notes?: string;
  /** Every figure the rule may report: its label and how it is shown. */
  figures: FigureSpecs;
  /** The worst status the catalogue lets the rule give, when it is not `fail`. */
  worst?: 'needs_review';
}

export type Params = Record<string, unknown>;

export interface RuleContext {
  records: BundleRecords;
  params: Params;
  maxEvidence: number;
  /** period.start 00:00 local, epoch ms. */
  periodStartMs: number;
  /** period.end 24:00 local (exclusive), epoch ms. */
  periodEndMs: number;
  /** SHA-256 of a string's UTF-8 as lowercase hex: native under Node, pure elsewhere. */
  sha256Hex: (text: string) => string;
}

export interface Outcome {
  status: Status;
  /** Chinese, says what was found and how much. */
  message: string;
  /** The same in English. */
  messageEn: string;
  evidence?: EvidenceList;
  figures?: Record<string, unknown>;
}

export interface RecordRule {
  kind: 'record';
  meta: RuleMeta;
  evaluate(ctx: RuleContext): Outcome;
}

/**
 * A rule fed by the single pass over log events. State must be plain data (objects,
 * arrays, Maps, Sets): workers read disjoint files and main merges their states in file
 * order (`merge(into, later)`) before `finish`.
 */
export interface LogRule<S = unknown> {
  kind: 'log';
  meta: RuleMeta;
  init(ctx: RuleContext): S;
  /** Called for every parsed event of every file, in file order; `inPeriod` precomputed. */
  onEvent(state: S, ev: LogEvent, inPeriod: boolean, ctx: RuleContext): void;
  /** Called once per log file after its last event, for rules with per-file state. */
  endFile?(state: S, file: string, ctx: RuleContext): void;
  merge(into: S, later: S, ctx: RuleContext): void;
  finish(state: S, ctx: RuleContext): Outcome;
}

export type Rule = RecordRule | LogRule<unknown>;

export interface Waiver {
  ruleId: string;
  justification: string;
  reviewer: string;
  approvalDoc?: string;
  expires: string;
}

export interface RuleResult {
  ruleId: string;
  article: number;
  severity: Severity;
  status: Status;
  title: string;
  titleEn: string;
  message: string;
  messageEn: string;
  evidenceCount: number;
  evidence: EvidenceItem[];
  figures?: Record<string, unknown>;
  waiver: Waiver | null;
}
