import type { BundleRecords } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import { UNITS } from '../../engine/figures.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';
import { endOf, requireTable, startOf } from './support.js';

interface Partner {
  /** contract_start 00:00 and contract_end 24:00, epoch ms; NaN when empty or unreadable. */
  startMs: number;
  endMs: number;
  /** suspended_at as a start bound; null when empty, NaN when unreadable. */
  suspendedMs: number | null;
  /** suspended or terminated with no suspended_at: receives nothing. */
  blocked: boolean;
}

type Reason = 'unknownPartner' | 'blocked' | 'suspended' | 'outsideContract';

interface State {
  deliveries: number;
  reasons: Record<Reason, number>;
  evidence: EvidenceList;
  /** Deliveries to partners whose contract or suspension dates cannot be read. */
  undetermined: EvidenceList;
}

const REQUIRED_COLUMNS = ['id', 'contract_start', 'contract_end', 'status'];

// Partner id → dates, derived from the records once per run.
const partnerCache = new WeakMap<BundleRecords, Map<string, Partner>>();
function partnersOf(ctx: RuleContext): Map<string, Partner> {
  let map = partnerCache.get(ctx.records);
  if (!map) {
    map = new Map();
    for (const row of ctx.records.partners.rows) {
      if (!row.id || map.has(row.id)) continue;
      const suspendedText = row.cells.suspended_at ?? '';
      const suspendedMs = suspendedText ? startOf(ctx, suspendedText) : null;
      const status = row.cells.status ?? '';
      map.set(row.id, {
        startMs: startOf(ctx, row.cells.contract_start),
        endMs: endOf(ctx, row.cells.contract_end),
        suspendedMs,
        blocked: (status === 'suspended' || status === 'terminated') && suspendedMs === null,
      });
    }
    partnerCache.set(ctx.records, map);
  }
  return map;
}

const REASON_TEXT: Record<Reason, Words> = {
  unknownPartner: { zh: '接收方不在 partners.csv 中或未填写', en: 'recipient not in partners.csv or not given' },
  blocked: { zh: '接收方已暂停或终止合作且未记录暂停时间', en: 'recipient suspended or terminated with no suspension date' },
  suspended: { zh: '交付时接收方已被暂停', en: 'recipient already suspended' },
  outsideContract: { zh: '交付时不在合同期内', en: 'outside the contract' },
};

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-10-03',
    article: 10,
    severity: 'high',
    title: '数据产品只交付给合同有效且未被暂停的应用单位',
    titleEn: 'Products go only to partners under contract and not suspended',
    ...article(10),
    evidence: ['logs/：操作、资源类型、接收方、结果、时间', 'partners.csv：编号、合同起始日、合同终止日、状态、暂停时间'],
    params: {},
    figures: {
      productDeliveries: { kind: 'count', unit: UNITS.times, label: { zh: '产品交付', en: 'Product deliveries' } },
      breaches: { kind: 'count', unit: UNITS.times, label: { zh: '违规交付', en: 'Deliveries in breach' } },
      unknownPartner: { kind: 'count', unit: UNITS.times, label: { zh: '接收方未登记', en: 'Recipient unknown' } },
      blocked: { kind: 'count', unit: UNITS.times, label: { zh: '已暂停或终止（无暂停时间）', en: 'Suspended or terminated, no date' } },
      suspended: { kind: 'count', unit: UNITS.times, label: { zh: '暂停后交付', en: 'After suspension' } },
      outsideContract: { kind: 'count', unit: UNITS.times, label: { zh: '合同期外', en: 'Outside the contract' } },
      undetermined: { kind: 'count', unit: UNITS.times, label: { zh: '日期无法判断', en: 'Dates unreadable' } },
    },
    notes:
      '只计评估期内结果为成功、资源类型为产品的交付事件。合同期自合同起始日 00:00 至合同终止日 24:00；' +
      '暂停时间当日 00:00 起即不得交付。接收方为空或不在 partners.csv 中（含运营机构本身）均视为无合同交付。' +
      '接收方的合同日期或暂停日期为空、无法读取时无法判断：无违规时为需人工复核，有违规时在消息中列明数量。' +
      '评估期内没有产品交付时为不适用。',
  },
  init: (ctx) => ({
    deliveries: 0,
    reasons: { unknownPartner: 0, blocked: 0, suspended: 0, outsideContract: 0 },
    evidence: newEvidence(ctx.maxEvidence),
    undetermined: newEvidence(ctx.maxEvidence),
  }),
  onEvent(state, ev, inPeriod, ctx) {
    if (!inPeriod || ev.result !== 'success' || ev.action !== 'deliver' || ev.resourceType !== 'product') return;
    state.deliveries++;
    const partner = ev.destination ? partnersOf(ctx).get(ev.destination) : undefined;
    let reason: Reason | null = null;
    if (!partner) reason = 'unknownPartner';
    else if (partner.blocked) reason = 'blocked';
    else if (partner.suspendedMs !== null && ev.t >= partner.suspendedMs) reason = 'suspended';
    else if (Number.isNaN(partner.startMs) || Number.isNaN(partner.endMs) || Number.isNaN(partner.suspendedMs as number)) {
      addEvidence(state.undetermined, eventEvidence(ev));
      return;
    } else if (ev.t < partner.startMs || ev.t >= partner.endMs) reason = 'outsideContract';
    if (reason === null) return;
    state.reasons[reason]++;
    addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.deliveries += later.deliveries;
    for (const k of Object.keys(into.reasons) as Reason[]) into.reasons[k] += later.reasons[k];
    mergeEvidence(into.evidence, later.evidence);
    mergeEvidence(into.undetermined, later.undetermined);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    const n = state.evidence.count;
    const u = state.undetermined.count;
    const figures = { productDeliveries: state.deliveries, breaches: n, ...state.reasons, undetermined: u };
    if (state.deliveries === 0) return { status: 'not_applicable', message: '评估期内没有成功的数据产品交付。', messageEn: 'No successful product delivery in the period.', figures };
    const missing = requireTable(ctx.records.partners, REQUIRED_COLUMNS);
    if (missing) return missing;
    const undeterminedNote = u ? `另有 ${u} 次交付的接收方合同或暂停日期缺失、无法读取，需人工核对。` : '';
    const undeterminedEn = u ? ` ${u} more deliver${u === 1 ? 'y goes' : 'ies go'} to partners whose contract or suspension dates are missing or unreadable: check by hand.` : '';
    if (n > 0) {
      const found = (Object.keys(REASON_TEXT) as Reason[]).filter((k) => state.reasons[k] > 0);
      const detail = found.map((k) => `${REASON_TEXT[k].zh} ${state.reasons[k]} 次`).join('，');
      const detailEn = found.map((k) => `${REASON_TEXT[k].en}: ${state.reasons[k]}`).join('; ');
      return {
        status: 'fail',
        message: `评估期内 ${state.deliveries} 次数据产品交付中有 ${n} 次交付给无有效合同或已被暂停的接收方（${detail}）。${undeterminedNote}`,
        messageEn: `${n} of ${state.deliveries} product deliveries in the period went to recipients without a valid contract or already suspended (${detailEn}).${undeterminedEn}`,
        evidence: state.evidence,
        figures,
      };
    }
    if (u > 0) {
      return {
        status: 'needs_review', message: `评估期内 ${state.deliveries} 次数据产品交付未见违规；${undeterminedNote}`,
        messageEn: `No breach in ${state.deliveries} product deliveries in the period;${undeterminedEn}`, evidence: state.undetermined, figures,
      };
    }
    return {
      status: 'pass', message: `评估期内 ${state.deliveries} 次数据产品交付均交付给合同有效期内且未被暂停的应用单位。`,
      messageEn: `All ${state.deliveries} product deliveries in the period went to partners under contract and not suspended.`, figures,
    };
  },
};
