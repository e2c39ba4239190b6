import { addDays, normaliseDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { evidenceOf, fileEvidence, rowEvidence } from '../../engine/evidence.js';
import type { EvidenceItem, RecordRule, RuleContext } from '../../engine/types.js';
import { articleText } from './articles.js';
import { checkPolicyElements, requireTable, startOf } from './support.js';

const POLICY_TYPE = 'incident_response';
const ELEMENTS = ['分级', '报告', '处置', '演练'];
const DRILL_TYPE = 'incident_drill';

/** One half of the rule (the plan, or the drill): ok, breached, or not decidable. */
interface Part {
  state: 'ok' | 'fail' | 'insufficient';
  message: string;
  evidence: EvidenceItem[];
  figures: Record<string, unknown>;
}

function policyPart(ctx: RuleContext): Part {
  const missingTable = requireTable(ctx.records.policies, ['type']);
  if (missingTable) return { state: 'insufficient', message: missingTable.message, evidence: [], figures: { policy: null } };
  const check = checkPolicyElements(ctx.records, POLICY_TYPE, ELEMENTS);
  if (check.kind === 'missing_policy') {
    return {
      state: 'fail',
      message: `policies.csv 中没有类型为 ${POLICY_TYPE}（应急预案）的制度`,
      evidence: [fileEvidence('policies.csv', `缺少 type=${POLICY_TYPE} 的制度`)],
      figures: { policy: null },
    };
  }
  if (check.kind === 'unreadable') {
    return {
      state: 'insufficient',
      message: `应急预案 ${check.row.id} 的文件缺失或无法读取（${check.reason}），无法检查其内容`,
      evidence: [rowEvidence(check.row)],
      figures: { policy: check.row.id },
    };
  }
  if (check.missing.length === 0) {
    return { state: 'ok', message: `应急预案 ${check.row.id} 包含分级、报告、处置、演练四项要素`, evidence: [], figures: { policy: check.row.id, missingElements: [] } };
  }
  return {
    state: 'fail',
    message: `应急预案 ${check.row.id} 缺少 ${check.missing.length} 项要素：${check.missing.join('、')}`,
    evidence: [rowEvidence(check.row)],
    figures: { policy: check.row.id, missingElements: check.missing },
  };
}

function drillPart(ctx: RuleContext): Part {
  const maxAge = ctx.params.drill_max_age_days as number;
  const missingTable = requireTable(ctx.records.assessments, ['type', 'date']);
  if (missingTable) return { state: 'insufficient', message: missingTable.message, evidence: [], figures: { latestDrill: null } };
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
  const figures = { drillMaxAgeDays: maxAge, earliestAccepted: earliest, latestDrill: latest ? (normaliseDate(latest.row.cells.date) ?? latest.row.cells.date) : null, drills: drills.length };
  // Dates after period.end count (bundles are made after the period); only age matters.
  if (latest && latest.t >= earliestMs) {
    return { state: 'ok', message: `应急演练 ${latest.row.id}（${figures.latestDrill}）在评估期末前 ${maxAge} 天内`, evidence: [], figures };
  }
  if (undated.length) {
    return {
      state: 'insufficient',
      message: `assessments.csv 中 ${undated.length} 条应急演练记录日期缺失或无法识别，无法判断演练是否在评估期末前 ${maxAge} 天内`,
      evidence: undated.map(rowEvidence),
      figures,
    };
  }
  if (!latest) {
    return {
      state: 'fail',
      message: `assessments.csv 中没有类型为 ${DRILL_TYPE}（应急演练）的记录`,
      evidence: [fileEvidence('assessments.csv', `缺少 type=${DRILL_TYPE} 的记录`)],
      figures,
    };
  }
  return {
    state: 'fail',
    message: `最近一次应急演练 ${latest.row.id} 在 ${figures.latestDrill}，早于 ${earliest}（评估期末前 ${maxAge} 天）`,
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
    articleText: articleText(21),
    evidence: ['policies.csv: type, file', 'policies/: 应急预案全文', 'assessments.csv: type, date'],
    params: {
      drill_max_age_days: {
        type: 'integer',
        default: 365,
        source: '锦政规〔2025〕4号第二十一条（定期组织应急演练）；规则目录 JZ-21-01：每年至少一次',
        description: '最近一次 incident_drill 评估记录的日期不得早于评估期末（period.end）减去该天数；期末之后的日期也计入。',
      },
    },
    notes:
      '预案要素在文档正文中查找（忽略空白，接受同义词：分级/分类分级/事件等级，报告/上报/报送，处置/响应/处理，演练/演习）；有多份预案时以缺项最少的一份为准。' +
      '预案与演练分别判断：任一项不合格即为 fail（即使另一项证据不足）；否则任一项证据不足（缺 policies.csv 或 assessments.csv、预案文件无法读取、演练日期无法识别且无合格演练）为 insufficient_evidence。' +
      '演练记录的 result 字段不影响判断；缺少演练记录或预案记录时在消息中写明，证据指向 assessments.csv 或 policies.csv 文件本身（无行号）。',
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
        evidence: evidenceOf(ctx.maxEvidence, failed.flatMap((p) => p.evidence)),
        figures,
      };
    }
    const unsure = parts.filter((p) => p.state === 'insufficient');
    if (unsure.length) {
      return {
        status: 'insufficient_evidence',
        message: `${unsure.map((p) => p.message).join('；')}。`,
        evidence: evidenceOf(ctx.maxEvidence, unsure.flatMap((p) => p.evidence)),
        figures,
      };
    }
    return { status: 'pass', message: `${policy.message}；${drill.message}。`, figures };
  },
};
