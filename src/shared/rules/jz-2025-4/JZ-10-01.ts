import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

// Chinese values as enterprise credit records write them.
const BUSINESS_ZH: Record<string, string> = { 正常: 'normal', 存续: 'normal', 在业: 'normal', 异常: 'abnormal', 经营异常: 'abnormal', 吊销: 'revoked', 注销: 'cancelled' };
const CREDIT_ZH: Record<string, string> = { 良好: 'good', 守信: 'good', 一般: 'fair', 较差: 'poor', 差: 'poor', 失信: 'poor' };

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-10-01',
    article: 10,
    severity: 'medium',
    title: '运营机构经营状况正常、信用良好、未列入失信名单',
    titleEn: 'The operator is in normal business, of good credit, not on the dishonest list',
    ...article(10),
    evidence: ['operator.json：经营状态、信用状况、失信名单'],
    params: {},
    notes:
      '取值不区分大小写，也接受中文（正常/存续/在业、良好/守信）。任一项显示不符即不合格；' +
      '没有不符项而某项缺失或无法识别（如失信名单不是是/否）为证据不足。',
    figures: {
      businessStatus: { kind: 'enum', names: 'businessStatus', label: { zh: '经营状态', en: 'Business status' } },
      creditStatus: { kind: 'enum', names: 'creditStatus', label: { zh: '信用状况', en: 'Credit' } },
      dishonestList: { kind: 'boolean', label: { zh: '列入失信名单', en: 'On the dishonest list' } },
    },
  },
  evaluate(ctx) {
    const operator = ctx.records.operator;
    if (!operator.present || !operator.value) return insufficient('缺少或无法读取 operator.json，无法判断运营机构的经营与信用状况。', 'operator.json is missing or unreadable; business and credit cannot be judged.');
    const op = operator.value;
    const credit = (op.credit && typeof op.credit === 'object' ? op.credit : {}) as Record<string, unknown>;
    const businessRaw = text(op.business_status);
    const creditRaw = text(credit.status);
    const business = BUSINESS_ZH[businessRaw] ?? businessRaw.toLowerCase();
    const creditStatus = CREDIT_ZH[creditRaw] ?? creditRaw.toLowerCase();
    const dishonestRaw = credit.dishonest_list;
    const dishonest = typeof dishonestRaw === 'boolean' ? dishonestRaw : parseBool(dishonestRaw === undefined || dishonestRaw === null ? null : String(dishonestRaw));
    const problems: string[] = [];
    const problemsEn: string[] = [];
    const missing: string[] = [];
    if (!business) missing.push('business_status');
    else if (business !== 'normal') {
      problems.push(`经营状态为“${nameOf('businessStatus', business)}”，不是正常`);
      problemsEn.push(`business status “${nameOf('businessStatus', business, 'en')}”, not normal`);
    }
    if (!creditStatus) missing.push('credit');
    else if (creditStatus !== 'good') {
      problems.push(`信用状况为“${nameOf('creditStatus', creditStatus)}”，不是良好`);
      problemsEn.push(`credit “${nameOf('creditStatus', creditStatus, 'en')}”, not good`);
    }
    if (dishonest === true) {
      problems.push('被列入失信名单');
      problemsEn.push('on the dishonest list');
    } else if (dishonest !== false) missing.push('dishonest_list');
    const figures = { businessStatus: business || null, creditStatus: creditStatus || null, dishonestList: typeof dishonest === 'boolean' ? dishonest : null };
    const evidence = evidenceOf(ctx.maxEvidence, [
      fileEvidence('operator.json', JSON.stringify({ business_status: op.business_status ?? null, credit: op.credit ?? null })),
    ]);
    if (problems.length) {
      const note = missing.length ? `另缺少或无法识别：${missing.map((m) => nameOf('field', m)).join('、')}。` : '';
      const noteEn = missing.length ? ` Missing or unreadable: ${missing.map((m) => nameOf('field', m, 'en')).join(', ')}.` : '';
      return { status: 'fail', message: `运营机构不符合条件：${problems.join('；')}。${note}`, messageEn: `The operator does not qualify: ${problemsEn.join('; ')}.${noteEn}`, evidence, figures };
    }
    if (missing.length) {
      return insufficient(
        `operator.json 缺少或无法识别${missing.map((m) => nameOf('field', m)).join('、')}，无法判断运营机构的经营与信用状况。`,
        `operator.json lacks or garbles ${missing.map((m) => nameOf('field', m, 'en')).join(', ')}; business and credit cannot be judged.`,
      );
    }
    return { status: 'pass', message: '运营机构经营状态正常，信用良好，未列入失信名单。', messageEn: 'The operator is in normal business, of good credit and not on the dishonest list.', figures };
  },
};
