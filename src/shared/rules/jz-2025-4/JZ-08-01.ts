import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

const CHINESE_LEVEL: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** MLPS level as written: 3, "3", "三级", "第三级"; NaN when unreadable. */
function mlpsLevel(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const m = /^第?([一二三四五])级$/.exec(v);
  return m ? CHINESE_LEVEL[m[1]] : NaN;
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-08-01',
    article: 8,
    severity: 'high',
    title: '运营平台通过网络安全等级保护第三级备案',
    titleEn: 'The platform is filed at MLPS level 3',
    ...article(8),
    evidence: ['platform.json：等级保护的等级、备案号'],
    params: {},
    notes:
      '等级接受数字或“三级”“第三级”写法；等级保护信息或等级缺失、无法识别为证据不足。备案号缺失或为空视为未备案（不合格），' +
      '因为本条要求的正是备案编号非空。',
    figures: {
      level: { kind: 'number', digits: 0, unit: { zh: '级', en: '' }, label: { zh: '等级保护级别', en: 'MLPS level' } },
      recordNo: { kind: 'text', label: { zh: '备案号', en: 'Record number' } },
    },
  },
  evaluate(ctx) {
    const platform = ctx.records.platform;
    if (!platform.present || !platform.value) return insufficient('缺少或无法读取 platform.json，无法判断等级保护情况。', 'platform.json is missing or unreadable; MLPS cannot be judged.');
    const mlps = platform.value.mlps as Record<string, unknown> | undefined;
    if (!mlps || typeof mlps !== 'object') return insufficient('platform.json 缺少等级保护信息，无法判断。', 'platform.json has no MLPS section; cannot decide.');
    if (mlps.level === undefined || mlps.level === null || mlps.level === '') return insufficient('platform.json 缺少等级保护级别，无法判断。', 'platform.json has no MLPS level; cannot decide.');
    const level = mlpsLevel(mlps.level);
    if (Number.isNaN(level)) return insufficient(`platform.json 的等级保护级别“${String(mlps.level)}”无法识别为等级。`, `The MLPS level “${String(mlps.level)}” in platform.json is not a level.`);
    const recordNo = typeof mlps.record_no === 'string' || typeof mlps.record_no === 'number' ? String(mlps.record_no).trim() : '';
    const problems: string[] = [];
    const problemsEn: string[] = [];
    if (level < 3) {
      problems.push(`等级保护级别为第 ${level} 级，低于第三级`);
      problemsEn.push(`the MLPS level is ${level}, below 3`);
    }
    if (!recordNo) {
      problems.push('未填写等级保护备案编号（备案号）');
      problemsEn.push('no MLPS record number');
    }
    const figures = { level, recordNo };
    if (problems.length === 0) return { status: 'pass', message: `运营平台等级保护第 ${level} 级，备案编号 ${recordNo}。`, messageEn: `The platform is at MLPS level ${level}, record number ${recordNo}.`, figures };
    return {
      status: 'fail',
      message: `运营平台不符合等级保护第三级要求：${problems.join('；')}。`,
      messageEn: `The platform does not meet MLPS level 3: ${problemsEn.join('; ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('platform.json', JSON.stringify({ mlps: { level: mlps.level, record_no: mlps.record_no ?? null } }))]),
      figures,
    };
  },
};
