import type { Row } from '../../bundle/types.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf, type Words } from '../../names.js';
import { article } from './articles.js';
import { failRows, insufficient, requireTable } from './support.js';

const CLASSES = new Set(['core', 'important', 'general']);
const DATASETS: Words = { zh: '个', en: 'datasets' };
const PROVIDER = nameOf('field', 'provider');

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-14-01',
    article: 14,
    severity: 'medium',
    title: '授权范围内的数据集已分类分级并明确提供单位',
    titleEn: 'Datasets in the authorised scope are classified and graded, with their provider named',
    ...article(14),
    evidence: ['datasets.csv：编号、分类分级、提供部门'],
    params: {},
    notes: '分级须为核心数据、重要数据、一般数据之一（中英文写法均可）；datasets.csv 没有任何数据集时为证据不足。',
    figures: {
      datasets: { kind: 'count', unit: DATASETS, label: { zh: '数据集', en: 'Datasets' } },
      faulty: { kind: 'list', of: { kind: 'text' }, label: { zh: '分级或提供部门缺失的数据集', en: 'Datasets lacking a grade or a provider' } },
    },
  },
  evaluate(ctx) {
    const table = ctx.records.datasets;
    const missing = requireTable(table, ['id', 'classification', 'provider']);
    if (missing) return missing;
    if (table.rows.length === 0) {
      return insufficient('datasets.csv 未登记任何数据集，无法判断分类分级。', 'datasets.csv registers no dataset; classification cannot be decided.');
    }
    const bad: { row: Row; problems: Words[] }[] = [];
    for (const row of table.rows) {
      const problems: Words[] = [];
      const c = row.cells.classification ?? '';
      if (!c) problems.push({ zh: '未分级', en: 'not graded' });
      else if (!CLASSES.has(c)) problems.push({ zh: `分级“${c}”不在核心、重要、一般之列`, en: `grade “${c}” is not core, important or general` });
      if (!row.cells.provider) problems.push({ zh: `未填写${PROVIDER}`, en: 'no provider' });
      if (problems.length) bad.push({ row, problems });
    }
    const n = table.rows.length;
    const figures = { datasets: n, faulty: bad.map((b) => b.row.id) };
    if (bad.length === 0) {
      return {
        status: 'pass',
        message: `${n} 个数据集均已分类分级并明确${PROVIDER}。`,
        messageEn: `${n === 1 ? 'The 1 dataset is' : `All ${n} datasets are`} graded and name their provider.`,
        figures,
      };
    }
    const shown = bad.slice(0, 10);
    const more = bad.length > 10;
    return failRows(
      ctx,
      bad.map((b) => b.row),
      `${n} 个数据集中有 ${bad.length} 个分级或${PROVIDER}缺失：${shown.map((b) => `${b.row.id || `第 ${b.row.line} 行`}（${b.problems.map((p) => p.zh).join('，')}）`).join('；')}${more ? ' 等' : ''}。`,
      `${bad.length} of ${n} dataset${n === 1 ? '' : 's'} lack${bad.length === 1 ? 's' : ''} a grade or a provider: ${shown.map((b) => `${b.row.id || `line ${b.row.line}`} (${b.problems.map((p) => p.en).join(', ')})`).join('; ')}${more ? ' and more' : ''}.`,
      [],
      figures,
    );
  },
};
