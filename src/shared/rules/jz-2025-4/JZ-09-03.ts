import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import { UNITS } from '../../engine/figures.js';
import { article } from './articles.js';
import { endOf, startOf } from './support.js';

interface State {
  /** agreement.start 00:00 and agreement.end 24:00 local, epoch ms; NaN when unusable. */
  startMs: number;
  endMs: number;
  checked: number;
  before: number;
  after: number;
  evidence: EvidenceList;
}

function agreementDates(ctx: RuleContext): { start: string; end: string } {
  const v = ctx.records.agreement.value;
  const text = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
  return { start: text(v?.start), end: text(v?.end) };
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-09-03',
    article: 9,
    severity: 'high',
    title: '运营活动在授权运营期限内开展',
    titleEn: 'Operations take place within the term of the authorisation',
    ...article(9),
    evidence: ['agreement.json：起始日、终止日', 'logs/：时间、结果'],
    params: {},
    figures: {
      agreementStart: { kind: 'text', label: { zh: '协议起始日', en: 'Agreement start' } },
      agreementEnd: { kind: 'text', label: { zh: '协议终止日', en: 'Agreement end' } },
      successEvents: { kind: 'count', unit: UNITS.times, label: { zh: '成功操作', en: 'Successful operations' } },
      beforeStart: { kind: 'count', unit: UNITS.times, label: { zh: '早于起始日', en: 'Before the start' } },
      afterEnd: { kind: 'count', unit: UNITS.times, label: { zh: '晚于终止日', en: 'After the end' } },
    },
    notes:
      '只计评估期内结果为成功的事件（任何操作类型）。协议起始日自当日 00:00 起生效，终止日覆盖至当日 24:00；' +
      '起始日当天的事件在期限内。',
  },
  init(ctx) {
    const { start, end } = agreementDates(ctx);
    return { startMs: startOf(ctx, start), endMs: endOf(ctx, end), checked: 0, before: 0, after: 0, evidence: newEvidence(ctx.maxEvidence) };
  },
  onEvent(state, ev, inPeriod) {
    if (!inPeriod || ev.result !== 'success' || Number.isNaN(state.startMs) || Number.isNaN(state.endMs)) return;
    state.checked++;
    if (ev.t < state.startMs) state.before++;
    else if (ev.t >= state.endMs) state.after++;
    else return;
    addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.checked += later.checked;
    into.before += later.before;
    into.after += later.after;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    const agreement = ctx.records.agreement;
    if (!agreement.present || !agreement.value) return { status: 'insufficient_evidence', message: '缺少或无法读取 agreement.json，无法判断授权运营期限。', messageEn: 'agreement.json is missing or unreadable; the term cannot be judged.' };
    const { start, end } = agreementDates(ctx);
    if (Number.isNaN(state.startMs) || Number.isNaN(state.endMs)) {
      return { status: 'insufficient_evidence', message: 'agreement.json 的起始日或终止日缺失或无法读取，无法判断授权运营期限。', messageEn: 'The start or end in agreement.json is missing or unreadable; the term cannot be judged.' };
    }
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    const n = state.evidence.count;
    const figures = { agreementStart: start, agreementEnd: end, successEvents: state.checked, beforeStart: state.before, afterEnd: state.after };
    if (n === 0) {
      return { status: 'pass', message: `评估期内 ${state.checked} 次成功操作均在授权运营期限 ${start} 至 ${end} 内。`, messageEn: `All ${state.checked} successful operations in the period fall within the term ${start} to ${end}.`, figures };
    }
    const parts = [
      state.before ? `${state.before} 次早于协议起始日 ${start}` : '',
      state.after ? `${state.after} 次晚于协议终止日 ${end}` : '',
    ].filter(Boolean).join('，');
    const partsEn = [state.before ? `${state.before} before the start ${start}` : '', state.after ? `${state.after} after the end ${end}` : ''].filter(Boolean).join(', ');
    return {
      status: 'fail',
      message: `评估期内 ${state.checked} 次成功操作中有 ${n} 次在授权运营期限之外（${parts}）。`,
      messageEn: `${n} of ${state.checked} successful operations in the period fall outside the term (${partsEn}).`,
      evidence: state.evidence,
      figures,
    };
  },
};
