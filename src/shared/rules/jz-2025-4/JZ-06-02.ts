import { fileEvidence, evidenceOf } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

const REQUIRED = ['supply_demand', 'case_showcase', 'policy_publicity', 'public_application'];

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-06-02',
    article: 6,
    severity: 'low',
    title: '运营平台具备供需对接、案例展示、政策宣传、公共应用功能',
    titleEn: 'The platform offers supply–demand matching, case showcase, policy publicity and public applications',
    ...article(6),
    evidence: ['platform.json：平台功能'],
    params: {},
    figures: { missing: { kind: 'list', of: { kind: 'enum', names: 'platformFunction' }, label: { zh: '缺少的功能', en: 'Missing functions' } } },
  },
  evaluate(ctx) {
    const platform = ctx.records.platform;
    if (!platform.present || !platform.value) return insufficient('缺少或无法读取 platform.json，无法判断平台功能。', 'platform.json is missing or unreadable; the platform\'s functions cannot be judged.');
    const functions = platform.value.functions;
    if (!Array.isArray(functions)) return insufficient('platform.json 缺少“平台功能”，无法判断。', 'platform.json has no functions; cannot decide.');
    const have = new Set(functions.map((f) => String(f).trim()));
    const missing = REQUIRED.filter((f) => !have.has(f));
    if (missing.length === 0) {
      return { status: 'pass', message: '平台具备全部四项功能：供需对接、案例展示、政策宣传、公共应用。', messageEn: 'The platform has all four functions.', figures: { missing } };
    }
    return {
      status: 'fail',
      message: `平台缺少 ${missing.length} 项功能：${missing.map((m) => nameOf('platformFunction', m)).join('、')}。`,
      messageEn: `The platform lacks ${missing.length} function${missing.length === 1 ? '' : 's'}: ${missing.map((m) => nameOf('platformFunction', m, 'en')).join(', ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('platform.json', JSON.stringify({ functions }))]),
      figures: { missing },
    };
  },
};
