import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { checkPolicyElements, requireTable } from './support.js';

const ELEMENTS = ['提交', '记录', '审核', '反馈'];

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-11-04',
    article: 11,
    severity: 'medium',
    title: '建立提交、记录、审核、反馈的数据开发需求内部审核制度',
    articleText: articleText(11),
    evidence: ['policies.csv: type, file', 'policies/: the internal_review document'],
    params: {},
    notes: '有多份 internal_review 制度时，以缺项最少的一份为准；要素按“制度要素”一节的同义词匹配，忽略空白。',
  },
  evaluate(ctx) {
    const missing = requireTable(ctx.records.policies, ['type', 'file']);
    if (missing) return missing;
    const check = checkPolicyElements(ctx.records, 'internal_review', ELEMENTS);
    if (check.kind === 'missing_policy') {
      return { status: 'fail', message: 'policies.csv 中没有类型为 internal_review（内部审核）的制度。', figures: { missingElements: ELEMENTS } };
    }
    const evidence = evidenceOf(ctx.maxEvidence, [rowEvidence(check.row)]);
    if (check.kind === 'unreadable') {
      return { status: 'insufficient_evidence', message: `内部审核制度 ${check.row.id} 的文件缺失或无法读取（${check.reason}），无法核对要素。`, evidence };
    }
    if (check.missing.length === 0) {
      return { status: 'pass', message: `内部审核制度 ${check.row.id} 包含提交、记录、审核、反馈四项要素。` };
    }
    return {
      status: 'fail',
      message: `内部审核制度 ${check.row.id} 缺少 ${check.missing.length} 项要素：${check.missing.join('、')}。`,
      evidence,
      figures: { missingElements: check.missing },
    };
  },
};
