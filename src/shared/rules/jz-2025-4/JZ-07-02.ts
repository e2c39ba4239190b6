import type { LogEvent } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule } from '../../engine/types.js';
import { percentText, UNITS } from '../../engine/figures.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';

/** Required fields and how each is read from the event (normalised, trimmed). */
const FIELDS: [string, (ev: LogEvent) => string][] = [
  ['event_id', (ev) => ev.eventId],
  ['ts', (ev) => ev.ts],
  ['actor', (ev) => ev.actor],
  ['action', (ev) => ev.action],
  ['resource_type', (ev) => ev.resourceType],
  ['resource', (ev) => ev.resource],
  ['result', (ev) => ev.result],
];

interface State {
  events: number;
  /** Per field: how many events lack it. */
  missing: Record<string, number>;
  evidence: EvidenceList;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-07-02',
    article: 7,
    severity: 'medium',
    title: '运营日志要素完整，全流程可追溯',
    titleEn: 'Log entries are complete, so every step can be traced',
    ...article(7),
    evidence: ['logs/：事件编号、时间、操作人、操作、资源类型、资源、结果'],
    params: {
      max_incomplete_ratio: {
        type: 'number',
        default: 0,
        source: '锦政规〔2025〕4号第七条：运营全流程可记录、可审计、可追溯',
        description: '要素不全的事件占全部事件的最大比例（0–1）；超过即不合格。',
        label: { zh: '要素不全事件的允许比例', en: 'Share of incomplete events allowed' },
      },
    },
    figures: {
      events: { kind: 'count', unit: UNITS.events, label: { zh: '日志事件', en: 'Log events' } },
      incomplete: { kind: 'count', unit: UNITS.events, label: { zh: '要素不全', en: 'Incomplete' } },
      ratio: { kind: 'ratio', label: { zh: '不全比例', en: 'Share incomplete' } },
      maxIncompleteRatio: { kind: 'ratio', label: { zh: '允许比例', en: 'Share allowed' } },
      missingByField: {
        kind: 'map', label: { zh: '各要素缺失', en: 'Missing by field' },
        key: { kind: 'enum', names: 'logField', label: { zh: '要素', en: 'Field' } },
        value: { kind: 'count', unit: UNITS.events, label: { zh: '缺失', en: 'Missing' } },
      },
    },
    notes:
      '检查每一条解析成功的事件（含失败、拒绝、评估期外与时间为空的事件）；字段仅含空白视为空。' +
      '比例不超过“要素不全事件的允许比例”时为合格，但消息仍列明不完整事件的数量并附证据。',
  },
  init: (ctx) => ({ events: 0, missing: {}, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev) {
    state.events++;
    let incomplete = false;
    for (const [name, get] of FIELDS) {
      if (get(ev) === '') {
        state.missing[name] = (state.missing[name] ?? 0) + 1;
        incomplete = true;
      }
    }
    if (incomplete) addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.events += later.events;
    for (const [name, n] of Object.entries(later.missing)) into.missing[name] = (into.missing[name] ?? 0) + n;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    if (state.events === 0) return { status: 'insufficient_evidence', message: '运营日志中没有可解析的事件，无法判断。', messageEn: 'The logs hold no readable event; cannot decide.' };
    const maxRatio = Number(ctx.params.max_incomplete_ratio);
    const n = state.evidence.count;
    const ratio = n / state.events;
    // Fixed field order, so that the figures do not depend on which file came first.
    const missingByField: Record<string, number> = {};
    for (const [name] of FIELDS) if (state.missing[name]) missingByField[name] = state.missing[name];
    const figures = { events: state.events, incomplete: n, ratio, maxIncompleteRatio: maxRatio, missingByField };
    if (n === 0) return { status: 'pass', message: `全部 ${state.events} 条日志事件的七项要素均完整。`, messageEn: `All ${state.events} log events have all seven fields.`, figures };
    const detail = Object.entries(missingByField).map(([f, k]) => `${nameOf('logField', f)}缺 ${k} 条`).join('，');
    const detailEn = Object.entries(missingByField).map(([f, k]) => `${nameOf('logField', f, 'en')} missing in ${k}`).join(', ');
    const share = `${state.events} 条日志事件中有 ${n} 条要素不全（${percentText(ratio * 100)}；${detail}）`;
    const shareEn = `${n} of ${state.events} log events are incomplete (${percentText(ratio * 100)}; ${detailEn})`;
    const allowed = percentText(maxRatio * 100);
    if (ratio <= maxRatio) {
      return { status: 'pass', message: `${share}，未超过允许比例 ${allowed}。`, messageEn: `${shareEn}, within the ${allowed} allowed.`, evidence: state.evidence, figures };
    }
    return { status: 'fail', message: `${share}，超过允许比例 ${allowed}。`, messageEn: `${shareEn}, more than the ${allowed} allowed.`, evidence: state.evidence, figures };
  },
};
