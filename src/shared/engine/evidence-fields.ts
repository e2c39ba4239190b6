// An evidence item as a reviewer reads it: its fields labelled in the reader's order, values
// named (操作 导出, 结果 成功, 渠道 平台), times as YYYY-MM-DD HH:mm:ss. One function for the
// workbench, the report and the spreadsheet; findings.json keeps the raw excerpt beside it.

import { isNamed, nameOf, type Lang, type NameTable } from '../names.js';
import { timeText } from './figures.js';
import type { EvidenceItem } from './types.js';

const LOG_ORDER = ['ts', 'actor', 'actor_org', 'action', 'resource_type', 'resource', 'destination', 'channel', 'result', 'records', 'scenario', 'request'];

/** Which name table a field's values take, by field; `type` and `status` depend on the file. */
const VALUES: Record<string, NameTable> = {
  action: 'action', result: 'result', channel: 'channel', resource_type: 'resourceType', classification: 'classification',
  review_result: 'reviewResult', domain: 'domain', grade: 'incidentGrade', business_status: 'businessStatus',
  selection_method: 'selectionMethod', conclusion: 'conclusion', reports_to: 'reportsTo', roles: 'role',
  functions: 'platformFunction', capabilities: 'platformCapability',
};
const BY_FILE: Record<string, Record<string, NameTable>> = {
  'products.csv': { type: 'productType', status: 'productStatus' },
  'partners.csv': { status: 'partnerStatus' },
  'policies.csv': { type: 'policyType' },
  'assessments.csv': { type: 'assessmentType' },
  'incidents.json': { type: 'incidentType' },
  'operator.json': { status: 'creditStatus' },
};
const YES: Record<string, boolean> = { true: true, false: false, 是: true, 否: false, yes: true, no: false };
const TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

export interface EvidenceField {
  key: string;
  label: string;
  value: string;
}

/** A value named in `table`; one the table does not know is the operator's word, quoted. */
function named(table: NameTable, v: string, lang: Lang): string {
  return isNamed(table, v) ? nameOf(table, v, lang) : `“${v}”`;
}

function valueOf(file: string, key: string, v: string, lang: Lang): string {
  const table = BY_FILE[file.split('/').pop() ?? '']?.[key] ?? VALUES[key];
  if (table) return v.split(/[;；|]/).map((x) => named(table, x.trim(), lang)).join(lang === 'zh' ? '、' : ', ');
  if (v.toLowerCase() in YES) return YES[v.toLowerCase()] ? (lang === 'zh' ? '是' : 'Yes') : (lang === 'zh' ? '否' : 'No');
  return TIME.test(v) ? timeText(v) : v;
}

/** The item's fields, labelled; empty for an item that carries none (a whole file, older findings). */
export function evidenceFields(item: EvidenceItem, lang: Lang): EvidenceField[] {
  const f = item.fields;
  if (!f) return [];
  const isLog = item.eventId !== undefined || item.file.startsWith('logs/');
  const keys = isLog ? [...LOG_ORDER.filter((k) => k in f), ...Object.keys(f).filter((k) => !LOG_ORDER.includes(k))] : Object.keys(f);
  return keys.map((key) => ({
    key,
    label: isLog ? nameOf('logField', key, lang) : nameOf('field', key, lang),
    value: valueOf(item.file, key, f[key], lang),
  }));
}

/** The fields on one line (report, spreadsheet), or the excerpt when the item has no fields. */
export function evidenceText(item: EvidenceItem, lang: Lang): string {
  const fields = evidenceFields(item, lang);
  if (!fields.length) return item.excerpt ?? '';
  const colon = lang === 'zh' ? '：' : ': ';
  return fields.map((x) => x.label + colon + x.value).join(lang === 'zh' ? '；' : '; ');
}
