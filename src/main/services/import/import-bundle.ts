// `bundle import`: a platform's raw export (folder or zip) into a bundle-v1 folder by a
// mapping (mapping-v1.md). Sources are streamed row by row into the bundle's logs and
// tables; each bundle line keeps the file, sheet and row it came from (provenance.json);
// a log whose platform chained it keeps the source's own strings of the chain, so JZ-07-03
// checks the platform's chain, never one computed here. A dry run reads everything and
// writes nothing. Bad input is counted and reported per source and field, never thrown.

import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { isKnownTimeZone } from '../../../shared/bundle/time.js';
import {
  keepsRow, mapRow, matchesGlob, safeName, TARGET_FIELDS, targetKind, type ChainSpec, type Mapping, type MappedRow, type SourceSpec,
} from '../../../shared/import/mapping.js';
import type { Provenance, ProvenanceSegment } from '../../../shared/import/provenance.js';
import { PROVENANCE_FILE } from '../../../shared/import/provenance.js';
import { makeManifest, type SigningKey } from '../bundle/make-manifest.js';
import { openSource, type BundleSource } from '../bundle/source.js';
import type { ImportReport, SourceProblem, SourceReport } from '../../../shared/import/report.js';
import { readSourceBatches } from './read-source.js';

export class ImportError extends Error {}

const MAX_PROBLEMS = 500;
/** First bad rows kept per field, to point at. */
const FIRST_ROWS = 5;
/** Distinct unmapped values kept per field. */
const MAX_UNMAPPED = 200;

/** Where rows of one bundle file go: a stream, and the line the next row will start on. */
interface TargetWriter {
  target: string;
  kind: string;
  stream: WriteStream | null;
  nextLine: number;
  rows: number;
  segments: ProvenanceSegment[];
  /** The platform's chain formula of a log, from the source that feeds it. */
  chain?: ChainSpec;
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The line a row is written as, and how many line ends it holds inside (a CSV cell may). */
function rowText(kind: string, fields: Record<string, string | string[]>, chainSource: Record<string, string> | undefined, first: boolean): string {
  const order = TARGET_FIELDS[kind];
  if (kind === 'logs') {
    const o: Record<string, unknown> = {};
    for (const f of order) {
      const v = fields[f];
      if (v === undefined || v === '') continue;
      o[f] = f === 'records' && typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v;
    }
    if (chainSource) o.chain_source = chainSource;
    return JSON.stringify(o) + '\n';
  }
  if (kind === 'incidents.json') {
    const o: Record<string, unknown> = {};
    for (const f of order) if (fields[f] !== undefined) o[f] = fields[f];
    return `${first ? '' : ',\n'}${JSON.stringify(o)}`;
  }
  return order.map((f) => {
    const v = fields[f];
    return csvCell(Array.isArray(v) ? v.join(';') : (v ?? ''));
  }).join(',') + '\n';
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Checks a mapping beyond its schema: targets, time zones, formats. Each problem in Chinese, saying what to change. */
export function mappingProblems(m: Mapping): string[] {
  const out: string[] = [];
  if (m.timezone && !isKnownTimeZone(m.timezone)) out.push(`timezone “${m.timezone}” 不是已知的时区（如 Asia/Shanghai）`);
  m.sources.forEach((s, i) => {
    const where = `第 ${i + 1} 个来源（${s.match}）`;
    if (!targetKind(s.target)) out.push(`${where}：target “${s.target}” 不是证据包文件（logs/名称.jsonl 或 ${Object.keys(TARGET_FIELDS).filter((k) => k !== 'logs').join('、')}）`);
    if (s.split_by && !targetKind(s.split_by.target.replace('{value}', 'x'))) out.push(`${where}：split_by.target “${s.split_by.target}” 应为 logs/{value}.jsonl 这样的日志文件`);
    const kind = targetKind(s.target);
    const known = kind ? TARGET_FIELDS[kind] : [];
    for (const f of [...Object.keys(s.columns ?? {}), ...Object.keys(s.constants ?? {})]) {
      if (kind && !known.includes(f)) out.push(`${where}：字段 “${f}” 不属于 ${s.target}（可用：${known.join('、')}）`);
    }
    for (const [f, t] of Object.entries(s.times ?? {})) {
      if (t.timezone && !isKnownTimeZone(t.timezone)) out.push(`${where}：字段 ${f} 的时区 “${t.timezone}” 未知`);
    }
    if (s.chain && kind !== 'logs') out.push(`${where}：只有日志才有哈希链（chain）`);
  });
  return out;
}

/**
 * Imports `rawPath` (a folder or a zip) by `mapping` into the new folder `out`, or, with
 * `dryRun`, only reads and reports. The folder is written beside `out` and renamed into place
 * at the end, so a failed import leaves nothing half-written.
 */
export async function importBundle(rawPath: string, mapping: Mapping, opts: { out?: string; dryRun?: boolean; key?: SigningKey; onRow?: (rows: number) => void }): Promise<ImportReport> {
  const problems = mappingProblems(mapping);
  if (problems.length) throw new ImportError(`映射文件有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const timezone = mapping.timezone ?? 'Asia/Shanghai';
  const out = opts.dryRun ? null : resolve(opts.out ?? '');
  if (out && !mapping.manifest?.period) throw new ImportError('映射文件缺少 manifest.period（评估期，如 {"start": "2026-01-01", "end": "2026-12-31"}）：证据包的清单必须写明评估期');
  let work: string | null = null;
  if (out) {
    const existing = await stat(out).catch(() => null);
    if (existing && (!existing.isDirectory() || (await readdir(out)).length > 0)) throw new ImportError(`${out} 已存在且不是空文件夹：导入不覆盖已有内容，请换一个新的文件夹`);
    work = join(dirname(out), `.${basename(out)}.importing-${process.pid}`);
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
  }
  try {
    return await importInto(rawPath, mapping, timezone, out, work, opts);
  } catch (e) {
    // Nothing half-written is left behind.
    if (work) await rm(work, { recursive: true, force: true });
    throw e;
  }
}

async function importInto(rawPath: string, mapping: Mapping, timezone: string, out: string | null, work: string | null, opts: { key?: SigningKey; onRow?: (rows: number) => void }): Promise<ImportReport> {
  const src = await openSource(resolve(rawPath));
  const report: ImportReport = { sources: [], unmatched: [], unused: [], copied: [], problems: [], moreProblems: 0, targets: {}, out };
  const collected: SourceProblem[] = [];
  const writers = new Map<string, TargetWriter>();
  const used = new Set<string>();
  let total = 0;
  try {
    for (const spec of mapping.sources) {
      const files = src.list().filter((p) => matchesGlob(spec.match, p));
      if (!files.length) report.unmatched.push(spec.match);
      for (const file of files) {
        used.add(file);
        const r = await importSource(src, file, spec, timezone, work, writers, collected, () => opts.onRow?.(++total));
        report.sources.push(r);
      }
    }
    for (const c of mapping.copy ?? []) {
      for (const file of src.list().filter((p) => matchesGlob(c.match, p))) {
        used.add(file);
        const to = `${c.to.replace(/\/?$/, c.to ? '/' : '')}${basename(file)}`.replace(/^\//, '');
        report.copied.push(to);
        if (work) {
          await mkdir(dirname(join(work, to)), { recursive: true });
          await writeFile(join(work, to), await src.read(file));
        }
      }
    }
  } finally {
    for (const w of writers.values()) {
      if (!w.stream) continue;
      if (w.kind === 'incidents.json') w.stream.write('\n]\n');
      w.stream.end();
      await once(w.stream, 'close');
    }
    await src.close();
  }
  report.unused = src.list().filter((p) => !used.has(p));
  for (const w of writers.values()) report.targets[w.target] = w.rows;
  report.problems = collected.slice(0, MAX_PROBLEMS);
  report.moreProblems = Math.max(0, collected.length - MAX_PROBLEMS);
  if (!work || !out) return report;

  const provenance: Provenance = { format: 'bundle-provenance/1', raw: basename(resolve(rawPath)), files: {} };
  for (const w of writers.values()) provenance.files[w.target] = w.segments;
  await writeFile(join(work, PROVENANCE_FILE), JSON.stringify(provenance, null, 1) + '\n');
  const chains = Object.fromEntries([...writers.values()].flatMap((w) => (w.chain ? [[w.target, w.chain]] : [])));
  const manifest: Record<string, unknown> = {
    format: Object.keys(chains).length ? 'evidence-bundle/1.1' : 'evidence-bundle/1',
    ...(mapping.manifest?.operator_id ? { operator_id: mapping.manifest.operator_id } : {}),
    ...(mapping.manifest?.period ? { period: mapping.manifest.period } : {}),
    timezone,
    ...(Object.keys(chains).length ? { chains } : {}),
  };
  await writeFile(join(work, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  try {
    await makeManifest(work, { key: opts.key });
  } catch (e) {
    // The message names the folder the user asked for, not the one being written.
    if (e instanceof Error) e.message = e.message.replaceAll(work, out);
    throw e;
  }
  await rename(work, out);
  return report;
}

async function importSource(
  src: BundleSource, file: string, spec: SourceSpec, timezone: string, work: string | null,
  writers: Map<string, TargetWriter>, problems: SourceProblem[], onRow: () => void,
): Promise<SourceReport> {
  const r: SourceReport = { match: spec.match, file, ...(spec.sheet !== undefined ? { sheet: spec.sheet } : {}), rowsRead: 0, rowsFiltered: 0, rowsMapped: 0, targets: {}, fields: {} };
  const field = (f: string) => (r.fields[f] ??= { unmapped: {}, badTimes: { count: 0, first: [] }, missingColumn: null });
  for await (const batch of readSourceBatches(src, file, spec, problems)) for (const row of batch) {
    const sheet = row.sheet;
    r.rowsRead++;
    onRow();
    if (!keepsRow(spec.filter, row.cells)) {
      r.rowsFiltered++;
      continue;
    }
    const mapped = mapRow(spec, row, timezone);
    mapped.target = mapped.target.replace('{file}', safeName(basename(file).replace(/\.gz$/i, '').replace(/\.[^.]+$/, '')));
    for (const p of mapped.problems) {
      const fr = field(p.field);
      if (p.kind === 'missing-column') {
        if (fr.missingColumn === null) {
          fr.missingColumn = p.value;
          problems.push({ file, ...(sheet ? { sheet } : {}), row: row.row, field: p.field, message: `没有映射中 ${p.field} 所取的列 “${p.value}”：请核对表头，或改映射的 columns` });
        }
      } else if (p.kind === 'bad-time') {
        fr.badTimes.count++;
        if (fr.badTimes.first.length < FIRST_ROWS) {
          fr.badTimes.first.push({ row: row.row, value: p.value });
          problems.push({ file, ...(sheet ? { sheet } : {}), row: row.row, field: p.field, message: `${p.field} 的时间 “${p.value}” 不符合映射的任何格式：请在 times.${p.field}.formats 中加上它的格式` });
        }
      } else {
        const u = fr.unmapped[p.value];
        if (u) u.count++;
        else if (Object.keys(fr.unmapped).length < MAX_UNMAPPED) {
          fr.unmapped[p.value] = { count: 1, firstRow: row.row };
          problems.push({ file, ...(sheet ? { sheet } : {}), row: row.row, field: p.field, message: `${p.field} 的值 “${p.value}” 没有映射：请在 values.${p.field}.map 中写明它对应的证据包取值` });
        }
      }
    }
    r.rowsMapped++;
    r.targets[mapped.target] = (r.targets[mapped.target] ?? 0) + 1;
    const w = writers.get(mapped.target) ?? await writerFor(writers, mapped.target, work, spec.chain);
    // Waiting on the stream only when it asks to: most rows go without a promise.
    if (!write(w, mapped, file, sheet, row.row)) await once(w.stream!, 'drain');
  }
  return r;
}

async function writerFor(writers: Map<string, TargetWriter>, target: string, work: string | null, chain: ChainSpec | undefined): Promise<TargetWriter> {
  let w = writers.get(target);
  if (w) return w;
  const kind = targetKind(target) ?? 'logs';
  let stream: WriteStream | null = null;
  let nextLine = 1;
  if (work) {
    const path = join(work, target);
    await mkdir(dirname(path), { recursive: true });
    stream = createWriteStream(path, { flags: 'wx' });
  }
  if (kind === 'incidents.json') {
    stream?.write('[\n');
    nextLine = 2;
  } else if (kind !== 'logs') {
    stream?.write(TARGET_FIELDS[kind].join(',') + '\n');
    nextLine = 2;
  }
  w = { target, kind, stream, nextLine, rows: 0, segments: [], ...(kind === 'logs' && chain ? { chain } : {}) };
  writers.set(target, w);
  return w;
}

/** Writes a row; false when the stream's buffer is full (wait for 'drain'). */
function write(w: TargetWriter, mapped: MappedRow, file: string, sheet: string | undefined, row: number): boolean {
  const text = rowText(w.kind, mapped.fields, mapped.chainSource, w.rows === 0);
  // The row's first line: an incidents.json item after the first starts on the line after ",\n".
  const line = w.kind === 'incidents.json' && w.rows > 0 ? w.nextLine + 1 : w.nextLine;
  const last = w.segments.at(-1);
  if (last && last.source === file && last.sheet === sheet && last.lines[1] === line - 1 && last.row + (last.lines[1] - last.lines[0]) === row - 1) last.lines[1] = line;
  else w.segments.push({ lines: [line, line], source: file, ...(sheet ? { sheet } : {}), row });
  w.nextLine += countNewlines(text);
  w.rows++;
  return !w.stream || w.stream.write(text);
}
