import { isDateOnly, localDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';
import { DAY_MS, endOf, failRows, requireTable, startOf } from './support.js';

const ISSUES: Words = { zh: '个', en: 'problems' };

/** Whole days between two local dates (YYYY-MM-DD). */
function daysBetween(a: string, b: string): number {
  return (Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / DAY_MS;
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-16-01',
    article: 16,
    severity: 'medium',
    title: '数据质量问题及时报告',
    titleEn: 'Data quality problems are reported promptly',
    ...article(16),
    evidence: ['quality-issues.csv：编号、发现时间、报送时间'],
    params: {
      quality_report_max_days: {
        type: 'integer',
        default: 5,
        source: '锦政规〔2025〕4号第十六条（发现数据质量问题及时反馈）；5 天为规则目录 jz-2025-4 设定的“及时”期限',
        description: '发现数据质量问题到报告的最长天数（含）。',
        label: { zh: '质量问题报告期限', en: 'Longest time to report a quality problem' },
        unit: { zh: '天', en: 'days' },
      },
    },
    notes:
      '两个时间都带时刻时按时刻相减，不超过 N×24 小时为及时；任一只写日期时按本地日历日相减，不超过 N 天为及时。' +
      '未填写报送时间的问题：发现时间加期限仍晚于评估期末 24:00 的视为尚未到期、不计违规，否则计为未报告。' +
      '发现时间缺失或无法识别、报送时间无法识别、报送早于发现的记录无法证明及时报告，计为违规。' +
      '没有 quality-issues.csv 为证据不足；文件在但没有记录则通过。',
    figures: {
      issues: { kind: 'count', unit: ISSUES, label: { zh: '数据质量问题', en: 'Data quality problems' } },
      breaches: { kind: 'count', unit: ISSUES, label: { zh: '未及时报告', en: 'Not reported in time' } },
      notYetDue: { kind: 'count', unit: ISSUES, label: { zh: '尚未到期', en: 'Not yet due' } },
      maxDays: { kind: 'duration', unit: 'days', label: { zh: '报告期限', en: 'Time allowed to report' } },
      late: {
        kind: 'table',
        label: { zh: '未及时报告的问题', en: 'Problems not reported in time' },
        columns: {
          id: { kind: 'text', label: { zh: '编号', en: 'Id' } },
          line: { kind: 'text', label: { zh: '行号', en: 'Line' } },
          reason: { kind: 'text', label: { zh: '原因', en: 'Reason' } },
        },
      },
    },
  },
  evaluate(ctx: RuleContext) {
    const table = ctx.records.qualityIssues;
    const missing = requireTable(table, ['detected_at', 'reported_at']);
    if (missing) return missing;
    const maxDays = Number(ctx.params.quality_report_max_days);
    const tz = ctx.records.timezone;
    const bad: { row: Row; reason: Words }[] = [];
    let pending = 0;
    for (const row of table.rows) {
      const det = row.cells.detected_at ?? '';
      const rep = row.cells.reported_at ?? '';
      const d = startOf(ctx, det);
      const flag = (zh: string, en: string) => bad.push({ row, reason: { zh, en } });
      if (Number.isNaN(d)) {
        if (det) flag(`发现时间“${det}”无法识别`, `detection time “${det}” cannot be read`);
        else flag('未填写发现时间', 'no detection time');
        continue;
      }
      if (!rep) {
        // Not yet due when the deadline lies after the period: the bundle cannot show a breach.
        const deadline = (isDateOnly(det) ? endOf(ctx, det) : d) + maxDays * DAY_MS;
        if (deadline > ctx.periodEndMs) pending++;
        else flag(`未报告（发现于 ${det}，期限 ${maxDays} 天已过）`, `not reported (detected ${det}; the ${maxDays}-day limit has passed)`);
        continue;
      }
      const r = startOf(ctx, rep);
      if (Number.isNaN(r)) {
        flag(`报送时间“${rep}”无法识别`, `report time “${rep}” cannot be read`);
        continue;
      }
      const byDate = isDateOnly(det) || isDateOnly(rep);
      const late = byDate ? daysBetween(localDate(d, tz), localDate(r, tz)) : (r - d) / DAY_MS;
      const days = Math.round(late * 10) / 10;
      if (late < 0) flag(`报送时间 ${rep} 早于发现时间 ${det}，记录矛盾`, `reported ${rep}, before it was detected ${det}: the record contradicts itself`);
      else if (late > maxDays) flag(`发现后 ${days} 天才报告，超过 ${maxDays} 天`, `reported ${days} days after detection, more than ${maxDays}`);
    }
    const total = table.rows.length;
    const figures = {
      issues: total, breaches: bad.length, notYetDue: pending, maxDays,
      late: bad.map((b) => ({ id: b.row.id, line: b.row.line, reason: b.reason.zh })),
    };
    const days = `${maxDays} day${maxDays === 1 ? '' : 's'}`;
    if (bad.length === 0) {
      if (total === 0) {
        return { status: 'pass', message: 'quality-issues.csv 中没有数据质量问题记录。', messageEn: 'quality-issues.csv records no data quality problem.', figures };
      }
      const done = total - pending;
      const tail = pending ? `；另有 ${pending} 个尚未报告，报告期限在评估期末之后，尚未到期` : '';
      const tailEn = pending ? `; ${pending} more ${pending === 1 ? 'is' : 'are'} not reported yet, with the limit falling after the period` : '';
      return {
        status: 'pass',
        message: `${done} 个已报告的数据质量问题均在发现后 ${maxDays} 天内报告${tail}。`,
        messageEn: `${done === 1 ? 'The 1 reported data quality problem was' : `All ${done} reported data quality problems were`} reported within ${days} of detection${tailEn}.`,
        figures,
      };
    }
    const shown = bad.slice(0, 10);
    const listed = shown.map((b) => `${b.row.id || `第 ${b.row.line} 行`}（${b.reason.zh}）`).join('；');
    const listedEn = shown.map((b) => `${b.row.id || `line ${b.row.line}`} (${b.reason.en})`).join('; ');
    const more = bad.length > 10 ? ` 等 ${bad.length} 个` : '';
    return failRows(
      ctx,
      bad.map((b) => b.row),
      `${total} 个数据质量问题中有 ${bad.length} 个未在发现后 ${maxDays} 天内报告：${listed}${more}。`,
      `${bad.length} of ${total} data quality problem${total === 1 ? '' : 's'} ${bad.length === 1 ? 'was' : 'were'} not reported within ${days} of detection: ${listedEn}${bad.length > 10 ? ' and more' : ''}.`,
      [],
      figures,
    );
  },
};
