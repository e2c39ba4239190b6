import { isDateOnly, localDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { failRows, requireTable, startOf } from './support.js';

/** True when `review` is on or before `delivery`; dates compare by local day, timestamps exactly. */
function onOrBefore(ctx: RuleContext, reviewText: string, review: number, deliveryText: string, delivery: number): boolean {
  if (isDateOnly(reviewText) || isDateOnly(deliveryText)) {
    return localDate(review, ctx.records.timezone) <= localDate(delivery, ctx.records.timezone);
  }
  return review <= delivery;
}

const PRODUCTS = { zh: '个', en: 'products' };
const products = (n: number) => `${n} product${n === 1 ? '' : 's'}`;

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-20-02',
    article: 20,
    severity: 'medium',
    title: '数据产品交付前完成合规审查',
    titleEn: 'Data products pass a compliance review before delivery',
    ...article(20),
    evidence: ['products.csv：编号、首次交付时间、合规审查时间'],
    params: {},
    figures: {
      deliveredInPeriod: { kind: 'count', unit: PRODUCTS, label: { zh: '评估期内首次交付的产品', en: 'Products first delivered in the period' } },
      late: {
        kind: 'table',
        label: { zh: '交付前未完成合规审查', en: 'Not reviewed before delivery' },
        columns: {
          id: { kind: 'text', label: { zh: '产品', en: 'Product' } },
          reason: { kind: 'text', label: { zh: '情况', en: 'Finding' } },
        },
      },
      unreadableDelivery: { kind: 'list', of: { kind: 'text' }, label: { zh: '首次交付时间无法识别的产品', en: 'Products with an unreadable first delivery' } },
    },
    notes:
      '只看首次交付时间在评估期内的产品。任一时间只写日期时按本地日历日比较（同一天审查视为“当天或之前”），都带时刻时按时刻比较。' +
      '合规审查时间缺失或无法识别为不合格；首次交付时间无法识别、无法判断是否在评估期内的产品列为需人工复核；评估期内没有首次交付的产品为不适用。',
  },
  evaluate(ctx) {
    const table = ctx.records.products;
    const missing = requireTable(table, ['first_delivered_at', 'compliance_review_at']);
    if (missing) return missing;
    const bad: { row: Row; reason: string; reasonEn: string }[] = [];
    const reviewField = nameOf('field', 'compliance_review_at');
    const unreadable: Row[] = [];
    let checked = 0;
    for (const row of table.rows) {
      const delText = row.cells.first_delivered_at ?? '';
      if (!delText) continue;
      const del = startOf(ctx, delText);
      if (Number.isNaN(del)) {
        unreadable.push(row);
        continue;
      }
      if (del < ctx.periodStartMs || del >= ctx.periodEndMs) continue;
      checked++;
      const revText = row.cells.compliance_review_at ?? '';
      const rev = startOf(ctx, revText);
      if (!revText) bad.push({ row, reason: `${delText} 首次交付，未做合规审查`, reasonEn: `first delivered ${delText}, never reviewed` });
      else if (Number.isNaN(rev)) bad.push({ row, reason: `${reviewField}“${revText}”无法识别`, reasonEn: `compliance review time “${revText}” cannot be read` });
      else if (!onOrBefore(ctx, revText, rev, delText, del)) bad.push({ row, reason: `${delText} 首次交付，${revText} 才合规审查`, reasonEn: `first delivered ${delText}, reviewed only ${revText}` });
    }
    const figures = {
      deliveredInPeriod: checked,
      late: bad.map((b) => ({ id: b.row.id, reason: b.reason })),
      unreadableDelivery: unreadable.map((r) => r.id),
    };
    if (bad.length) {
      const listed = bad.slice(0, 10).map((b) => `${b.row.id}（${b.reason}）`).join('；');
      const listedEn = bad.slice(0, 10).map((b) => `${b.row.id} (${b.reasonEn})`).join('; ');
      const more = bad.length > 10;
      return failRows(
        ctx, bad.map((b) => b.row),
        `评估期内首次交付的 ${checked} 个产品中有 ${bad.length} 个交付前未完成合规审查：${listed}${more ? ' 等' : ''}。`,
        `Of ${products(checked)} first delivered in the period, ${bad.length} ${bad.length === 1 ? 'was' : 'were'} not reviewed for compliance before delivery: ${listedEn}${more ? ' and more' : ''}.`,
        [], figures,
      );
    }
    if (unreadable.length) {
      const ids = unreadable.map((r) => r.id);
      return {
        status: 'needs_review',
        message: `${unreadable.length} 个产品的首次交付时间无法识别，无法判断是否在评估期内交付及交付前是否审查：${ids.join('、')}。`,
        messageEn: `The first delivery time of ${products(unreadable.length)} cannot be read, so it is unknown whether ${unreadable.length === 1 ? 'it was' : 'they were'} delivered in the period and reviewed before: ${ids.join(', ')}.`,
        evidence: evidenceOf(ctx.maxEvidence, unreadable.map(rowEvidence)),
        figures,
      };
    }
    if (checked === 0) {
      return { status: 'not_applicable', message: '评估期内没有首次交付的数据产品。', messageEn: 'No data product was first delivered in the period.', figures };
    }
    return {
      status: 'pass',
      message: `评估期内首次交付的 ${checked} 个产品均在交付当天或之前完成合规审查。`,
      messageEn: checked === 1
        ? 'The one product first delivered in the period was reviewed for compliance on or before delivery.'
        : `All ${products(checked)} first delivered in the period were reviewed for compliance on or before delivery.`,
      figures,
    };
  },
};
