// A whole review: open the bundle, read the record files, stream the logs through the
// rules in worker threads (both cores), merge, judge, and assemble findings.json.

import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  assemble, contextsFor, logRulesOf, mergePass, verdicts, type Findings, type PassState, type RulePack,
} from '../../../shared/engine/assess.js';
import { resolveProfile } from '../../../shared/engine/profile.js';
import { compareWithManifest } from '../../../shared/bundle/integrity.js';
import { formatLocal, localDate } from '../../../shared/bundle/time.js';
import type { BundleFile, BundleRecords, InputIssue, Integrity, Period, RegisteredKey } from '../../../shared/bundle/types.js';
import { openSource } from '../bundle/source.js';
import { readRecords, type PdfTextExtractor } from '../bundle/read-records.js';
import { nativeSha256Hex, processLogFile, type Counter, type FileOutcome } from './process-file.js';
import type { FromWorker, ToWorker } from './log-worker.js';
import type { Progress } from '../../../shared/engine/progress.js';
import { createHash } from 'node:crypto';
import { DEFAULT_WORKER_HEAP_MB } from './worker-heap.js';
import { BundleError } from '../bundle/errors.js';
import { inputIssue } from '../../../shared/bundle/issue-messages.js';

export type { Progress };

export interface ReviewOptions {
  pack: RulePack;
  profile?: unknown;
  period?: Period;
  tool: { name: string; version: string };
  /** Worker threads for the log pass; 0 runs it in this thread. Default: the cores, at most 4. */
  workers?: number;
  /** Heap limit of each worker, MB (default DEFAULT_WORKER_HEAP_MB). */
  workerHeapMb?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** For tests: a fixed clock. */
  now?: Date;
  /** Operators' registered manifest keys (trust store): JZ-17-03 says whose key signed. */
  operatorKeys?: RegisteredKey[];
}

export class ReviewCancelled extends Error {
  constructor() {
    super('review cancelled');
  }
}

const WORKER_URL = new URL('./log-worker.js', import.meta.url);
// Every event dies young: a 16 MB young generation keeps each worker's memory ~25 MB lower
// than V8's default, at the same speed (measured with npm run bench on 2 cores).
const WORKER_YOUNG_GENERATION_MB = 16;

/** Worker threads need the compiled worker; under a TypeScript test runner there is none. */
function workerAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

export async function runReview(bundlePath: string, opts: ReviewOptions): Promise<Findings> {
  return (await runReviewDetailed(bundlePath, opts)).findings;
}

export interface ReviewOutcome {
  findings: Findings;
  /** Every file of the bundle (manifest.json aside) with size and SHA-256, for the report's inventory. */
  files: BundleFile[];
  integrity: Integrity;
  /** The incident reports of the bundle, for the incident timelines. */
  incidents: BundleRecords['incidents'];
  timezone: string;
}

/** A review, with what the report needs beyond findings.json: the bundle's file inventory. */
export async function runReviewDetailed(bundlePath: string, opts: ReviewOptions): Promise<ReviewOutcome> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const issues: InputIssue[] = [];
  const report = (p: Omit<Progress, 'eventsPerSecond' | 'etaSeconds'>) => {
    if (!opts.onProgress) return;
    const secs = (performance.now() - started) / 1000;
    const rate = secs > 0 ? p.bytesDone / secs : 0;
    opts.onProgress({
      ...p,
      eventsPerSecond: secs > 0 ? Math.round(p.events / secs) : 0,
      etaSeconds: p.phase === 'logs' && rate > 0 && p.bytesDone > 0 ? Math.max(0, (p.bytesTotal - p.bytesDone) / rate) : null,
    });
  };

  const source = await openSource(bundlePath);
  try {
    report({ phase: 'records', bytesDone: 0, bytesTotal: 0, events: 0 });
    // With workers, a policy PDF is read in one that is stopped past its time or memory; without, in this thread.
    const pdfText = opts.workers === 0 || !workerAvailable() ? undefined : pdfTextInWorker;
    const records = await readRecords(source, issues, { period: opts.period, operatorKeys: opts.operatorKeys, pdfText });
    const today = localDate(now.getTime(), records.timezone);
    const { profile, notes } = resolveProfile(opts.profile, opts.pack.rules, today);
    for (const n of notes) issues.push(inputIssue('profile', null, 'warning', 'profile.note', { note: n }));
    const entries = contextsFor(opts.pack, records, profile, nativeSha256Hex);
    const logRules = logRulesOf(entries);
    const files = [...records.logFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const bytesTotal = files.reduce((s, f) => s + f.bytes, 0);
    const counter: Counter = { bytes: 0, events: 0 };
    const tick = () => report({ phase: 'logs', bytesDone: counter.bytes, bytesTotal, events: counter.events });

    const wanted = opts.workers ?? Math.min(4, Math.max(1, availableParallelism()));
    const useWorkers = wanted > 0 && files.length > 0 && workerAvailable();
    // Per-file states are merged in file order as soon as they can be, so evidence lists keep
    // file order and no more than the out-of-order states are held at once.
    const pass: PassState = { states: logRules.map(({ rule, ctx }) => rule.init(ctx)), events: 0, eventsInPeriod: 0 };
    const waiting = new Map<number, FileOutcome>();
    let nextToMerge = 0;
    const digests: { path: string; sha256: string; bytes: number }[] = [];
    const accept = (o: FileOutcome) => {
      waiting.set(o.index, o);
      for (let w = waiting.get(nextToMerge); w; w = waiting.get(nextToMerge)) {
        waiting.delete(nextToMerge++);
        mergePass(logRules, pass, w.state);
        for (const i of w.issues) issues.push(i);
        digests.push(w.digest);
      }
    };
    if (useWorkers) {
      // A file whose worker died (past its heap limit) is an input issue; its bytes are still hashed for the inventory.
      const failedFile = async (index: number, why: string): Promise<FileOutcome> => {
        const file = files[index];
        const hash = createHash('sha256');
        let bytes = 0;
        for await (const chunk of source.stream(file.path)) {
          hash.update(chunk as Buffer);
          bytes += (chunk as Buffer).length;
        }
        return {
          index, state: { states: logRules.map(({ rule, ctx }) => rule.init(ctx)), events: 0, eventsInPeriod: 0 },
          digest: { path: file.path, sha256: hash.digest('hex'), bytes },
          issues: [inputIssue(file.path, null, 'error', 'log.not-read-to-end', { reason: why })],
        };
      };
      await runInWorkers(bundlePath, opts.pack.id, records, profile, files, Math.min(wanted, files.length), accept, failedFile, counter, tick, opts.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB, opts.signal);
    } else {
      const timer = setInterval(tick, 100);
      try {
        for (let i = 0; i < files.length; i++) {
          if (opts.signal?.aborted) throw new ReviewCancelled();
          accept(await processLogFile(opts.pack, records, profile, source, files[i], i, counter, opts.signal));
        }
      } finally {
        clearInterval(timer);
      }
    }
    if (opts.signal?.aborted) throw new ReviewCancelled();
    tick();

    for (const d of digests) records.files.push(d);
    records.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const diff = compareWithManifest(records.manifest, records.files);
    records.integrity = { ...records.integrity, ...diff };

    report({ phase: 'verdicts', bytesDone: counter.bytes, bytesTotal, events: counter.events });
    const results = verdicts(entries, pass, profile);
    const findings = assemble({
      tool: opts.tool, pack: opts.pack, records, profile, results, pass, inputIssues: issues,
      generatedAt: formatLocal(now.getTime(), records.timezone), seconds: (performance.now() - started) / 1000,
    });
    report({ phase: 'done', bytesDone: counter.bytes, bytesTotal, events: counter.events });
    return { findings, files: records.files, integrity: records.integrity, incidents: records.incidents, timezone: records.timezone };
  } finally {
    await source.close();
  }
}

/** A policy PDF's text, extracted by a log worker with a heap limit, which is terminated after PDF_TEXT_SECONDS. */
export const PDF_TEXT_SECONDS = 60;
const PDF_TEXT_HEAP_MB = 512;

const pdfTextInWorker: PdfTextExtractor = (b, pages) => new Promise((resolve, reject) => {
  const w = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: PDF_TEXT_HEAP_MB } });
  let settled = false;
  const settle = (f: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    void w.terminate();
    f();
  };
  const timer = setTimeout(() => settle(() => reject(new Error(`解析超过 ${PDF_TEXT_SECONDS} 秒，已停止`))), PDF_TEXT_SECONDS * 1000);
  w.on('message', (msg: FromWorker) => {
    if (msg.type === 'pdf-text') {
      pages.total = msg.pages;
      settle(() => resolve(msg.text));
    } else if (msg.type === 'error') settle(() => reject(new Error(msg.message.split('\n')[0])));
  });
  w.on('error', (e: Error & { code?: string }) => settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`解析所需内存超过 ${PDF_TEXT_HEAP_MB} MB，已停止`) : e)));
  w.on('exit', (code) => settle(() => reject(new Error(`解析进程以代码 ${code} 退出`))));
  w.postMessage({ type: 'pdf-text', bytes: new Uint8Array(b) } satisfies ToWorker);
});

async function runInWorkers(
  bundlePath: string, packId: string, records: Parameters<typeof processLogFile>[1], profile: Parameters<typeof processLogFile>[2],
  files: Parameters<typeof processLogFile>[4][], count: number, accept: (o: FileOutcome) => void,
  failedFile: (index: number, why: string) => Promise<FileOutcome>, counter: Counter, tick: () => void, heapMb: number, signal?: AbortSignal,
): Promise<void> {
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  const timer = setInterval(tick, 100);
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const onAbort = () => fail(new ReviewCancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      /** The file each worker is reading. */
      const current = new Map<Worker, number>();
      const give = (w: Worker) => {
        if (next >= files.length) return;
        const index = next++;
        current.set(w, index);
        w.postMessage({ type: 'file', index, file: files[index] } satisfies ToWorker);
      };
      const finished = (o: FileOutcome) => {
        accept(o);
        done++;
        if (done === files.length) resolve();
      };
      const start = () => {
        const w = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: heapMb } });
        workers.push(w);
        let died = false;
        // Past its heap limit a worker dies: its file becomes an input issue, a new worker takes the next file.
        const onDeath = (why: string) => {
          if (died || failed) return;
          died = true;
          const index = current.get(w);
          current.delete(w);
          if (index === undefined) return fail(new Error(`log worker stopped: ${why}`));
          failedFile(index, why).then((o) => {
            finished(o);
            if (done < files.length && next < files.length) start();
          }, fail);
        };
        w.on('message', (msg: FromWorker) => {
          if (msg.type === 'ready') give(w);
          else if (msg.type === 'progress') {
            counter.bytes += msg.bytes;
            counter.events += msg.events;
          } else if (msg.type === 'done') {
            current.delete(w);
            finished(msg.outcome);
            if (done < files.length) give(w);
          } else if (msg.type === 'error') {
            // The bundle's fault (a damaged entry) is refused as it is without workers (exit 2); anything else is a bug.
            fail(msg.bundle ? new BundleError(msg.bundle.code, msg.bundle.message, msg.bundle.file) : new Error(msg.message));
          }
        });
        w.on('error', (e: Error & { code?: string }) => {
          if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') onDeath(`超过 ${heapMb} MB 的内存上限`);
          else fail(e);
        });
        w.on('exit', (code) => {
          if (done < files.length && code !== 0) onDeath(`读取进程以代码 ${code} 退出`);
        });
        w.postMessage({ type: 'init', bundlePath, packId, records, profile } satisfies ToWorker);
      };
      for (let k = 0; k < count; k++) start();
    });
  } finally {
    clearInterval(timer);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
