import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { checkPolicyElements, policyPath, requireTable } from './support.js';

const ELEMENTS = ['提交', '记录', '审核', '反馈'];
const ELEMENTS_EN: Record<string, string> = { 提交: 'submission', 记录: 'recording', 审核: 'review', 反馈: 'feedback' };
const POLICY = nameOf('policyType', 'internal_review');

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-11-04',
    article: 11,
    severity: 'medium',
    title: '建立提交、记录、审核、反馈的数据开发需求内部审核制度',
    titleEn: 'An internal review policy for development requests: submission, recording, review, feedback',
    ...article(11),
    evidence: ['policies.csv：类型、文件', 'policies/：内部审核制度全文'],
    params: {},
    notes: '有多份内部审核制度时，以缺项最少的一份为准；要素按“制度要素”一节的同义词匹配，忽略空白。',
    figures: {
      missingElements: { kind: 'list', of: { kind: 'text' }, label: { zh: '缺少的要素', en: 'Missing elements' } },
    },
  },
  evaluate(ctx) {
    const missing = requireTable(ctx.records.policies, ['type', 'file']);
    if (missing) return missing;
    const check = checkPolicyElements(ctx.records, 'internal_review', ELEMENTS);
    if (check.kind === 'missing_policy') {
      return {
        status: 'fail',
        message: `policies.csv 中没有类型为“${POLICY}”的制度。`,
        messageEn: 'policies.csv lists no policy of the type “internal review policy”.',
        figures: { missingElements: ELEMENTS },
      };
    }
    const id = check.row.id;
    const evidence = evidenceOf(ctx.maxEvidence, [rowEvidence(check.row)]);
    if (check.kind === 'unreadable') {
      return {
        status: 'insufficient_evidence',
        message: `内部审核制度 ${id} 的文件缺失或无法读取（${check.reason}），无法核对要素。`,
        messageEn: `The document of internal review policy ${id} (${policyPath(check.row) || 'no file named'}) is missing or unreadable; its elements cannot be checked.`,
        evidence,
      };
    }
    if (check.missing.length === 0) {
      return {
        status: 'pass',
        message: `内部审核制度 ${id} 包含提交、记录、审核、反馈四项要素。`,
        messageEn: `Internal review policy ${id} covers all four elements: submission, recording, review and feedback.`,
        figures: { missingElements: [] },
      };
    }
    const n = check.missing.length;
    return {
      status: 'fail',
      message: `内部审核制度 ${id} 缺少 ${n} 项要素：${check.missing.join('、')}。`,
      messageEn: `Internal review policy ${id} lacks ${n} element${n === 1 ? '' : 's'}: ${check.missing.map((e) => ELEMENTS_EN[e]).join(', ')}.`,
      evidence,
      figures: { missingElements: check.missing },
    };
  },
};
