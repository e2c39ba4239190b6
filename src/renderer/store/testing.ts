// A fake main for the store's tests: every channel a vi.fn with a sensible answer, and
// progress events sent by hand.

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { vi } from 'vitest';
import type { Findings } from '../../shared/engine/assess.js';
import type { ComplianceDeskApi, Envelope, ReviewProgress, Settings } from '../../shared/ipc/contract.js';
import { makeFindings } from '../../shared/review/testing.js';
import { openRepositories } from '../db/index.js';
import { createDeskStore } from './index.js';

const ok = <T>(value: T): Promise<Envelope<T>> => Promise.resolve({ ok: true, value });

export function fakeApi(o: { findings?: Findings } = {}) {
  const progress = new Set<(p: ReviewProgress) => void>();
  let settings: Settings = { reviewer: { name: '审查员甲' }, workers: null, evidencePerRule: 20, defaultDeadlineDays: 90 };
  let n = 0;
  const api = {
    openBundle: vi.fn(async (req: { runId: string; path?: string }) => ok({
      outcome: 'reviewed' as const, reviewId: `r-${++n}`, bundlePath: req.path ?? '/chosen', findings: o.findings ?? makeFindings(), findingsArtifactId: `a-f${n}`,
    })),
    cancelReview: vi.fn(async () => ok({ cancelled: true })),
    buildReport: vi.fn(async () => ok({
      artifactId: 'a-r1', reportId: 'CD-20270107-ABCDEF', fileName: '合规评估报告-CD-20270107-ABCDEF.pdf', sha256: 'ee'.repeat(32),
      pdf: new Uint8Array([37, 80, 68, 70]), finalSummary: { ...makeFindings().summary },
    })),
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
