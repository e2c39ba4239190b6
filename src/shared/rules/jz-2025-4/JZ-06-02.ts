import { fileEvidence, evidenceOf } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { insufficient } from './support.js';

const REQUIRED = ['supply_demand', 'case_showcase', 'policy_publicity', 'public_application'];
const NAMES: Record<string, string> = {
  supply_demand: '供需对接', case_showcase: '案例展示', policy_publicity: '政策宣传', public_application: '公共应用',
};

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-06-02',
    article: 6,
    severity: 'low',
    title: '运营平台具备供需对接、案例展示、政策宣传、公共应用功能',
    articleText: articleText(6),
    evidence: ['platform.json: functions'],
    params: {},
  },
  evaluate(ctx) {
    const platform = ctx.records.platform;
    if (!platform.present || !platform.value) return insufficient('缺少或无法读取 platform.json，无法判断平台功能。');
    const functions = platform.value.functions;
    if (!Array.isArray(functions)) return insufficient('platform.json 缺少 functions 字段，无法判断平台功能。');
    const have = new Set(functions.map((f) => String(f).trim()));
    const missing = REQUIRED.filter((f) => !have.has(f));
    if (missing.length === 0) return { status: 'pass', message: '平台具备全部四项功能：供需对接、案例展示、政策宣传、公共应用。' };
    return {
      status: 'fail',
      message: `平台缺少 ${missing.length} 项功能：${missing.map((m) => `${NAMES[m]}（${m}）`).join('、')}。`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('platform.json', JSON.stringify({ functions }))]),
      figures: { missing },
    };
  },
};
