// The logs around an incident: the events in a window around detected_at that touch the
// incident's datasets (directly, or through a product made from them) or come from the
// actors involved (of the JZ-21-03 episodes near it, and who touched its datasets then).
// Streams the bundle's logs twice, never holding them: the first pass learns which actors
// touched the datasets and which files reach into a window, the second collects the rows.

import { splitMulti } from '../../../shared/bundle/normalise.js';
import { formatLocal, parseInstant } from '../../../shared/bundle/time.js';
import type { BundleRecords, LogEvent, LogFileInfo, Period } from '../../../shared/bundle/types.js';
import { excerpt } from '../../../shared/engine/evidence.js';
import type { AroundReason, AroundRow, IncidentLogs } from '../../../shared/incidents/around.js';
import type { EpisodeView } from '../../../shared/incidents/episodes.js';
import { incidentDatasets } from '../../../shared/incidents/timeline.js';
import { DEFAULT_WINDOW, type AroundWindow } from '../../../shared/incidents/window.js';
import { openSource, type BundleSource } from '../bundle/source.js';
import { readRecords } from '../bundle/read-records.js';
import { streamLog } from '../bundle/stream-log.js';

export { DEFAULT_WINDOW };
export type { AroundWindow, AroundReason, IncidentLogs };

export const DEFAULT_MAX_ROWS = 10_000;

export interface AroundOptions {
  window?: AroundWindow;
  /** Rows kept per incident (the true count is kept too). Default 10 000. */
  maxRows?: number;
  /** JZ-21-03's episodes (episodesOfFindings): their actors count when an episode reaches into the window. */
  episodes?: readonly EpisodeView[];
  /** Only these incidents (default: all, in incidents.json order). */
  incidentIds?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (p: { pass: 1 | 2; bytesDone: number; bytesTotal: number }) => void;
}

interface Target {
  out: IncidentLogs;
  detected: number;
  start: number;
  end: number;
  datasets: Set<string>;
  products: Set<string>;
  episodeActors: Set<string>;
  datasetActors: Set<string>;
  heap: RowHeap;
}

/** Rows ranked by distance from detected_at (then time and place): a max-heap keeps the nearest. */
interface Ranked {
  d: number;
  t: number;
  row: AroundRow;
}

function worse(a: Ranked, b: Ranked): boolean {
  if (a.d !== b.d) return a.d > b.d;
  if (a.t !== b.t) return a.t > b.t;
  if (a.row.file !== b.row.file) return a.row.file > b.row.file;
  return a.row.line > b.row.line;
}

class RowHeap {
  readonly items: Ranked[] = [];
  constructor(private readonly cap: number) {}

  /** Whether a row at this rank would be kept (so the row need not be built otherwise). */
  wants(probe: Ranked): boolean {
    return this.items.length < this.cap || (this.cap > 0 && worse(this.items[0], probe));
  }

  add(r: Ranked): void {
    const a = this.items;
    if (a.length < this.cap) {
      a.push(r);
      let i = a.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(a[i], a[p])) break;
        [a[i], a[p]] = [a[p], a[i]];
        i = p;
      }
      return;
    }
    if (this.cap === 0 || !worse(a[0], r)) return;
    a[0] = r;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const rt = l + 1;
      let m = i;
      if (l < a.length && worse(a[l], a[m])) m = l;
      if (rt < a.length && worse(a[rt], a[m])) m = rt;
      if (m === i) break;
      [a[i], a[m]] = [a[m], a[i]];
      i = m;
    }
  }
}

function sortedList(s: Set<string>): string[] {
  return [...s].sort();
}

function episodeSpan(e: EpisodeView, tz: string): [number, number] | null {
  const times = [e.first, e.last, ...e.events.map((x) => x.at)].map((s) => (s ? parseInstant(s, tz) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length ? [Math.min(...times), Math.max(...times)] : null;
}

function targetsOf(records: BundleRecords, opts: AroundOptions): Target[] {
  const tz = records.timezone;
  const w = opts.window ?? DEFAULT_WINDOW;
  const cap = Math.max(0, Math.floor(opts.maxRows ?? DEFAULT_MAX_ROWS));
  const wanted = opts.incidentIds ? new Set(opts.incidentIds) : null;
  const productsOf = (datasets: Set<string>) => {
    const out = new Set<string>();
    for (const row of records.products.rows) {
      if (row.id && splitMulti(row.cells.source_datasets).some((d) => datasets.has(d))) out.add(row.id);
    }
    return out;
  };
  const spans = (opts.episodes ?? []).map((e) => ({ actor: e.actor, span: episodeSpan(e, tz) }));
  return records.incidents.items.filter((item) => !wanted || wanted.has(item.id)).map((item) => {
    const detectedText = item.value.detected_at === undefined || item.value.detected_at === null ? '' : String(item.value.detected_at).trim();
    const detected = detectedText ? parseInstant(detectedText, tz) : NaN;
    const datasets = new Set(incidentDatasets(item.value.datasets));
    const products = productsOf(datasets);
    const dated = !Number.isNaN(detected);
    const start = dated ? detected + w.startMinutes * 60_000 : NaN;
    const end = dated ? detected + w.endMinutes * 60_000 : NaN;
    const episodeActors = new Set<string>();
    if (dated) {
      // An empty actor would pull in every event without one: it names no one.
      for (const { actor, span } of spans) if (actor && span && span[0] <= end && span[1] >= start) episodeActors.add(actor);
    }
    const out: IncidentLogs = {
      incidentId: item.id, detectedAt: detectedText,
      windowStart: dated ? formatLocal(start, tz) : null, windowEnd: dated ? formatLocal(end, tz) : null,
      datasets: [...datasets], products: sortedList(products),
      actors: { fromEpisodes: sortedList(episodeActors), fromDatasets: [] }, count: 0, rows: [], truncated: false,
    };
    if (!dated) out.note = detectedText ? `发现时间“${detectedText}”无法识别，无法确定日志时间窗。` : '未记录发现时间，无法确定日志时间窗。';
    return { out, detected, start, end, datasets, products, episodeActors, datasetActors: new Set<string>(), heap: new RowHeap(cap) };
  });
}

function touchesDataset(t: Target, ev: LogEvent): boolean {
  return ev.resourceType === 'dataset' && t.datasets.has(ev.resource);
}

function reasonsOf(t: Target, ev: LogEvent): AroundReason[] {
  const r: AroundReason[] = [];
  if (touchesDataset(t, ev)) r.push('dataset');
  if (ev.resourceType === 'product' && t.products.has(ev.resource)) r.push('product');
  if (ev.actor && t.episodeActors.has(ev.actor)) r.push('episode_actor');
  // The dataset events of such an actor already say why; dataset_actor marks their other events.
  if (!r.length && ev.actor && t.datasetActors.has(ev.actor)) r.push('dataset_actor');
  return r;
}

/** Logs around the incidents of an open bundle. */
export async function logsAroundIncidents(source: BundleSource, records: BundleRecords, opts: AroundOptions = {}): Promise<IncidentLogs[]> {
  const tz = records.timezone;
  const targets = targetsOf(records, opts);
  const live = targets.filter((t) => !Number.isNaN(t.detected));
  const files = [...records.logFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!live.length || !files.length) return targets.map((t) => t.out);
  const lo = Math.min(...live.map((t) => t.start));
  const hi = Math.max(...live.map((t) => t.end));

  const stream = async (list: LogFileInfo[], pass: 1 | 2, onEvent: (ev: LogEvent) => void) => {
    const bytesTotal = list.reduce((s, f) => s + f.bytes, 0);
    let bytesDone = 0;
    for (const f of list) {
      // Input issues were the review's to report; here the lines that parse are enough.
      await streamLog(source, f, tz, {
        onEvent,
        onIssue: () => {},
        onBytes: (n) => {
          bytesDone += n;
          opts.onProgress?.({ pass, bytesDone, bytesTotal });
        },
      }, opts.signal);
    }
  };

  // Pass 1: who touched the datasets within each window, and which files reach a window.
  const reaching = new Set<string>();
  await stream(files, 1, (ev) => {
    if (!(ev.t >= lo && ev.t <= hi)) return; // NaN compares false
    for (const t of live) {
      if (ev.t < t.start || ev.t > t.end) continue;
      reaching.add(ev.file);
      if (ev.actor && touchesDataset(t, ev)) t.datasetActors.add(ev.actor);
    }
  });
  for (const t of live) t.out.actors.fromDatasets = sortedList(t.datasetActors);

  // Pass 2: the rows, from the files that reach a window only.
  await stream(files.filter((f) => reaching.has(f.path)), 2, (ev) => {
    if (!(ev.t >= lo && ev.t <= hi)) return;
    for (const t of live) {
      if (ev.t < t.start || ev.t > t.end) continue;
      const reasons = reasonsOf(t, ev);
      if (!reasons.length) continue;
      t.out.count++;
      const probe = { d: Math.abs(ev.t - t.detected), t: ev.t, row: { file: ev.file, line: ev.line } as AroundRow };
      if (!t.heap.wants(probe)) continue;
      probe.row = {
        file: ev.file, line: ev.line, eventId: ev.eventId, ts: ev.ts, at: formatLocal(ev.t, tz), actor: ev.actor,
        action: ev.action, resourceType: ev.resourceType, resource: ev.resource, result: ev.result, excerpt: excerpt(ev.raw), reasons,
      };
      t.heap.add(probe);
    }
  });
  for (const t of live) {
    const kept = [...t.heap.items].sort((a, b) => a.t - b.t || (a.row.file < b.row.file ? -1 : a.row.file > b.row.file ? 1 : 0) || a.row.line - b.row.line);
    t.out.rows = kept.map((k) => k.row);
    t.out.truncated = t.out.count > t.out.rows.length;
  }
  return targets.map((t) => t.out);
}

/** Open a bundle, read its records and return the logs around its incidents. */
export async function logsAround(bundlePath: string, opts: AroundOptions & { period?: Period } = {}): Promise<IncidentLogs[]> {
  const source = await openSource(bundlePath);
  try {
    const records = await readRecords(source, [], { period: opts.period });
    return await logsAroundIncidents(source, records, opts);
  } finally {
    await source.close();
  }
}
