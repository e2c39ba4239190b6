import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { articleText } from './articles.js';

const OUTBOUND = new Set(['deliver', 'share', 'export', 'download', 'api_call']);
const PLATFORM_CHANNELS = new Set(['platform', 'sandbox', 'api']);

interface State {
  checked: number;
  evidence: EvidenceList;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-06-01',
    article: 6,
    severity: 'high',
    title: '数据产品和服务经统一运营平台提供',
    articleText: articleText(6),
    evidence: ['logs/: action, channel, result, ts'],
    params: {},
    notes: '只计在评估期内结果为 success 的 deliver、share、export、download、api_call 事件；渠道为空视为平台之外。',
  },
  init: (ctx) => ({ checked: 0, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod) {
    if (!inPeriod || ev.result !== 'success' || !OUTBOUND.has(ev.action)) return;
    state.checked++;
    if (!PLATFORM_CHANNELS.has(ev.channel)) addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.checked += later.checked;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。' };
    const n = state.evidence.count;
    const figures = { outboundEvents: state.checked, offPlatform: n };
    if (n === 0) return { status: 'pass', message: `评估期内 ${state.checked} 次交付、共享、导出、下载与接口调用均经平台、沙箱或接口渠道。`, figures };
    return {
      status: 'fail',
      message: `评估期内 ${state.checked} 次对外提供中有 ${n} 次未经统一运营平台（渠道为线下或其他）。`,
      evidence: state.evidence,
      figures,
    };
  },
};
