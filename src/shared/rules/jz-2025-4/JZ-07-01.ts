import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { insufficient } from './support.js';

const REQUIRED = [
  'data_sandbox', 'privacy_computing', 'identity_authentication', 'access_control', 'security_audit',
  'authorization_management', 'process_traceability', 'data_mutual_trust',
];
const NAMES: Record<string, string> = {
  data_sandbox: '数据沙箱', privacy_computing: '隐私计算', identity_authentication: '身份认证', access_control: '访问控制',
  security_audit: '安全审计', authorization_management: '授权管理', process_traceability: '全流程追溯', data_mutual_trust: '数据互信',
};

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-07-01',
    article: 7,
    severity: 'high',
    title: '运营平台具备数据沙箱、隐私计算等八项技术能力',
    articleText: articleText(7),
    evidence: ['platform.json: capabilities'],
    params: {},
    notes: '能力名称按 bundle-v1.md 的英文取值逐项比对（去除首尾空白），不做同义词推断。',
  },
  evaluate(ctx) {
    const platform = ctx.records.platform;
    if (!platform.present || !platform.value) return insufficient('缺少或无法读取 platform.json，无法判断平台技术能力。');
    const capabilities = platform.value.capabilities;
    if (!Array.isArray(capabilities)) return insufficient('platform.json 缺少 capabilities 字段，无法判断平台技术能力。');
    const have = new Set(capabilities.map((c) => String(c).trim()));
    const missing = REQUIRED.filter((c) => !have.has(c));
    if (missing.length === 0) return { status: 'pass', message: '平台具备全部八项技术能力。', figures: { missing: [] } };
    return {
      status: 'fail',
      message: `平台缺少 ${missing.length} 项技术能力（共需 8 项）：${missing.map((m) => `${NAMES[m]}（${m}）`).join('、')}。`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('platform.json', JSON.stringify({ capabilities }))]),
      figures: { missing },
    };
  },
};
