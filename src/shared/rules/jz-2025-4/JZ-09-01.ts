import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

const ALLOWED = new Set(['public_tender', 'invited_tender', 'negotiation']);
// Chinese values as written in agreements.
const ZH: Record<string, string> = { 公开招标: 'public_tender', 邀请招标: 'invited_tender', 竞争性谈判: 'negotiation', 谈判: 'negotiation' };

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-09-01',
    article: 9,
    severity: 'high',
    title: '运营机构经公开招标、邀请招标或谈判等方式选定',
    titleEn: 'The operator was chosen by public tender, invited tender or negotiation',
    ...article(9),
    evidence: ['agreement.json：遴选方式'],
    params: {},
    notes: '取值不区分大小写；也接受中文“公开招标”“邀请招标”“竞争性谈判”“谈判”。其他任何取值（如单一来源）为不合格。',
    figures: { selectionMethod: { kind: 'enum', names: 'selectionMethod', label: { zh: '遴选方式', en: 'Selection method' } } },
  },
  evaluate(ctx) {
    const agreement = ctx.records.agreement;
    if (!agreement.present || !agreement.value) return insufficient('缺少或无法读取 agreement.json，无法判断运营机构的选定方式。', 'agreement.json is missing or unreadable; how the operator was chosen cannot be judged.');
    const raw = agreement.value.selection_method;
    if (typeof raw !== 'string' || !raw.trim()) return insufficient('agreement.json 缺少遴选方式，无法判断运营机构的选定方式。', 'agreement.json gives no selection method; cannot decide.');
    const method = ZH[raw.trim()] ?? raw.trim().toLowerCase();
    const figures = { selectionMethod: method };
    if (ALLOWED.has(method)) {
      return { status: 'pass', message: `运营机构经${nameOf('selectionMethod', method)}选定。`, messageEn: `The operator was chosen by ${nameOf('selectionMethod', method, 'en')}.`, figures };
    }
    return {
      status: 'fail',
      message: `运营机构的选定方式为“${nameOf('selectionMethod', method)}”，不属于公开招标、邀请招标或谈判。`,
      messageEn: `The operator was chosen by “${nameOf('selectionMethod', method, 'en')}”, which is not a public tender, an invited tender or a negotiation.`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('agreement.json', JSON.stringify({ selection_method: raw }))]),
      figures,
    };
  },
};
