import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { policiesOfType, requireTable } from './support.js';

const TYPE = 'security_responsibility';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-18-02',
    article: 18,
    severity: 'low',
    title: '建立数据安全责任制度',
    articleText: articleText(18),
    evidence: ['policies.csv: type'],
    params: {},
    notes: '只要求 policies.csv 中登记了该类型的制度，不检查文档内容；没有 policies.csv 为证据不足。',
  },
  evaluate(ctx) {
    const missing = requireTable(ctx.records.policies, ['type']);
    if (missing) return missing;
    const rows = policiesOfType(ctx.records, TYPE);
    if (rows.length > 0) {
      return { status: 'pass', message: `已建立数据安全责任制度：${rows.map((r) => r.cells.title ? `${r.id}《${r.cells.title}》` : r.id).join('、')}。`, figures: { policies: rows.map((r) => r.id) } };
    }
    return {
      status: 'fail',
      message: `policies.csv 中没有类型为 ${TYPE}（数据安全责任）的制度。`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('policies.csv', `缺少 type=${TYPE} 的制度`)]),
      figures: { policies: [], missingPolicy: TYPE },
    };
  },
};
