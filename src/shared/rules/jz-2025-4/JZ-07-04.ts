import type { BundleRecords } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { UNITS } from '../../engine/figures.js';
import { article } from './articles.js';
import { requireTable } from './support.js';

const PROCESSING = new Set(['query', 'develop', 'model_train']);
const SENSITIVE = new Set(['core', 'important']);
const KNOWN = new Set(['core', 'important', 'general']);

interface State {
  /** Processing events on datasets in the period. */
  checked: number;
  evidence: EvidenceList;
  /** Outside the sandbox on a dataset whose classification is unknown. */
  undetermined: EvidenceList;
}

// Dataset id → canonical classification ('' when empty); derived from the records once per run.
const classifications = new WeakMap<BundleRecords, Map<string, string>>();
function classificationOf(records: BundleRecords): Map<string, string> {
  let map = classifications.get(records);
  if (!map) {
    map = new Map();
    for (const row of records.datasets.rows) if (row.id && !map.has(row.id)) map.set(row.id, row.cells.classification ?? '');
    classifications.set(records, map);
  }
  return map;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-07-04',
    article: 7,
    severity: 'high',
    title: '核心数据、重要数据在数据沙箱内处理',
    titleEn: 'Core and important data are processed in the data sandbox',
    ...article(7),
    evidence: ['logs/：操作、资源类型、资源、渠道、结果、时间', 'datasets.csv：编号、分类分级'],
    params: {},
    figures: {
      processingEvents: { kind: 'count', unit: UNITS.times, label: { zh: '对数据集的处理', en: 'Processing of datasets' } },
      outsideSandbox: { kind: 'count', unit: UNITS.times, label: { zh: '沙箱外处理核心、重要数据', en: 'Core or important data outside the sandbox' } },
      undetermined: { kind: 'count', unit: UNITS.times, label: { zh: '分级不明、在沙箱外', en: 'Unclassified, outside the sandbox' } },
    },
    notes:
      '只计评估期内结果为成功的查询、开发、模型训练事件，资源类型为数据集或资源编号见于 datasets.csv 者。' +
      '数据集分级为空、不是核心、重要或一般数据、或不在 datasets.csv 中时无法判断是否须在沙箱内处理：' +
      '此类事件不在沙箱内时计为待复核（无违规事件时结论为需人工复核，有违规时在消息中列明数量）；分级缺失本身由 JZ-14-01 检查。',
  },
  init: (ctx) => ({ checked: 0, evidence: newEvidence(ctx.maxEvidence), undetermined: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod, ctx) {
    if (!inPeriod || ev.result !== 'success' || !PROCESSING.has(ev.action)) return;
    const classes = classificationOf(ctx.records);
    const classification = classes.get(ev.resource);
    if (ev.resourceType !== 'dataset' && classification === undefined) return;
    state.checked++;
    if (ev.channel === 'sandbox') return;
    if (classification !== undefined && SENSITIVE.has(classification)) addEvidence(state.evidence, eventEvidence(ev));
    else if (classification === undefined || !KNOWN.has(classification)) addEvidence(state.undetermined, eventEvidence(ev));
  },
  merge(into, later) {
    into.checked += later.checked;
    mergeEvidence(into.evidence, later.evidence);
    mergeEvidence(into.undetermined, later.undetermined);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    const missing = requireTable(ctx.records.datasets, ['id', 'classification']);
    if (missing) return missing;
    const n = state.evidence.count;
    const u = state.undetermined.count;
    const figures = { processingEvents: state.checked, outsideSandbox: n, undetermined: u };
    if (state.checked === 0) {
      return { status: 'not_applicable', message: '评估期内没有对数据集的查询、开发或模型训练事件。', messageEn: 'No query, development or model training on a dataset in the period.', figures };
    }
    const undeterminedNote = u ? `另有 ${u} 次在沙箱外处理分级不明（分级为空或未登记）的数据集，需人工核实其分级。` : '';
    const undeterminedEn = u ? ` ${u} more outside the sandbox on datasets of unknown classification: check their classification by hand.` : '';
    const of = `${state.checked} quer${state.checked === 1 ? 'y' : 'ies'}, developments and model trainings on datasets in the period`;
    if (n > 0) {
      return {
        status: 'fail',
        message: `评估期内 ${state.checked} 次对数据集的查询、开发、模型训练中，有 ${n} 次在数据沙箱外处理核心或重要数据。${undeterminedNote}`,
        messageEn: `Of ${of}, ${n} processed core or important data outside the data sandbox.${undeterminedEn}`,
        evidence: state.evidence,
        figures,
      };
    }
    if (u > 0) {
      return {
        status: 'needs_review',
        message: `评估期内 ${state.checked} 次对数据集的查询、开发、模型训练中，核心、重要数据均在沙箱内处理；${undeterminedNote}`,
        messageEn: `Of ${of}, core and important data were all processed in the sandbox;${undeterminedEn}`,
        evidence: state.undetermined,
        figures,
      };
    }
    return {
      status: 'pass', message: `评估期内 ${state.checked} 次对数据集的查询、开发、模型训练中，核心、重要数据均在数据沙箱内处理。`,
      messageEn: `Of ${of}, core and important data were all processed in the data sandbox.`, figures,
    };
  },
};
