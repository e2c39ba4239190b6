// findings as CSV for pipelines and spreadsheets: one row per rule, RFC 4180 (CRLF,
// fields quoted when they hold a comma, quote or line break), UTF-8 with a BOM so that
// Excel on Chinese Windows opens it as UTF-8 rather than GBK.

import type { Findings } from '../engine/assess.js';
import { figuresText } from '../engine/figures.js';
import { STATUS_ZH } from '../report/labels.js';
import { figureSpecsOf } from '../rules/packs.js';
import { effectiveRules } from '../review/effective.js';
import type { Decision } from '../review/types.js';

export const CSV_FILE = 'findings.csv';

export const CSV_COLUMNS = [
  'rule_id', 'article', 'severity', 'status', 'status_zh', 'tool_status', 'title', 'message', 'figures', 'evidence_count',
  'first_evidence', 'waived_until', 'decided_by', 'decision_reason',
] as const;

export interface CsvOptions {
  decisions?: readonly Decision[];
  /** YYYY-MM-DD for waiver expiry; default the findings' date. */
  asOf?: string;
}

/** One field per RFC 4180. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text from the bundle could start a formula when a spreadsheet opens the file (CSV
 * injection): such a cell gets a leading apostrophe, which spreadsheets show as text.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(findings: Findings, opts: CsvOptions = {}): string {
  const asOf = opts.asOf ?? findings.generatedAt.slice(0, 10);
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const e of effectiveRules(findings.results, opts.decisions ?? [], asOf)) {
    const r = e.result;
    const ev = r.evidence[0];
    const first = ev ? `${ev.file}${typeof ev.line === 'number' ? `:${ev.line}` : ''}${ev.eventId ? ` ${ev.eventId}` : ev.rowId ? ` ${ev.rowId}` : ''}` : '';
    rows.push([
      r.ruleId,
      String(r.article),
      r.severity,
      e.status,
      STATUS_ZH[e.status],
      r.status,
      safeText(r.title),
      safeText(r.message),
      safeText(figuresText(r.figures, figureSpecsOf(findings.rulePack.id, r.ruleId), 'zh')),
      String(r.evidenceCount),
      safeText(first),
      e.waiver?.expires ?? '',
      e.verdict ? safeText(e.verdict.reviewer) : '',
      e.verdict ? safeText(e.verdict.reason) : '',
    ]);
  }
  return '\ufeff' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
