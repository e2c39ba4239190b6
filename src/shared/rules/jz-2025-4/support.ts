// What several rules of the pack share: time bounds in the bundle's zone, lookups in the
// record tables, policy elements, and the insufficient-evidence outcome.

import { endBound, startBound } from '../../bundle/time.js';
import type { BundleRecords, Row, Table } from '../../bundle/types.js';
import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { EvidenceItem, Outcome, RuleContext } from '../../engine/types.js';
import { nameOf } from '../../names.js';

export { DAY_MS } from '../../bundle/time.js';

/** A date or timestamp cell as a start bound (a date at its 00:00 local). NaN when empty or unreadable. */
export function startOf(ctx: RuleContext, text: string | undefined | null): number {
  if (!text || !String(text).trim()) return NaN;
  return startBound(String(text), ctx.records.timezone);
}

/** A date or timestamp cell as an end bound (a date until its 24:00 local). NaN when empty or unreadable. */
export function endOf(ctx: RuleContext, text: string | undefined | null): number {
  if (!text || !String(text).trim()) return NaN;
  return endBound(String(text), ctx.records.timezone);
}

/** The operator's own id: operator.json `id`, else the manifest's operator_id. */
export function operatorId(records: BundleRecords): string {
  const op = records.operator.value as { id?: unknown } | undefined;
  const id = op && typeof op.id === 'string' && op.id.trim() ? op.id.trim() : records.manifest.operator_id ?? '';
  return String(id).trim();
}

export function insufficient(message: string, messageEn: string): Outcome {
  return { status: 'insufficient_evidence', message, messageEn };
}

/** Missing file or missing columns → an insufficient-evidence outcome; null when usable. */
export function requireTable(table: Table, columns: string[]): Outcome | null {
  if (!table.present) return insufficient(`缺少 ${table.file}，无法判断。`, `${table.file} is missing; cannot decide.`);
  const missing = columns.filter((c) => !table.columns.includes(c));
  if (missing.length) {
    return insufficient(
      `${table.file} 缺少${missing.map((c) => `“${nameOf('field', c)}”`).join('、')}列，无法判断。`,
      `${table.file} lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `“${nameOf('field', c, 'en')}”`).join(', ')}; cannot decide.`,
    );
  }
  return null;
}

export function indexById(table: Table): Map<string, Row> {
  const map = new Map<string, Row>();
  for (const row of table.rows) if (row.id && !map.has(row.id)) map.set(row.id, row);
  return map;
}

/** Policies of a type, from policies.csv. */
export function policiesOfType(records: BundleRecords, type: string): Row[] {
  return records.policies.rows.filter((r) => r.cells.type === type);
}

/** Synonyms each required element also accepts (the catalogue's "Policy elements"). */
export const ELEMENT_SYNONYMS: Record<string, string[]> = {
  提交: ['申请'], 记录: ['登记'], 审核: ['审查', '审批'], 反馈: ['答复'], 事前: ['事先'], 事后: ['事后检查'],
  分级: ['分类分级', '事件等级'], 报告: ['上报', '报送'], 处置: ['响应', '处理'], 演练: ['演习'],
};

/** The bundle path of a policy row's document (`file` relative to the bundle or to policies/). */
export function policyPath(row: Row): string {
  const f = (row.cells.file ?? '').trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (!f) return '';
  return f.startsWith('policies/') ? f : `policies/${f}`;
}

export type PolicyCheck =
  | { kind: 'missing_policy' }
  | { kind: 'unreadable'; row: Row; reason: string }
  | { kind: 'checked'; row: Row; missing: string[] };

/**
 * Check the elements in the documents of every policy of `type`; the best document (fewest
 * missing elements) decides. White space is ignored, synonyms count.
 */
export function checkPolicyElements(records: BundleRecords, type: string, elements: string[]): PolicyCheck {
  const rows = policiesOfType(records, type);
  if (rows.length === 0) return { kind: 'missing_policy' };
  let best: PolicyCheck | null = null;
  for (const row of rows) {
    const path = policyPath(row);
    const doc = path ? records.policyTexts[path] : undefined;
    if (!doc || doc.text === null) {
      if (!best) best = { kind: 'unreadable', row, reason: !path ? 'policies.csv 未填写文件路径' : doc?.error ?? `缺少文件 ${path}` };
      continue;
    }
    const text = doc.text.replace(/\s+/g, '');
    const missing = elements.filter((el) => ![el, ...(ELEMENT_SYNONYMS[el] ?? [])].some((w) => text.includes(w)));
    if (!best || best.kind !== 'checked' || missing.length < best.missing.length) best = { kind: 'checked', row, missing };
  }
  return best!;
}

/** A fail outcome listing rows, capped. */
export function failRows(ctx: RuleContext, rows: Row[], message: string, messageEn: string, extra: EvidenceItem[] = [], figures?: Record<string, unknown>): Outcome {
  return { status: 'fail', message, messageEn, evidence: evidenceOf(ctx.maxEvidence, [...rows.map(rowEvidence), ...extra]), figures };
}

/** Minutes between two instants, rounded to one decimal. */
export function minutesBetween(a: number, b: number): number {
  return Math.round(((b - a) / 60_000) * 10) / 10;
}
