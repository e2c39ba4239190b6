import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceItem, RecordRule } from '../../engine/types.js';
import { NAMES, nameOf } from '../../names.js';
import { article } from './articles.js';
import { policiesOfType } from './support.js';

const TYPE = 'security_management';
const FLAGS = ['planned', 'built', 'in_use'] as const;

const isTrue = (v: unknown) => v === true || v === 1 || (typeof v === 'string' && parseBool(v) === true);

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-19-01',
    article: 19,
    severity: 'medium',
    title: '安全措施同步规划、同步建设、同步使用并有经费和管理制度保障',
    titleEn: 'Security planned, built and used together, funded and governed by a policy',
    ...article(19),
    evidence: ['platform.json：安全措施同步（同步规划、同步建设、同步使用）', 'operator.json：安全投入（元）', 'policies.csv：类型'],
    params: {},
    notes:
      '三部分分别判断：任一部分显示违规即不合格（即使其他部分缺证据）；没有违规但有部分缺证据（platform.json 或其安全措施同步、' +
      'operator.json 或其安全投入、policies.csv 缺失或无法识别）为证据不足。安全措施同步中某项缺失按未做到计。',
    figures: {
      securityPlanning: {
        kind: 'record',
        label: { zh: '安全措施同步', en: 'Security planning' },
        fields: {
          planned: { kind: 'boolean', label: NAMES.planningStage.planned },
          built: { kind: 'boolean', label: NAMES.planningStage.built },
          in_use: { kind: 'boolean', label: NAMES.planningStage.in_use },
        },
      },
      securityBudgetCny: { kind: 'number', unit: UNITS.yuan, label: { zh: '安全投入', en: 'Security budget' } },
      securityManagementPolicies: { kind: 'list', of: { kind: 'text' }, label: { zh: '安全管理制度', en: 'Security management policies' } },
      breaches: { kind: 'count', unit: UNITS.items, label: { zh: '不符合项', en: 'Shortfalls' } },
    },
  },
  evaluate(ctx) {
    const r = ctx.records;
    const breaches: string[] = [];
    const breachesEn: string[] = [];
    const gaps: string[] = [];
    const gapsEn: string[] = [];
    const items: EvidenceItem[] = [];
    const figures: Record<string, unknown> = {};
    const planningField = nameOf('field', 'security_planning');
    const budgetField = nameOf('field', 'security_budget_cny');
    const typeName = nameOf('policyType', TYPE);

    const plan = r.platform.value?.security_planning;
    if (!r.platform.present || !r.platform.value) {
      gaps.push('缺少或无法读取 platform.json');
      gapsEn.push('platform.json is missing or unreadable');
    } else if (!plan || typeof plan !== 'object' || Array.isArray(plan)) {
      gaps.push(`platform.json 没有${planningField}`);
      gapsEn.push('platform.json has no security planning');
    } else {
      const p = plan as Record<string, unknown>;
      const notDone = FLAGS.filter((k) => !isTrue(p[k]));
      figures.securityPlanning = Object.fromEntries(FLAGS.map((k) => [k, isTrue(p[k])]));
      if (notDone.length) {
        breaches.push(`安全措施未${notDone.map((k) => nameOf('planningStage', k)).join('、')}`);
        breachesEn.push(`security is not ${notDone.map((k) => nameOf('planningStage', k, 'en')).join(', ')}`);
        items.push(fileEvidence('platform.json', JSON.stringify({ security_planning: plan })));
      }
    }

    const budgetRaw = r.operator.value?.security_budget_cny;
    const budget = typeof budgetRaw === 'number' ? budgetRaw : typeof budgetRaw === 'string' && budgetRaw.trim() ? Number(budgetRaw.trim()) : NaN;
    if (!r.operator.present || !r.operator.value) {
      gaps.push('缺少或无法读取 operator.json');
      gapsEn.push('operator.json is missing or unreadable');
    } else if (Number.isNaN(budget)) {
      const absent = budgetRaw === undefined || budgetRaw === null || budgetRaw === '';
      gaps.push(absent ? `operator.json 没有${budgetField}` : `${budgetField}“${String(budgetRaw)}”无法识别`);
      gapsEn.push(absent ? 'operator.json gives no security budget' : `the security budget “${String(budgetRaw)}” cannot be read`);
    } else {
      figures.securityBudgetCny = budget;
      if (!(budget > 0)) {
        breaches.push(`安全经费为 ${budget} 元`);
        breachesEn.push(`the security budget is ${budget} CNY`);
        items.push(fileEvidence('operator.json', JSON.stringify({ security_budget_cny: budgetRaw })));
      }
    }

    if (!r.policies.present || !r.policies.columns.includes('type')) {
      gaps.push(r.policies.present ? 'policies.csv 缺少“类型”列' : '缺少 policies.csv');
      gapsEn.push(r.policies.present ? 'policies.csv lacks the column “type”' : 'policies.csv is missing');
    } else {
      const rows = policiesOfType(r, TYPE);
      figures.securityManagementPolicies = rows.map((x) => x.id);
      if (rows.length === 0) {
        breaches.push(`没有类型为“${typeName}”的制度`);
        breachesEn.push(`no policy of type “${nameOf('policyType', TYPE, 'en')}”`);
        items.push(fileEvidence('policies.csv', `缺少类型为“${typeName}”的制度`));
      }
    }

    figures.breaches = breaches;
    if (breaches.length) {
      const k = breaches.length;
      return {
        status: 'fail',
        message: `有 ${k} 项不符合：${breaches.join('；')}${gaps.length ? `；另有证据缺失：${gaps.join('；')}` : ''}。`,
        messageEn: `${k} shortfall${k === 1 ? '' : 's'}: ${breachesEn.join('; ')}${gapsEn.length ? `; evidence is also missing: ${gapsEn.join('; ')}` : ''}.`,
        evidence: evidenceOf(ctx.maxEvidence, items),
        figures,
      };
    }
    if (gaps.length) {
      return {
        status: 'insufficient_evidence',
        message: `无法完整判断：${gaps.join('；')}。`,
        messageEn: `Cannot fully decide: ${gapsEn.join('; ')}.`,
        figures,
      };
    }
    return {
      status: 'pass',
      message: `安全措施已同步规划、建设、使用，安全经费 ${budget} 元，已建立安全管理制度。`,
      messageEn: `Security is planned, built and used together, with a security budget of ${budget} CNY and a security management policy.`,
      figures,
    };
  },
};
