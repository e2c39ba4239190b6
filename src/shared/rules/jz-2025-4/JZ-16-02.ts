import { evidenceOf, fileEvidence, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { checkPolicyElements, policyPath, requireTable } from './support.js';

const TYPE = 'quality_control';
const POLICY = nameOf('policyType', TYPE);
const ELEMENTS = ['事前', '事中', '事后'];
const ELEMENTS_EN: Record<string, string> = { 事前: 'before', 事中: 'during', 事后: 'after' };

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-16-02',
    article: 16,
    severity: 'low',
    title: '建立事前、事中、事后全流程数据质量管控制度',
    titleEn: 'A data quality policy covering the stages before, during and after',
    ...article(16),
    evidence: ['policies.csv：类型、文件', 'policies/：数据质量管控制度全文'],
    params: {},
    notes:
      '要素在文档正文中查找（忽略空白，接受目录所列同义词：事前/事先，事后/事后检查）；有多份数据质量管控制度时以缺项最少的一份为准。' +
      '没有 policies.csv 为证据不足；有 policies.csv 但没有该类型制度为不合格；制度文件缺失或无法读取为证据不足。',
    figures: {
      missingPolicy: { kind: 'enum', names: 'policyType', label: { zh: '缺少的制度', en: 'Missing policy' } },
      policy: { kind: 'text', label: { zh: '制度编号', en: 'Policy' } },
      missing: { kind: 'list', of: { kind: 'text' }, label: { zh: '缺少的环节', en: 'Missing stages' } },
    },
  },
  evaluate(ctx) {
    const missingTable = requireTable(ctx.records.policies, ['type']);
    if (missingTable) return missingTable;
    const check = checkPolicyElements(ctx.records, TYPE, ELEMENTS);
    if (check.kind === 'missing_policy') {
      return {
        status: 'fail',
        message: `policies.csv 中没有类型为“${POLICY}”的制度。`,
        messageEn: `policies.csv lists no policy of the type “${nameOf('policyType', TYPE, 'en')}”.`,
        evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('policies.csv', `缺少类型为${POLICY}的制度`)]),
        figures: { missingPolicy: TYPE },
      };
    }
    const id = check.row.id;
    if (check.kind === 'unreadable') {
      return {
        status: 'insufficient_evidence',
        message: `${POLICY} ${id} 的文件缺失或无法读取（${check.reason}），无法检查其内容。`,
        messageEn: `The document of data quality policy ${id} (${policyPath(check.row) || 'no file named'}) is missing or unreadable; its content cannot be checked.`,
        evidence: evidenceOf(ctx.maxEvidence, [rowEvidence(check.row)]),
      };
    }
    if (check.missing.length === 0) {
      return {
        status: 'pass',
        message: `${POLICY} ${id} 包含事前、事中、事后全部三个环节。`,
        messageEn: `Data quality policy ${id} covers all three stages: before, during and after.`,
        figures: { policy: id, missing: [] },
      };
    }
    const n = check.missing.length;
    return {
      status: 'fail',
      message: `${POLICY} ${id} 缺少 ${n} 个环节：${check.missing.join('、')}。`,
      messageEn: `Data quality policy ${id} lacks ${n} stage${n === 1 ? '' : 's'}: ${check.missing.map((e) => ELEMENTS_EN[e]).join(', ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, [rowEvidence(check.row)]),
      figures: { policy: id, missing: check.missing },
    };
  },
};
