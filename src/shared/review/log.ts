// The review log as a hash chain: each entry's hash covers its content and the previous
// hash, so a log handed to another party shows whether anything was changed or dropped.

import { canonicalJson } from '../bundle/integrity.js';
import { sha256Hex } from '../engine/sha256.js';
import { GENESIS_HASH, type ReviewAction, type ReviewLogEntry } from './types.js';

export interface NewLogEntry {
  at: string;
  who: string;
  action: ReviewAction;
  ruleId?: string;
  before?: unknown;
  after?: unknown;
}

/** The hash an entry must carry: SHA-256 over the canonical JSON of all its other members. */
export function entryHash(e: Omit<ReviewLogEntry, 'hash'>): string {
  const body: Record<string, unknown> = {
    seq: e.seq, at: e.at, who: e.who, action: e.action, before: e.before ?? null, after: e.after ?? null, prevHash: e.prevHash,
  };
  if (e.ruleId !== undefined) body.ruleId = e.ruleId;
  return sha256Hex(canonicalJson(body));
}

/**
 * A new log with `entry` appended (the input is not changed). before/after go through
 * JSON so that what is hashed is exactly what a saved and reloaded log holds.
 */
export function appendLogEntry(log: readonly ReviewLogEntry[], entry: NewLogEntry): ReviewLogEntry[] {
  const last = log[log.length - 1];
  const base: Omit<ReviewLogEntry, 'hash'> = {
    seq: log.length + 1,
    at: entry.at,
    who: entry.who,
    action: entry.action,
    ...(entry.ruleId !== undefined ? { ruleId: entry.ruleId } : {}),
    before: jsonValue(entry.before),
    after: jsonValue(entry.after),
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  return [...log, { ...base, hash: entryHash(base) }];
}

function jsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  const s = JSON.stringify(v);
  return s === undefined ? null : JSON.parse(s);
}

export type LogVerification =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; seq: number; problem: string };

/** Check the chain from the first entry; stops at the first broken one and says why. */
export function verifyLog(log: readonly unknown[]): LogVerification {
  return checkChain(log, 1, GENESIS_HASH);
}

/**
 * Check consecutive entries taken from a longer log (its latest ones): each entry's hash
 * matches its content and links to the entry before it. The entries before the first are
 * not at hand, so the first one's prevHash is taken as given; a run that starts at seq 1
 * is checked exactly as verifyLog checks a whole log.
 */
export function verifyLogSegment(log: readonly unknown[]): LogVerification {
  const first = log[0] as Partial<ReviewLogEntry> | null | undefined;
  if (!first || typeof first !== 'object' || first.seq === 1) return verifyLog(log);
  if (!Number.isInteger(first.seq) || (first.seq as number) < 1 || typeof first.prevHash !== 'string') {
    return { ok: false, entries: log.length, seq: 1, problem: '审查日志的首条缺少有效的序号或 prevHash。' };
  }
  return checkChain(log, first.seq as number, first.prevHash);
}

function checkChain(log: readonly unknown[], firstSeq: number, firstPrev: string): LogVerification {
  let prev = firstPrev;
  for (let i = 0; i < log.length; i++) {
    const e = log[i] as Partial<ReviewLogEntry> | null;
    const seq = firstSeq + i;
    const fail = (problem: string): LogVerification => ({ ok: false, entries: log.length, seq, problem });
    if (!e || typeof e !== 'object' || Array.isArray(e)) return fail(`审查日志第 ${seq} 条不是对象。`);
    if (e.seq !== seq) return fail(`审查日志第 ${seq} 条的序号为 ${JSON.stringify(e.seq)}，应为 ${seq}：有条目被删除、插入或调换。`);
    if (typeof e.at !== 'string' || typeof e.who !== 'string' || typeof e.action !== 'string' || typeof e.hash !== 'string' || typeof e.prevHash !== 'string') {
      return fail(`审查日志第 ${seq} 条缺少 at、who、action、prevHash 或 hash。`);
    }
    if (e.prevHash !== prev) return fail(`审查日志第 ${seq} 条的 prevHash 与上一条的 hash 不符：其前的条目被改动、删除或调换。`);
    const expected = entryHash(e as ReviewLogEntry);
    if (e.hash !== expected) return fail(`审查日志第 ${seq} 条（${e.action}，${e.who}）的 hash 与内容不符：该条在记录后被改动。`);
    prev = e.hash;
  }
  return { ok: true, entries: log.length, head: prev };
}
