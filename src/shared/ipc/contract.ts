// The one contract between the renderer and main: every channel (`area:verb`) with its
// request and response, the events main pushes (progress), and the object the preload
// exposes. The Electron preload and the loopback host's HTTP bridge both implement it.
//
// Paths and keys stay in main: the renderer names a bundle only in the loopback host
// (which has no native dialog); in the desktop app main asks the user with a dialog.
// Built reports live in main as artifacts; the renderer refers to them by id.

import type { ImportReport } from '../import/report.js';
import type { UnsureItem } from '../import/suggest.js';
import type { Findings } from '../engine/assess.js';
import type { Progress } from '../engine/progress.js';
import type { Waiver } from '../engine/types.js';
import type { IncidentLogs } from '../incidents/around.js';
import type { EpisodesOfReview } from '../incidents/episodes.js';
import type { EpisodeJudgment } from '../incidents/judgments.js';
import type { IncidentTimeline, TimelineParams } from '../incidents/timeline.js';
import type { AroundWindow } from '../incidents/window.js';
import type { Counts, RectificationItem, ReviewDecisions, Reviewer } from '../report/types.js';
import type { ReviewLogEntry } from '../review/types.js';
import type { SignatureAnswers } from '../signatures/describe.js';

export type { Counts };

/** A bundle folder or a bundle .zip: the dialog differs (a folder or a file picker). */
export type BundleKind = 'folder' | 'zip';

export interface BundleOpenRequest {
  /** Chosen by the renderer, so it can cancel and match progress events before the answer. */
  runId: string;
  kind?: BundleKind;
  /** Loopback host only (no native dialog there); the desktop app refuses it. */
  path?: string;
  /** A bundle this host imported (import:run): reviewed from where it was written. */
  importedId?: string;
  /** Overrides manifest.period. YYYY-MM-DD. */
  period?: { start: string; end: string };
  /** The review profile (rules on or off, parameters, waivers); absent: the pack's defaults. */
  profile?: ReviewProfile;
}

/** A value of a rule parameter, by the parameter's type (ParamSpec.type). */
export type ParamValue = number | string | boolean | string[] | Record<string, number>;

/**
 * A review profile as src/shared/engine/profile.ts resolves it: only what differs from the
 * pack's defaults. The engine checks names, types and rule ids; the guard only bounds shape.
 */
export interface ReviewProfile {
  name?: string;
  description?: string;
  rules?: Record<string, { enabled?: boolean; params?: Record<string, ParamValue> }>;
  waivers?: Waiver[];
  maxEvidence?: number;
}

export type BundleOpenResponse =
  | { outcome: 'no-selection' }
  | { outcome: 'cancelled' }
  | {
      outcome: 'reviewed';
      /** Refers to the findings kept in main, for report:build. */
      reviewId: string;
      bundlePath: string;
      findings: Findings;
      /** findings.json as main holds it, for file:save. */
      findingsArtifactId: string;
    };

export interface ReviewCancelRequest {
  runId: string;
}

export interface ReviewCancelResponse {
  /** False when no review with that id was running. */
  cancelled: boolean;
}

/** Entries of the review log report:build takes: the latest ones of a longer log. */
export const REPORT_LOG_MAX = 5000;

export interface ReportBuildRequest {
  reviewId: string;
  /** Default: the reviewer of the settings. */
  reviewer?: Reviewer;
  decisions?: ReviewDecisions;
  waivers?: Waiver[];
  rectification?: RectificationItem[];
  /**
   * The case's hash-chained review log, printed and checked in the report: the whole log,
   * or its latest REPORT_LOG_MAX entries (the report says which).
   */
  reviewLog?: ReviewLogEntry[];
  /**
   * Present: the report carries the incident section. Main draws the timelines and the
   * episodes from the review it holds; the page adds only the reviewer's judgments.
   */
  incidents?: { judgments: EpisodeJudgment[] };
}

export interface ReportBuildResponse {
  artifactId: string;
  reportId: string;
  fileName: string;
  sha256: string;
  /** The PDF, for a preview. Main keeps its own copy to sign and save. */
  pdf: Uint8Array;
  /** After the reviewer's decisions and waivers. */
  finalSummary: Counts;
}

export interface IncidentsTimelinesRequest {
  reviewId: string;
}

/** The incidents of the reviewed bundle, measured against the review's deadlines, and JZ-21-03's episodes. */
export interface IncidentsTimelinesResponse {
  timezone: string;
  period: { start: string; end: string };
  /** incidents.json is in the bundle. */
  incidentsPresent: boolean;
  /** JZ-21-02's deadlines as the review's profile set them. */
  deadlines: TimelineParams;
  /** Every incident, in incidents.json order. */
  timelines: IncidentTimeline[];
  episodes: EpisodesOfReview;
  /** The window the page starts with (24 h before to 72 h after detection). */
  defaultWindow: AroundWindow;
}

export interface IncidentsAroundRequest {
  reviewId: string;
  incidentId: string;
  /** Minutes relative to detected_at, start before end. */
  window: AroundWindow;
}

/** The events of the window that touch the incident (at most INCIDENT_ROWS_MAX rows, the true count beside them). */
export type IncidentsAroundResponse = IncidentLogs;

export const INCIDENT_ROWS_MAX = 10_000;

/**
 * A built report (artifact) signed first, or a signed report (a signed artifact, or a typed
 * path in the loopback host; a dialog in the desktop app) given a further signature.
 */
export interface ReportSignRequest {
  artifactId?: string;
  /** Loopback host only: a signed report to add a signature to. */
  path?: string;
  /** The role of this signature (its /Reason): 编制, 审核, 批准. */
  role: string;
}

export type ReportSignResponse =
  | { signed: false; reason: 'declined' }
  | { signed: true; artifactId: string; fileName: string; sha256: string; pdf: Uint8Array };

export interface FileSaveRequest {
  artifactId: string;
}

export type FileSaveResponse = { saved: false } | { saved: true; path: string };

/** Exactly one of the two, or neither (main asks with a dialog). */
export interface ReportVerifyRequest {
  artifactId?: string;
  /** Loopback host only, as for bundle:open. */
  path?: string;
  /** Check revocation against a CRL file: typed in the loopback host (crlPath), chosen in a dialog in the desktop app (chooseCrl). */
  crlPath?: string;
  chooseCrl?: boolean;
}

/** A change after a signature, for the reader (detail in Chinese; kind and page for other languages). */
export interface SignedChange {
  kind: string;
  page?: number;
  detail: string;
}

/** One signature's separate answers, as shared/signatures/describe.ts words them. */
export interface SignatureView extends SignatureAnswers {
  integrity: { state: 'intact' | 'modified'; changes: SignedChange[] };
  fieldName: string | null;
  role: string | null;
  signingTime: string | null;
  certified: boolean;
}

export interface ReportVerification {
  /** The file verified (a name, not a path, when it was an artifact). */
  source: string;
  reportId: string | null;
  /** The one green answer: signed, every signature TOTAL-PASSED and intact, the findings as the report states. */
  ok: boolean;
  signed: boolean;
  signatures: SignatureView[];
  /** The report after its last signature. */
  integrity: { state: 'intact' | 'modified'; changes: SignedChange[] };
  /** The attached findings.json is present and matches what the PDF states (XMP, hash). */
  contentMatches: boolean;
  /** Chinese, one line each: what else was checked and found. */
  messages: string[];
}

/** A trust store entry as the page shows it (the certificate or key itself stays in main). */
export interface TrustEntryView {
  kind: 'root' | 'certificate' | 'operator-key';
  label: string;
  fingerprintSha256: string;
  subject: string | null;
  notAfter: string | null;
  creditCode: string | null;
  addedAt: string;
}

export type TrustListRequest = Record<string, never>;
export type TrustListResponse = { entries: TrustEntryView[] };

export interface TrustAddRequest {
  /** Loopback host only: the certificate (PEM, DER) or PKCS#12 file. */
  path?: string;
  label: string;
  /** Default: root for a CA certificate, else a pinned certificate. */
  kind?: 'root' | 'certificate';
  /** The passphrase of a PKCS#12 file (only its certificates are kept). */
  password?: string;
}
export type TrustAddResponse = { outcome: 'no-selection' } | { outcome: 'added'; added: TrustEntryView[]; already: number };

export interface TrustRemoveRequest {
  fingerprintSha256: string;
}
export type TrustRemoveResponse = { removed: number };

/** Register the manifest key that signed a reviewed bundle as its operator's. */
export interface TrustRegisterOperatorRequest {
  reviewId: string;
  label: string;
}
export type TrustRegisterOperatorResponse = { entry: TrustEntryView };

export type ReportVerifyResponse = { outcome: 'no-selection' } | { outcome: 'verified'; verification: ReportVerification };

export interface KeyInfo {
  subject: string;
  fingerprintSha256: string;
  /** ISO date-time. */
  notAfter: string | null;
  /** False when the key lives only until the app quits (no OS key store available). */
  persisted: boolean;
}

export interface KeyImportRequest {
  /** The PKCS#12 passphrase; the key itself never leaves main. */
  password: string;
  /** Loopback host only. */
  path?: string;
}

export type KeyImportResponse = { outcome: 'no-selection' } | { outcome: 'imported'; key: KeyInfo };

export type KeyGetRequest = Record<string, never>;
export type KeyGetResponse = { key: KeyInfo | null };

export interface Settings {
  reviewer: Reviewer | null;
  /** Worker threads for the log pass; null: the cores, at most 4. */
  workers: number | null;
  /** Evidence items printed per rule in the report. */
  evidencePerRule: number;
  /** Days after the report date for a rectification item without a deadline. */
  defaultDeadlineDays: number;
}

export type SettingsGetRequest = Record<string, never>;
export type SettingsGetResponse = Settings;

export interface SettingsSetRequest {
  patch: Partial<Settings>;
}

export type SettingsSetResponse = Settings;

/** A raw export to import: chosen by a dialog (desktop) or typed (loopback host only). */
export interface ImportSuggestRequest {
  kind?: BundleKind;
  path?: string;
}

/** A source of the raw export as the suggestion saw it: its columns and its first rows. */
export interface ImportSample {
  file: string;
  sheet?: string;
  columns: string[];
  rows: Record<string, string>[];
}

export type ImportSuggestResponse =
  | { outcome: 'no-selection' }
  | { outcome: 'suggested'; importId: string; rawName: string; mapping: string; unsure: UnsureItem[]; samples: ImportSample[] };

/** The mapping travels as its JSON text: main parses and checks it as `bundle import` does. */
export interface ImportCheckRequest {
  importId: string;
  mapping: string;
}

export interface ImportCheckResponse {
  report: ImportReport;
}

export type ImportRunRequest = ImportCheckRequest;

export interface ImportRunResponse {
  /** For bundle:open. */
  importedId: string;
  bundleName: string;
  report: ImportReport;
}

export interface ImportSaveMappingRequest {
  mapping: string;
}

/** Every channel: request and response. Add a channel here, then its guard and preload method. */
export interface IpcContract {
  'bundle:open': { request: BundleOpenRequest; response: BundleOpenResponse };
  'review:cancel': { request: ReviewCancelRequest; response: ReviewCancelResponse };
  'report:build': { request: ReportBuildRequest; response: ReportBuildResponse };
  'incidents:timelines': { request: IncidentsTimelinesRequest; response: IncidentsTimelinesResponse };
  'incidents:around': { request: IncidentsAroundRequest; response: IncidentsAroundResponse };
  'report:sign': { request: ReportSignRequest; response: ReportSignResponse };
  'report:verify': { request: ReportVerifyRequest; response: ReportVerifyResponse };
  'file:save': { request: FileSaveRequest; response: FileSaveResponse };
  'key:import': { request: KeyImportRequest; response: KeyImportResponse };
  'key:get': { request: KeyGetRequest; response: KeyGetResponse };
  'settings:get': { request: SettingsGetRequest; response: SettingsGetResponse };
  'settings:set': { request: SettingsSetRequest; response: SettingsSetResponse };
  'trust:list': { request: TrustListRequest; response: TrustListResponse };
  'trust:add': { request: TrustAddRequest; response: TrustAddResponse };
  'trust:remove': { request: TrustRemoveRequest; response: TrustRemoveResponse };
  'trust:register-operator': { request: TrustRegisterOperatorRequest; response: TrustRegisterOperatorResponse };
  'import:suggest': { request: ImportSuggestRequest; response: ImportSuggestResponse };
  'import:check': { request: ImportCheckRequest; response: ImportCheckResponse };
  'import:run': { request: ImportRunRequest; response: ImportRunResponse };
  'import:save-mapping': { request: ImportSaveMappingRequest; response: FileSaveResponse };
}

export type Channel = keyof IpcContract;
export type IpcRequest<C extends Channel> = IpcContract[C]['request'];
export type IpcResponse<C extends Channel> = IpcContract[C]['response'];

export const CHANNELS = [
  'bundle:open', 'review:cancel', 'report:build', 'incidents:timelines', 'incidents:around', 'report:sign', 'report:verify',
  'file:save', 'key:import', 'key:get', 'settings:get', 'settings:set', 'trust:list', 'trust:add', 'trust:remove', 'trust:register-operator',
  'import:suggest', 'import:check', 'import:run', 'import:save-mapping',
] as const satisfies readonly Channel[];

export interface ReviewProgress extends Progress {
  runId: string;
}

/** Commands of the application menu the renderer carries out (it owns the UI state). */
export type MenuCommand = 'open-folder' | 'open-zip' | 'verify-report' | 'settings';

/** Main → renderer events. */
export interface IpcEvents {
  'review:progress': ReviewProgress;
  'menu:command': { command: MenuCommand };
}

export type EventName = keyof IpcEvents;

export type IpcErrorCode =
  | 'bad-request' // the payload failed its guard
  | 'forbidden' // wrong sender, or something this host does not allow
  | 'not-found' // an unknown review, artifact or file
  | 'busy' // a review with that run id is already running
  | 'bundle' // the bundle cannot be read
  | 'key' // no signing key, or a wrong passphrase
  | 'internal';

/** What crosses the boundary: handlers never throw across it. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

/**
 * The preload's object: one method per channel, one subscription per event, nothing
 * generic. Subscriptions return their unsubscribe function.
 */
export interface ComplianceDeskApi {
  openBundle(req: BundleOpenRequest): Promise<Envelope<BundleOpenResponse>>;
  cancelReview(req: ReviewCancelRequest): Promise<Envelope<ReviewCancelResponse>>;
  buildReport(req: ReportBuildRequest): Promise<Envelope<ReportBuildResponse>>;
  incidentTimelines(req: IncidentsTimelinesRequest): Promise<Envelope<IncidentsTimelinesResponse>>;
  logsAround(req: IncidentsAroundRequest): Promise<Envelope<IncidentsAroundResponse>>;
  signReport(req: ReportSignRequest): Promise<Envelope<ReportSignResponse>>;
  verifyReport(req: ReportVerifyRequest): Promise<Envelope<ReportVerifyResponse>>;
  saveFile(req: FileSaveRequest): Promise<Envelope<FileSaveResponse>>;
  importKey(req: KeyImportRequest): Promise<Envelope<KeyImportResponse>>;
  getKey(req: KeyGetRequest): Promise<Envelope<KeyGetResponse>>;
  getSettings(req: SettingsGetRequest): Promise<Envelope<SettingsGetResponse>>;
  setSettings(req: SettingsSetRequest): Promise<Envelope<SettingsSetResponse>>;
  listTrust(req: TrustListRequest): Promise<Envelope<TrustListResponse>>;
  addTrust(req: TrustAddRequest): Promise<Envelope<TrustAddResponse>>;
  removeTrust(req: TrustRemoveRequest): Promise<Envelope<TrustRemoveResponse>>;
  registerOperatorKey(req: TrustRegisterOperatorRequest): Promise<Envelope<TrustRegisterOperatorResponse>>;
  suggestImport(req: ImportSuggestRequest): Promise<Envelope<ImportSuggestResponse>>;
  checkImport(req: ImportCheckRequest): Promise<Envelope<ImportCheckResponse>>;
  runImport(req: ImportRunRequest): Promise<Envelope<ImportRunResponse>>;
  saveMapping(req: ImportSaveMappingRequest): Promise<Envelope<FileSaveResponse>>;
  onProgress(listener: (p: ReviewProgress) => void): () => void;
  onMenuCommand(listener: (e: IpcEvents['menu:command']) => void): () => void;
}

/** Which preload method serves which channel (the bridge and tests use it). */
export const METHOD_OF = {
  'bundle:open': 'openBundle',
  'review:cancel': 'cancelReview',
  'report:build': 'buildReport',
  'incidents:timelines': 'incidentTimelines',
  'incidents:around': 'logsAround',
  'report:sign': 'signReport',
  'report:verify': 'verifyReport',
  'file:save': 'saveFile',
  'key:import': 'importKey',
  'key:get': 'getKey',
  'settings:get': 'getSettings',
  'settings:set': 'setSettings',
  'trust:list': 'listTrust',
  'trust:add': 'addTrust',
  'trust:remove': 'removeTrust',
  'trust:register-operator': 'registerOperatorKey',
  'import:suggest': 'suggestImport',
  'import:check': 'checkImport',
  'import:run': 'runImport',
  'import:save-mapping': 'saveMapping',
} as const satisfies { [C in Channel]: keyof ComplianceDeskApi };

/** The name under which the preload exposes the API on `window`. */
export const API_KEY = 'complianceDesk';

/** The channel methods derived from the contract: ComplianceDeskApi must match them. */
export type ChannelMethods = {
  [C in Channel as (typeof METHOD_OF)[C]]: (req: IpcRequest<C>) => Promise<Envelope<IpcResponse<C>>>;
};
type Assert<T extends true> = T;
// Never used: declaring it makes the compiler check the assertion.
type _ApiMatchesContract = Assert<ComplianceDeskApi extends ChannelMethods ? (ChannelMethods extends Pick<ComplianceDeskApi, keyof ChannelMethods> ? true : false) : false>;
