import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { EvidenceItem, RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { policiesOfType } from './support.js';

const TYPE = 'security_management';
const FLAGS: [string, string][] = [['planned', '同步规划'], ['built', '同步建设'], ['in_use', '同步使用']];

const isTrue = (v: unknown) => v === true || v === 1 || (typeof v === 'string' && parseBool(v) === true);

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-19-01',
    article: 19,
    severity: 'medium',
    title: '安全措施同步规划、同步建设、同步使用并有经费和管理制度保障',
    articleText: articleText(19),
    evidence: ['platform.json: security_planning (planned, built, in_use)', 'operator.json: security_budget_cny', 'policies.csv: type'],
    params: {},
    notes:
      '三部分分别判断：任一部分显示违规即不合格（即使其他部分缺证据）；没有违规但有部分缺证据（platform.json 或其 security_planning、' +
      'operator.json 或其 security_budget_cny、policies.csv 缺失或无法识别）为证据不足。security_planning 中某项缺失按未做到计。',
  },
  evaluate(ctx) {
    const r = ctx.records;
    const breaches: string[] = [];
    const gaps: string[] = [];
    const items: EvidenceItem[] = [];
    const figures: Record<string, unknown> = {};

    const plan = r.platform.value?.security_planning;
    if (!r.platform.present || !r.platform.value) gaps.push('缺少或无法读取 platform.json');
    else if (!plan || typeof plan !== 'object' || Array.isArray(plan)) gaps.push('platform.json 没有 security_planning');
    else {
      const p = plan as Record<string, unknown>;
      const notDone = FLAGS.filter(([k]) => !isTrue(p[k]));
      figures.securityPlanning = Object.fromEntries(FLAGS.map(([k]) => [k, isTrue(p[k])]));
      if (notDone.length) {
        breaches.push(`安全措施未${notDone.map(([, zh]) => zh).join('、')}`);
        items.push(fileEvidence('platform.json', JSON.stringify({ security_planning: plan })));
      }
    }

    const budgetRaw = r.operator.value?.security_budget_cny;
    const budget = typeof budgetRaw === 'number' ? budgetRaw : typeof budgetRaw === 'string' && budgetRaw.trim() ? Number(budgetRaw.trim()) : NaN;
    if (!r.operator.present || !r.operator.value) gaps.push('缺少或无法读取 operator.json');
    else if (Number.isNaN(budget)) gaps.push(budgetRaw === undefined || budgetRaw === null || budgetRaw === '' ? 'operator.json 没有 security_budget_cny' : `security_budget_cny“${String(budgetRaw)}”无法识别`);
    else {
      figures.securityBudgetCny = budget;
      if (!(budget > 0)) {
        breaches.push(`安全经费为 ${budget} 元`);
        items.push(fileEvidence('operator.json', JSON.stringify({ security_budget_cny: budgetRaw })));
      }
    }

    if (!r.policies.present || !r.policies.columns.includes('type')) gaps.push(r.policies.present ? 'policies.csv 缺少字段 type' : '缺少 policies.csv');
    else {
      const rows = policiesOfType(r, TYPE);
      figures.securityManagementPolicies = rows.map((x) => x.id);
      if (rows.length === 0) {
        breaches.push(`没有类型为 ${TYPE}（安全管理）的制度`);
        items.push(fileEvidence('policies.csv', `缺少 type=${TYPE} 的制度`));
      }
    }

    figures.breaches = breaches;
    if (breaches.length) {
      const tail = gaps.length ? `；另有证据缺失：${gaps.join('；')}` : '';
      return { status: 'fail', message: `有 ${breaches.length} 项不符合：${breaches.join('；')}${tail}。`, evidence: evidenceOf(ctx.maxEvidence, items), figures };
    }
    if (gaps.length) return { status: 'insufficient_evidence', message: `无法完整判断：${gaps.join('；')}。`, figures };
    return { status: 'pass', message: `安全措施已同步规划、建设、使用，安全经费 ${budget} 元，已建立安全管理制度。`, figures };
  },
};
