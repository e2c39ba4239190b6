import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { insufficient } from './support.js';

const ALLOWED: Record<string, string> = { public_tender: '公开招标', invited_tender: '邀请招标', negotiation: '谈判' };
// Chinese values as written in agreements.
const ZH: Record<string, string> = { 公开招标: 'public_tender', 邀请招标: 'invited_tender', 竞争性谈判: 'negotiation', 谈判: 'negotiation' };

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-09-01',
    article: 9,
    severity: 'high',
    title: '运营机构经公开招标、邀请招标或谈判等方式选定',
    articleText: articleText(9),
    evidence: ['agreement.json: selection_method'],
    params: {},
    notes: '取值不区分大小写；也接受中文“公开招标”“邀请招标”“竞争性谈判”“谈判”。其他任何取值（如 single_source 单一来源）为不合格。',
  },
  evaluate(ctx) {
    const agreement = ctx.records.agreement;
    if (!agreement.present || !agreement.value) return insufficient('缺少或无法读取 agreement.json，无法判断运营机构的选定方式。');
    const raw = agreement.value.selection_method;
    if (typeof raw !== 'string' || !raw.trim()) return insufficient('agreement.json 缺少 selection_method，无法判断运营机构的选定方式。');
    const method = ZH[raw.trim()] ?? raw.trim().toLowerCase();
    const figures = { selectionMethod: method };
    if (method in ALLOWED) return { status: 'pass', message: `运营机构经${ALLOWED[method]}（${method}）选定。`, figures };
    return {
      status: 'fail',
      message: `运营机构的选定方式为“${raw.trim()}”，不属于公开招标、邀请招标或谈判。`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('agreement.json', JSON.stringify({ selection_method: raw }))]),
      figures,
    };
  },
};
