import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { articleText } from './articles.js';
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
    articleText: articleText(10),
    evidence: ['logs/: action, resource_type, destination, result, ts', 'operator.json: id（或 manifest.json: operator_id）'],
    params: {},
    notes:
      '只计评估期内结果为 success、资源类型为 dataset 的 deliver、share、export、download 事件；' +
      'destination 与运营机构编号（operator.json 的 id，缺省时取 manifest 的 operator_id）比较时忽略大小写，空的接收方视为流出。',
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
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。' };
    if (!state.operator) return { status: 'insufficient_evidence', message: 'operator.json 与 manifest.json 均未给出运营机构编号，无法判断数据接收方是否为运营机构本身。' };
    const n = state.evidence.count;
    const figures = { datasetOutbound: state.checked, leaving: n, emptyDestination: state.emptyDestination };
    if (n === 0) {
      return { status: 'pass', message: `评估期内没有原始数据集流出运营机构（对数据集的交付、共享、导出、下载共 ${state.checked} 次，接收方均为运营机构本身）。`, figures };
    }
    const emptyNote = state.emptyDestination ? `，其中 ${state.emptyDestination} 次未填写接收方` : '';
    return {
      status: 'fail',
      message: `评估期内有 ${n} 次将原始数据集交付、共享、导出或下载给运营机构以外的接收方${emptyNote}。`,
      evidence: state.evidence,
      figures,
    };
  },
};
