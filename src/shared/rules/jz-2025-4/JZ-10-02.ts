import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { UNITS } from '../../engine/figures.js';
import { article } from './articles.js';
import { operatorId } from './support.js';

const OUTBOUND = new Set(['deliver', 'share', 'export', 'download']);

interface State {
  operator: string;
  /** Successful outbound events on datasets in the period. */
  checked: number;
  emptyDestination: number;
  evidence: EvidenceList;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-10-02',
    article: 10,
    severity: 'high',
    title: '原始公共数据不出运营机构',
    titleEn: 'Raw public data do not leave the operator',
    ...article(10),
    evidence: ['logs/：操作、资源类型、接收方、结果、时间', 'operator.json：编号（或 manifest.json：运营机构编号）'],
    params: {},
    notes:
      '只计评估期内结果为成功、资源类型为数据集的交付、共享、导出、下载事件；' +
      '接收方与运营机构编号（operator.json 的编号，缺省时取 manifest.json 的运营机构编号）比较时忽略大小写，空的接收方视为流出。',
    figures: {
      datasetOutbound: { kind: 'count', unit: UNITS.times, label: { zh: '数据集对外提供', en: 'Datasets provided' } },
      leaving: { kind: 'count', unit: UNITS.times, label: { zh: '流出运营机构', en: 'Leaving the operator' } },
      emptyDestination: { kind: 'count', unit: UNITS.times, label: { zh: '未填接收方', en: 'No recipient given' } },
    },
  },
  init: (ctx) => ({ operator: operatorId(ctx.records).toUpperCase(), checked: 0, emptyDestination: 0, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod) {
    if (!inPeriod || ev.result !== 'success' || ev.resourceType !== 'dataset' || !OUTBOUND.has(ev.action)) return;
    state.checked++;
    if (ev.destination !== '' && ev.destination.toUpperCase() === state.operator) return;
    if (ev.destination === '') state.emptyDestination++;
    addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.checked += later.checked;
    into.emptyDestination += later.emptyDestination;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    if (!state.operator) {
      return {
        status: 'insufficient_evidence', message: 'operator.json 与 manifest.json 均未给出运营机构编号，无法判断数据接收方是否为运营机构本身。',
        messageEn: 'Neither operator.json nor manifest.json gives the operator\'s id: whether a recipient is the operator cannot be told.',
      };
    }
    const n = state.evidence.count;
    const figures = { datasetOutbound: state.checked, leaving: n, emptyDestination: state.emptyDestination };
    if (n === 0) {
      return {
        status: 'pass', message: `评估期内没有原始数据集流出运营机构（对数据集的交付、共享、导出、下载共 ${state.checked} 次，接收方均为运营机构本身）。`,
        messageEn: `No raw dataset left the operator in the period (${state.checked} deliveries, shares, exports and downloads of datasets, all to the operator itself).`, figures,
      };
    }
    const emptyNote = state.emptyDestination ? `，其中 ${state.emptyDestination} 次未填写接收方` : '';
    return {
      status: 'fail',
      message: `评估期内有 ${n} 次将原始数据集交付、共享、导出或下载给运营机构以外的接收方${emptyNote}。`,
      messageEn: `${n} deliveries, shares, exports or downloads of raw datasets went to recipients other than the operator in the period${state.emptyDestination ? `, ${state.emptyDestination} with no recipient given` : ''}.`,
      evidence: state.evidence,
      figures,
    };
  },
};
