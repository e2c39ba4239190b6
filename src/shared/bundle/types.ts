// The evidence bundle as the engine sees it (bundle-v1.md): small record tables held
// whole, log events streamed one at a time and never held.

import type { Provenance } from '../import/provenance.js';
import type { IssueCode, IssueParams } from './issue-messages.js';

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface InputIssue {
  file: string;
  line: number | null;
  severity: IssueSeverity;
  /** Chinese text. */
  message: string;
  /** The message id and its parameters (issue-messages.ts), for the text in another language. */
  code?: IssueCode;
  params?: IssueParams;
}

export interface Period {
  /** Inclusive local dates, YYYY-MM-DD. */
  start: string;
  end: string;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** The manifest signature algorithms of bundle-v1.md. */
export const MANIFEST_ALGS = ['ed25519', 'ecdsa-p256-sha256', 'sm2-sm3'] as const;
export type ManifestAlg = (typeof MANIFEST_ALGS)[number];

export interface ManifestSignature {
  alg: string;
  public_key_pem: string;
  value: string;
}

/**
 * How a platform chained a log (bundle-v1.md, version 1.1): the hash, over its own strings
 * (each event's chain_source), of the named fields joined by the separator.
 */
export interface LogChain {
  algorithm: 'sha256' | 'sm3';
  /** Source field names in hashing order; "prev_hash" is the previous link. */
  fields: string[];
  separator: string;
  /** The previous link of the file's first event (default 64 zeros). */
  genesis?: string;
}

export interface Manifest {
  format: string;
  /** Version 1.1: the chain formula of each log file whose platform chained it. */
  chains?: Record<string, LogChain>;
  operator_id?: string;
  created_at?: string;
  period?: Period;
  timezone?: string;
  files: ManifestFile[];
  signature?: ManifestSignature;
  [key: string]: unknown;
}

/** One row of a CSV table, cells keyed by canonical (English, lower-case) column name. */
export interface Row {
  file: string;
  /** 1-based physical line where the record starts; the header is line 1. */
  line: number;
  /** The row's `id` cell (or `user_id` for staff.csv), trimmed; '' when absent. */
  id: string;
  cells: Record<string, string>;
  /** The record as written, for evidence excerpts. */
  raw: string;
}

export interface Table {
  file: string;
  present: boolean;
  /** Canonical names of the columns the header has. A rule needing a column that is absent reports insufficient_evidence. */
  columns: string[];
  rows: Row[];
}

/** An item of a JSON array file (incidents.json, evaluations.json items) with where it stands. */
export interface JsonItem<T = Record<string, unknown>> {
  file: string;
  line: number | null;
  id: string;
  value: T;
}

export interface JsonDoc<T = Record<string, unknown>> {
  file: string;
  present: boolean;
  /** undefined when absent or unparseable (an input issue says which). */
  value: T | undefined;
}

export interface PolicyText {
  /** Path under the bundle root, e.g. policies/internal_review.md */
  file: string;
  /** Extracted text, null when missing or unreadable. */
  text: string | null;
  error?: string;
}

export interface BundleFile {
  path: string;
  bytes: number;
  sha256: string;
}

export type SignatureState = 'absent' | 'valid' | 'invalid' | 'unsupported';

export interface Integrity {
  /** Listed in the manifest, not in the bundle. */
  missing: string[];
  /** Listed with a different SHA-256 or size. */
  changed: { path: string; expected: string; actual: string; expectedBytes: number; actualBytes: number }[];
  /** In the bundle, not listed. */
  unlisted: string[];
  signature: SignatureState;
  signatureAlg?: string;
  signatureMessage?: string;
  /**
   * Whose key signed the manifest, as far as this reviewer knows: the key registered for the
   * manifest's operator (in the trust store), another key while one is registered, or a key
   * nobody registered. Absent when the manifest is not signed or its key cannot be read.
   */
  signerKey?: { fingerprintSha256: string; registration: KeyRegistration; label?: string };
}

export type KeyRegistration = 'registered' | 'other-key-registered' | 'unregistered';

/** An operator's manifest key as the reviewer registered it (trust store). */
export interface RegisteredKey {
  creditCode: string;
  fingerprintSha256: string;
  label: string;
}

export interface LogFileInfo {
  path: string;
  /** Bytes on disk (compressed size for .gz). */
  bytes: number;
  format: 'jsonl' | 'csv';
  gzip: boolean;
}

/** Everything but the log events. */
export interface BundleRecords {
  source: string;
  manifest: Manifest;
  manifestSha256: string | null;
  timezone: string;
  period: Period;
  operator: JsonDoc;
  agreement: JsonDoc;
  platform: JsonDoc;
  incidents: { file: string; present: boolean; items: JsonItem[] };
  evaluations: { file: string; present: boolean; years: JsonItem[]; items: JsonItem[] };
  datasets: Table;
  products: Table;
  scenarios: Table;
  requests: Table;
  partners: Table;
  staff: Table;
  policies: Table;
  assessments: Table;
  qualityIssues: Table;
  /** Keyed by the path of the policy document (policies.csv `file`, normalised to a bundle path). */
  policyTexts: Record<string, PolicyText>;
  logFiles: LogFileInfo[];
  /** Every file present in the bundle except manifest.json. */
  files: BundleFile[];
  integrity: Integrity;
  /** Where each line of an imported bundle came from (provenance.json); null for a bundle made otherwise. */
  provenance: Provenance | null;
}

export const ACTIONS = [
  'login', 'logout', 'query', 'download', 'export', 'api_call', 'sandbox_enter', 'sandbox_exit',
  'develop', 'model_train', 'model_export', 'deliver', 'share', 'approve', 'reject', 'grant_role',
  'revoke_role', 'config_change', 'modify', 'delete', 'log_delete', 'log_export', 'backup',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * One log event. Normalised fields are trimmed strings ('' when empty or absent); `raw*`
 * fields keep the text exactly as written, for the hash chain.
 */
export interface LogEvent {
  file: string;
  line: number;
  eventId: string;
  /** Epoch milliseconds; NaN when `ts` is empty (an unreadable non-empty ts is an input issue, not an event). */
  t: number;
  ts: string;
  actor: string;
  actorOrg: string;
  /** Canonical English action; an unknown value is kept as written. */
  action: string;
  resourceType: string;
  resource: string;
  scenario: string;
  request: string;
  /** null when empty or absent. */
  records: number | null;
  destination: string;
  channel: string;
  /** Canonical: success | failure | denied, or the value as written. */
  result: string;
  srcIp: string;
  /** null when the field is absent or empty. */
  prevHash: string | null;
  hash: string | null;
  /** The six fields of the hash chain exactly as written. */
  rawFields: { event_id: string; ts: string; actor: string; action: string; resource: string; result: string };
  /** An imported log's own strings of its chain's fields, as the platform hashed them (chain_source); null otherwise. */
  chainSource: Record<string, string> | null;
  /** The line or CSV record as written. */
  raw: string;
}
