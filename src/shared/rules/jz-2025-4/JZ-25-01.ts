import { normaliseDate } from '../../bundle/time.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { article, MEASURES } from './articles.js';
import { DAY_MS, insufficient } from './support.js';

// In force on issue and valid for two years: the last day is the day before the second anniversary.
const VALID_FROM = MEASURES.issued;
const VALID_UNTIL = '2027-11-26';

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-25-01',
    article: 25,
    severity: 'low',
    worst: 'needs_review',
    title: '评估期在办法有效期内',
    titleEn: 'The review period lies within the validity of the measures',
    ...article(25),
    evidence: ['manifest.json：评估期'],
    params: {},
    notes:
      `有效期 ${VALID_FROM} 至 ${VALID_UNTIL}（含首尾两日），按日历日期比较，不受时区影响；评估期任一部分在其外即需人工复核，指标给出期外天数。` +
      '有效期由办法本身确定，不作为参数。',
    figures: {
      periodStart: { kind: 'date', label: { zh: '评估期起', en: 'Period start' } },
      periodEnd: { kind: 'date', label: { zh: '评估期止', en: 'Period end' } },
      validFrom: { kind: 'date', label: { zh: '办法施行日', en: 'Measures in force from' } },
      validUntil: { kind: 'date', label: { zh: '有效期末', en: 'Measures valid until' } },
      daysBefore: { kind: 'duration', unit: 'days', label: { zh: '早于施行日', en: 'Before the measures took effect' } },
      daysAfter: { kind: 'duration', unit: 'days', label: { zh: '晚于有效期末', en: 'After the measures expire' } },
    },
  },
  evaluate(ctx) {
    const start = normaliseDate(ctx.records.period.start ?? '');
    const end = normaliseDate(ctx.records.period.end ?? '');
    if (!start || !end) {
      return insufficient(
        'manifest.json 的评估期缺失或日期无法识别，无法判断是否在办法有效期内。',
        'The review period in manifest.json is missing or unreadable; cannot tell whether it lies within the validity of the measures.',
      );
    }
    const daysBefore = Math.max(0, dayNumber(VALID_FROM) - dayNumber(start));
    const daysAfter = Math.max(0, dayNumber(end) - dayNumber(VALID_UNTIL));
    const figures = { periodStart: start, periodEnd: end, validFrom: VALID_FROM, validUntil: VALID_UNTIL, daysBefore, daysAfter };
    if (daysBefore === 0 && daysAfter === 0) {
      return {
        status: 'pass',
        message: `评估期 ${start} 至 ${end} 在办法有效期（${VALID_FROM} 至 ${VALID_UNTIL}）内。`,
        messageEn: `The review period ${start} to ${end} lies within the validity of the measures (${VALID_FROM} to ${VALID_UNTIL}).`,
        figures,
      };
    }
    const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
    const parts: string[] = [];
    const partsEn: string[] = [];
    if (daysBefore) {
      parts.push(`${daysBefore} 天早于施行日 ${VALID_FROM}`);
      partsEn.push(`${days(daysBefore)} before they took effect on ${VALID_FROM}`);
    }
    if (daysAfter) {
      parts.push(`${daysAfter} 天晚于有效期末 ${VALID_UNTIL}`);
      partsEn.push(`${days(daysAfter)} after they expire on ${VALID_UNTIL}`);
    }
    return {
      status: 'needs_review',
      message: `评估期 ${start} 至 ${end} 有部分不在办法有效期内：${parts.join('，')}；该部分应依据当时有效的规定评估。`,
      messageEn: `Part of the review period ${start} to ${end} lies outside the validity of the measures: ${partsEn.join(', ')}; that part should be reviewed against the rules then in force.`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('manifest.json', JSON.stringify({ period: ctx.records.period }))]),
      figures,
    };
  },
};
