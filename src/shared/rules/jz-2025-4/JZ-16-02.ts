import { evidenceOf, fileEvidence, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { checkPolicyElements, requireTable } from './support.js';

const TYPE = 'quality_control';
const ELEMENTS = ['事前', '事中', '事后'];

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-16-02',
    article: 16,
    severity: 'low',
    title: '建立事前、事中、事后全流程数据质量管控制度',
    articleText: articleText(16),
    evidence: ['policies.csv: type, file', 'policies/: 数据质量管控制度全文'],
    params: {},
    notes:
      '要素在文档正文中查找（忽略空白，接受目录所列同义词：事前/事先，事后/事后检查）；有多份 quality_control 制度时以缺项最少的一份为准。' +
      '没有 policies.csv 为证据不足；有 policies.csv 但没有该类型制度为不合格；制度文件缺失或无法读取为证据不足。',
  },
  evaluate(ctx) {
    const missingTable = requireTable(ctx.records.policies, ['type']);
    if (missingTable) return missingTable;
    const check = checkPolicyElements(ctx.records, TYPE, ELEMENTS);
    if (check.kind === 'missing_policy') {
      return {
        status: 'fail',
        message: `policies.csv 中没有类型为 ${TYPE}（数据质量管控）的制度。`,
        evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('policies.csv', `缺少 type=${TYPE} 的制度`)]),
        figures: { missingPolicy: TYPE },
      };
    }
    if (check.kind === 'unreadable') {
      return {
        status: 'insufficient_evidence',
        message: `数据质量管控制度 ${check.row.id} 的文件缺失或无法读取（${check.reason}），无法检查其内容。`,
        evidence: evidenceOf(ctx.maxEvidence, [rowEvidence(check.row)]),
      };
    }
    if (check.missing.length === 0) {
      return { status: 'pass', message: `数据质量管控制度 ${check.row.id} 包含事前、事中、事后全部三个环节。`, figures: { policy: check.row.id, missing: [] } };
    }
    return {
      status: 'fail',
      message: `数据质量管控制度 ${check.row.id} 缺少 ${check.missing.length} 个环节：${check.missing.join('、')}。`,
      evidence: evidenceOf(ctx.maxEvidence, [rowEvidence(check.row)]),
      figures: { policy: check.row.id, missing: check.missing },
    };
  },
};
