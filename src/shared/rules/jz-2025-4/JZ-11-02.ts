import { isDateOnly, localDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import { articleText } from './articles.js';
import { failRows, requireTable, startOf } from './support.js';

const STEPS = ['submitted_at', 'recorded_at', 'reviewed_at', 'feedback_at'] as const;
const STEP_NAMES: Record<string, string> = { submitted_at: '提交', recorded_at: '记录', reviewed_at: '审核', feedback_at: '反馈' };
const RESULTS = new Set(['approved', 'rejected', 'pending']);

/**
 * a ≤ b for two readable cells. When either is a bare date the order is judged by local
 * calendar day, since a date says nothing about the hour.
 */
function notAfter(ctx: RuleContext, a: string, b: string): boolean {
  const ta = startOf(ctx, a);
  const tb = startOf(ctx, b);
  if (isDateOnly(a) || isDateOnly(b)) return localDate(ta, ctx.records.timezone) <= localDate(tb, ctx.records.timezone);
  return ta <= tb;
}

/** What is wrong with one request, in Chinese; empty when its review is complete and in order. */
function problemsOf(ctx: RuleContext, row: Row): string[] {
  const problems: string[] = [];
  const result = row.cells.review_result ?? '';
  const pending = result === 'pending';
  if (!result) problems.push('缺少审核结论');
  else if (!RESULTS.has(result)) problems.push(`审核结论“${result}”无效`);
  const required = pending ? STEPS.slice(0, 2) : STEPS;
  const present: string[] = [];
  for (const step of STEPS) {
    const text = row.cells[step] ?? '';
    if (!text) {
      if ((required as readonly string[]).includes(step)) problems.push(`缺少${STEP_NAMES[step]}时间`);
      continue;
    }
    if (Number.isNaN(startOf(ctx, text))) problems.push(`${STEP_NAMES[step]}时间“${text}”无法识别`);
    else present.push(step);
  }
  for (let i = 1; i < present.length; i++) {
    const a = present[i - 1];
    const b = present[i];
    if (!notAfter(ctx, row.cells[a], row.cells[b])) problems.push(`${STEP_NAMES[b]}时间早于${STEP_NAMES[a]}时间`);
  }
  return problems;
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-11-02',
    article: 11,
    severity: 'medium',
    title: '数据开发需求经提交、记录、审核、反馈全流程内部审核',
    articleText: articleText(11),
    evidence: ['requests.csv: id, submitted_at, recorded_at, reviewed_at, review_result, feedback_at'],
    params: {},
    notes:
      '检查 requests.csv 中的全部需求（不限评估期）。审核结论须为 approved、rejected 或 pending；pending 的需求只须有提交、记录两步，其已填写的后续步骤仍须顺序正确。'
      + '时间无法识别视同缺失。两步中任一为纯日期时按日历日比较先后，同一天视为顺序正确。',
  },
  evaluate(ctx) {
    const table = ctx.records.requests;
    const missing = requireTable(table, ['id', ...STEPS, 'review_result']);
    if (missing) return missing;
    if (table.rows.length === 0) return { status: 'not_applicable', message: 'requests.csv 未登记任何数据开发需求。', figures: { requests: 0 } };
    const bad: { row: Row; problems: string[] }[] = [];
    for (const row of table.rows) {
      const problems = problemsOf(ctx, row);
      if (problems.length) bad.push({ row, problems });
    }
    const figures = { requests: table.rows.length, faulty: bad.length, problems: bad.slice(0, 50).map((b) => ({ id: b.row.id, problems: b.problems })) };
    if (bad.length === 0) {
      return { status: 'pass', message: `${table.rows.length} 项数据开发需求均按提交、记录、审核、反馈的顺序完成内部审核。`, figures };
    }
    const listed = bad.slice(0, 10).map((b) => `${b.row.id || `第 ${b.row.line} 行`}（${b.problems.join('，')}）`).join('；');
    return failRows(
      ctx,
      bad.map((b) => b.row),
      `${table.rows.length} 项数据开发需求中有 ${bad.length} 项审核环节缺失或顺序错误：${listed}${bad.length > 10 ? ' 等' : ''}。`,
      [],
      figures,
    );
  },
};
