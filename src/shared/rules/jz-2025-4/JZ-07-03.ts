import { sm3 } from 'sm-crypto-v2';
import type { LogChain, LogEvent } from '../../bundle/types.js';
import { addEvidence, eventEvidence, mergeEvidence, newEvidence } from '../../engine/evidence.js';
import type { EvidenceItem, EvidenceList, LogRule } from '../../engine/types.js';
import { UNITS } from '../../engine/figures.js';
import { article } from './articles.js';

const GENESIS = '0'.repeat(64);

/** The chain of one log file. */
interface Chain {
  /** `hash` of the previous event as written ('' when it had none); null before the first event. */
  lastHash: string | null;
  /** Whether any event of the file so far carries `hash`. */
  hashed: boolean;
  events: number;
  /** Events before the first hashed one: breaks if the file turns out to be hashed. */
  leading: number;
  leadingItems: EvidenceItem[];
}

interface State {
  chains: Map<string, Chain>;
  current: string | null;
  /** Events of hashed files. */
  checked: number;
  prevMismatch: number;
  hashMismatch: number;
  missingHash: number;
  evidence: EvidenceList;
}

/**
 * An imported log's link as its platform computed it (version 1.1): the declared fields of the
 * event's own source strings, never values rewritten by the import.
 */
function platformHash(formula: LogChain, ev: LogEvent, sha256Hex: (s: string) => string): string {
  const input = formula.fields.map((f) => (f === 'prev_hash' ? (ev.prevHash ?? '') : (ev.chainSource?.[f] ?? ''))).join(formula.separator);
  return formula.algorithm === 'sm3' ? sm3(input) : sha256Hex(input);
}

function newChain(): Chain {
  return { lastHash: null, hashed: false, events: 0, leading: 0, leadingItems: [] };
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-07-03',
    article: 7,
    severity: 'high',
    title: '运营日志哈希链完整，未被篡改',
    titleEn: 'The logs\' hash chains are intact: nothing was altered',
    ...article(7),
    evidence: ['logs/：前序哈希、哈希、事件编号、时间、操作人、操作、资源、结果'],
    params: {},
    figures: {
      hashedFiles: { kind: 'list', of: { kind: 'text' }, label: { zh: '带哈希链的文件', en: 'Hash-chained files' } },
      unhashedFiles: { kind: 'list', of: { kind: 'text' }, label: { zh: '未带哈希链的文件', en: 'Files without a chain' } },
      checkedEvents: { kind: 'count', unit: UNITS.events, label: { zh: '校验的事件', en: 'Events checked' } },
      breaks: { kind: 'count', unit: UNITS.events, label: { zh: '断链', en: 'Breaks' } },
      prevHashMismatch: { kind: 'count', unit: UNITS.events, label: { zh: '前序哈希不符', en: 'Previous hash differs' } },
      hashMismatch: { kind: 'count', unit: UNITS.events, label: { zh: '哈希与重算值不符', en: 'Hash differs from recomputed' } },
      missingHash: { kind: 'count', unit: UNITS.events, label: { zh: '缺少哈希', en: 'Hash missing' } },
    },
    notes:
      '逐文件按文件顺序校验全部解析成功的事件（含失败、评估期外与时间为空的事件）。哈希按 bundle-v1.md 以书写原样的字段计算；' +
      '导入的证据包（版本 1.1）按清单声明的平台公式（SHA-256 或 SM3、字段顺序、分隔符）以原始导出中的原样字符串计算，导入时从不重算哈希链，' +
      '与哈希的比较区分大小写（规范要求小写十六进制）。只要文件中有一条事件带哈希，该文件即为哈希链文件：' +
      '其中缺少哈希的事件视为断链；下一事件的前序哈希与上一事件书写的哈希比较（上一事件无哈希时亦为断链）。' +
      '全部事件均无哈希的文件不校验，在消息中列出；没有任何文件带哈希链时为需人工复核。',
  },
  init: (ctx) => ({
    chains: new Map(), current: null, checked: 0, prevMismatch: 0, hashMismatch: 0, missingHash: 0,
    evidence: newEvidence(ctx.maxEvidence),
  }),
  onEvent(state, ev, _inPeriod, ctx) {
    if (state.current !== ev.file) {
      // The previous file is done: its leading items can no longer be needed.
      if (state.current !== null) state.chains.get(state.current)!.leadingItems = [];
      state.current = ev.file;
    }
    let chain = state.chains.get(ev.file);
    if (!chain) {
      chain = newChain();
      state.chains.set(ev.file, chain);
    }
    chain.events++;
    if (!chain.hashed && ev.hash === null) {
      chain.leading++;
      if (chain.leadingItems.length < ctx.maxEvidence) chain.leadingItems.push(eventEvidence(ev));
      chain.lastHash = '';
      return;
    }
    if (!chain.hashed) {
      // First hashed event: the file is hash-chained, so the events before it lacked their hash.
      chain.hashed = true;
      state.checked += chain.leading;
      state.missingHash += chain.leading;
      for (const item of chain.leadingItems) addEvidence(state.evidence, item);
      state.evidence.count += chain.leading - chain.leadingItems.length;
      chain.leadingItems = [];
    }
    state.checked++;
    const formula = ctx.records.manifest.chains?.[ev.file];
    const expectedPrev = chain.lastHash === null ? (formula?.genesis ?? GENESIS) : chain.lastHash;
    let broken = false;
    if (ev.prevHash !== expectedPrev) {
      state.prevMismatch++;
      broken = true;
    }
    if (ev.hash === null) {
      state.missingHash++;
      broken = true;
    } else {
      const f = ev.rawFields;
      const recomputed = formula
        ? platformHash(formula, ev, ctx.sha256Hex)
        : ctx.sha256Hex(`${ev.prevHash ?? ''}|${f.event_id}|${f.ts}|${f.actor}|${f.action}|${f.resource}|${f.result}`);
      if (ev.hash !== recomputed) {
        state.hashMismatch++;
        broken = true;
      }
    }
    if (broken) addEvidence(state.evidence, eventEvidence(ev));
    chain.lastHash = ev.hash ?? '';
  },
  endFile(state, file) {
    const chain = state.chains.get(file);
    if (chain) chain.leadingItems = [];
  },
  merge(into, later) {
    for (const [file, chain] of later.chains) into.chains.set(file, chain);
    into.current = later.current;
    into.checked += later.checked;
    into.prevMismatch += later.prevMismatch;
    into.hashMismatch += later.hashMismatch;
    into.missingHash += later.missingHash;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) return { status: 'insufficient_evidence', message: '证据包中没有运营日志（logs/），无法判断。', messageEn: 'The bundle has no operation logs (logs/); cannot decide.' };
    const hashedFiles: string[] = [];
    const unhashedFiles: string[] = [];
    for (const [file, chain] of state.chains) (chain.hashed ? hashedFiles : unhashedFiles).push(file);
    if (hashedFiles.length + unhashedFiles.length === 0) return { status: 'insufficient_evidence', message: '运营日志中没有可解析的事件，无法判断。', messageEn: 'The logs hold no readable event; cannot decide.' };
    const breaks = state.evidence.count;
    const figures = {
      hashedFiles, unhashedFiles, checkedEvents: state.checked, breaks,
      prevHashMismatch: state.prevMismatch, hashMismatch: state.hashMismatch, missingHash: state.missingHash,
    };
    if (hashedFiles.length === 0) {
      return {
        status: 'needs_review',
        message: `${unhashedFiles.length} 个日志文件均未带哈希链（哈希字段），无法以哈希链核验日志未被篡改，请人工核查日志防篡改措施。`,
        messageEn: `None of the ${unhashedFiles.length} log files carries a hash chain, so the logs cannot be shown unaltered by it; check the logs' tamper protection by hand.`,
        figures,
      };
    }
    const unhashedNote = unhashedFiles.length ? `另有 ${unhashedFiles.length} 个日志文件未带哈希链，未校验：${unhashedFiles.join('、')}。` : '';
    const unhashedEn = unhashedFiles.length ? ` ${unhashedFiles.length} more log file${unhashedFiles.length === 1 ? '' : 's'} without a chain, not checked: ${unhashedFiles.join(', ')}.` : '';
    if (breaks === 0) {
      return {
        status: 'pass', message: `${hashedFiles.length} 个带哈希链的日志文件共 ${state.checked} 条事件，哈希链完整。${unhashedNote}`,
        messageEn: `The hash chains of ${hashedFiles.length} log file${hashedFiles.length === 1 ? '' : 's'} (${state.checked} events) are intact.${unhashedEn}`, figures,
      };
    }
    const reasons = [
      state.prevMismatch ? `前序哈希与上一事件的哈希不符 ${state.prevMismatch} 条` : '',
      state.hashMismatch ? `哈希与按字段重算值不符 ${state.hashMismatch} 条` : '',
      state.missingHash ? `缺少哈希 ${state.missingHash} 条` : '',
    ].filter(Boolean).join('，');
    const reasonsEn = [
      state.prevMismatch ? `previous hash differs in ${state.prevMismatch}` : '',
      state.hashMismatch ? `hash differs from the recomputed value in ${state.hashMismatch}` : '',
      state.missingHash ? `hash missing in ${state.missingHash}` : '',
    ].filter(Boolean).join(', ');
    return {
      status: 'fail',
      message: `${hashedFiles.length} 个带哈希链的日志文件共 ${state.checked} 条事件中有 ${breaks} 条断链（${reasons}），日志可能被篡改或删减。${unhashedNote}`,
      messageEn: `${breaks} of ${state.checked} events in ${hashedFiles.length} hash-chained log file${hashedFiles.length === 1 ? '' : 's'} break the chain (${reasonsEn}): the logs may have been altered or cut.${unhashedEn}`,
      evidence: state.evidence,
      figures,
    };
  },
};
