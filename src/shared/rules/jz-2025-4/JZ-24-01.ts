import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-24-01',
    article: 24,
    severity: 'low',
    worst: 'needs_review',
    title: '公共企事业单位数据授权运营参照执行',
    titleEn: 'Public utilities follow these measures by reference',
    ...article(24),
    evidence: ['operator.json：公用企业'],
    params: {},
    notes:
      '“公用企业”为是（是、1 等表示“是”的写法）时需人工复核参照执行情况，为否时不适用；缺少 operator.json、缺少该项或值无法识别为证据不足。',
    figures: {
      isPublicUtility: { kind: 'boolean', label: { zh: '公用企业', en: 'Public utility' } },
    },
  },
  evaluate(ctx) {
    const op = ctx.records.operator;
    if (!op.present || !op.value) {
      return insufficient('缺少或无法读取 operator.json，无法判断运营机构是否为公共企事业单位。', 'operator.json is missing or unreadable; cannot tell whether the operator is a public utility.');
    }
    const raw = op.value.is_public_utility;
    const flag = typeof raw === 'boolean' ? raw : typeof raw === 'string' || typeof raw === 'number' ? parseBool(String(raw)) : undefined;
    if (flag === null || flag === undefined) {
      return insufficient(
        `operator.json 的“公用企业”${raw === undefined ? '缺失' : `值“${String(raw)}”无法识别`}，无法判断是否适用。`,
        `operator.json ${raw === undefined ? 'does not say whether the operator is a public utility' : `says “${String(raw)}” for public utility, which cannot be read`}; cannot tell whether this article applies.`,
      );
    }
    if (!flag) {
      return {
        status: 'not_applicable',
        message: '运营机构不是供水、供气、供热、供电、公共交通等公共企事业单位，本条不适用。',
        messageEn: 'The operator is not a public utility (water, gas, heating, power, public transport and the like); this article does not apply.',
        figures: { isPublicUtility: false },
      };
    }
    return {
      status: 'needs_review',
      message: '运营机构为公共企事业单位（供水、供气、供热、供电、公共交通等），其数据授权运营参照本办法执行，需人工复核参照执行情况。',
      messageEn: 'The operator is a public utility (water, gas, heating, power, public transport and the like), whose data operation follows these measures by reference; please review how it does.',
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('operator.json', JSON.stringify({ is_public_utility: raw }))]),
      figures: { isPublicUtility: true },
    };
  },
};
