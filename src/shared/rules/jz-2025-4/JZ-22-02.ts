import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { policiesOfType, requireTable } from './support.js';

const TYPE = 'partner_supervision';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-22-02',
    article: 22,
    severity: 'low',
    title: '建立应用单位安全监管制度',
    titleEn: 'A policy for supervising partners’ security is in place',
    ...article(22),
    evidence: ['policies.csv：类型'],
    params: {},
    notes:
      '只要求 policies.csv 中有类型为“应用单位监督制度”的制度记录，不检查其内容（目录未列要素）；文件是否随包提交由 JZ-17-03 的完整性检查负责。' +
      '不论是否有应用单位都要求该制度。没有 policies.csv 或其类型列为证据不足。',
    figures: {
      policies: { kind: 'list', of: { kind: 'text' }, label: { zh: '应用单位监督制度', en: 'Partner supervision policies' } },
      missingPolicy: { kind: 'enum', names: 'policyType', label: { zh: '缺少的制度', en: 'Policy missing' } },
    },
  },
  evaluate(ctx) {
    const missingTable = requireTable(ctx.records.policies, ['type']);
    if (missingTable) return missingTable;
    const rows = policiesOfType(ctx.records, TYPE);
    if (rows.length === 0) {
      return {
        status: 'fail',
        message: `policies.csv 中没有类型为“${nameOf('policyType', TYPE)}”的制度。`,
        messageEn: `policies.csv lists no policy of type “${nameOf('policyType', TYPE, 'en')}”.`,
        evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('policies.csv', `缺少类型为“${nameOf('policyType', TYPE)}”的制度`)]),
        figures: { missingPolicy: TYPE },
      };
    }
    const list = rows.map((r) => `${r.id}${r.cells.title ? `《${r.cells.title}》` : ''}`);
    return {
      status: 'pass',
      message: `已建立应用单位安全监管制度：${list.join('、')}。`,
      messageEn: `A partner supervision policy is in place: ${list.join(', ')}.`,
      figures: { policies: rows.map((r) => r.id) },
    };
  },
};
