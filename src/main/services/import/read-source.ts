// The rows of one file of a platform's raw export, streamed: CSV (UTF-8 or GB18030), xlsx
// (exceljs' streaming reader, one sheet), JSONL, a JSON array, each optionally gzip-compressed.
// Rows come with their 1-based row number in the file or sheet, so every imported row can
// point back at the line in the operator's own export.

import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import ExcelJS from 'exceljs';
import { CsvParser } from '../../../shared/bundle/csv.js';
import { TextStream } from '../../../shared/bundle/decode.js';
import { issueText } from '../../../shared/bundle/issue-messages.js';
import { parseJson } from '../../../shared/bundle/json.js';
import { matchesGlob, type SourceRow, type SourceSpec } from '../../../shared/import/mapping.js';
import type { SourceProblem } from '../../../shared/import/report.js';
import type { BundleSource } from '../bundle/source.js';

/** A gzip source may expand this many times its compressed size (past 1 MiB), as bundle logs may. */
const GZIP_MAX_RATIO = 200;
/** A JSON array source is read whole, up to this size. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** Cells a row of a sheet or CSV may hold. */
const MAX_COLUMNS = 2000;

export type SourceFormat = 'csv' | 'xlsx' | 'jsonl' | 'json';

/** The format of a raw file by its name (a .gz by the name inside); null for one an import cannot read. */
export function formatOf(path: string): SourceFormat | null {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  return null;
}

/** The file's bytes, gunzipped when it is .gz, with the expansion bounded. */
function bytesOf(src: BundleSource, path: string, problems: SourceProblem[]): Readable {
  const raw = src.stream(path);
  if (!path.toLowerCase().endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  let inBytes = 0;
  let outBytes = 0;
  raw.on('data', (c: Buffer) => {
    inBytes += c.length;
  });
  gunzip.on('data', (c: Buffer) => {
    outBytes += c.length;
    if (outBytes > 1024 * 1024 && outBytes > inBytes * GZIP_MAX_RATIO) {
      problems.push({ file: path, row: null, message: `解压后超过压缩大小的 ${GZIP_MAX_RATIO} 倍（疑似压缩炸弹），其后的内容未导入` });
      gunzip.destroy();
      raw.destroy();
    }
  });
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/** Text chunks of the file, decoded as the spec says (auto: UTF-8 when valid, else GB18030). */
async function* textOf(bytes: Readable, spec: SourceSpec, path: string, problems: SourceProblem[]): AsyncGenerator<string> {
  if (spec.encoding === 'gb18030' || spec.encoding === 'utf-8') {
    const d = new TextDecoder(spec.encoding);
    for await (const c of bytes) yield d.decode(c as Buffer, { stream: true });
    yield d.decode();
    return;
  }
  const t = new TextStream({ onProblem: (p) => problems.push({ file: path, row: null, message: p.kind === 'switched-to-gb18030' ? `第 ${p.byteOffset} 字节起不是 UTF-8，按 GB18030 读取` : `第 ${p.byteOffset} 字节起有无效的 UTF-8 字节，已替换` }) });
  for await (const c of bytes) {
    const s = t.push(c as Buffer);
    if (t.binary) {
      problems.push({ file: path, row: null, message: '不是文本文件，未导入' });
      return;
    }
    if (s) yield s;
  }
  const rest = t.end();
  if (rest) yield rest;
}

/** Rows of a CSV: the header row names the columns; rows above it are skipped. */
async function* csvRows(text: AsyncGenerator<string>, spec: SourceSpec, path: string, problems: SourceProblem[]): AsyncGenerator<SourceRow[]> {
  const headerRow = spec.header_row ?? 1;
  let header: string[] | null = null;
  let records = 0;
  const ready: SourceRow[] = [];
  const parser = new CsvParser((r) => {
    records++;
    if (records < headerRow) return;
    if (!header) {
      header = r.fields.slice(0, MAX_COLUMNS).map((h) => h.replace(/^\uFEFF/, '').trim());
      return;
    }
    const cells: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (h) cells[h] = r.fields[i] ?? '';
    });
    ready.push({ cells, row: r.line, columnsFixed: true });
  }, (e) => problems.push({ file: path, row: e.line, message: issueText(e.code, e.params, 'zh') }));
  for await (const s of text) {
    parser.push(s);
    if (ready.length) yield ready.splice(0);
  }
  parser.end();
  if (ready.length) yield ready.splice(0);
  if (!header) problems.push({ file: path, row: null, message: `没有第 ${headerRow} 行的表头` });
}

/** Rows of a JSONL file: one object per line. */
async function* jsonlRows(text: AsyncGenerator<string>, path: string, problems: SourceProblem[]): AsyncGenerator<SourceRow[]> {
  let buf = '';
  let line = 0;
  const take = (l: string): SourceRow | null => {
    line++;
    const s = l.replace(/\r$/, '').trim();
    if (!s) return null;
    try {
      const v = parseJson(s);
      if (v && typeof v === 'object' && !Array.isArray(v)) return { cells: v as Record<string, unknown>, row: line };
      problems.push({ file: path, row: line, message: '该行不是 JSON 对象，已跳过' });
    } catch (e) {
      problems.push({ file: path, row: line, message: `该行不是有效的 JSON（${(e as Error).message}），已跳过` });
    }
    return null;
  };
  for await (const s of text) {
    buf += s;
    const batch: SourceRow[] = [];
    let from = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', from)) {
      const r = take(buf.slice(from, nl));
      if (r) batch.push(r);
      from = nl + 1;
    }
    buf = buf.slice(from);
    if (batch.length) yield batch;
  }
  if (buf) {
    const r = take(buf);
    if (r) yield [r];
  }
}

/** Rows of a JSON array of objects (read whole): row n is the array's nth item. */
async function* jsonRows(text: AsyncGenerator<string>, path: string, problems: SourceProblem[]): AsyncGenerator<SourceRow[]> {
  let all = '';
  for await (const s of text) {
    all += s;
    if (all.length > MAX_JSON_BYTES) {
      problems.push({ file: path, row: null, message: `JSON 文件超过 ${MAX_JSON_BYTES / 1024 / 1024} MiB，请改为 JSONL（每行一个对象）` });
      return;
    }
  }
  let v: unknown;
  try {
    v = parseJson(all.replace(/^\uFEFF/, ''));
  } catch (e) {
    problems.push({ file: path, row: null, message: `不是有效的 JSON：${(e as Error).message}` });
    return;
  }
  if (!Array.isArray(v)) {
    problems.push({ file: path, row: null, message: '不是对象数组' });
    return;
  }
  const batch: SourceRow[] = [];
  for (let i = 0; i < v.length; i++) {
    const o = v[i];
    if (o && typeof o === 'object' && !Array.isArray(o)) batch.push({ cells: o as Record<string, unknown>, row: i + 1 });
    else problems.push({ file: path, row: i + 1, message: '该项不是 JSON 对象，已跳过' });
  }
  yield batch;
}

/** A cell of exceljs as the value it shows: a formula's cached result (never evaluated), rich text joined, a link's text. */
function xlsxValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) return xlsxValue(o.result);
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('text' in o) return xlsxValue(o.text);
  if ('error' in o) return '';
  return '';
}

/** Rows of one sheet of a workbook, streamed (the first sheet when the spec names none). */
async function* xlsxRows(bytes: Readable, spec: SourceSpec, path: string, problems: SourceProblem[]): AsyncGenerator<SourceRow[]> {
  const headerRow = spec.header_row ?? 1;
  const wanted = spec.sheet ?? 1;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(bytes, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let index = 0;
  let found = false;
  for await (const ws of reader) {
    index++;
    const sheet = ws as unknown as { name: string; [Symbol.asyncIterator](): AsyncIterator<{ number: number; values: unknown[] }> };
    const name = sheet.name;
    const hit = typeof wanted === 'number' ? index === wanted : name === wanted || matchesGlob(wanted, name);
    if (!hit) {
      // Rows of other sheets are read past, not kept.
      for await (const _ of sheet) void _;
      continue;
    }
    found = true;
    let header: string[] | null = null;
    const sheetName = name;
    let batch: SourceRow[] = [];
    for await (const row of sheet) {
      if (row.number < headerRow) continue;
      const values = (row.values as unknown[]).slice(1, MAX_COLUMNS + 1).map(xlsxValue);
      if (!header) {
        header = values.map((h) => String(h ?? '').trim());
        continue;
      }
      const cells: Record<string, unknown> = {};
      header.forEach((h, i) => {
        if (h) cells[h] = values[i] ?? '';
      });
      if (Object.values(cells).every((c) => c === '' || c === null)) continue;
      batch.push({ cells, row: row.number, sheet: sheetName, columnsFixed: true });
      if (batch.length >= XLSX_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    if (!header) problems.push({ file: path, sheet: name, row: null, message: `工作表没有第 ${headerRow} 行的表头` });
  }
  if (!found) problems.push({ file: path, row: null, message: `找不到工作表 ${typeof wanted === 'number' ? `第 ${wanted} 个` : `“${wanted}”`}` });
}

/** Rows of a sheet handed on together: one promise per batch, not per row. */
const XLSX_BATCH = 512;

/** The rows of `path`, one by one (for a sample). */
export async function* readSourceRows(src: BundleSource, path: string, spec: SourceSpec, problems: SourceProblem[]): AsyncGenerator<SourceRow> {
  for await (const batch of readSourceBatches(src, path, spec, problems)) yield* batch;
}

/** The rows of `path` in the raw export, as `spec` describes them, in batches. Problems are collected, never thrown. */
export async function* readSourceBatches(src: BundleSource, path: string, spec: SourceSpec, problems: SourceProblem[]): AsyncGenerator<SourceRow[]> {
  const format = formatOf(path);
  if (!format) {
    problems.push({ file: path, row: null, message: '不是能导入的文件（CSV、xlsx、JSONL、JSON，可为 .gz）' });
    return;
  }
  const bytes = bytesOf(src, path, problems);
  try {
    if (format === 'xlsx') yield* xlsxRows(bytes, spec, path, problems);
    else {
      const text = textOf(bytes, spec, path, problems);
      if (format === 'csv') yield* csvRows(text, spec, path, problems);
      else if (format === 'jsonl') yield* jsonlRows(text, path, problems);
      else yield* jsonRows(text, path, problems);
    }
  } catch (e) {
    problems.push({ file: path, row: null, message: `读取中断：${(e as Error).message}` });
  } finally {
    bytes.destroy();
  }
}
