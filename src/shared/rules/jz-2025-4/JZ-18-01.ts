import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { insufficient } from './support.js';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-18-01',
    article: 18,
    severity: 'medium',
    title: '设立数据安全责任人并具备相应条件',
    articleText: articleText(18),
    evidence: ['operator.json: security_officer (name, experience_years, certifications, reports_to, in_decision_making), principal'],
    params: {
      officer_min_experience_years: {
        type: 'integer',
        default: 3,
        source: '锦政规〔2025〕4号第十八条（数据安全责任人具备相应经验和资质）；3 年为规则目录 jz-2025-4 的默认值',
        description: '数据安全责任人最少的从业年限（含）。',
      },
    },
    notes:
      '没有 operator.json 或其中没有 security_officer 对象为证据不足；其下各项缺失或不符为不合格，逐项列出。' +
      'reports_to 接受 principal、“主要负责人”或与 operator.principal 相同的姓名；in_decision_making 接受 true/是/yes/1；experience_years 接受数字或数字字符串。',
  },
  evaluate(ctx) {
    const op = ctx.records.operator;
    if (!op.present || !op.value) return insufficient('缺少或无法读取 operator.json，无法判断数据安全责任人。');
    const officer = op.value.security_officer;
    if (!officer || typeof officer !== 'object' || Array.isArray(officer)) {
      return insufficient('operator.json 没有 security_officer（数据安全责任人）信息，无法判断。');
    }
    const o = officer as Record<string, unknown>;
    const minYears = Number(ctx.params.officer_min_experience_years);
    const problems: { field: string; text: string }[] = [];

    if (!str(o.name)) problems.push({ field: 'name', text: '未填写姓名' });

    const yearsText = str(o.experience_years);
    const years = yearsText ? Number(yearsText) : NaN;
    if (Number.isNaN(years)) problems.push({ field: 'experience_years', text: yearsText ? `从业年限“${yearsText}”无法识别` : '未填写从业年限' });
    else if (years < minYears) problems.push({ field: 'experience_years', text: `从业年限 ${years} 年，少于 ${minYears} 年` });

    const certs = Array.isArray(o.certifications) ? o.certifications.map(str).filter(Boolean) : str(o.certifications) ? [str(o.certifications)] : [];
    if (certs.length === 0) problems.push({ field: 'certifications', text: '没有任何专业资质证书' });

    const reportsTo = str(o.reports_to);
    const principal = str(op.value.principal);
    const toPrincipal = reportsTo.toLowerCase() === 'principal' || reportsTo === '主要负责人' || (principal !== '' && reportsTo === principal);
    if (!toPrincipal) problems.push({ field: 'reports_to', text: reportsTo ? `汇报对象为“${reportsTo}”，不是主要负责人` : '未填写汇报对象' });

    const dm = o.in_decision_making;
    const inDecision = dm === true || (typeof dm === 'string' && parseBool(dm) === true) || dm === 1;
    if (!inDecision) problems.push({ field: 'in_decision_making', text: '未参与单位重要决策' });

    const figures = {
      name: str(o.name), experienceYears: Number.isNaN(years) ? null : years, minYears, certifications: certs,
      reportsTo, inDecisionMaking: inDecision, missing: problems.map((p) => p.field),
    };
    if (problems.length === 0) {
      return { status: 'pass', message: `数据安全责任人 ${str(o.name)} 从业 ${years} 年，持 ${certs.length} 项资质，向主要负责人汇报并参与重要决策。`, figures };
    }
    return {
      status: 'fail',
      message: `数据安全责任人${str(o.name) ? ` ${str(o.name)} ` : ''}有 ${problems.length} 项不符合：${problems.map((p) => p.text).join('；')}。`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('operator.json', JSON.stringify({ security_officer: officer }))]),
      figures,
    };
  },
};
