import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';
import { requireTable } from './support.js';

const PRODUCTS: Words = { zh: '个', en: 'products' };

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-12-03',
    article: 12,
    severity: 'low',
    worst: 'needs_review',
    title: '已交付数据产品价格公开',
    titleEn: 'Prices of delivered data products are public',
    ...article(12),
    evidence: ['products.csv：编号、状态、价格公开'],
    params: {},
    notes: '按状态为已交付判断；“价格公开”为空或无法识别为是、否的，与“否”一样列入人工复核。',
    figures: {
      delivered: { kind: 'count', unit: PRODUCTS, label: { zh: '已交付产品', en: 'Delivered products' } },
      pricesNotPublic: { kind: 'list', of: { kind: 'text' }, label: { zh: '未标明公开价格的产品', en: 'Products without a public price' } },
    },
  },
  evaluate(ctx) {
    const table = ctx.records.products;
    const missing = requireTable(table, ['id', 'status', 'price_public']);
    if (missing) return missing;
    const delivered = table.rows.filter((r) => r.cells.status === 'delivered');
    if (delivered.length === 0) {
      return {
        status: 'not_applicable',
        message: 'products.csv 中没有状态为已交付的数据产品。',
        messageEn: 'products.csv lists no data product with the status delivered.',
        figures: { delivered: 0 },
      };
    }
    const hidden = delivered.filter((r) => parseBool(r.cells.price_public) !== true);
    const n = delivered.length;
    const figures = { delivered: n, pricesNotPublic: hidden.map((r) => r.id) };
    if (hidden.length === 0) {
      return {
        status: 'pass',
        message: `${n} 个已交付产品均已公开价格。`,
        messageEn: `${n === 1 ? 'The 1 delivered product has' : `All ${n} delivered products have`} a public price.`,
        figures,
      };
    }
    const ids = hidden.slice(0, 20).map((r) => r.id);
    const more = hidden.length > 20;
    return {
      status: 'needs_review',
      message: `${n} 个已交付产品中有 ${hidden.length} 个未标明公开价格：${ids.join('、')}${more ? ' 等' : ''}，请人工复核定价是否公开。`,
      messageEn: `${hidden.length} of ${n} delivered product${n === 1 ? '' : 's'} ${hidden.length === 1 ? 'does' : 'do'} not mark the price as public: ${ids.join(', ')}${more ? ' and more' : ''}. Please review whether the prices are public.`,
      evidence: evidenceOf(ctx.maxEvidence, hidden.map(rowEvidence)),
      figures,
    };
  },
};
