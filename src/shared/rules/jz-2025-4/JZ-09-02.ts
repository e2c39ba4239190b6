import { DAY_MS, localDate } from '../../bundle/time.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { article } from './articles.js';
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
    titleEn: 'The term of the authorisation does not exceed the limit',
    ...article(9),
    evidence: ['agreement.json：起始日、终止日'],
    params: {
      max_term_years: {
        type: 'integer',
        default: 5,
        source: '锦政规〔2025〕4号第九条：授权运营期限',
        description: '授权运营协议的最长期限（日历年）。',
        label: { zh: '授权运营最长期限', en: 'Longest term' },
        unit: { zh: '年', en: 'years' },
      },
    },
    figures: {
      start: { kind: 'text', label: { zh: '起始日', en: 'Start' } },
      end: { kind: 'text', label: { zh: '终止日', en: 'End' } },
      termDays: { kind: 'duration', unit: 'days', label: { zh: '期限', en: 'Term' } },
      maxTermYears: { kind: 'duration', unit: 'years', label: { zh: '最长期限', en: 'Longest term' } },
    },
    notes:
      '按“日期作为界限”的约定比较时刻：起始日自当日 00:00 起，终止日覆盖至当日 24:00；终止时刻不得晚于起始日 00:00 加 N 个日历年。' +
      '因此自 2026-01-01 起的 5 年期最迟于 2030-12-31 终止（2031-01-01 即超期）。2 月 29 日起算时加年落在 3 月 1 日。' +
      '终止日早于起始日为需人工复核。',
  },
  evaluate(ctx) {
    const agreement = ctx.records.agreement;
    if (!agreement.present || !agreement.value) return insufficient('缺少或无法读取 agreement.json，无法判断授权运营期限。', 'agreement.json is missing or unreadable; the term cannot be judged.');
    const start = typeof agreement.value.start === 'string' ? agreement.value.start.trim() : '';
    const end = typeof agreement.value.end === 'string' ? agreement.value.end.trim() : '';
    const startMs = startOf(ctx, start);
    const endMs = endOf(ctx, end);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
      return insufficient('agreement.json 的起始日或终止日缺失或无法读取，无法判断授权运营期限。', 'The start or end in agreement.json is missing or unreadable; the term cannot be judged.');
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
      return {
        status: 'needs_review', message: `授权运营协议终止日 ${end} 不晚于起始日 ${start}，期限无法成立，请人工核对协议。`,
        messageEn: `The agreement ends (${end}) no later than it starts (${start}): check the agreement by hand.`, evidence, figures,
      };
    }
    if (endMs <= limitMs) {
      return { status: 'pass', message: `授权运营期限 ${start} 至 ${end}（${termDays} 天），不超过 ${years} 年。`, messageEn: `The term ${start} to ${end} (${termDays} days) is within ${years} years.`, figures };
    }
    return {
      status: 'fail',
      message: `授权运营期限 ${start} 至 ${end}（${termDays} 天）超过 ${years} 年：自 ${start} 起 ${years} 年应不晚于 ${localDate(limitMs - 1, tz)} 终止。`,
      messageEn: `The term ${start} to ${end} (${termDays} days) exceeds ${years} years: from ${start} it should end by ${localDate(limitMs - 1, tz)}.`,
      evidence,
      figures,
    };
  },
};
