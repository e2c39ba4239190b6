import type { BundleRecords } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { articleText } from './articles.js';
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
    articleText: articleText(7),
    evidence: ['logs/: action, resource_type, resource, channel, result, ts', 'datasets.csv: id, classification'],
    params: {},
    notes:
      '只计评估期内结果为 success 的 query、develop、model_train 事件，资源类型为 dataset 或资源编号见于 datasets.csv 者。' +
      '数据集分级为空、不在 core/important/general 之内或不在 datasets.csv 中时无法判断是否须在沙箱内处理：' +
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
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。' };
    const missing = requireTable(ctx.records.datasets, ['id', 'classification']);
    if (missing) return missing;
    const n = state.evidence.count;
    const u = state.undetermined.count;
    const figures = { processingEvents: state.checked, outsideSandbox: n, undetermined: u };
    if (state.checked === 0) {
      return { status: 'not_applicable', message: '评估期内没有对数据集的查询、开发或模型训练事件。', figures };
    }
    const undeterminedNote = u ? `另有 ${u} 次在沙箱外处理分级不明（分级为空或未登记）的数据集，需人工核实其分级。` : '';
    if (n > 0) {
      return {
        status: 'fail',
        message: `评估期内 ${state.checked} 次对数据集的查询、开发、模型训练中，有 ${n} 次在数据沙箱外处理核心或重要数据。${undeterminedNote}`,
        evidence: state.evidence,
        figures,
      };
    }
    if (u > 0) {
      return {
        status: 'needs_review',
        message: `评估期内 ${state.checked} 次对数据集的查询、开发、模型训练中，核心、重要数据均在沙箱内处理；${undeterminedNote}`,
        evidence: state.undetermined,
        figures,
      };
    }
    return { status: 'pass', message: `评估期内 ${state.checked} 次对数据集的查询、开发、模型训练中，核心、重要数据均在数据沙箱内处理。`, figures };
  },
};
