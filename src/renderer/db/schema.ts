// The workbench's database (IndexedDB through Dexie): cases, their runs (findings.json of
// each review), the reviewer's decisions, the hash-chained review log, issued reports and
// local settings. Versions are numbered and kept: a version is never edited once
// released; a change adds the next one with its migration. Only src/renderer/db uses Dexie.

import { Dexie, type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import type { Findings } from '../../shared/engine/assess.js';
import type { Conclusion } from '../../shared/engine/types.js';
import type { EpisodeJudgment } from '../../shared/incidents/judgments.js';
import type { Counts } from '../../shared/ipc/contract.js';
import type { ReviewLogEntry } from '../../shared/review/types.js';
import type { CaseDecision } from '../model/decisions.js';

export const DB_NAME = 'compliance-desk';

export interface CaseRecord {
  id: string;
  operatorName: string | null;
  operatorId: string | null;
  period: { start: string; end: string };
  /** The bundle of the latest run: the path main reported, and its manifest hash. */
  bundleSource: string;
  manifestSha256: string | null;
  /** After the reviewer's decisions on the latest run. */
  conclusion: Conclusion;
  toolConclusion: Conclusion;
  createdAt: string;
  updatedAt: string;
  latestRunId: string;
  /** v2: runs in the case. */
  runCount: number;
  /** v2: lower-case text the case search matches. */
  search: string;
}

export interface RunRecord {
  id: string;
  caseId: string;
  /** 1 for the first review of the case, 2 for the re-evaluation after it, … */
  seq: number;
  at: string;
  bundlePath: string;
  manifestSha256: string | null;
  /** Main's handle on the findings for report:build; gone when main restarts. */
  reviewId: string | null;
  findingsArtifactId: string | null;
  findings: Findings;
}

export interface DecisionRecord extends Omit<CaseDecision, 'id'> {
  id?: number;
}

export interface LogRecord extends ReviewLogEntry {
  caseId: string;
}

export interface ReportRecord {
  /** The report id printed on the report (CD-…). */
  id: string;
  caseId: string;
  runId: string;
  at: string;
  fileName: string;
  sha256: string;
  finalSummary: Counts;
  artifactId: string;
  signed: { artifactId: string; fileName: string; sha256: string; at: string } | null;
  savedPath: string | null;
}

/** v4: an event of the logs around an incident the reviewer marked relevant to it. */
export interface EventMarkRecord {
  /** eventMarkKey(runId, incidentId, file, line). */
  key: string;
  caseId: string;
  runId: string;
  incidentId: string;
  file: string;
  line: number;
  eventId: string;
  /** The event's local time. */
  at: string;
  markedAt: string;
  by: string;
}

/** v4: the reviewer's judgment of a JZ-21-03 episode; every one is kept, the latest per episode counts. */
export interface EpisodeJudgmentRecord extends EpisodeJudgment {
  id?: number;
  caseId: string;
  runId: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type DeskDb = Dexie & {
  cases: EntityTable<CaseRecord, 'id'>;
  runs: EntityTable<RunRecord, 'id'>;
  decisions: EntityTable<DecisionRecord, 'id'>;
  log: Dexie.Table<LogRecord, [string, number]>;
  reports: EntityTable<ReportRecord, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
  eventMarks: EntityTable<EventMarkRecord, 'key'>;
  episodeJudgments: EntityTable<EpisodeJudgmentRecord, 'id'>;
};

export function eventMarkKey(runId: string, incidentId: string, file: string, line: number): string {
  return JSON.stringify([runId, incidentId, file, line]);
}

/** v5: with the manifest hash, so a hash prefix finds its case. */
export function caseSearchText(c: Pick<CaseRecord, 'operatorName' | 'operatorId' | 'bundleSource' | 'period'> & { manifestSha256?: string | null }): string {
  return [c.operatorName, c.operatorId, c.bundleSource, c.manifestSha256, c.period?.start, c.period?.end].filter(Boolean).join(' ').toLowerCase();
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Every version ever released, in order. */
export const SCHEMA: readonly SchemaVersion[] = [
  {
    // v1: cases with their runs; decisions per case; the review log.
    version: 1,
    stores: {
      cases: 'id, updatedAt',
      runs: 'id, caseId',
      decisions: '++id, caseId',
      log: '[caseId+seq], caseId',
    },
  },
  {
    // v2: settings and issued reports; cases learn their run count and a search text.
    version: 2,
    stores: { settings: 'key', reports: 'id, caseId' },
    async upgrade(tx) {
      const runs = await tx.table('runs').toArray() as { caseId: string }[];
      const count = new Map<string, number>();
      for (const r of runs) count.set(r.caseId, (count.get(r.caseId) ?? 0) + 1);
      await tx.table('cases').toCollection().modify((c: CaseRecord) => {
        c.runCount = count.get(c.id) ?? 0;
        c.search = caseSearchText(c);
      });
    },
  },
  {
    // v3: decisions belong to a run (a re-evaluation starts afresh); v1/v2 decisions go to
    // their case's latest run, the only run they could have been made on the screen.
    version: 3,
    stores: { decisions: '++id, caseId, runId, [caseId+runId]' },
    async upgrade(tx) {
      const cases = await tx.table('cases').toArray() as CaseRecord[];
      const latest = new Map(cases.map((c) => [c.id, c.latestRunId]));
      await tx.table('decisions').toCollection().modify((d: DecisionRecord) => {
        if (!d.runId) d.runId = latest.get(d.caseId) ?? '';
      });
    },
  },
  {
    // v4: the incident audit: events marked relevant to an incident, judgments of JZ-21-03's
    // episodes; both per run, like decisions. New tables only: nothing earlier changes.
    version: 4,
    stores: {
      eventMarks: 'key, caseId, [caseId+runId]',
      episodeJudgments: '++id, caseId, [caseId+runId]',
    },
  },
  {
    // v5: a case keeps the operator and period of its first run. Before, a re-evaluation with
    // another operator's bundle renamed the case; the first run still holds what it was.
    version: 5,
    stores: {},
    async upgrade(tx) {
      const first = new Map<string, RunRecord>();
      await tx.table('runs').each((r: RunRecord) => {
        const f = first.get(r.caseId);
        if (!f || r.seq < f.seq) first.set(r.caseId, r);
      });
      await tx.table('cases').toCollection().modify((c: CaseRecord) => {
        const f = first.get(c.id)?.findings;
        if (f) {
          c.operatorName = f.bundle.operatorName;
          c.operatorId = f.bundle.operatorId;
          c.period = { start: f.period.start, end: f.period.end };
        }
        c.search = caseSearchText(c);
      });
    },
  },
];

export const LATEST_VERSION = SCHEMA[SCHEMA.length - 1].version;

/**
 * The database at `upTo` (default: the latest version). Tests pass fake-indexeddb in
 * `options` and an older `upTo` to build a database as an earlier release left it.
 */
export function openDeskDb(options: DexieOptions = {}, upTo = LATEST_VERSION, name = DB_NAME): DeskDb {
  // Strict durability: a committed decision is on disk, not only in the OS's buffers.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', ...options }) as DeskDb;
  for (const v of SCHEMA) {
    if (v.version > upTo) break;
    const s = db.version(v.version).stores(v.stores);
    if (v.upgrade) s.upgrade(v.upgrade);
  }
  return db;
}
