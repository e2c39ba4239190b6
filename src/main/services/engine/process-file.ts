import { hash } from 'node:crypto';
import { contextsFor, createLogPass, logRulesOf, type PassState, type RulePack } from '../../../shared/engine/assess.js';
import type { ResolvedProfile } from '../../../shared/engine/profile.js';
import type { BundleRecords, InputIssue, LogFileInfo } from '../../../shared/bundle/types.js';
import type { BundleSource } from '../bundle/source.js';
import { streamLog } from '../bundle/stream-log.js';
import { inputIssue } from '../../../shared/bundle/issue-messages.js';

/** Node's native SHA-256 for the hash chain (JZ-07-03): several times the pure one's speed. */
export function nativeSha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Input issues listed per log file; the rest are counted in one closing issue. */
export const MAX_ISSUES_PER_FILE = 200;

export interface FileOutcome {
  index: number;
  state: PassState;
  digest: { path: string; sha256: string; bytes: number };
  issues: InputIssue[];
}

export interface Counter {
  bytes: number;
  events: number;
}

/** Run every enabled log rule over one log file, in a fresh state (merged later in file order). */
export async function processLogFile(
  pack: RulePack, records: BundleRecords, profile: ResolvedProfile, source: BundleSource,
  file: LogFileInfo, index: number, counter: Counter, signal?: AbortSignal,
): Promise<FileOutcome> {
  const logRules = logRulesOf(contextsFor(pack, records, profile, nativeSha256Hex));
  const pass = createLogPass(logRules);
  const issues: InputIssue[] = [];
  let unlisted = 0;
  // Events are counted by the pass; progress picks the count up with each chunk read.
  const eventsBefore = counter.events;
  const digest = await streamLog(source, file, records.timezone, {
    onEvent: pass.feed,
    onIssue(i) {
      // A file of nothing but broken lines must not become a million issues: the first ones are listed, the rest counted.
      if (issues.length < MAX_ISSUES_PER_FILE) issues.push(i);
      else unlisted++;
    },
    onBytes(n) {
      counter.bytes += n;
      counter.events = eventsBefore + pass.state.events;
    },
  }, signal);
  counter.events = eventsBefore + pass.state.events;
  pass.endFile(file.path);
  if (unlisted) {
    issues.push(inputIssue(file.path, null, 'warning', 'file.issues-not-listed', { n: unlisted.toLocaleString('en-US'), max: MAX_ISSUES_PER_FILE }));
  }
  return { index, state: pass.state, digest: { path: file.path, ...digest }, issues };
}
