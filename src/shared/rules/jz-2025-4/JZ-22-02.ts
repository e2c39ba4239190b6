import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { policiesOfType, requireTable } from './support.js';

const TYPE = 'partner_supervision';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-22-02',
    article: 22,
    severity: 'low',
    title: '建立应用单位安全监管制度',
    articleText: articleText(22),
    evidence: ['policies.csv: type'],
    params: {},
    notes:
      '只要求 policies.csv 中有类型为 partner_supervision 的制度记录，不检查其内容（目录未列要素）；文件是否随包提交由 JZ-17-03 的完整性检查负责。' +
      '不论是否有应用单位都要求该制度。没有 policies.csv 或其 type 字段为证据不足。',
  },
  evaluate(ctx) {
    const missingTable = requireTable(ctx.records.policies, ['type']);
    if (missingTable) return missingTable;
    const rows = policiesOfType(ctx.records, TYPE);
    if (rows.length === 0) {
      return {
        status: 'fail',
        message: `policies.csv 中没有类型为 ${TYPE}（应用单位安全监管）的制度。`,
        evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('policies.csv', `缺少 type=${TYPE} 的制度`)]),
        figures: { missingPolicy: TYPE },
      };
    }
    return {
      status: 'pass',
      message: `已建立应用单位安全监管制度：${rows.map((r) => `${r.id}${r.cells.title ? `《${r.cells.title}》` : ''}`).join('、')}。`,
      figures: { policies: rows.map((r) => r.id) },
    };
  },
};
