import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { EvidenceItem, RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { policiesOfType } from './support.js';

const TYPE = 'record_keeping';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-17-02',
    article: 17,
    severity: 'medium',
    title: '建立记录保存制度并保存协议、制度和日志',
    articleText: articleText(17),
    evidence: ['policies.csv: type', 'agreement.json', 'policies/: 制度文件', 'logs/'],
    params: {},
    notes:
      '本规则检查的正是证据包是否保存了这些记录，缺少即为不合格，不报证据不足（没有 policies.csv 即没有记录保存制度）。' +
      '“至少一份制度文件”指 policies/ 下有文件在包内，或 policies.csv 所引用的文件中至少一份可读取；记录保存制度只要求在 policies.csv 中登记，不检查内容。',
  },
  evaluate(ctx) {
    const r = ctx.records;
    const problems: string[] = [];
    const items: EvidenceItem[] = [];
    const missing: string[] = [];

    const keeping = r.policies.present ? policiesOfType(r, TYPE) : [];
    if (keeping.length === 0) {
      missing.push('record_keeping_policy');
      problems.push(r.policies.present ? `policies.csv 中没有类型为 ${TYPE}（记录保存）的制度` : `缺少 policies.csv，没有记录保存制度`);
      items.push(fileEvidence('policies.csv', r.policies.present ? `缺少 type=${TYPE} 的制度` : '文件不存在'));
    }
    if (!r.agreement.present) {
      missing.push('agreement.json');
      problems.push('缺少授权运营协议 agreement.json');
      items.push(fileEvidence('agreement.json', '文件不存在'));
    }
    const hasPolicyDoc =
      r.files.some((f) => f.path.startsWith('policies/')) || Object.values(r.policyTexts).some((p) => p.text !== null);
    if (!hasPolicyDoc) {
      missing.push('policy_document');
      problems.push('policies/ 中没有任何制度文件');
      items.push(fileEvidence('policies/', '没有制度文件'));
    }
    if (r.logFiles.length === 0) {
      missing.push('log_file');
      problems.push('logs/ 中没有任何运营日志文件');
      items.push(fileEvidence('logs/', '没有日志文件'));
    }

    const figures = {
      recordKeepingPolicies: keeping.map((p) => p.id),
      agreement: r.agreement.present,
      policyDocuments: hasPolicyDoc,
      logFiles: r.logFiles.length,
      missing,
    };
    if (problems.length === 0) {
      return {
        status: 'pass',
        message: `已建立记录保存制度（${keeping.map((p) => p.id).join('、')}），证据包保存了授权运营协议、制度文件和 ${r.logFiles.length} 个日志文件。`,
        figures,
      };
    }
    return { status: 'fail', message: `记录保存不完整，共 ${problems.length} 项：${problems.join('；')}。`, evidence: evidenceOf(ctx.maxEvidence, items), figures };
  },
};
