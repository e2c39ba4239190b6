import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

const REQUIRED = [
  'data_sandbox', 'privacy_computing', 'identity_authentication', 'access_control', 'security_audit',
  'authorization_management', 'process_traceability', 'data_mutual_trust',
];

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-07-01',
    article: 7,
    severity: 'high',
    title: '运营平台具备数据沙箱、隐私计算等八项技术能力',
    titleEn: 'The platform has the eight technical capabilities (data sandbox, privacy computing, …)',
    ...article(7),
    evidence: ['platform.json：技术能力'],
    params: {},
    notes: '能力名称按 bundle-v1.md 规定的取值逐项比对（去除首尾空白），不做同义词推断。',
    figures: { missing: { kind: 'list', of: { kind: 'enum', names: 'platformCapability' }, label: { zh: '缺少的技术能力', en: 'Missing capabilities' } } },
  },
  evaluate(ctx) {
    const platform = ctx.records.platform;
    if (!platform.present || !platform.value) return insufficient('缺少或无法读取 platform.json，无法判断平台技术能力。', 'platform.json is missing or unreadable; the platform\'s capabilities cannot be judged.');
    const capabilities = platform.value.capabilities;
    if (!Array.isArray(capabilities)) return insufficient('platform.json 缺少“技术能力”，无法判断。', 'platform.json has no capabilities; cannot decide.');
    const have = new Set(capabilities.map((c) => String(c).trim()));
    const missing = REQUIRED.filter((c) => !have.has(c));
    if (missing.length === 0) return { status: 'pass', message: '平台具备全部八项技术能力。', messageEn: 'The platform has all eight technical capabilities.', figures: { missing: [] } };
    return {
      status: 'fail',
      message: `平台缺少 ${missing.length} 项技术能力（共需 8 项）：${missing.map((m) => nameOf('platformCapability', m)).join('、')}。`,
      messageEn: `The platform lacks ${missing.length} of the 8 technical capabilities: ${missing.map((m) => nameOf('platformCapability', m, 'en')).join(', ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('platform.json', JSON.stringify({ capabilities }))]),
      figures: { missing },
    };
  },
};
