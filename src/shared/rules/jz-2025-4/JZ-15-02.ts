import type { BundleRecords, Row } from '../../bundle/types.js';
import { addEvidence, eventEvidence, evidenceOf, mergeEvidence, newEvidence, rowEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';

const REQUESTS: Words = { zh: '项', en: 'requests' };
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
    titleEn: 'Requesters do not approve their own development requests',
    ...article(15),
    evidence: ['requests.csv：编号、需求提出方、审核人', 'logs/：操作、操作人、资源类型、资源、需求编号、结果、时间'],
    params: {},
    notes:
      '只计评估期内结果为成功的审批通过事件；所审批的需求为资源类型为需求时的资源，否则为“需求编号”字段。'
      + '审批了 requests.csv 未登记的需求，按“编号无法对应”的约定视为违规；未填写需求提出方的需求不作比较。requests.csv 中的需求不限评估期。',
    figures: {
      requests: { kind: 'count', unit: REQUESTS, label: { zh: '数据开发需求', en: 'Development requests' } },
      selfReviewedRequests: { kind: 'list', of: { kind: 'text' }, label: { zh: '由提出人本人审核的需求', en: 'Requests reviewed by their requester' } },
      approveEvents: { kind: 'count', unit: UNITS.events, label: { zh: '需求审批事件', en: 'Request approval events' } },
      selfApprovals: { kind: 'count', unit: UNITS.events, label: { zh: '提出人本人审批', en: 'Approvals by the requester' } },
      approvalsOfUnknownRequests: { kind: 'count', unit: UNITS.events, label: { zh: '审批未登记需求', en: 'Approvals of unregistered requests' } },
    },
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
      const n = table.rows.length;
      const self = events - state.unknown;
      const zh: string[] = [];
      const en: string[] = [];
      if (selfReviewed.length) {
        const s = selfReviewed.length;
        const shown = selfReviewed.slice(0, 10);
        const more = s > 10;
        zh.push(`${n} 项需求中有 ${s} 项由提出人本人审核（${shown.map((r) => `${r.id}：${r.cells.requester}`).join('、')}${more ? ' 等' : ''}）`);
        en.push(`${s} of ${n} request${n === 1 ? '' : 's'} ${s === 1 ? 'was' : 'were'} reviewed by ${s === 1 ? 'its' : 'their'} requester (${shown.map((r) => `${r.id}: ${r.cells.requester}`).join(', ')}${more ? ' and more' : ''})`);
      }
      if (self) {
        zh.push(`评估期内 ${state.approvals} 次需求审批中有 ${self} 次由需求提出人本人操作`);
        en.push(`${self} of ${state.approvals} request approval${state.approvals === 1 ? '' : 's'} in the period ${self === 1 ? 'was' : 'were'} made by the requester`);
      }
      if (state.unknown) {
        zh.push(`${state.unknown} 次审批的需求未在 requests.csv 中登记`);
        en.push(`${state.unknown} approval${state.unknown === 1 ? ' concerns a request' : 's concern requests'} not registered in requests.csv`);
      }
      return { status: 'fail', message: `${zh.join('；')}。`, messageEn: `${en.join('; ')}.`, evidence, figures };
    }
    const n = table.rows.length;
    const reviewersZh = n ? `${n} 项需求的审核人均非提出人` : 'requests.csv 未登记需求';
    const reviewers = n === 0 ? 'requests.csv registers no request'
      : n === 1 ? 'The reviewer of the 1 request is not its requester' : `The reviewers of all ${n} requests are not their requesters`;
    if (ctx.records.logFiles.length === 0) {
      return {
        status: 'insufficient_evidence',
        message: `${reviewersZh}，但证据包中没有运营日志（logs/），无法核对审批操作。`,
        messageEn: `${reviewers}, but the bundle holds no operation logs (logs/); approvals cannot be checked.`,
        figures,
      };
    }
    const a = state.approvals;
    return {
      status: 'pass',
      message: `${reviewersZh}；${a ? `评估期内 ${a} 次需求审批均非提出人本人操作` : '评估期内日志中没有需求审批操作'}。`,
      messageEn: `${reviewers}; ${a ? `${a === 1 ? 'the 1 request approval' : `none of the ${a} request approvals`} in the period ${a === 1 ? 'was not' : 'was'} made by the requester` : 'the logs hold no request approval in the period'}.`,
      figures,
    };
  },
};
