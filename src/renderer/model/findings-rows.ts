// The findings table's rows (one per rule result, after decisions) and its filter.

import type { Severity, Status } from '../../shared/engine/types.js';
import type { EffectiveRule } from '../../shared/review/effective.js';

export interface FindingRow {
  ruleId: string;
  article: number;
  severity: Severity;
  status: Status;
  toolStatus: Status;
  title: string;
  titleEn: string;
  message: string;
  messageEn: string;
  evidenceCount: number;
  /** What the reviewer did on the rule (for the marks column). */
  verdict: 'override' | 'judgment' | null;
  waived: boolean;
  rectification: boolean;
  comments: number;
  /** Lower-case text the filter searches. */
  haystack: string;
}

export interface FindingsFilter {
  /** Empty: every status. */
  statuses: Status[];
  severities: Severity[];
  article: number | null;
  text: string;
}

export const EMPTY_FILTER: FindingsFilter = { statuses: [], severities: [], article: null, text: '' };

export function rowsOf(rules: readonly EffectiveRule[]): FindingRow[] {
  return rules.map((e) => {
    const r = e.result;
    return {
      ruleId: r.ruleId,
      article: r.article,
      severity: r.severity,
      status: e.status,
      toolStatus: e.toolStatus,
      title: r.title,
      titleEn: r.titleEn ?? r.title,
      message: r.message,
      messageEn: r.messageEn ?? r.message,
      evidenceCount: r.evidenceCount,
      verdict: e.verdict ? (e.verdict.kind === 'override' ? 'override' : 'judgment') : null,
      waived: e.waiver !== null,
      rectification: e.rectification !== null,
      comments: e.comments.length,
      haystack: `${r.ruleId} ${r.title} ${r.message} ${r.titleEn ?? ''} ${r.messageEn ?? ''}`.toLowerCase(),
    };
  });
}

export function filterRows(rows: readonly FindingRow[], f: FindingsFilter): FindingRow[] {
  const text = f.text.trim().toLowerCase();
  const words = text ? text.split(/\s+/) : [];
  const statuses = f.statuses.length ? new Set(f.statuses) : null;
  const severities = f.severities.length ? new Set(f.severities) : null;
  return rows.filter((r) =>
    (!statuses || statuses.has(r.status))
    && (!severities || severities.has(r.severity))
    && (f.article === null || r.article === f.article)
    && words.every((w) => r.haystack.includes(w)));
}

export function isFiltered(f: FindingsFilter): boolean {
  return f.statuses.length > 0 || f.severities.length > 0 || f.article !== null || f.text.trim() !== '';
}
