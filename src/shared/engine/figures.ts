// What a rule's figures are, declared in its meta, and the one rendering of figures into
// labelled text and tables that the workbench, the report, xlsx and csv all show.

import { groupDigits } from '../report/labels.js';
import { isNamed, nameOf, type Lang, type NameTable, type Words } from '../names.js';
import type { ParamSpec } from './types.js';

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'years';

/** One value: how it is read and shown. */
export type ValueSpec =
  /** An integer count (or the length of a list) with its unit: 12 条 / 12 events. */
  | { kind: 'count'; unit: Words }
  /** A measured number (a score, a level) with an optional unit, rounded to `digits` (default 2). */
  | { kind: 'number'; unit?: Words; digits?: number }
  /** A fraction 0..1 shown as a percentage. */
  | { kind: 'ratio' }
  /** A number already in per cent. */
  | { kind: 'percent' }
  | { kind: 'duration'; unit: DurationUnit }
  /** YYYY-MM-DD, shown as written. */
  | { kind: 'date' }
  /** An ISO 8601 time, shown as YYYY-MM-DD HH:mm:ss with its offset. */
  | { kind: 'time' }
  /** Text from the bundle (names, ids, record numbers) or a sentence the rule wrote. */
  | { kind: 'text' }
  | { kind: 'boolean' }
  /** A value named in NAMES[names]; a value the table lacks is the operator's word, shown as written. */
  | { kind: 'enum'; names: NameTable }
  /** A list of values, joined. */
  | { kind: 'list'; of: ValueSpec };

export type Labelled<T> = T & { label: Words };

/** A figure: a value, a table (list of objects), a record of fixed fields, or a map of keys to values. */
export type FigureSpec = Labelled<
  | ValueSpec
  | { kind: 'table'; columns: Record<string, Labelled<ValueSpec>> }
  | { kind: 'record'; fields: Record<string, Labelled<ValueSpec>> }
  | { kind: 'map'; key: Labelled<ValueSpec>; value: Labelled<ValueSpec> }
>;

export type FigureSpecs = Record<string, FigureSpec>;

/** A figure as people read it: a labelled line of text or a labelled table. */
export type FigureLine =
  | { key: string; label: string; text: string }
  | { key: string; label: string; table: { headers: string[]; rows: string[][]; total: number } };

const DURATION: Record<DurationUnit, Words> = {
  minutes: { zh: '分钟', en: 'min' },
  hours: { zh: '小时', en: 'h' },
  days: { zh: '天', en: 'days' },
  years: { zh: '年', en: 'years' },
};

const NONE: Words = { zh: '无', en: 'none' };
const YES_NO = { yes: { zh: '是', en: 'Yes' }, no: { zh: '否', en: 'No' } };

function round(n: number, digits: number): string {
  const f = 10 ** digits;
  const r = Math.round(n * f) / f;
  const [int, frac] = String(Math.abs(r)).split('.');
  return (r < 0 ? '-' : '') + groupDigits(Number(int)) + (frac ? '.' + frac : '');
}

/** A percentage that never shows a non-zero share as 0: 0.0001 → 0.01 %, 0.00001 → < 0.01 %. */
export function percentText(pct: number): string {
  if (pct === 0) return '0 %';
  if (Math.abs(pct) < 0.01) return '< 0.01 %';
  return `${round(pct, 2)} %`;
}

const EN_PLURAL = new Intl.PluralRules('en');

/** "3 条" / "3 events", and "1 event": an English unit is written plural and made singular for one. */
function withUnit(n: string, unit: Words | undefined, lang: Lang): string {
  if (!unit?.[lang]) return n;
  if (lang === 'zh') return `${n} ${unit.zh}`;
  const one = EN_PLURAL.select(Number(n.replace(/,/g, ''))) === 'one';
  return `${n} ${one && /[^s]s$/.test(unit.en) ? unit.en.slice(0, -1) : unit.en}`;
}

/** 2026-05-04T10:12:00+08:00 → 2026-05-04 10:12:00 +08:00; other text unchanged. */
export function timeText(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  if (!m) return v;
  return `${m[1]} ${m[2]}${m[3] ? ' ' + (m[3] === 'Z' ? 'UTC' : m[3]) : ''}`;
}

/** One value in words; null and undefined are a dash. */
export function valueText(spec: ValueSpec, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (spec.kind) {
    case 'count': {
      const n = Array.isArray(v) ? v.length : Number(v);
      return Number.isFinite(n) ? withUnit(groupDigits(n), spec.unit, lang) : String(v);
    }
    case 'number':
      return typeof v === 'number' ? withUnit(round(v, spec.digits ?? 2), spec.unit, lang) : String(v);
    case 'ratio':
      return typeof v === 'number' ? percentText(v * 100) : String(v);
    case 'percent':
      return typeof v === 'number' ? percentText(v) : String(v);
    case 'duration':
      return typeof v === 'number' ? withUnit(round(v, 1), DURATION[spec.unit], lang) : String(v);
    case 'date':
      return String(v);
    case 'time':
      return typeof v === 'string' ? timeText(v) : String(v);
    case 'text':
      return typeof v === 'string' ? v : String(v);
    case 'boolean':
      return typeof v === 'boolean' ? (v ? YES_NO.yes : YES_NO.no)[lang] : String(v);
    case 'enum':
      // A value the table does not know is the operator's own word: quoted as written.
      return typeof v === 'string' ? (isNamed(spec.names, v) ? nameOf(spec.names, v, lang) : `“${v}”`) : String(v);
    case 'list': {
      if (!Array.isArray(v)) return valueText(spec.of, v, lang);
      if (v.length === 0) return NONE[lang];
      return v.map((x) => valueText(spec.of, x, lang)).join(lang === 'zh' ? '、' : ', ');
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The figures in words, in the order the rule declares them. A figure the rule did not
 * declare is left out (the pack's meta-test makes sure there is none); tables keep their
 * first `maxRows` rows and say how many there are.
 */
export function figureLines(figures: Record<string, unknown> | undefined, specs: FigureSpecs, lang: Lang, maxRows = 50): FigureLine[] {
  if (!figures) return [];
  const out: FigureLine[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    if (!Object.hasOwn(figures, key)) continue;
    const v = figures[key];
    const label = spec.label[lang];
    if (spec.kind === 'table') {
      const rows = Array.isArray(v) ? v.filter(isObject) : [];
      if (rows.length === 0) {
        out.push({ key, label, text: NONE[lang] });
        continue;
      }
      const cols = Object.entries(spec.columns);
      out.push({
        key, label,
        table: {
          headers: cols.map(([, c]) => c.label[lang]),
          rows: rows.slice(0, maxRows).map((r) => cols.map(([k, c]) => valueText(c, r[k], lang))),
          total: rows.length,
        },
      });
    } else if (spec.kind === 'map') {
      const entries = isObject(v) ? Object.entries(v) : [];
      if (entries.length === 0) {
        out.push({ key, label, text: NONE[lang] });
        continue;
      }
      out.push({
        key, label,
        table: {
          headers: [spec.key.label[lang], spec.value.label[lang]],
          rows: entries.slice(0, maxRows).map(([k, x]) => [valueText(spec.key, k, lang), valueText(spec.value, x, lang)]),
          total: entries.length,
        },
      });
    } else if (spec.kind === 'record') {
      const r = isObject(v) ? v : {};
      const sep = lang === 'zh' ? '；' : '; ';
      const colon = lang === 'zh' ? '：' : ': ';
      out.push({ key, label, text: Object.entries(spec.fields).map(([k, f]) => f.label[lang] + colon + valueText(f, r[k], lang)).join(sep) });
    } else {
      out.push({ key, label, text: valueText(spec, v, lang) });
    }
  }
  return out;
}

/** A figure line as one line of plain text (csv, xlsx cells, terminal). */
export function figureLineText(line: FigureLine, lang: Lang): string {
  const colon = lang === 'zh' ? '：' : ': ';
  if ('text' in line) return line.label + colon + line.text;
  const rows = line.table.rows.map((r) => r.map((c, i) => `${line.table.headers[i]} ${c}`).join('，'));
  const more = line.table.total > line.table.rows.length ? [lang === 'zh' ? `…共 ${line.table.total} 项` : `… ${line.table.total} in all`] : [];
  return line.label + colon + [...rows, ...more].join('；');
}

/** Every figure as lines of plain text, for a spreadsheet cell or a CSV field. */
export function figuresText(figures: Record<string, unknown> | undefined, specs: FigureSpecs, lang: Lang, maxRows = 20): string {
  return figureLines(figures, specs, lang, maxRows).map((l) => figureLineText(l, lang)).join('\n');
}

function valueProblem(spec: ValueSpec, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (spec.kind) {
    case 'count':
      return Array.isArray(v) || (typeof v === 'number' && Number.isInteger(v)) ? null : 'not an integer or a list';
    case 'number': case 'ratio': case 'percent': case 'duration':
      return typeof v === 'number' ? null : 'not a number';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : `not YYYY-MM-DD: ${JSON.stringify(v)}`;
    case 'time':
      return typeof v === 'string' ? null : 'not a time string';
    case 'text':
      return typeof v === 'string' || typeof v === 'number' ? null : 'not text';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'not a boolean';
    case 'enum':
      return typeof v === 'string' ? null : 'not a string';
    case 'list':
      if (!Array.isArray(v)) return 'not a list';
      for (const x of v) {
        const p = valueProblem(spec.of, x);
        if (p) return 'item ' + p;
      }
      return null;
  }
}

/**
 * Why `figures` do not fit their declarations: an undeclared figure, a value of the wrong
 * kind, a table column or record field nobody declared. Empty when they fit.
 */
export function figureProblems(figures: Record<string, unknown> | undefined, specs: FigureSpecs): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(figures ?? {})) {
    const spec = specs[key];
    if (!spec) {
      out.push(`${key}: not declared in meta.figures`);
      continue;
    }
    if (v === null || v === undefined) continue;
    if (spec.kind === 'table') {
      if (!Array.isArray(v)) out.push(`${key}: not a list of rows`);
      else for (const row of v) {
        if (!isObject(row)) { out.push(`${key}: a row is not an object`); break; }
        for (const [c, x] of Object.entries(row)) {
          const col = spec.columns[c];
          const p = col ? valueProblem(col, x) : 'not declared';
          if (p) out.push(`${key}.${c}: ${p}`);
        }
      }
    } else if (spec.kind === 'record') {
      if (!isObject(v)) out.push(`${key}: not an object`);
      else for (const [f, x] of Object.entries(v)) {
        const field = spec.fields[f];
        const p = field ? valueProblem(field, x) : 'not declared';
        if (p) out.push(`${key}.${f}: ${p}`);
      }
    } else if (spec.kind === 'map') {
      if (!isObject(v)) out.push(`${key}: not an object`);
      else for (const [k, x] of Object.entries(v)) {
        const p = valueProblem(spec.key, k) ?? valueProblem(spec.value, x);
        if (p) out.push(`${key}[${k}]: ${p}`);
      }
    } else {
      const p = valueProblem(spec, v);
      if (p) out.push(`${key}: ${p}`);
    }
  }
  return [...new Set(out)];
}

/** Words every rule's figure declarations share. */
export const UNITS = {
  events: { zh: '条', en: 'events' },
  items: { zh: '项', en: 'items' },
  times: { zh: '次', en: 'times' },
  files: { zh: '个', en: 'files' },
  rows: { zh: '行', en: 'rows' },
  people: { zh: '人', en: 'people' },
  records: { zh: '条', en: 'records' },
  points: { zh: '分', en: 'points' },
  yuan: { zh: '元', en: 'CNY' },
} as const satisfies Record<string, Words>;


/** A rule parameter's value in words: its unit, booleans as 是/否, record keys by their names. */
export function paramValueText(spec: ParamSpec, v: unknown, lang: Lang): string {
  const named = (k: string) => (spec.keys ? k.split('+').map((w) => nameOf(spec.keys!, w.trim(), lang)).join('+') : k);
  const one = (x: unknown) => (typeof x === 'number' ? withUnit(round(x, 2), spec.unit, lang) : valueText({ kind: 'text' }, x, lang));
  if (typeof v === 'boolean') return valueText({ kind: 'boolean' }, v, lang);
  if (Array.isArray(v)) return v.length ? v.map((x) => named(String(x))).join(lang === 'zh' ? '、' : ', ') : valueText({ kind: 'list', of: { kind: 'text' } }, v, lang);
  if (isObject(v)) {
    const colon = lang === 'zh' ? '：' : ': ';
    return Object.entries(v).map(([k, x]) => named(k) + colon + one(x)).join(lang === 'zh' ? '；' : '; ');
  }
  return one(v);
}
