import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { UNITS } from '../../engine/figures.js';
import { article } from './articles.js';

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
    titleEn: 'Products and services are provided through the unified platform',
    ...article(6),
    evidence: ['logs/：操作、渠道、结果、时间'],
    params: {},
    notes: '只计在评估期内结果为成功的交付、共享、导出、下载、接口调用事件；渠道为空视为平台之外。',
    figures: {
      outboundEvents: { kind: 'count', unit: UNITS.times, label: { zh: '对外提供', en: 'Outbound provisions' } },
      offPlatform: { kind: 'count', unit: UNITS.times, label: { zh: '未经平台', en: 'Not through the platform' } },
    },
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
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    const n = state.evidence.count;
    const figures = { outboundEvents: state.checked, offPlatform: n };
    if (n === 0) {
      return {
        status: 'pass', message: `评估期内 ${state.checked} 次交付、共享、导出、下载与接口调用均经平台、沙箱或接口渠道。`,
        messageEn: `All ${state.checked} deliveries, shares, exports, downloads and API calls in the period went through the platform, the sandbox or the API.`, figures,
      };
    }
    return {
      status: 'fail',
      message: `评估期内 ${state.checked} 次对外提供中有 ${n} 次未经统一运营平台（渠道为线下或其他）。`,
      messageEn: `${n} of ${state.checked} outbound provisions in the period bypassed the unified platform (offline or another channel).`,
      evidence: state.evidence,
      figures,
    };
  },
};
