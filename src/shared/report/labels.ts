// Colours of statuses and conclusions, their Chinese names (from the one name table), and
// the number and date forms used in the report.

import type { Conclusion, Severity, Status } from '../engine/types.js';
import { NAMES, type Words } from '../names.js';

export const STATUSES: readonly Status[] = ['pass', 'fail', 'needs_review', 'insufficient_evidence', 'not_applicable'];

const zhOf = <K extends string>(names: Record<K, Words>) =>
  Object.fromEntries(Object.entries<Words>(names).map(([k, w]) => [k, w.zh])) as Record<K, string>;

export const STATUS_ZH: Record<Status, string> = zhOf(NAMES.status);

export const STATUS_COLOR: Record<Status, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  needs_review: '#ef8f00',
  insufficient_evidence: '#6a4fa3',
  not_applicable: '#9e9e9e',
};

export const SEVERITY_ZH: Record<Severity, string> = zhOf(NAMES.severity);

export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

export const CONCLUSION_ZH: Record<Conclusion, string> = zhOf(NAMES.conclusion);

export const CONCLUSION_COLOR: Record<Conclusion, string> = {
  compliant: '#2e7d32',
  basically_compliant: '#ef8f00',
  non_compliant: '#c62828',
};

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..999 in Chinese numerals as used in article numbers (第二十一条). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  const head = DIGITS[Math.floor(n / 100)] + '百';
  if (rest === 0) return head;
  return head + (rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + cnNumber(rest) : cnNumber(rest));
}

export function articleHeading(n: number): string {
  return `第${cnNumber(n)}条`;
}

/** 2027-01-06 → 2027年1月6日; other text unchanged. */
export function dateZh(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** 1234567 → 1,234,567 (no Intl: the same output everywhere). */
export function groupDigits(n: number): string {
  const s = String(Math.trunc(n));
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  const out = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? '-' + out : out;
}
