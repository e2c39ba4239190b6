import type { BundleRecords } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import { articleText } from './articles.js';
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
    articleText: articleText(11),
    evidence: ['requests.csv: id, reviewed_at, review_result', 'logs/: request, resource_type, resource, result, ts'],
    params: {},
    notes:
      '只计评估期内结果为 success 的事件。事件所涉需求为其 request 字段，以及 resource_type 为 request 时的 resource（对该需求本身的 approve、reject 即审核行为，不计）。'
      + '需求编号不在 requests.csv 中、审核结论为 rejected 或 pending、或缺少（无法识别）reviewed_at 的需求，任何事件都违规；reviewed_at 为日期时当日 00:00 起可实施。',
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
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。' };
    const n = state.evidence.count;
    const figures = { checkedEvents: state.checked, eventsBeforeReview: n, unknownRequestRefs: state.unknown };
    if (n) {
      return {
        status: 'fail',
        message: `评估期内 ${state.checked} 次涉及开发需求的操作中有 ${n} 次发生在需求审核通过之前，或所涉需求被驳回、待审核、未登记${state.unknown ? `（其中引用未登记需求 ${state.unknown} 次）` : ''}。`,
        evidence: state.evidence,
        figures,
      };
    }
    if (ctx.records.requests.rows.length === 0 && state.checked === 0) {
      return { status: 'not_applicable', message: 'requests.csv 未登记数据开发需求，评估期内也没有涉及需求的操作。', figures };
    }
    return { status: 'pass', message: `评估期内 ${state.checked} 次涉及开发需求的操作均在需求审核通过之后。`, figures };
  },
};
