import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { policiesOfType, requireTable } from './support.js';

const TYPE = 'security_responsibility';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-18-02',
    article: 18,
    severity: 'low',
    title: '建立数据安全责任制度',
    titleEn: 'A data security responsibility policy is in place',
    ...article(18),
    evidence: ['policies.csv：类型'],
    params: {},
    notes: '只要求 policies.csv 中登记了该类型的制度，不检查文档内容；没有 policies.csv 为证据不足。',
    figures: {
      policies: { kind: 'list', of: { kind: 'text' }, label: { zh: '数据安全责任制度', en: 'Security responsibility policies' } },
      missingPolicy: { kind: 'enum', names: 'policyType', label: { zh: '缺少的制度', en: 'Policy missing' } },
    },
  },
  evaluate(ctx) {
    const missing = requireTable(ctx.records.policies, ['type']);
    if (missing) return missing;
    const rows = policiesOfType(ctx.records, TYPE);
    if (rows.length > 0) {
      const list = rows.map((r) => (r.cells.title ? `${r.id}《${r.cells.title}》` : r.id));
      return {
        status: 'pass',
        message: `已建立数据安全责任制度：${list.join('、')}。`,
        messageEn: `A data security responsibility policy is in place: ${list.join(', ')}.`,
        figures: { policies: rows.map((r) => r.id) },
      };
    }
    return {
      status: 'fail',
      message: `policies.csv 中没有类型为“${nameOf('policyType', TYPE)}”的制度。`,
      messageEn: `policies.csv lists no policy of type “${nameOf('policyType', TYPE, 'en')}”.`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('policies.csv', `缺少类型为“${nameOf('policyType', TYPE)}”的制度`)]),
      figures: { policies: [], missingPolicy: TYPE },
    };
  },
};
