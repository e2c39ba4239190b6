import type { JsonItem } from '../../bundle/types.js';
import { evidenceOf, itemEvidence } from '../../engine/evidence.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { minutesBetween, startOf } from './support.js';

const GRADE_ZH: Record<string, string> = {
  特别重大: 'especially_major', 重大: 'major', 较大: 'large', 一般: 'general',
};
const INCIDENTS = { zh: '起', en: 'incidents' };
const incidentCount = (n: number) => `${n} incident${n === 1 ? '' : 's'}`;
const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** Canonical grade: English lower-case, or the Chinese grade (optionally ending in 事件) mapped. */
function canonicalGrade(v: unknown): string {
  const g = text(v);
  const zh = GRADE_ZH[g.replace(/事件$/, '')];
  if (zh) return zh;
  return g.toLowerCase().replace(/[\s-]+/g, '_');
}

/** How one incident measured up, in minutes (one decimal). */
export interface IncidentTiming {
  id: string;
  grade: string;
  detectedAt: string;
  planActivationMinutes: number | null;
  planLimitMinutes: number;
  planLateMinutes: number | null;
  reportMinutes: number | null;
  reportDeadlineMinutes: number | null;
  reportLateMinutes: number | null;
  /** Why the incident is late, or why the tool cannot tell. */
  problems: string[];
  verdict: 'on_time' | 'late' | 'review';
}

/** An incident's timing, and its problems in English (the figures keep the Chinese ones). */
function judge(ctx: RuleContext, item: JsonItem, detected: number): { t: IncidentTiming; problemsEn: string[] } {
  const v = item.value;
  const planLimit = ctx.params.plan_activation_max_minutes as number;
  const deadlines = (ctx.params.report_deadline_minutes ?? {}) as Record<string, number>;
  const grade = canonicalGrade(v.grade);
  const deadline = Object.prototype.hasOwnProperty.call(deadlines, grade) && Number.isFinite(deadlines[grade]) ? deadlines[grade] : null;
  const t: IncidentTiming = {
    id: item.id, grade: text(v.grade), detectedAt: text(v.detected_at),
    planActivationMinutes: null, planLimitMinutes: planLimit, planLateMinutes: null,
    reportMinutes: null, reportDeadlineMinutes: deadline, reportLateMinutes: null,
    problems: [], verdict: 'on_time',
  };
  const problemsEn: string[] = [];
  let late = false;
  let review = false;

  const planText = text(v.plan_activated_at);
  const plan = startOf(ctx, planText);
  if (!planText) {
    late = true;
    t.problems.push('未记录启动应急预案时间');
    problemsEn.push('no plan activation time is recorded');
  } else if (Number.isNaN(plan)) {
    review = true;
    t.problems.push(`启动预案时间“${planText}”无法识别`);
    problemsEn.push(`plan activation time “${planText}” cannot be read`);
  } else {
    t.planActivationMinutes = minutesBetween(detected, plan);
    // Exactly the limit meets it; only more breaches it.
    if (plan - detected > planLimit * 60_000) {
      late = true;
      t.planLateMinutes = minutesBetween(detected + planLimit * 60_000, plan);
      t.problems.push(`发现后 ${t.planActivationMinutes} 分钟才启动预案（限 ${planLimit} 分钟，超 ${t.planLateMinutes} 分钟）`);
      problemsEn.push(`the plan was activated ${minutes(t.planActivationMinutes)} after detection (limit ${minutes(planLimit)}, ${minutes(t.planLateMinutes)} late)`);
    } else {
      t.planLateMinutes = 0;
    }
  }

  const reportText = text(v.reported_at);
  const reported = startOf(ctx, reportText);
  if (!reportText) {
    late = true;
    t.problems.push('未记录向数据主管部门报告的时间');
    problemsEn.push('no report to the data authority is recorded');
  } else if (Number.isNaN(reported)) {
    review = true;
    t.problems.push(`报告时间“${reportText}”无法识别`);
    problemsEn.push(`report time “${reportText}” cannot be read`);
  } else {
    t.reportMinutes = minutesBetween(detected, reported);
    const known = Object.values(deadlines).filter((x) => Number.isFinite(x));
    // An unknown grade cannot pick a deadline, unless the report missed every grade's deadline.
    const applied = deadline ?? (known.length ? Math.max(...known) : null);
    if (applied !== null && reported - detected > applied * 60_000) {
      late = true;
      t.reportLateMinutes = minutesBetween(detected + applied * 60_000, reported);
      t.problems.push(
        deadline !== null
          ? `发现后 ${t.reportMinutes} 分钟才报告（${nameOf('incidentGrade', grade)}事件限 ${deadline} 分钟，超 ${t.reportLateMinutes} 分钟）`
          : `事件等级“${t.grade}”未知，发现后 ${t.reportMinutes} 分钟才报告，已超过任何等级的时限（${applied} 分钟）`,
      );
      problemsEn.push(
        deadline !== null
          ? `reported ${minutes(t.reportMinutes)} after detection (limit for a${grade === 'especially_major' ? 'n' : ''} ${nameOf('incidentGrade', grade, 'en').toLowerCase()} incident ${minutes(deadline)}, ${minutes(t.reportLateMinutes)} late)`
          : `grade “${t.grade}” is unknown, and the report ${minutes(t.reportMinutes)} after detection is past every grade's limit (${minutes(applied)})`,
      );
    } else if (deadline === null) {
      review = true;
      t.problems.push(`事件等级“${t.grade || '（空）'}”未知，无法确定报告时限`);
      problemsEn.push(`grade “${t.grade || '(empty)'}” is unknown, so the reporting limit is unknown`);
    } else {
      t.reportLateMinutes = 0;
    }
  }
  t.verdict = late ? 'late' : review ? 'review' : 'on_time';
  return { t, problemsEn };
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-21-02',
    article: 21,
    severity: 'high',
    title: '数据安全事件及时启动预案并按时报告',
    titleEn: 'Security incidents: the plan activated at once and the report on time',
    ...article(21),
    evidence: ['incidents.json：编号、事件等级、发现时间、启动预案时间、报送时间'],
    params: {
      plan_activation_max_minutes: {
        type: 'integer',
        default: 30,
        source: '锦政规〔2025〕4号第二十一条（立即启动应急预案）；规则目录 JZ-21-02',
        description: '发现事件到启动应急预案的最长时间；恰好等于不算超时。',
        label: { zh: '启动预案时限', en: 'Time limit to activate the plan' },
        unit: { zh: '分钟', en: 'minutes' },
      },
      report_deadline_minutes: {
        type: 'record<number>',
        default: { especially_major: 240, major: 240, large: 240, general: 1440 },
        source:
          '《网络安全事件报告管理办法》（国家互联网信息办公室，2025）：非关键信息基础设施、非国家机关的运营者，较大及以上事件 4 小时内报告；关键信息基础设施配置文件可设为 60',
        description: '按事件等级（特别重大、重大、较大、一般）从发现事件到向数据主管部门报告的最长时间；恰好等于不算超时。',
        label: { zh: '事件报告时限', en: 'Time limit to report, by grade' },
        unit: { zh: '分钟', en: 'minutes' },
        keys: 'incidentGrade',
      },
    },
    notes:
      '只检查发现时间在评估期内的事件；期外事件只计数。发现时间缺失或无法识别的事件需人工复核。' +
      '未记录启动预案时间或报送时间视为未启动预案或未报告（不合格）；时间无法识别需人工复核。' +
      '等级未知（空或“事件报告时限”中没有该等级）时，若报告已晚于所有等级中最长的时限仍判不合格，否则需人工复核；预案启动时限与等级无关，照常判断。' +
      '等级接受中文（特别重大、重大、较大、一般）。缺少 incidents.json 为证据不足；文件存在但评估期内没有事件为符合。',
    figures: {
      incidentsChecked: { kind: 'count', unit: INCIDENTS, label: { zh: '评估期内的事件', en: 'Incidents in the period' } },
      late: { kind: 'count', unit: INCIDENTS, label: { zh: '未按时处置或报告', en: 'Late' } },
      outsidePeriod: { kind: 'count', unit: INCIDENTS, label: { zh: '评估期外的事件', en: 'Incidents outside the period' } },
      withoutDetectedAt: { kind: 'count', unit: INCIDENTS, label: { zh: '发现时间缺失或无法识别', en: 'Detection time missing or unreadable' } },
      incidents: {
        kind: 'table',
        label: { zh: '各事件时限', en: 'Timing of each incident' },
        columns: {
          id: { kind: 'text', label: { zh: '事件', en: 'Incident' } },
          grade: { kind: 'enum', names: 'incidentGrade', label: { zh: '事件等级', en: 'Grade' } },
          detectedAt: { kind: 'time', label: { zh: '发现时间', en: 'Detected' } },
          planActivationMinutes: { kind: 'duration', unit: 'minutes', label: { zh: '发现到启动预案', en: 'Detection to plan activation' } },
          planLimitMinutes: { kind: 'duration', unit: 'minutes', label: { zh: '启动预案时限', en: 'Activation limit' } },
          planLateMinutes: { kind: 'duration', unit: 'minutes', label: { zh: '启动预案超时', en: 'Activation late by' } },
          reportMinutes: { kind: 'duration', unit: 'minutes', label: { zh: '发现到报告', en: 'Detection to report' } },
          reportDeadlineMinutes: { kind: 'duration', unit: 'minutes', label: { zh: '报告时限', en: 'Reporting limit' } },
          reportLateMinutes: { kind: 'duration', unit: 'minutes', label: { zh: '报告超时', en: 'Report late by' } },
          problems: { kind: 'list', of: { kind: 'text' }, label: { zh: '问题', en: 'Problems' } },
          verdict: { kind: 'enum', names: 'incidentVerdict', label: { zh: '判断', en: 'Verdict' } },
        },
      },
    },
  },
  evaluate(ctx) {
    const incidents = ctx.records.incidents;
    if (!incidents.present) {
      return {
        status: 'insufficient_evidence',
        message: '缺少 incidents.json，无法判断数据安全事件是否按时处置和报告。',
        messageEn: 'incidents.json is missing; cannot tell whether security incidents were handled and reported on time.',
      };
    }
    const timings: IncidentTiming[] = [];
    const problemsEn = new Map<IncidentTiming, string[]>();
    const itemOf = new Map<IncidentTiming, JsonItem>();
    const undated: JsonItem[] = [];
    let outside = 0;
    for (const item of incidents.items) {
      const detected = startOf(ctx, text(item.value.detected_at));
      if (Number.isNaN(detected)) {
        undated.push(item);
        continue;
      }
      if (detected < ctx.periodStartMs || detected >= ctx.periodEndMs) {
        outside++;
        continue;
      }
      const { t, problemsEn: en } = judge(ctx, item, detected);
      timings.push(t);
      problemsEn.set(t, en);
      itemOf.set(t, item);
    }
    const late = timings.filter((t) => t.verdict === 'late');
    const review = timings.filter((t) => t.verdict === 'review');
    const figures = {
      incidentsChecked: timings.length,
      outsidePeriod: outside,
      withoutDetectedAt: undated.length,
      late: late.length,
      incidents: timings,
    };
    const describe = (t: IncidentTiming) => `${t.id || '（无编号）'}：${t.problems.join('，')}`;
    const describeEn = (t: IncidentTiming) => `${t.id || '(no id)'}: ${problemsEn.get(t)!.join(', ')}`;
    const unsure = review.length + undated.length;
    if (late.length) {
      return {
        status: 'fail',
        message: `评估期内 ${timings.length} 起数据安全事件中 ${late.length} 起未按时启动预案或报告：${late.map(describe).join('；')}${unsure ? `；另有 ${unsure} 起需人工复核` : ''}。`,
        messageEn: `Of ${incidentCount(timings.length)} in the period, ${late.length} did not activate the plan or report on time: ${late.map(describeEn).join('; ')}${unsure ? `; ${unsure} more need${unsure === 1 ? 's' : ''} review` : ''}.`,
        evidence: evidenceOf(ctx.maxEvidence, late.map((t) => itemEvidence(itemOf.get(t)!))),
        figures,
      };
    }
    if (review.length || undated.length) {
      const reasons = [...review.map(describe), ...undated.map((i) => `${i.id || '（无编号）'}：发现时间缺失或无法识别`)];
      const reasonsEn = [...review.map(describeEn), ...undated.map((i) => `${i.id || '(no id)'}: detection time missing or unreadable`)];
      return {
        status: 'needs_review',
        message: `${unsure} 起数据安全事件无法自动判断时限，需人工复核：${reasons.join('；')}。`,
        messageEn: `The timing of ${incidentCount(unsure)} cannot be judged automatically and needs review: ${reasonsEn.join('; ')}.`,
        evidence: evidenceOf(ctx.maxEvidence, [...review.map((t) => itemEvidence(itemOf.get(t)!)), ...undated.map(itemEvidence)]),
        figures,
      };
    }
    if (timings.length === 0) {
      return {
        status: 'pass',
        message: `incidents.json 中评估期内没有数据安全事件${outside ? `（期外 ${outside} 起未检查）` : ''}。`,
        messageEn: `incidents.json holds no security incident in the period${outside ? ` (${incidentCount(outside)} outside it not checked)` : ''}.`,
        figures,
      };
    }
    return {
      status: 'pass',
      message: `评估期内 ${timings.length} 起数据安全事件均在时限内启动预案并报告。`,
      messageEn: timings.length === 1
        ? 'The one incident in the period had its plan activated and was reported within the limits.'
        : `All ${incidentCount(timings.length)} in the period had their plan activated and were reported within the limits.`,
      figures,
    };
  },
};
