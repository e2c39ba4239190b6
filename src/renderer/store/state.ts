// The workbench's UI state (zustand): one store made of slices, each in its own file.
// Components read it with useDesk(selector) and change it only through its actions;
// what must survive a restart is written through the repositories (src/renderer/db)
// before the state shows it.

import type { Findings } from '../../shared/engine/assess.js';
import type { Conclusion } from '../../shared/engine/types.js';
import type { AroundRow, IncidentLogs } from '../../shared/incidents/around.js';
import type { EpisodeView } from '../../shared/incidents/episodes.js';
import type { EpisodeVerdict } from '../../shared/incidents/judgments.js';
import type { AroundWindow } from '../../shared/incidents/window.js';
import type {
  BundleKind, ComplianceDeskApi, IncidentsTimelinesResponse, KeyInfo, ReportBuildResponse, ReportVerification, ReportVerifyRequest, ReviewProfile, ReviewProgress, Settings,
  TrustAddRequest, TrustEntryView,
} from '../../shared/ipc/contract.js';
import type { LogVerification } from '../../shared/review/log.js';
import type { ReviewLogEntry } from '../../shared/review/types.js';
import type { Transport } from '../bridge.js';
import type { CaseRecord, CompletedReview, EpisodeJudgmentRecord, EventMarkRecord, ReportRecord, Repositories, RunRecord } from '../db/index.js';
import type { Lang } from '../i18n/translate.js';
import type { CaseIdentity } from '../model/case-identity.js';
import type { Comparison } from '../model/compare.js';
import type { CaseDecision, DraftProblem, NewDecision } from '../model/decisions.js';
import type { Standing } from '../../shared/review/effective.js';
import type { FindingRow, FindingsFilter } from '../model/findings-rows.js';
import type { Route } from './route.js';

export interface Deps {
  api: ComplianceDeskApi;
  transport: Transport;
  repos: Repositories;
  now?: () => Date;
}

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface UiSlice {
  lang: Lang;
  route: Route;
  notice: Notice | null;
  navigate(route: Route): void;
  setLang(lang: Lang): Promise<void>;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(): void;
}

export interface SettingsSlice {
  mainSettings: Settings | null;
  key: KeyInfo | null;
  profile: ReviewProfile;
  loadSettings(): Promise<void>;
  saveMainSettings(patch: Partial<Settings>): Promise<boolean>;
  importKey(o: { path?: string; password: string }): Promise<KeyInfo | null>;
  setProfile(profile: ReviewProfile): Promise<void>;
  /** The trust store as main keeps it (null until loaded). */
  trust: TrustEntryView[] | null;
  loadTrust(): Promise<void>;
  addTrust(req: TrustAddRequest): Promise<TrustEntryView[] | null>;
  removeTrust(entry: TrustEntryView): Promise<void>;
  /** Registers the manifest key of the current run's bundle as its operator's. */
  registerOperatorKey(label: string): Promise<boolean>;
}

export interface CasesSlice {
  cases: CaseRecord[] | null;
  caseQuery: string;
  setCaseQuery(q: string): Promise<void>;
  refreshCases(): Promise<void>;
  deleteCase(id: string): Promise<void>;
}

export type RunStatus = 'idle' | 'running' | 'cancelling' | 'cancelled' | 'failed' | 'mismatch' | 'reattached' | 'refused';

export interface RunState {
  status: RunStatus;
  runId: string | null;
  progress: ReviewProgress | null;
  /** A re-evaluation of this case, or (with reattach) reloading a run's bundle. */
  caseId: string | null;
  reattachRunId: string | null;
  message: string | null;
  /** A re-evaluation refused: the bundle is of another operator or period. Its review is kept for a new case. */
  refused: { caseIdentity: CaseIdentity; bundleIdentity: CaseIdentity; review: CompletedReview } | null;
}

export interface RunSlice {
  run: RunState;
  /** importedId: a bundle main imported from a raw export (import:run). */
  startReview(o: { path?: string; kind: BundleKind; caseId?: string; reattachRunId?: string; importedId?: string }): Promise<void>;
  cancelReview(): Promise<void>;
  clearRun(): void;
  /** Opens a new case with the refused re-evaluation's review (no second review of the bundle). */
  newCaseFromRefused(): Promise<void>;
}

export interface RunMeta {
  id: string;
  seq: number;
  at: string;
  bundlePath: string;
  manifestSha256: string | null;
  /** After the decisions made while it was current (an earlier run takes no more). */
  conclusion: Conclusion;
}

export interface CurrentCase {
  caseRecord: CaseRecord;
  /** The run on the screen: the case's current one, or an earlier one read-only. */
  run: RunRecord;
  readOnly: boolean;
  findings: Findings;
  runs: RunMeta[];
  decisions: CaseDecision[];
  log: ReviewLogEntry[];
  logCheck: LogVerification;
  standing: Standing;
  rows: FindingRow[];
  reports: ReportRecord[];
}

export interface FindingsView {
  filter: FindingsFilter;
  grouped: boolean;
}

export interface CaseSlice {
  current: CurrentCase | null;
  caseState: { loading: string | null; error: 'not-found' | null };
  findingsView: FindingsView;
  comparison: { earlier: string; later: string; result: Comparison } | null;
  /** Opens the case on `runId` (default: its current run). */
  openCase(id: string, force?: boolean, runId?: string): Promise<void>;
  /** Shows another run of the open case; an earlier one read-only. */
  viewRun(runId: string): Promise<void>;
  addDecision(draft: NewDecision): Promise<DraftProblem[]>;
  withdrawDecision(id: number, reason: string): Promise<boolean>;
  setFilter(patch: Partial<FindingsFilter>): void;
  setGrouped(grouped: boolean): void;
  compare(earlierRunId: string, laterRunId: string): Promise<void>;
}

export interface ReportState {
  busy: 'build' | 'sign' | 'save' | 'verify' | null;
  /** The built report; `pdf` is its bytes, for the page-by-page preview before signing. */
  built: (ReportBuildResponse & { bytes: number }) | null;
  signed: { artifactId: string; fileName: string; sha256: string } | null;
  savedPath: string | null;
  /** The run's review is gone from main: the bundle must be opened again. */
  reviewGone: boolean;
  verification: ReportVerification | null;
  error: string | null;
}

export interface ReportSlice {
  report: ReportState;
  buildReport(): Promise<void>;
  /** The first signature of the built report, as `role` (编制 by default). */
  signReport(role?: string): Promise<void>;
  /** A further signature on a signed report (a signed artifact or, in the loopback host, a path). */
  countersign(o: { artifactId?: string; path?: string; role: string }): Promise<{ artifactId: string; fileName: string } | null>;
  saveArtifact(which: 'signed' | 'unsigned' | 'findings'): Promise<void>;
  /** Saves any file main holds for the page (e.g. a report signed from the verify screen). */
  saveFile(artifactId: string): Promise<void>;
  /** Also answers the caller, for the verify screen, which keeps its own result. */
  verifyReport(o: ReportVerifyRequest): Promise<{ verification: ReportVerification | null; error: string | null }>;
  resetReport(): void;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AroundState {
  incidentId: string | null;
  window: AroundWindow | null;
  status: LoadStatus;
  data: IncidentLogs | null;
  error: string | null;
}

export interface IncidentsState {
  /** The run and main's review the state belongs to (`runId|reviewId`). */
  key: string | null;
  /** gone: main no longer holds the review (the bundle must be opened again). */
  status: LoadStatus | 'gone';
  data: IncidentsTimelinesResponse | null;
  error: string | null;
  /** Of the run, from the database: they are there even while main's review is gone. */
  marks: EventMarkRecord[];
  judgments: EpisodeJudgmentRecord[];
  around: AroundState;
}

export interface IncidentsSlice {
  incidents: IncidentsState;
  /** Timelines and episodes from main, marks and judgments from the database; again only for another run or review. */
  loadIncidents(force?: boolean): Promise<void>;
  loadAround(incidentId: string, window: AroundWindow): Promise<void>;
  setMark(incidentId: string, row: AroundRow, marked: boolean): Promise<void>;
  judgeEpisode(episode: EpisodeView, verdict: EpisodeVerdict, note: string): Promise<boolean>;
  /** Records the decision the judgments lead to (episodeProposal) through addDecision. */
  recordEpisodeDecision(): Promise<boolean>;
}

export type DeskState = UiSlice & SettingsSlice & CasesSlice & RunSlice & CaseSlice & ReportSlice & IncidentsSlice;

export type SetState = (partial: Partial<DeskState> | ((s: DeskState) => Partial<DeskState>)) => void;
export type GetState = () => DeskState;
