import type { BundleRecords, Row } from '../../bundle/types.js';
import { addEvidence, eventEvidence, evidenceOf, mergeEvidence, newEvidence, rowEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import { articleText } from './articles.js';
import { indexById, requireTable } from './support.js';

/** Request id → its requester ('' when the row names none). */
const requesters = new WeakMap<BundleRecords, Map<string, string>>();

function requestersOf(ctx: RuleContext): Map<string, string> {
  let m = requesters.get(ctx.records);
  if (!m) {
    m = new Map();
    for (const [id, row] of indexById(ctx.records.requests)) m.set(id, row.cells.requester ?? '');
    requesters.set(ctx.records, m);
  }
  return m;
}

interface State {
  approvals: number;
  unknown: number;
  evidence: EvidenceList;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-15-02',
    article: 15,
    severity: 'high',
    title: '需求提出人不得审批本人的开发需求',
    articleText: articleText(15),
    evidence: ['requests.csv: id, requester, reviewer', 'logs/: action, actor, resource_type, resource, request, result, ts'],
    params: {},
    notes:
      '只计评估期内结果为 success 的 approve 事件；所审批的需求为 resource_type 为 request 时的 resource，否则为 request 字段。'
      + '审批了 requests.csv 未登记的需求，按“编号无法对应”的约定视为违规；未填写提出人的需求不作比较。requests.csv 中的需求不限评估期。',
  },
  init: (ctx) => ({ approvals: 0, unknown: 0, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod, ctx) {
    if (!inPeriod || ev.result !== 'success' || ev.action !== 'approve') return;
    const id = ev.resourceType === 'request' ? ev.resource : ev.request;
    if (!id) return;
    state.approvals++;
    const requester = requestersOf(ctx).get(id);
    if (requester === undefined) {
      state.unknown++;
      addEvidence(state.evidence, eventEvidence(ev));
    } else if (requester !== '' && ev.actor === requester) {
      addEvidence(state.evidence, eventEvidence(ev));
    }
  },
  merge(into, later) {
    into.approvals += later.approvals;
    into.unknown += later.unknown;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    const table = ctx.records.requests;
    const missing = requireTable(table, ['id', 'requester', 'reviewer']);
    if (missing) return missing;
    const selfReviewed: Row[] = table.rows.filter((r) => r.cells.requester && r.cells.reviewer === r.cells.requester);
    const events = state.evidence.count;
    const figures = {
      requests: table.rows.length, selfReviewedRequests: selfReviewed.map((r) => r.id), approveEvents: state.approvals, selfApprovals: events - state.unknown,
      approvalsOfUnknownRequests: state.unknown,
    };
    if (selfReviewed.length || events) {
      const evidence = evidenceOf(ctx.maxEvidence, selfReviewed.map(rowEvidence));
      mergeEvidence(evidence, state.evidence);
      const parts: string[] = [];
      if (selfReviewed.length) parts.push(`${table.rows.length} 项需求中有 ${selfReviewed.length} 项由提出人本人审核（${selfReviewed.slice(0, 10).map((r) => `${r.id}：${r.cells.requester}`).join('、')}${selfReviewed.length > 10 ? ' 等' : ''}）`);
      if (events - state.unknown) parts.push(`评估期内 ${state.approvals} 次需求审批中有 ${events - state.unknown} 次由需求提出人本人操作`);
      if (state.unknown) parts.push(`${state.unknown} 次审批的需求未在 requests.csv 中登记`);
      return { status: 'fail', message: `${parts.join('；')}。`, evidence, figures };
    }
    if (ctx.records.logFiles.length === 0) {
      return { status: 'insufficient_evidence', message: `${table.rows.length} 项需求的审核人均非提出人，但证据包中没有运营日志（logs/），无法核对审批操作。`, figures };
    }
    return {
      status: 'pass',
      message: `${table.rows.length} 项需求的审核人均非提出人；${state.approvals ? `评估期内 ${state.approvals} 次需求审批均非提出人本人操作` : '评估期内日志中没有需求审批操作'}。`,
      figures,
    };
  },
};
