import type { LogRule } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';

const TOP = 5;
const EMPTY_DESTINATION = '（接收方为空）';
const DELIVERIES: Words = { zh: '次', en: 'deliveries' };
const RECIPIENTS: Words = { zh: '个', en: 'recipients' };

interface State {
  deliveries: number;
  /** Destination → summed weight (records, 1 when empty). */
  weights: Map<string, number>;
  /** Destination → number of deliveries, for when every weight is 0. */
  counts: Map<string, number>;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-12-02',
    article: 12,
    severity: 'low',
    worst: 'needs_review',
    title: '公平竞争：数据产品交付对象集中度',
    titleEn: 'Fair competition: how concentrated product deliveries are',
    ...article(12),
    evidence: ['logs/：操作、资源类型、接收方、记录数、结果、时间'],
    params: {
      max_hhi: {
        type: 'number',
        default: 2500,
        source: '第十二条（公平竞争）；2500 为美国司法部与联邦贸易委员会《横向合并指南》（2010）“高度集中”市场的 HHI 界限',
        description: '交付对象赫芬达尔—赫希曼指数（HHI，份额以百分数计，0–10000）的上限，超过即转人工复核',
        label: { zh: '交付集中度（HHI）上限', en: 'Highest delivery concentration (HHI)' },
      },
    },
    notes:
      '只计评估期内结果为成功、资源类型为产品的交付事件；每次交付按记录数加权，记录数为空计 1，为负计 0；'
      + '全部权重为 0 时改按交付次数计算。接收方为空的交付合为一个接收方。',
    figures: {
      hhi: { kind: 'number', digits: 1, label: { zh: '交付集中度（HHI）', en: 'Delivery concentration (HHI)' } },
      maxHhi: { kind: 'number', digits: 1, label: { zh: '集中度上限', en: 'Concentration limit' } },
      deliveries: { kind: 'count', unit: DELIVERIES, label: { zh: '产品交付', en: 'Product deliveries' } },
      destinations: { kind: 'count', unit: RECIPIENTS, label: { zh: '接收方', en: 'Recipients' } },
      weighting: { kind: 'enum', names: 'concentrationWeighting', label: { zh: '份额计算方式', en: 'Shares weighted' } },
      topDestinations: {
        kind: 'table',
        label: { zh: '份额最大的接收方', en: 'Largest recipients' },
        columns: {
          destination: { kind: 'text', label: { zh: '接收方', en: 'Recipient' } },
          weight: { kind: 'number', digits: 0, label: { zh: '权重（记录数或交付次数）', en: 'Weight (records or deliveries)' } },
          sharePercent: { kind: 'percent', label: { zh: '份额', en: 'Share' } },
        },
      },
    },
  },
  init: () => ({ deliveries: 0, weights: new Map(), counts: new Map() }),
  onEvent(state, ev, inPeriod) {
    if (!inPeriod || ev.result !== 'success' || ev.action !== 'deliver' || ev.resourceType !== 'product') return;
    state.deliveries++;
    const w = ev.records === null ? 1 : Math.max(0, ev.records);
    const key = ev.destination || EMPTY_DESTINATION;
    state.weights.set(key, (state.weights.get(key) ?? 0) + w);
    state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
  },
  merge(into, later) {
    into.deliveries += later.deliveries;
    for (const [k, w] of later.weights) into.weights.set(k, (into.weights.get(k) ?? 0) + w);
    for (const [k, n] of later.counts) into.counts.set(k, (into.counts.get(k) ?? 0) + n);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) {
      return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle holds no operation logs (logs/); cannot decide.' };
    }
    if (state.deliveries === 0) {
      return { status: 'not_applicable', message: '评估期内没有成功的数据产品交付。', messageEn: 'No data product was delivered successfully in the period.', figures: { deliveries: 0 } };
    }
    const maxHhi = Number(ctx.params.max_hhi);
    let entries = [...state.weights];
    let total = entries.reduce((s, [, w]) => s + w, 0);
    let weighting = 'records';
    if (total === 0) {
      // Every delivery touched 0 records: shares by number of deliveries are the only measure left.
      entries = [...state.counts];
      total = state.deliveries;
      weighting = 'deliveries';
    }
    const shares = entries.map(([destination, w]) => ({ destination, weight: w, share: (w / total) * 100 })).sort((a, b) => b.share - a.share || (a.destination < b.destination ? -1 : 1));
    const rawHhi = shares.reduce((s, x) => s + x.share * x.share, 0);
    const hhi = Math.round(rawHhi * 10) / 10;
    const topDestinations = shares.slice(0, TOP).map((x) => ({ destination: x.destination, weight: x.weight, sharePercent: Math.round(x.share * 100) / 100 }));
    const figures = { hhi, maxHhi, deliveries: state.deliveries, destinations: shares.length, weighting, topDestinations };
    const top = topDestinations.slice(0, 3).map((x) => `${x.destination} ${x.sharePercent}%`).join('，');
    const topEn = topDestinations.slice(0, 3).map((x) => `${x.destination === EMPTY_DESTINATION ? '(no recipient)' : x.destination} ${x.sharePercent}%`).join(', ');
    const d = state.deliveries;
    const r = shares.length;
    const spread = `${d} product deliver${d === 1 ? 'y' : 'ies'} in the period went to ${r} recipient${r === 1 ? '' : 's'}`;
    if (rawHhi <= maxHhi) {
      return {
        status: 'pass',
        message: `评估期内 ${d} 次产品交付分布于 ${r} 个接收方，集中度 HHI 为 ${hhi}，不高于 ${maxHhi}（前列：${top}）。`,
        messageEn: `${spread}; the concentration (HHI) is ${hhi}, not above ${maxHhi} (largest: ${topEn}).`,
        figures,
      };
    }
    return {
      status: 'needs_review',
      message: `评估期内 ${d} 次产品交付高度集中：${r} 个接收方的 HHI 为 ${hhi}，高于 ${maxHhi}（前列：${top}），请人工复核是否存在不公平竞争。`,
      messageEn: `Product deliveries are highly concentrated: ${spread}, with an HHI of ${hhi}, above ${maxHhi} (largest: ${topEn}). Please review whether competition is fair.`,
      figures,
    };
  },
};
