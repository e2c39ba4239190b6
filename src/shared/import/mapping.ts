// A mapping (docs/spec/mapping-v1.md): how a platform's own exports become a bundle. Each
// source (a file matched by name, a sheet of a workbook) feeds one bundle file; its columns
// map to bundle fields, its words to bundle values, its times through declared formats.
// mapRow applies a source's mapping to one row and says what did not fit.

import type { LogChain } from '../bundle/types.js';
import { isTimeFormat, readTimeAny } from './times.js';

/** The bundle files an import writes, and their fields in the order they are written. */
export const TARGET_FIELDS: Record<string, readonly string[]> = {
  logs: ['event_id', 'ts', 'actor', 'actor_org', 'action', 'resource_type', 'resource', 'scenario', 'request', 'records', 'destination', 'channel', 'result', 'src_ip', 'prev_hash', 'hash'],
  'datasets.csv': ['id', 'name', 'provider', 'classification', 'contains_personal_info'],
  'products.csv': ['id', 'name', 'type', 'scenario', 'source_datasets', 'developer_org', 'derived_from', 'created_at', 'compliance_review_at', 'anonymization_review_at', 'first_delivered_at', 'status', 'price_public', 'domain'],
  'scenarios.csv': ['id', 'name', 'authority_approved_at', 'provider_approved_at', 'provider_depts'],
  'requests.csv': ['id', 'requester', 'scenario', 'datasets', 'submitted_at', 'recorded_at', 'reviewed_at', 'reviewer', 'review_result', 'feedback_at'],
  'partners.csv': ['id', 'name', 'contract_start', 'contract_end', 'status', 'violation_found_at', 'suspended_at'],
  'staff.csv': ['user_id', 'name', 'org', 'roles'],
  'policies.csv': ['id', 'type', 'title', 'version', 'approved_at', 'last_reviewed_at', 'reported_at', 'file'],
  'assessments.csv': ['id', 'type', 'date', 'result', 'report_file'],
  'quality-issues.csv': ['id', 'dataset', 'detected_at', 'description', 'reported_at', 'resolved_at'],
  'incidents.json': ['id', 'type', 'grade', 'detected_at', 'plan_activated_at', 'reported_at', 'closed_at', 'datasets', 'summary'],
};

/** incidents.json keeps lists as JSON arrays; the CSV tables join them with ";". */
const LIST_FIELDS: Record<string, readonly string[]> = { 'incidents.json': ['datasets'] };

/** The kind of bundle file `target` is: a log (logs/….jsonl) or one of the tables; null when neither. */
export function targetKind(target: string): string | null {
  if (/^logs\/[^/]+\.jsonl$/.test(target.replace('{sheet}', 'x').replace('{file}', 'x'))) return 'logs';
  return Object.hasOwn(TARGET_FIELDS, target) && target !== 'logs' ? target : null;
}

export interface ValueMap {
  /** Source words → the bundle value. */
  map: Record<string, string>;
  /** A word the map lacks: "keep" (as written), "warn" (kept and counted as unmapped), or a value to use instead. */
  otherwise?: string;
}

export interface TimeSpec {
  formats: string[];
  /** The zone of times written without an offset; the mapping's timezone when absent. */
  timezone?: string;
}

export interface RowFilter {
  column: string;
  equals?: string;
  in?: string[];
  not_in?: string[];
  /** A regular expression the value must match. */
  matches?: string;
}

/** How a platform computed its log's hash chain, over its own strings (written into manifest.json's chains). */
export type ChainSpec = LogChain;

export interface SourceSpec {
  /** A glob on the path inside the raw export: * within a folder, ** across folders. */
  match: string;
  /** A workbook's sheet, by name (or a name pattern: every sheet it matches) or 1-based position; the first when absent. */
  sheet?: string | number;
  /** "auto" (default): UTF-8 when valid, else GB18030. */
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  /** 1-based row holding the column names (default 1); rows above it are skipped. */
  header_row?: number;
  /** The bundle file fed: logs/NAME.jsonl or a table (products.csv, …, incidents.json); {file} is the source file's name, {sheet} the sheet's. */
  target: string;
  /** One export into several logs: the target for each value of a column ({value} is replaced). */
  split_by?: { column: string; target: string };
  filter?: RowFilter[];
  /** Bundle field → source column (a dotted path into JSON). Left out: the columns named as the bundle's fields. */
  columns?: Record<string, string>;
  /** Bundle fields the export lacks, the same on every row. */
  constants?: Record<string, string>;
  values?: Record<string, ValueMap>;
  times?: Record<string, TimeSpec>;
  chain?: ChainSpec;
}

export interface Mapping {
  format: 'bundle-mapping/1';
  timezone?: string;
  /** What manifest.json says that the exports cannot: the operator and the period. */
  manifest?: { operator_id?: string; period?: { start: string; end: string } };
  /** Files copied into the bundle as they are (operator.json, policies/…): raw path glob → bundle folder. */
  copy?: { match: string; to: string }[];
  sources: SourceSpec[];
}

/** One row of a source: its cells by column name (or a JSON object), and where it stands. */
export interface SourceRow {
  cells: Record<string, unknown>;
  /** 1-based row in the sheet or file (a JSONL line, a CSV record's first line). */
  row: number;
  /** The sheet of a workbook. */
  sheet?: string;
  /** Every row has the same columns (a CSV or a sheet): a column it lacks is missing from the export, not empty in this row. */
  columnsFixed?: boolean;
}

/** What did not fit in one row: an unmapped word, an unreadable time, a missing column. */
export interface RowProblem {
  field: string;
  kind: 'unmapped-value' | 'bad-time' | 'missing-column';
  value: string;
}

export interface MappedRow {
  /** The bundle target the row goes to (split_by may choose). */
  target: string;
  fields: Record<string, string | string[]>;
  /** The source's own strings of the chain's fields, kept for JZ-07-03. */
  chainSource?: Record<string, string>;
  problems: RowProblem[];
}

/** A cell as text: numbers as written, dates as ISO, nothing as ''. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return JSON.stringify(v);
}

/** The value at a column name, or at a dotted path into nested JSON when the name itself is absent. */
export function cellAt(cells: Record<string, unknown>, column: string): unknown {
  if (Object.hasOwn(cells, column)) return cells[column];
  let v: unknown = cells;
  for (const part of column.split('.')) {
    if (!v || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Whether a row passes every filter of its source. */
export function keepsRow(filters: readonly RowFilter[] | undefined, cells: Record<string, unknown>): boolean {
  for (const f of filters ?? []) {
    const v = cellText(cellAt(cells, f.column)).trim();
    if (f.equals !== undefined && v !== f.equals) return false;
    if (f.in && !f.in.includes(v)) return false;
    if (f.not_in && f.not_in.includes(v)) return false;
    if (f.matches !== undefined && !new RegExp(f.matches).test(v)) return false;
  }
  return true;
}

/** Applies `source`'s mapping to one row. Problems are returned, never thrown: the import reports them all. */
export function mapRow(source: SourceSpec, row: SourceRow, timezone: string): MappedRow {
  const problems: RowProblem[] = [];
  const target = (source.split_by
    ? source.split_by.target.replace('{value}', safeName(cellText(cellAt(row.cells, source.split_by.column))))
    : source.target).replace('{sheet}', safeName(row.sheet ?? ''));
  const kind = targetKind(source.target) ?? 'logs';
  const lists = LIST_FIELDS[kind] ?? [];
  const fields: Record<string, string | string[]> = {};
  for (const [field, value] of Object.entries(source.constants ?? {})) fields[field] = value;
  const columns = source.columns ?? Object.fromEntries(TARGET_FIELDS[kind].filter((f) => cellAt(row.cells, f) !== undefined).map((f) => [f, f]));
  for (const [field, column] of Object.entries(columns)) {
    const raw = cellAt(row.cells, column);
    if (raw === undefined && row.columnsFixed) {
      problems.push({ field, kind: 'missing-column', value: column });
      continue;
    }
    let text = cellText(raw).trim();
    const time = source.times?.[field];
    if (time && text !== '') {
      const read = readTimeAny(raw instanceof Date ? raw : text, time.formats, time.timezone ?? timezone);
      if (read) text = read.iso;
      else problems.push({ field, kind: 'bad-time', value: text });
    }
    const vm = source.values?.[field];
    if (vm && text !== '') text = mapValue(vm, text, field, problems);
    fields[field] = lists.includes(field) ? text.split(/[;；|,，、]/).map((x) => x.trim()).filter(Boolean) : text;
  }
  const out: MappedRow = { target, fields, problems };
  if (source.chain) {
    out.chainSource = {};
    for (const f of source.chain.fields) if (f !== 'prev_hash') out.chainSource[f] = cellText(cellAt(row.cells, f));
  }
  return out;
}

function mapValue(vm: ValueMap, text: string, field: string, problems: RowProblem[]): string {
  if (Object.hasOwn(vm.map, text)) return vm.map[text];
  // A multi-valued cell (roles, datasets) maps word by word.
  const words = /[;；|]/.test(text) ? text.split(/[;；|]/).map((w) => w.trim()) : [text];
  return words.map((w) => {
    if (Object.hasOwn(vm.map, w)) return vm.map[w];
    const otherwise = vm.otherwise ?? 'warn';
    if (otherwise === 'keep') return w;
    if (otherwise === 'warn') {
      problems.push({ field, kind: 'unmapped-value', value: w });
      return w;
    }
    return otherwise;
  }).join(';');
}

/** A split value as a file name: no path, no control characters. */
export function safeName(v: string): string {
  const s = v.trim().replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return s === '' || s === '.' || s === '..' ? '_' : s.slice(0, 80);
}

/** `path` matches the glob `pattern` (* within a folder, ** across folders, ? one character). */
export function matchesGlob(pattern: string, path: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i').test(path);
}

/** What is wrong with a mapping's shape, each naming where (sources[2].columns.ts) and what to write. */
export function mappingShapeProblems(v: unknown): string[] {
  const out: string[] = [];
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  const strings = (x: unknown) => isObj(x) && Object.values(x).every((s) => typeof s === 'string');
  if (!isObj(v)) return ['映射文件应为一个 JSON 对象'];
  if (v.format !== 'bundle-mapping/1') out.push('format 应为 "bundle-mapping/1"');
  if (v.timezone !== undefined && typeof v.timezone !== 'string') out.push('timezone 应为时区名，如 "Asia/Shanghai"');
  if (v.manifest !== undefined) {
    const m = v.manifest;
    if (!isObj(m)) out.push('manifest 应为对象');
    else {
      if (m.operator_id !== undefined && typeof m.operator_id !== 'string') out.push('manifest.operator_id 应为统一社会信用代码（文本）');
      const p = m.period;
      if (p !== undefined && !(isObj(p) && typeof p.start === 'string' && typeof p.end === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.start) && /^\d{4}-\d{2}-\d{2}$/.test(p.end))) out.push('manifest.period 应为 {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}');
    }
  }
  if (v.copy !== undefined && !(Array.isArray(v.copy) && v.copy.every((c) => isObj(c) && typeof c.match === 'string' && typeof c.to === 'string'))) out.push('copy 应为 [{"match": "原始导出中的文件", "to": "证据包中的文件夹"}] 的列表');
  if (!Array.isArray(v.sources) || v.sources.length === 0) {
    out.push('sources 应为至少一项的列表');
    return out;
  }
  v.sources.forEach((s, i) => {
    const at = `sources[${i}]`;
    if (!isObj(s)) {
      out.push(`${at} 应为对象`);
      return;
    }
    if (typeof s.match !== 'string' || !s.match) out.push(`${at}.match 应为文件名模式，如 "审计日志*.xlsx"`);
    if (typeof s.target !== 'string') out.push(`${at}.target 应为证据包文件，如 "logs/platform.jsonl" 或 "products.csv"`);
    if (s.sheet !== undefined && typeof s.sheet !== 'string' && !(Number.isInteger(s.sheet) && (s.sheet as number) >= 1)) out.push(`${at}.sheet 应为工作表名或从 1 起的序号`);
    if (s.encoding !== undefined && !['auto', 'utf-8', 'gb18030'].includes(s.encoding as string)) out.push(`${at}.encoding 应为 auto、utf-8 或 gb18030`);
    if (s.header_row !== undefined && !(Number.isInteger(s.header_row) && (s.header_row as number) >= 1)) out.push(`${at}.header_row 应为从 1 起的行号`);
    if (s.columns !== undefined && !strings(s.columns)) out.push(`${at}.columns 应为 {"证据包字段": "原始列名"} 的对象`);
    if (s.constants !== undefined && !strings(s.constants)) out.push(`${at}.constants 应为 {"证据包字段": "取值"} 的对象`);
    if (s.split_by !== undefined && !(isObj(s.split_by) && typeof s.split_by.column === 'string' && typeof s.split_by.target === 'string' && s.split_by.target.includes('{value}'))) out.push(`${at}.split_by 应为 {"column": "列名", "target": "logs/{value}.jsonl"}`);
    if (s.filter !== undefined && !(Array.isArray(s.filter) && s.filter.every((f) => isObj(f) && typeof f.column === 'string'
      && (f.equals === undefined || typeof f.equals === 'string') && (f.matches === undefined || (typeof f.matches === 'string' && validRe(f.matches)))
      && (f.in === undefined || (Array.isArray(f.in) && f.in.every((x) => typeof x === 'string')))
      && (f.not_in === undefined || (Array.isArray(f.not_in) && f.not_in.every((x) => typeof x === 'string')))))) {
      out.push(`${at}.filter 应为 [{"column": "列名", "equals" | "in" | "not_in" | "matches": …}] 的列表`);
    }
    if (s.values !== undefined) {
      if (!isObj(s.values)) out.push(`${at}.values 应为对象`);
      else for (const [f, vm] of Object.entries(s.values)) {
        if (!isObj(vm) || !strings(vm.map) || (vm.otherwise !== undefined && typeof vm.otherwise !== 'string')) out.push(`${at}.values.${f} 应为 {"map": {"原始取值": "证据包取值"}, "otherwise": "warn" | "keep" | 取值}`);
      }
    }
    if (s.times !== undefined) {
      if (!isObj(s.times)) out.push(`${at}.times 应为对象`);
      else for (const [f, t] of Object.entries(s.times)) {
        if (!isObj(t) || !Array.isArray(t.formats) || t.formats.length === 0 || !t.formats.every((x) => typeof x === 'string')) out.push(`${at}.times.${f}.formats 应为格式列表，如 ["YYYY年M月D日 H:mm:ss", "epoch-ms"]`);
        else for (const x of t.formats as string[]) if (!isTimeFormat(x)) out.push(`${at}.times.${f}.formats 中的 “${x}” 不是时间格式：至少要有 YYYY、M、D，或用 iso、epoch-s、epoch-ms、excel-serial`);
      }
    }
    if (s.chain !== undefined) {
      const c = s.chain;
      if (!(isObj(c) && (c.algorithm === 'sha256' || c.algorithm === 'sm3') && Array.isArray(c.fields) && c.fields.length > 0 && c.fields.every((x) => typeof x === 'string') && typeof c.separator === 'string' && (c.genesis === undefined || typeof c.genesis === 'string'))) {
        out.push(`${at}.chain 应为 {"algorithm": "sha256" | "sm3", "fields": ["prev_hash", "原始列名", …], "separator": "|"}`);
      }
    }
  });
  return out;
}

function validRe(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}
