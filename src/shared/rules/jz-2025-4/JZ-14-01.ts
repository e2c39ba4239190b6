import type { Row } from '../../bundle/types.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { failRows, insufficient, requireTable } from './support.js';

const CLASSES = new Set(['core', 'important', 'general']);

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-14-01',
    article: 14,
    severity: 'medium',
    title: '授权范围内的数据集已分类分级并明确提供单位',
    articleText: articleText(14),
    evidence: ['datasets.csv: id, classification, provider'],
    params: {},
    notes: '分级须为 core、important、general（或其中文写法）；datasets.csv 没有任何数据集时为证据不足。',
  },
  evaluate(ctx) {
    const table = ctx.records.datasets;
    const missing = requireTable(table, ['id', 'classification', 'provider']);
    if (missing) return missing;
    if (table.rows.length === 0) return insufficient('datasets.csv 未登记任何数据集，无法判断分类分级。');
    const bad: { row: Row; problems: string[] }[] = [];
    for (const row of table.rows) {
      const problems: string[] = [];
      const c = row.cells.classification ?? '';
      if (!c) problems.push('未分级');
      else if (!CLASSES.has(c)) problems.push(`分级“${c}”不在核心、重要、一般之列`);
      if (!row.cells.provider) problems.push('未填写提供单位');
      if (problems.length) bad.push({ row, problems });
    }
    const figures = { datasets: table.rows.length, faulty: bad.map((b) => b.row.id) };
    if (bad.length === 0) return { status: 'pass', message: `${table.rows.length} 个数据集均已分类分级并明确提供单位。`, figures };
    const listed = bad.slice(0, 10).map((b) => `${b.row.id || `第 ${b.row.line} 行`}（${b.problems.join('，')}）`).join('；');
    return failRows(ctx, bad.map((b) => b.row), `${table.rows.length} 个数据集中有 ${bad.length} 个分级或提供单位缺失：${listed}${bad.length > 10 ? ' 等' : ''}。`, [], figures);
  },
};
