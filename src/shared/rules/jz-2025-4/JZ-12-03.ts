import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { requireTable } from './support.js';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-12-03',
    article: 12,
    severity: 'low',
    worst: 'needs_review',
    title: '已交付数据产品价格公开',
    articleText: articleText(12),
    evidence: ['products.csv: id, status, price_public'],
    params: {},
    notes: '按 status 为 delivered 判断已交付；price_public 为空或无法识别为布尔值的，与 false 一样列入人工复核。',
  },
  evaluate(ctx) {
    const table = ctx.records.products;
    const missing = requireTable(table, ['id', 'status', 'price_public']);
    if (missing) return missing;
    const delivered = table.rows.filter((r) => r.cells.status === 'delivered');
    if (delivered.length === 0) return { status: 'not_applicable', message: 'products.csv 中没有状态为已交付的数据产品。', figures: { delivered: 0 } };
    const hidden = delivered.filter((r) => parseBool(r.cells.price_public) !== true);
    const figures = { delivered: delivered.length, pricesNotPublic: hidden.map((r) => r.id) };
    if (hidden.length === 0) return { status: 'pass', message: `${delivered.length} 个已交付产品均已公开价格。`, figures };
    return {
      status: 'needs_review',
      message: `${delivered.length} 个已交付产品中有 ${hidden.length} 个未标明公开价格：${hidden.slice(0, 20).map((r) => r.id).join('、')}${hidden.length > 20 ? ' 等' : ''}，请人工复核定价是否公开。`,
      evidence: evidenceOf(ctx.maxEvidence, hidden.map(rowEvidence)),
      figures,
    };
  },
};
