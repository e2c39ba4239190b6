import { addDays, localDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { evidenceOf, fileEvidence, rowEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceItem, RecordRule, RuleContext } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { checkPolicyElements, requireTable, startOf } from './support.js';

const POLICY_TYPE = 'incident_response';
const ELEMENTS = ['分级', '报告', '处置', '演练'];
const DRILL_TYPE = 'incident_drill';
/** The plan's required elements in English, for English messages. */
const ELEMENT_EN: Record<string, string> = { 分级: 'grading', 报告: 'reporting', 处置: 'handling', 演练: 'drills' };

/** One half of the rule (the plan, or the drill): ok, breached, or not decidable. */
interface Part {
  state: 'ok' | 'fail' | 'insufficient';
  message: string;
  messageEn: string;
  evidence: EvidenceItem[];
  figures: Record<string, unknown>;
}

/** Parts in English are clauses: the joined text starts with a capital (not a file name's) and ends with one full stop. */
function sentence(text: string): string {
  return /^[\w-]+\.[a-z]+\b/.test(text) ? `${text}.` : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A whole message as a part's clause: without its closing full stop. */
const clause = (text: string) => text.replace(/[。.]$/, '');

function policyPart(ctx: RuleContext): Part {
  const missingTable = requireTable(ctx.records.policies, ['type']);
  if (missingTable) return { state: 'insufficient', message: clause(missingTable.message), messageEn: clause(missingTable.messageEn), evidence: [], figures: { policy: null } };
  const check = checkPolicyElements(ctx.records, POLICY_TYPE, ELEMENTS);
  if (check.kind === 'missing_policy') {
    const typeName = nameOf('policyType', POLICY_TYPE);
    return {
      state: 'fail',
      message: `policies.csv 中没有类型为“${typeName}”的制度`,
      messageEn: `policies.csv lists no policy of type “${nameOf('policyType', POLICY_TYPE, 'en')}”`,
      evidence: [fileEvidence('policies.csv', `缺少类型为“${typeName}”的制度`)],
      figures: { policy: null },
    };
  }
  if (check.kind === 'unreadable') {
    return {
      state: 'insufficient',
      message: `应急预案 ${check.row.id} 的文件缺失或无法读取（${check.reason}），无法检查其内容`,
      messageEn: `the file of incident response plan ${check.row.id} is missing or unreadable (${check.reason}); its content cannot be checked`,
      evidence: [rowEvidence(check.row)],
      figures: { policy: check.row.id },
    };
  }
  if (check.missing.length === 0) {
    return {
      state: 'ok',
      message: `应急预案 ${check.row.id} 包含分级、报告、处置、演练四项要素`,
      messageEn: `incident response plan ${check.row.id} covers grading, reporting, handling and drills`,
      evidence: [],
      figures: { policy: check.row.id, missingElements: [] },
    };
  }
  const k = check.missing.length;
  return {
    state: 'fail',
    message: `应急预案 ${check.row.id} 缺少 ${k} 项要素：${check.missing.join('、')}`,
    messageEn: `incident response plan ${check.row.id} lacks ${k} element${k === 1 ? '' : 's'}: ${check.missing.map((e) => ELEMENT_EN[e] ?? e).join(', ')}`,
    evidence: [rowEvidence(check.row)],
    figures: { policy: check.row.id, missingElements: check.missing },
  };
}

function drillPart(ctx: RuleContext): Part {
  const maxAge = ctx.params.drill_max_age_days as number;
  const missingTable = requireTable(ctx.records.assessments, ['type', 'date']);
  if (missingTable) return { state: 'insufficient', message: clause(missingTable.message), messageEn: clause(missingTable.messageEn), evidence: [], figures: { latestDrill: null } };
  const earliest = addDays(ctx.records.period.end, -maxAge);
  const earliestMs = startOf(ctx, earliest);
  const drills = ctx.records.assessments.rows.filter((r) => r.cells.type === DRILL_TYPE);
  const dated: { row: Row; t: number }[] = [];
  const undated: Row[] = [];
  for (const row of drills) {
    const t = startOf(ctx, row.cells.date);
    if (Number.isNaN(t)) undated.push(row);
    else dated.push({ row, t });
  }
  dated.sort((a, b) => b.t - a.t);
  const latest = dated[0];
  // The local day of the drill: a timestamp in the date column is shown as its day.
  const figures = { drillMaxAgeDays: maxAge, earliestAccepted: earliest, latestDrill: latest ? localDate(latest.t, ctx.records.timezone) : null, drills: drills.length };
  const days = `${maxAge} day${maxAge === 1 ? '' : 's'}`;
  // Dates after period.end count (bundles are made after the period); only age matters.
  if (latest && latest.t >= earliestMs) {
    return {
      state: 'ok',
      message: `应急演练 ${latest.row.id}（${figures.latestDrill}）在评估期末前 ${maxAge} 天内`,
      messageEn: `drill ${latest.row.id} (${figures.latestDrill}) is within ${days} before the period end`,
      evidence: [],
      figures,
    };
  }
  if (undated.length) {
    const n = undated.length;
    return {
      state: 'insufficient',
      message: `assessments.csv 中 ${n} 条应急演练记录日期缺失或无法识别，无法判断演练是否在评估期末前 ${maxAge} 天内`,
      messageEn: `assessments.csv has ${n} drill record${n === 1 ? '' : 's'} with a missing or unreadable date; cannot tell whether a drill took place within ${days} before the period end`,
      evidence: undated.map(rowEvidence),
      figures,
    };
  }
  if (!latest) {
    const typeName = nameOf('assessmentType', DRILL_TYPE);
    return {
      state: 'fail',
      message: `assessments.csv 中没有类型为“${typeName}”的记录`,
      messageEn: `assessments.csv has no record of type “${nameOf('assessmentType', DRILL_TYPE, 'en')}”`,
      evidence: [fileEvidence('assessments.csv', `缺少类型为“${typeName}”的记录`)],
      figures,
    };
  }
  return {
    state: 'fail',
    message: `最近一次应急演练 ${latest.row.id} 在 ${figures.latestDrill}，早于 ${earliest}（评估期末前 ${maxAge} 天）`,
    messageEn: `the latest drill ${latest.row.id} on ${figures.latestDrill} is before ${earliest} (${days} before the period end)`,
    evidence: [rowEvidence(latest.row)],
    figures,
  };
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-21-01',
    article: 21,
    severity: 'high',
    title: '制定数据安全事件应急预案并定期演练',
    titleEn: 'An incident response plan exists and is drilled regularly',
    ...article(21),
    evidence: ['policies.csv：类型、文件', 'policies/：应急预案全文', 'assessments.csv：类型、日期'],
    params: {
      drill_max_age_days: {
        type: 'integer',
        default: 365,
        source: '锦政规〔2025〕4号第二十一条（定期组织应急演练）；规则目录 JZ-21-01：每年至少一次',
        description: '最近一次应急演练记录的日期不得早于评估期末减去该天数；期末之后的日期也计入。',
        label: { zh: '演练最长间隔', en: 'Longest interval between drills' },
        unit: { zh: '天', en: 'days' },
      },
    },
    notes:
      '预案要素在文档正文中查找（忽略空白，接受同义词：分级/分类分级/事件等级，报告/上报/报送，处置/响应/处理，演练/演习）；有多份预案时以缺项最少的一份为准。' +
      '预案与演练分别判断：任一项不合格即为不合格（即使另一项证据不足）；否则任一项证据不足（缺 policies.csv 或 assessments.csv、预案文件无法读取、演练日期无法识别且无合格演练）为证据不足。' +
      '演练记录的“结果”列不影响判断；缺少演练记录或预案记录时在消息中写明，证据指向 assessments.csv 或 policies.csv 文件本身（无行号）。',
    figures: {
      policy: { kind: 'text', label: { zh: '应急预案', en: 'Incident response plan' } },
      missingElements: { kind: 'list', of: { kind: 'text' }, label: { zh: '预案缺少的要素', en: 'Elements missing from the plan' } },
      drills: { kind: 'count', unit: UNITS.records, label: { zh: '应急演练记录', en: 'Drill records' } },
      latestDrill: { kind: 'date', label: { zh: '最近一次演练', en: 'Latest drill' } },
      earliestAccepted: { kind: 'date', label: { zh: '最早可接受日期', en: 'Earliest date accepted' } },
      drillMaxAgeDays: { kind: 'duration', unit: 'days', label: { zh: '演练最长间隔', en: 'Longest interval between drills' } },
    },
  },
  evaluate(ctx) {
    const policy = policyPart(ctx);
    const drill = drillPart(ctx);
    const parts = [policy, drill];
    const figures = { ...policy.figures, ...drill.figures };
    const failed = parts.filter((p) => p.state === 'fail');
    if (failed.length) {
      return {
        status: 'fail',
        message: `${failed.map((p) => p.message).join('；')}。`,
        messageEn: sentence(failed.map((p) => p.messageEn).join('; ')),
        evidence: evidenceOf(ctx.maxEvidence, failed.flatMap((p) => p.evidence)),
        figures,
      };
    }
    const unsure = parts.filter((p) => p.state === 'insufficient');
    if (unsure.length) {
      return {
        status: 'insufficient_evidence',
        message: `${unsure.map((p) => p.message).join('；')}。`,
        messageEn: sentence(unsure.map((p) => p.messageEn).join('; ')),
        evidence: evidenceOf(ctx.maxEvidence, unsure.flatMap((p) => p.evidence)),
        figures,
      };
    }
    return { status: 'pass', message: `${policy.message}；${drill.message}。`, messageEn: sentence(`${policy.messageEn}; ${drill.messageEn}`), figures };
  },
};
