import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceItem, RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { policiesOfType } from './support.js';

const TYPE = 'record_keeping';

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-17-02',
    article: 17,
    severity: 'medium',
    title: '建立记录保存制度并保存协议、制度和日志',
    titleEn: 'A record-keeping policy, with the agreement, policies and logs kept',
    ...article(17),
    evidence: ['policies.csv：类型', 'agreement.json', 'policies/：制度文件', 'logs/'],
    params: {},
    notes:
      '本规则检查的正是证据包是否保存了这些记录，缺少即为不合格，不报证据不足（没有 policies.csv 即没有记录保存制度）。' +
      '“至少一份制度文件”指 policies/ 下有文件在包内，或 policies.csv 所引用的文件中至少一份可读取；记录保存制度只要求在 policies.csv 中登记，不检查内容。',
    figures: {
      recordKeepingPolicies: { kind: 'list', of: { kind: 'text' }, label: { zh: '记录留存制度', en: 'Record-keeping policies' } },
      agreement: { kind: 'boolean', label: { zh: '有授权运营协议', en: 'Agreement kept' } },
      policyDocuments: { kind: 'boolean', label: { zh: '有制度文件', en: 'Policy documents kept' } },
      logFiles: { kind: 'count', unit: UNITS.files, label: { zh: '日志文件', en: 'Log files' } },
      missing: { kind: 'count', unit: UNITS.items, label: { zh: '缺少的记录', en: 'Records missing' } },
    },
  },
  evaluate(ctx) {
    const r = ctx.records;
    const problems: string[] = [];
    const problemsEn: string[] = [];
    const items: EvidenceItem[] = [];
    const missing: string[] = [];
    const typeName = nameOf('policyType', TYPE);

    const keeping = r.policies.present ? policiesOfType(r, TYPE) : [];
    if (keeping.length === 0) {
      missing.push('record_keeping_policy');
      problems.push(r.policies.present ? `policies.csv 中没有类型为“${typeName}”的制度` : '缺少 policies.csv，没有记录留存制度');
      problemsEn.push(r.policies.present ? `policies.csv lists no policy of type “${nameOf('policyType', TYPE, 'en')}”` : 'policies.csv is missing, so there is no record-keeping policy');
      items.push(fileEvidence('policies.csv', r.policies.present ? `缺少类型为“${typeName}”的制度` : '文件不存在'));
    }
    if (!r.agreement.present) {
      missing.push('agreement.json');
      problems.push('缺少授权运营协议（agreement.json）');
      problemsEn.push('the operation agreement (agreement.json) is missing');
      items.push(fileEvidence('agreement.json', '文件不存在'));
    }
    const hasPolicyDoc =
      r.files.some((f) => f.path.startsWith('policies/')) || Object.values(r.policyTexts).some((p) => p.text !== null);
    if (!hasPolicyDoc) {
      missing.push('policy_document');
      problems.push('policies/ 中没有任何制度文件');
      problemsEn.push('policies/ holds no policy document');
      items.push(fileEvidence('policies/', '没有制度文件'));
    }
    if (r.logFiles.length === 0) {
      missing.push('log_file');
      problems.push('logs/ 中没有任何运营日志文件');
      problemsEn.push('logs/ holds no operation log file');
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
      const n = r.logFiles.length;
      return {
        status: 'pass',
        message: `已建立记录留存制度（${keeping.map((p) => p.id).join('、')}），证据包保存了授权运营协议、制度文件和 ${n} 个日志文件。`,
        messageEn: `A record-keeping policy is in place (${keeping.map((p) => p.id).join(', ')}); the bundle keeps the operation agreement, policy documents and ${n} log file${n === 1 ? '' : 's'}.`,
        figures,
      };
    }
    const k = problems.length;
    return {
      status: 'fail',
      message: `记录保存不完整，共 ${k} 项：${problems.join('；')}。`,
      messageEn: `Records are incomplete, ${k} item${k === 1 ? '' : 's'}: ${problemsEn.join('; ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, items),
      figures,
    };
  },
};
