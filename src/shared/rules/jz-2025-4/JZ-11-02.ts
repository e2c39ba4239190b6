import { isDateOnly, localDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import { nameOf, type Words } from '../../names.js';
import { article } from './articles.js';
import { failRows, requireTable, startOf } from './support.js';

const STEPS = ['submitted_at', 'recorded_at', 'reviewed_at', 'feedback_at'] as const;
const RESULTS = new Set(['approved', 'rejected', 'pending']);
const REQUESTS: Words = { zh: '项', en: 'requests' };

/** A step's time by its column's Chinese name and in English words. */
const STEP_EN: Record<string, string> = { submitted_at: 'submission time', recorded_at: 'recording time', reviewed_at: 'review time', feedback_at: 'feedback time' };
const stepName = (key: string): Words => ({ zh: nameOf('field', key), en: STEP_EN[key] });

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

/** What is wrong with one request; empty when its review is complete and in order. */
function problemsOf(ctx: RuleContext, row: Row): Words[] {
  const problems: Words[] = [];
  const result = row.cells.review_result ?? '';
  const pending = result === 'pending';
  const resultName = nameOf('field', 'review_result');
  if (!result) problems.push({ zh: `缺少${resultName}`, en: 'no review result' });
  else if (!RESULTS.has(result)) problems.push({ zh: `${resultName}“${result}”无效`, en: `review result “${result}” is not valid` });
  const required = pending ? STEPS.slice(0, 2) : STEPS;
  const present: string[] = [];
  for (const step of STEPS) {
    const text = row.cells[step] ?? '';
    const name = stepName(step);
    if (!text) {
      if ((required as readonly string[]).includes(step)) problems.push({ zh: `缺少${name.zh}`, en: `no ${name.en}` });
      continue;
    }
    if (Number.isNaN(startOf(ctx, text))) problems.push({ zh: `${name.zh}“${text}”无法识别`, en: `${name.en} “${text}” cannot be read` });
    else present.push(step);
  }
  for (let i = 1; i < present.length; i++) {
    const a = stepName(present[i - 1]);
    const b = stepName(present[i]);
    if (!notAfter(ctx, row.cells[present[i - 1]], row.cells[present[i]])) {
      problems.push({ zh: `${b.zh}早于${a.zh}`, en: `${b.en} before ${a.en}` });
    }
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
    titleEn: 'Development requests go through submission, recording, review and feedback',
    ...article(11),
    evidence: ['requests.csv：编号、提交时间、记录时间、审核时间、审核结果、反馈时间'],
    params: {},
    notes:
      '检查 requests.csv 中的全部需求（不限评估期）。审核结果须为通过、驳回或待审核；待审核的需求只须有提交、记录两步，其已填写的后续步骤仍须顺序正确。'
      + '时间无法识别视同缺失。两步中任一只写日期时按日历日比较先后，同一天视为顺序正确。',
    figures: {
      requests: { kind: 'count', unit: REQUESTS, label: { zh: '数据开发需求', en: 'Development requests' } },
      faulty: { kind: 'count', unit: REQUESTS, label: { zh: '审核环节缺失或顺序错误的需求', en: 'Requests with a missing or misordered step' } },
      problems: {
        kind: 'table',
        label: { zh: '问题需求（前 50 项）', en: 'Faulty requests (first 50)' },
        columns: {
          id: { kind: 'text', label: { zh: '需求编号', en: 'Request' } },
          problems: { kind: 'list', of: { kind: 'text' }, label: { zh: '问题', en: 'Problems' } },
        },
      },
    },
  },
  evaluate(ctx) {
    const table = ctx.records.requests;
    const missing = requireTable(table, ['id', ...STEPS, 'review_result']);
    if (missing) return missing;
    if (table.rows.length === 0) {
      return { status: 'not_applicable', message: 'requests.csv 未登记任何数据开发需求。', messageEn: 'requests.csv registers no development request.', figures: { requests: 0 } };
    }
    const bad: { row: Row; problems: Words[] }[] = [];
    for (const row of table.rows) {
      const problems = problemsOf(ctx, row);
      if (problems.length) bad.push({ row, problems });
    }
    const n = table.rows.length;
    const figures = { requests: n, faulty: bad.length, problems: bad.slice(0, 50).map((b) => ({ id: b.row.id, problems: b.problems.map((p) => p.zh) })) };
    if (bad.length === 0) {
      return {
        status: 'pass',
        message: `${n} 项数据开发需求均按提交、记录、审核、反馈的顺序完成内部审核。`,
        messageEn: `${n === 1 ? 'The 1 development request went' : `All ${n} development requests went`} through submission, recording, review and feedback in order.`,
        figures,
      };
    }
    const listed = bad.slice(0, 10);
    const zh = listed.map((b) => `${b.row.id || `第 ${b.row.line} 行`}（${b.problems.map((p) => p.zh).join('，')}）`).join('；');
    const en = listed.map((b) => `${b.row.id || `line ${b.row.line}`} (${b.problems.map((p) => p.en).join(', ')})`).join('; ');
    return failRows(
      ctx,
      bad.map((b) => b.row),
      `${n} 项数据开发需求中有 ${bad.length} 项审核环节缺失或顺序错误：${zh}${bad.length > 10 ? ' 等' : ''}。`,
      `${bad.length} of ${n} development request${n === 1 ? '' : 's'} ${bad.length === 1 ? 'has' : 'have'} a missing or misordered review step: ${en}${bad.length > 10 ? ' and more' : ''}.`,
      [],
      figures,
    );
  },
};
