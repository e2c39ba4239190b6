import { parseBool } from '../../bundle/normalise.js';
import { evidenceOf, fileEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { insufficient } from './support.js';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-18-01',
    article: 18,
    severity: 'medium',
    title: '设立数据安全责任人并具备相应条件',
    titleEn: 'A qualified data security officer is appointed',
    ...article(18),
    evidence: ['operator.json：数据安全责任人（姓名、从业年限、资质证书、汇报对象、参与重大决策）、主要负责人'],
    params: {
      officer_min_experience_years: {
        type: 'integer',
        default: 3,
        source: '锦政规〔2025〕4号第十八条（数据安全责任人具备相应经验和资质）；3 年为规则目录 jz-2025-4 的默认值',
        description: '数据安全责任人最少的从业年限（含）。',
        label: { zh: '责任人最短从业年限', en: 'Officer’s least years of experience' },
        unit: { zh: '年', en: 'years' },
      },
    },
    notes:
      '没有 operator.json 或其中没有数据安全责任人为证据不足；其下各项缺失或不符为不合格，逐项列出。' +
      '汇报对象接受“主要负责人”（含英文写法）或与运营机构主要负责人相同的姓名；参与重大决策接受表示“是”的各种写法（是、1 等）；从业年限接受数字或写成文字的数字。',
    figures: {
      name: { kind: 'text', label: { zh: '姓名', en: 'Name' } },
      experienceYears: { kind: 'duration', unit: 'years', label: { zh: '从业年限', en: 'Years of experience' } },
      minYears: { kind: 'duration', unit: 'years', label: { zh: '要求的最短从业年限', en: 'Least experience required' } },
      certifications: { kind: 'list', of: { kind: 'text' }, label: { zh: '资质证书', en: 'Certifications' } },
      reportsTo: { kind: 'enum', names: 'reportsTo', label: { zh: '汇报对象', en: 'Reports to' } },
      inDecisionMaking: { kind: 'boolean', label: { zh: '参与重大决策', en: 'Takes part in major decisions' } },
      missing: { kind: 'list', of: { kind: 'enum', names: 'field' }, label: { zh: '不符合的项目', en: 'Items not met' } },
    },
  },
  evaluate(ctx) {
    const op = ctx.records.operator;
    if (!op.present || !op.value) return insufficient('缺少或无法读取 operator.json，无法判断数据安全责任人。', 'operator.json is missing or unreadable; cannot judge the data security officer.');
    const officer = op.value.security_officer;
    if (!officer || typeof officer !== 'object' || Array.isArray(officer)) {
      return insufficient('operator.json 没有数据安全责任人信息，无法判断。', 'operator.json names no data security officer; cannot decide.');
    }
    const o = officer as Record<string, unknown>;
    const minYears = Number(ctx.params.officer_min_experience_years);
    const problems: { field: string; text: string; en: string }[] = [];

    if (!str(o.name)) problems.push({ field: 'name', text: '未填写姓名', en: 'no name is given' });

    const yearsText = str(o.experience_years);
    const years = yearsText ? Number(yearsText) : NaN;
    const yearsField = nameOf('field', 'experience_years');
    if (Number.isNaN(years)) {
      problems.push(yearsText
        ? { field: 'experience_years', text: `${yearsField}“${yearsText}”无法识别`, en: `years of experience “${yearsText}” cannot be read` }
        : { field: 'experience_years', text: `未填写${yearsField}`, en: 'no years of experience are given' });
    } else if (years < minYears) {
      problems.push({ field: 'experience_years', text: `${yearsField} ${years} 年，少于 ${minYears} 年`, en: `${years} year${years === 1 ? '' : 's'} of experience, fewer than ${minYears}` });
    }

    const certs = Array.isArray(o.certifications) ? o.certifications.map(str).filter(Boolean) : str(o.certifications) ? [str(o.certifications)] : [];
    if (certs.length === 0) problems.push({ field: 'certifications', text: '没有任何专业资质证书', en: 'no professional certification' });

    const reportsTo = str(o.reports_to);
    const principal = str(op.value.principal);
    const toPrincipal = reportsTo.toLowerCase() === 'principal' || reportsTo === '主要负责人' || (principal !== '' && reportsTo === principal);
    if (!toPrincipal) {
      problems.push(reportsTo
        // The operator's own word is in the figures and the evidence; the Chinese sentence does not quote it (it may be a code).
        ? { field: 'reports_to', text: '汇报对象不是主要负责人', en: `reports to “${reportsTo}”, not to the principal` }
        : { field: 'reports_to', text: '未填写汇报对象', en: 'no reporting line is given' });
    }

    const dm = o.in_decision_making;
    const inDecision = dm === true || (typeof dm === 'string' && parseBool(dm) === true) || dm === 1;
    if (!inDecision) problems.push({ field: 'in_decision_making', text: '未参与单位重要决策', en: 'does not take part in major decisions' });

    const figures = {
      name: str(o.name), experienceYears: Number.isNaN(years) ? null : years, minYears, certifications: certs,
      reportsTo, inDecisionMaking: inDecision, missing: problems.map((p) => p.field),
    };
    if (problems.length === 0) {
      return {
        status: 'pass',
        message: `数据安全责任人 ${str(o.name)} 从业 ${years} 年，持 ${certs.length} 项资质，向主要负责人汇报并参与重要决策。`,
        messageEn: `The data security officer ${str(o.name)} has ${years} year${years === 1 ? '' : 's'} of experience and ${certs.length} certification${certs.length === 1 ? '' : 's'}, reports to the principal and takes part in major decisions.`,
        figures,
      };
    }
    const k = problems.length;
    return {
      status: 'fail',
      message: `数据安全责任人${str(o.name) ? ` ${str(o.name)} ` : ''}有 ${k} 项不符合：${problems.map((p) => p.text).join('；')}。`,
      messageEn: `The data security officer${str(o.name) ? ` ${str(o.name)}` : ''} falls short on ${k} item${k === 1 ? '' : 's'}: ${problems.map((p) => p.en).join('; ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, [fileEvidence('operator.json', JSON.stringify({ security_officer: officer }))]),
      figures,
    };
  },
};
