import { DAY_MS, localDate } from '../../bundle/time.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { endOf, insufficient, startOf } from './support.js';

/** `YYYY-MM-DD` plus whole calendar years; 29 February rolls over to 1 March. */
function addYears(date: string, years: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)) + years, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
  return d.toISOString().slice(0, 10);
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-09-02',
    article: 9,
    severity: 'high',
    title: '授权运营期限不超过规定年限',
    articleText: articleText(9),
    evidence: ['agreement.json: start, end'],
    params: {
      max_term_years: {
        type: 'integer',
        default: 5,
        source: '锦政规〔2025〕4号第九条：授权运营期限',
        description: '授权运营协议的最长期限（日历年）。',
      },
    },
    notes:
      '按“日期作为界限”的约定比较时刻：start 自当日 00:00 起，end 覆盖至当日 24:00；终止时刻不得晚于 start 00:00 加 N 个日历年。' +
      '因此自 2026-01-01 起的 5 年期最迟于 2030-12-31 终止（2031-01-01 即超期）。2 月 29 日起算时加年落在 3 月 1 日。' +
      '终止日早于起始日为需人工复核。',
  },
  evaluate(ctx) {
    const agreement = ctx.records.agreement;
    if (!agreement.present || !agreement.value) return insufficient('缺少或无法读取 agreement.json，无法判断授权运营期限。');
    const start = typeof agreement.value.start === 'string' ? agreement.value.start.trim() : '';
    const end = typeof agreement.value.end === 'string' ? agreement.value.end.trim() : '';
    const startMs = startOf(ctx, start);
    const endMs = endOf(ctx, end);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
      return insufficient('agreement.json 的 start 或 end 缺失或无法读取，无法判断授权运营期限。');
    }
    const years = Number(ctx.params.max_term_years);
    const tz = ctx.records.timezone;
    // Calendar years are added to the local date; a start given with a time keeps its time of day.
    const startDate = localDate(startMs, tz);
    const timeOfDay = startMs - startOf(ctx, startDate);
    const limitMs = startOf(ctx, addYears(startDate, years)) + timeOfDay;
    const evidence = evidenceOf(ctx.maxEvidence, [fileEvidence('agreement.json', JSON.stringify({ start, end }))]);
    const termDays = Math.round((endMs - startMs) / DAY_MS);
    const figures = { start, end, maxTermYears: years, termDays };
    if (endMs <= startMs) {
      return { status: 'needs_review', message: `授权运营协议终止日 ${end} 不晚于起始日 ${start}，期限无法成立，请人工核对协议。`, evidence, figures };
    }
    if (endMs <= limitMs) {
      return { status: 'pass', message: `授权运营期限 ${start} 至 ${end}（${termDays} 天），不超过 ${years} 年。`, figures };
    }
    return {
      status: 'fail',
      message: `授权运营期限 ${start} 至 ${end}（${termDays} 天）超过 ${years} 年：自 ${start} 起 ${years} 年应不晚于 ${localDate(limitMs - 1, tz)} 终止。`,
      evidence,
      figures,
    };
  },
};
