import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { UNITS } from '../../engine/figures.js';
import { article } from './articles.js';

interface State {
  logDeletes: number;
  datasetChanges: number;
  evidence: EvidenceList;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-10-05',
    article: 10,
    severity: 'high',
    title: '不得删除日志或篡改、删除原始公共数据',
    titleEn: 'No deletion of logs, no alteration or deletion of raw public data',
    ...article(10),
    evidence: ['logs/：操作、资源类型、结果、时间'],
    params: {},
    notes: '只计评估期内结果为成功的事件：任何资源上的日志删除，以及资源类型为数据集的修改、删除；不区分操作人。',
    figures: {
      logDeletes: { kind: 'count', unit: UNITS.times, label: { zh: '日志删除', en: 'Log deletions' } },
      datasetModifyOrDelete: { kind: 'count', unit: UNITS.times, label: { zh: '修改或删除原始数据集', en: 'Raw datasets modified or deleted' } },
    },
  },
  init: (ctx) => ({ logDeletes: 0, datasetChanges: 0, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod) {
    if (!inPeriod || ev.result !== 'success') return;
    if (ev.action === 'log_delete') state.logDeletes++;
    else if ((ev.action === 'modify' || ev.action === 'delete') && ev.resourceType === 'dataset') state.datasetChanges++;
    else return;
    addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.logDeletes += later.logDeletes;
    into.datasetChanges += later.datasetChanges;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    const n = state.evidence.count;
    const figures = { logDeletes: state.logDeletes, datasetModifyOrDelete: state.datasetChanges };
    if (n === 0) return { status: 'pass', message: '评估期内没有成功的日志删除，也没有对原始数据集的修改或删除。', messageEn: 'No successful log deletion and no modification or deletion of a raw dataset in the period.', figures };
    const parts = [
      state.logDeletes ? `日志删除 ${state.logDeletes} 次` : '',
      state.datasetChanges ? `修改或删除原始数据集 ${state.datasetChanges} 次` : '',
    ].filter(Boolean).join('，');
    const partsEn = [
      state.logDeletes ? `${state.logDeletes} log deletion${state.logDeletes === 1 ? '' : 's'}` : '',
      state.datasetChanges ? `${state.datasetChanges} modification${state.datasetChanges === 1 ? '' : 's'} or deletion${state.datasetChanges === 1 ? '' : 's'} of raw datasets` : '',
    ].filter(Boolean).join(', ');
    return {
      status: 'fail', message: `评估期内发生禁止的操作 ${n} 次：${parts}。`,
      messageEn: `${n} forbidden operation${n === 1 ? '' : 's'} in the period: ${partsEn}.`, evidence: state.evidence, figures,
    };
  },
};
