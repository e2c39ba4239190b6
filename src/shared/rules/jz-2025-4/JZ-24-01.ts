import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { insufficient } from './support.js';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-24-01',
    article: 24,
    severity: 'low',
    worst: 'needs_review',
    title: '公共企事业单位数据授权运营参照执行',
    articleText: articleText(24),
    evidence: ['operator.json: is_public_utility'],
    params: {},
    notes:
      'is_public_utility 为真（true、是、yes、1）时需人工复核参照执行情况，为假时不适用；缺少 operator.json、缺少该字段或值无法识别为证据不足。',
  },
  evaluate(ctx) {
    const op = ctx.records.operator;
    if (!op.present || !op.value) return insufficient('缺少或无法读取 operator.json，无法判断运营机构是否为公共企事业单位。');
    const raw = op.value.is_public_utility;
    const flag = typeof raw === 'boolean' ? raw : typeof raw === 'string' || typeof raw === 'number' ? parseBool(String(raw)) : undefined;
    if (flag === null || flag === undefined) {
      return insufficient(`operator.json 的 is_public_utility ${raw === undefined ? '缺失' : `值“${String(raw)}”无法识别`}，无法判断是否适用。`);
    }
    if (!flag) return { status: 'not_applicable', message: '运营机构不是供水、供气、供热、供电、公共交通等公共企事业单位，本条不适用。' };
    return {
      status: 'needs_review',
      message: '运营机构为公共企事业单位（供水、供气、供热、供电、公共交通等），其数据授权运营参照本办法执行，需人工复核参照执行情况。',
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('operator.json', JSON.stringify({ is_public_utility: raw }))]),
      figures: { isPublicUtility: true },
    };
  },
};
