// A fake main for the store's tests: every channel a vi.fn with a sensible answer, and
// progress events sent by hand.

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { vi } from 'vitest';
import type { Findings } from '../../shared/engine/assess.js';
import { makeRecords } from '../../shared/engine/testing.js';
import type { IncidentLogs } from '../../shared/incidents/around.js';
import type { EpisodeView } from '../../shared/incidents/episodes.js';
import { incidentTimelines, timelineParams } from '../../shared/incidents/timeline.js';
import { DEFAULT_WINDOW } from '../../shared/incidents/window.js';
import type { ComplianceDeskApi, Envelope, IncidentsAroundRequest, IncidentsTimelinesResponse, ReportBuildRequest, ReviewProgress, Settings } from '../../shared/ipc/contract.js';
import { makeFindings } from '../../shared/review/testing.js';
import { openRepositories } from '../db/index.js';
import { createDeskStore } from './index.js';

const ok = <T>(value: T): Promise<Envelope<T>> => Promise.resolve({ ok: true, value });

/** Two JZ-21-03 episodes: a log deletion nobody reported, and an export next to INC-1 (covered). */
export const TEST_EPISODES: EpisodeView[] = [
  {
    key: 'log_delete|u006|logs/2026-08.jsonl:868', kind: 'log_delete', actor: 'u006', first: '2026-08-30T02:17:00+08:00', last: '2026-08-30T02:17:00+08:00',
    eventCount: 1, events: [{ file: 'logs/2026-08.jsonl', line: 868, eventId: 'E7122', at: '2026-08-30T02:17:00+08:00', excerpt: '{"action":"log_delete"}' }],
    nearestIncident: { id: 'INC-2', detectedAt: '2026-10-21T08:10:00+08:00', minutesApart: 75233 }, covered: false,
  },
  {
    key: 'bulk_transfer|u009|logs/2026-04.jsonl:521', kind: 'bulk_transfer', actor: 'u009', first: '2026-04-18T09:00:00+08:00', last: '2026-04-18T09:00:00+08:00',
    eventCount: 1, events: [{ file: 'logs/2026-04.jsonl', line: 521, eventId: 'E3254', at: '2026-04-18T09:00:00+08:00' }],
    nearestIncident: { id: 'INC-1', detectedAt: '2026-04-18T14:05:00+08:00', minutesApart: 305 }, covered: true,
  },
];

/** Findings with JZ-21-03 left open by the tool (its episodes in the figures), beside the usual six rules. */
export function incidentFindings(): Findings {
  const f = makeFindings();
  const jz2103 = {
    ruleId: 'JZ-21-03', article: 21, severity: 'high' as const, status: 'needs_review' as const, title: '未报告的安全事件迹象', titleEn: 'Signs of unreported incidents',
    message: '日志中有 1 处未覆盖的安全事件迹象。', messageEn: 'The logs hold 1 sign of an incident no report covers.', evidenceCount: 1, evidence: [], waiver: null,
    figures: { episodeCount: 2, episodes: TEST_EPISODES },
  };
  const results = [...f.results, jz2103];
  return { ...f, results, summary: { ...f.summary, needs_review: f.summary.needs_review + 1 } };
}

export function testTimelines(): IncidentsTimelinesResponse {
  const records = makeRecords({
    incidents: [
      { id: 'INC-1', type: 'other', grade: 'general', detected_at: '2026-04-18T14:05:00+08:00', plan_activated_at: '2026-04-18T14:20:00+08:00', reported_at: '2026-04-18T19:00:00+08:00', closed_at: '2026-04-19T10:00:00+08:00', datasets: ['DS-1'] },
      { id: 'INC-2', type: 'leak', grade: 'major', detected_at: '2026-10-21T08:10:00+08:00', plan_activated_at: '2026-10-21T08:25:00+08:00', reported_at: '2026-10-21T13:10:00+08:00', closed_at: '2026-10-23T18:00:00+08:00', datasets: ['DS-2'] },
    ],
  });
  const deadlines = timelineParams(undefined);
  return {
    timezone: 'Asia/Shanghai', period: records.period, incidentsPresent: true, deadlines, timelines: incidentTimelines(records, deadlines),
    episodes: { available: true, status: 'needs_review', episodes: TEST_EPISODES, total: 2 }, defaultWindow: DEFAULT_WINDOW,
  };
}

export function testLogs(req: IncidentsAroundRequest): IncidentLogs {
  const row = (line: number, at: string) => ({
    file: 'logs/2026-10.jsonl', line, eventId: `E${line}`, ts: at, at, actor: 'u018', action: 'query', resourceType: 'dataset', resource: 'DS-2', result: 'success',
    excerpt: `{"event_id":"E${line}"}`, reasons: ['dataset' as const],
  });
  return {
    incidentId: req.incidentId, detectedAt: '2026-10-21T08:10:00+08:00', windowStart: '2026-10-20T08:10:00+08:00', windowEnd: '2026-10-24T08:10:00+08:00',
    datasets: ['DS-2'], products: [], actors: { fromEpisodes: [], fromDatasets: ['u018'] }, count: 2, truncated: false,
    rows: [row(570, '2026-10-20T12:25:07+08:00'), row(605, '2026-10-21T14:56:37+08:00')],
  };
}

export function fakeApi(o: { findings?: Findings } = {}) {
  const progress = new Set<(p: ReviewProgress) => void>();
  let settings: Settings = { reviewer: { name: '审查员甲' }, workers: null, evidencePerRule: 20, defaultDeadlineDays: 90 };
  let n = 0;
  const api = {
    openBundle: vi.fn(async (req: { runId: string; path?: string }) => ok({
      outcome: 'reviewed' as const, reviewId: `r-${++n}`, bundlePath: req.path ?? '/chosen', findings: o.findings ?? makeFindings(), findingsArtifactId: `a-f${n}`,
    })),
    cancelReview: vi.fn(async () => ok({ cancelled: true })),
    buildReport: vi.fn(async (_req: ReportBuildRequest) => ok({
      artifactId: 'a-r1', reportId: 'CD-20270107-ABCDEF', fileName: '合规评估报告-CD-20270107-ABCDEF.pdf', sha256: 'ee'.repeat(32),
      pdf: new Uint8Array([37, 80, 68, 70]), finalSummary: { ...makeFindings().summary },
    })),
    incidentTimelines: vi.fn(async (_req: { reviewId: string }) => ok(testTimelines())),
    logsAround: vi.fn(async (req: IncidentsAroundRequest) => ok(testLogs(req))),
    signReport: vi.fn(async () => ok({ signed: true as const, artifactId: 'a-s1', fileName: '合规评估报告-已签名.pdf', sha256: 'ff'.repeat(32), pdf: new Uint8Array([1]) })),
    verifyReport: vi.fn(async () => ok({ outcome: 'verified' as const, verification: { source: 'x.pdf', signature: 'valid' as const, signer: '审查员甲', contentIntact: true, reportId: 'CD-1', messages: [] } })),
    saveFile: vi.fn(async () => ok({ saved: true as const, path: '/out/report.pdf' })),
    importKey: vi.fn(async () => ok({ outcome: 'imported' as const, key: { subject: '审查员甲', fingerprintSha256: 'AA', notAfter: null, persisted: false } })),
    getKey: vi.fn(async () => ok({ key: null })),
    getSettings: vi.fn(async () => ok(settings)),
    setSettings: vi.fn(async (req: { patch: Partial<Settings> }) => {
      settings = { ...settings, ...req.patch };
      return ok(settings);
    }),
    onProgress: (l: (p: ReviewProgress) => void) => {
      progress.add(l);
      return () => progress.delete(l);
    },
    onMenuCommand: () => () => {},
  };
  return { api: api as unknown as ComplianceDeskApi & typeof api, emit: (p: ReviewProgress) => progress.forEach((l) => l(p)) };
}

export function testStore(o: { idb?: IDBFactory; findings?: Findings; now?: Date } = {}) {
  const idb = o.idb ?? new IDBFactory();
  const fake = fakeApi({ findings: o.findings });
  const repos = openRepositories({ indexedDB: idb, IDBKeyRange });
  const now = o.now ?? new Date(2027, 0, 7, 10, 0, 0);
  let tick = 0;
  // Each call a second later, so decisions are ordered by time as they were made.
  const store = createDeskStore({ api: fake.api, transport: 'loopback', repos, now: () => new Date(now.getTime() + 1000 * tick++) });
  return { store, repos, idb, ...fake };
}
