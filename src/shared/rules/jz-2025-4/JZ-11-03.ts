import type { BundleRecords } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import { article } from './articles.js';
import { indexById, requireTable, startOf } from './support.js';

// The review itself (approve/reject on the request) is not a use of the request.
const REVIEW_ACTIONS = new Set(['approve', 'reject']);

/** Request id → the instant from which events may use it; NaN when it may never be used (rejected, pending, unreviewed). */
const cleared = new WeakMap<BundleRecords, Map<string, number>>();

function clearedOf(ctx: RuleContext): Map<string, number> {
  let m = cleared.get(ctx.records);
  if (!m) {
    m = new Map();
    for (const [id, row] of indexById(ctx.records.requests)) {
      const result = row.cells.review_result ?? '';
      m.set(id, result === 'rejected' || result === 'pending' ? NaN : startOf(ctx, row.cells.reviewed_at));
    }
    cleared.set(ctx.records, m);
  }
  return m;
}

interface State {
  checked: number;
  unknown: number;
  evidence: EvidenceList;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-11-03',
    article: 11,
    severity: 'high',
    title: '数据开发需求经内部审核通过后方可实施',
    titleEn: 'Development requests are carried out only after internal review approves them',
    ...article(11),
    evidence: ['requests.csv：编号、审核时间、审核结果', 'logs/：需求编号、资源类型、资源、结果、时间'],
    params: {},
    notes:
      '只计评估期内结果为成功的事件。事件所涉需求为其“需求编号”字段，以及资源类型为需求时的资源（对该需求本身的审批通过、审批驳回即审核行为，不计）。'
      + '需求编号不在 requests.csv 中、审核结果为驳回或待审核、或缺少（无法识别）审核时间的需求，任何事件都违规；审核时间只写日期时当日 00:00 起可实施。',
    figures: {
      checkedEvents: { kind: 'count', unit: UNITS.events, label: { zh: '涉及开发需求的事件', en: 'Events concerning a development request' } },
      eventsBeforeReview: { kind: 'count', unit: UNITS.events, label: { zh: '审核通过前或所涉需求未获通过的事件', en: 'Events before approval or on requests not approved' } },
      unknownRequestRefs: { kind: 'count', unit: UNITS.times, label: { zh: '引用未登记需求', en: 'References to unregistered requests' } },
    },
  },
  init: (ctx) => ({ checked: 0, unknown: 0, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod, ctx) {
    if (!inPeriod || ev.result !== 'success') return;
    const ids: string[] = [];
    if (ev.request) ids.push(ev.request);
    if (ev.resourceType === 'request' && ev.resource && !REVIEW_ACTIONS.has(ev.action) && ev.resource !== ev.request) ids.push(ev.resource);
    if (ids.length === 0) return;
    state.checked++;
    const m = clearedOf(ctx);
    let breach = false;
    for (const id of ids) {
      const from = m.get(id);
      if (from === undefined) state.unknown++;
      if (from === undefined || Number.isNaN(from) || ev.t < from) breach = true;
    }
    if (breach) addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.checked += later.checked;
    into.unknown += later.unknown;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    const missing = requireTable(ctx.records.requests, ['id', 'reviewed_at', 'review_result']);
    if (missing) return missing;
    if (ctx.records.logFiles.length === 0) {
      return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle holds no operation logs (logs/); cannot decide.' };
    }
    const n = state.evidence.count;
    const figures = { checkedEvents: state.checked, eventsBeforeReview: n, unknownRequestRefs: state.unknown };
    if (n) {
      return {
        status: 'fail',
        message: `评估期内 ${state.checked} 次涉及开发需求的操作中有 ${n} 次发生在需求审核通过之前，或所涉需求被驳回、待审核、未登记${state.unknown ? `（其中引用未登记需求 ${state.unknown} 次）` : ''}。`,
        messageEn: `${n} of ${state.checked} event${state.checked === 1 ? '' : 's'} in the period concerning a development request came before the request was approved, or concern${n === 1 ? 's' : ''} a request that is rejected, pending or unregistered${state.unknown ? ` (${state.unknown} reference${state.unknown === 1 ? '' : 's'} to an unregistered request)` : ''}.`,
        evidence: state.evidence,
        figures,
      };
    }
    if (ctx.records.requests.rows.length === 0 && state.checked === 0) {
      return {
        status: 'not_applicable',
        message: 'requests.csv 未登记数据开发需求，评估期内也没有涉及需求的操作。',
        messageEn: 'requests.csv registers no development request, and no event in the period concerns one.',
        figures,
      };
    }
    if (state.checked === 0) {
      return { status: 'pass', message: '评估期内没有涉及开发需求的操作。', messageEn: 'No event in the period concerns a development request.', figures };
    }
    return {
      status: 'pass',
      message: `评估期内 ${state.checked} 次涉及开发需求的操作均在需求审核通过之后。`,
      messageEn: `${state.checked === 1 ? 'The 1 event' : `All ${state.checked} events`} in the period concerning a development request came after its approval.`,
      figures,
    };
  },
};
