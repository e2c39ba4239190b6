// The small record files: CSV tables and JSON documents, read whole.

import { parseCsv } from './csv.js';
import { inputIssue, jsonIssue } from './issue-messages.js';
import { canonicalEnum, canonicalHeader } from './normalise.js';
import type { InputIssue, JsonDoc, JsonItem, Row, Table } from './types.js';
import { parseJson } from './json.js';

/** Columns whose values are enums, canonicalised on read (Chinese values mapped). */
const ENUM_COLUMNS: Record<string, string[]> = {
  datasets: ['classification'],
  products: ['type', 'status', 'domain'],
  partners: ['status'],
  requests: ['review_result'],
  policies: ['type'],
  assessments: ['type'],
};

export function emptyTable(file: string): Table {
  return { file, present: false, columns: [], rows: [] };
}

/**
 * Read a CSV table. `table` names the alias set (datasets, products, …). Unparseable
 * records become input issues; the rest are kept.
 */
export function readTable(table: string, file: string, text: string, issues: InputIssue[]): Table {
  const { records, errors } = parseCsv(text);
  for (const e of errors) issues.push(inputIssue(file, e.line, 'error', e.code, e.params));
  if (records.length === 0) {
    issues.push(inputIssue(file, 1, 'error', 'csv.no-header'));
    return { file, present: true, columns: [], rows: [] };
  }
  const header = records[0].fields.map((h) => canonicalHeader(table, h));
  const idColumn = table === 'staff' ? 'user_id' : 'id';
  const enums = ENUM_COLUMNS[table] ?? [];
  const rows: Row[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    if (rec.fields.length !== header.length) {
      issues.push(inputIssue(file, rec.line, 'error', 'csv.field-count', { fields: rec.fields.length, header: header.length }));
      continue;
    }
    const cells: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) {
      const name = header[c];
      const value = rec.fields[c].trim();
      cells[name] = enums.includes(name) ? canonicalEnum(name, value) : value;
    }
    rows.push({ file, line: rec.line, id: cells[idColumn] ?? '', cells, raw: rec.raw });
  }
  return { file, present: true, columns: header, rows };
}

export function absentDoc<T>(file: string): JsonDoc<T> {
  return { file, present: false, value: undefined };
}

/** Parse a JSON document; a syntax error is an input issue with its line. */
export function readJsonDoc<T = Record<string, unknown>>(file: string, text: string, issues: InputIssue[]): JsonDoc<T> {
  try {
    return { file, present: true, value: parseJson<T>(text) };
  } catch (e) {
    issues.push(jsonIssue(file, jsonErrorLine(text, e), e, true));
    return { file, present: true, value: undefined };
  }
}

function jsonErrorLine(text: string, e: unknown): number | null {
  const m = /position (\d+)/.exec(String((e as Error)?.message ?? ''));
  if (!m) return null;
  return lineAt(text, Number(m[1]));
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Items of a JSON array with the line where each item's `id` stands, found by scanning
 * the text for the id's value in order (JSON.parse keeps no positions).
 */
export function locateItems(file: string, text: string, items: unknown[], idKey = 'id'): JsonItem[] {
  const out: JsonItem[] = [];
  let from = 0;
  for (const item of items) {
    const value = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const id = value[idKey] === undefined || value[idKey] === null ? '' : String(value[idKey]);
    let line: number | null = null;
    if (id) {
      const at = text.indexOf(JSON.stringify(id), from);
      if (at >= 0) {
        line = lineAt(text, at);
        from = at + 1;
      }
    }
    out.push({ file, line, id, value });
  }
  return out;
}
