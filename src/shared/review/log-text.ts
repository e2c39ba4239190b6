// One line for a review-log entry's before → after: the case's log table shows it (with
// its own labels), the report prints it (with the Chinese ones). Pure.

import { nameOf } from '../names.js';
import { EPISODE_VERDICT_NAMES } from '../incidents/judgments.js';
import type { ReviewLogEntry } from './types.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

export interface ChangeLabels {
  status: (s: string) => string;
  kind: (k: string) => string;
  /** Episode kinds and verdicts (x-episode_judgment); Chinese by default. */
  episode?: (k: string) => string;
  verdict?: (v: string) => string;
}

/** The action of an episode judgment (JZ-21-03), in the log. */
export const EPISODE_JUDGMENT_ACTION = 'x-episode_judgment';

const zhEpisode = (k: string) => nameOf('episodeKind', k);
const zhVerdict = (v: string) => (EPISODE_VERDICT_NAMES as Record<string, string>)[v] ?? v;

export function changeText(e: ReviewLogEntry, label: ChangeLabels): string {
  const b = obj(e.before);
  const a = obj(e.after);
  if (e.action === 'decision_add' && a) {
    const from = b && typeof b.status === 'string' ? label.status(b.status) : '';
    const to = typeof a.status === 'string' ? label.status(a.status) : '';
    const extra = [a.deadline, a.expires, a.approver, a.approvalDoc].filter((x) => typeof x === 'string' && x).join(' · ');
    return `${label.kind(String(a.kind))}${from && to ? `：${from} → ${to}` : ''}；${String(a.reason ?? '')}${extra ? `（${extra}）` : ''}`;
  }
  if (e.action === 'decision_withdraw' && b) {
    return `${label.kind(String(b.kind))} #${String(b.id ?? '')} → ✗；${String(a?.reason ?? '')}`;
  }
  if (e.action === EPISODE_JUDGMENT_ACTION && a) {
    const episode = label.episode ?? zhEpisode;
    const verdict = label.verdict ?? zhVerdict;
    const when = typeof a.first === 'string' ? a.first.replace('T', ' ').slice(0, 16) : '';
    const what = `${episode(String(a.kind ?? ''))}（${String(a.actor ?? '') || '—'}${when ? `，${when}` : ''}）`;
    const from = b && typeof b.verdict === 'string' ? `${verdict(b.verdict)} → ` : '';
    return `${what}：${from}${verdict(String(a.verdict ?? ''))}；${String(a.note ?? '')}`;
  }
  if (e.action === 'case_open' && a) {
    const p = obj(a.period);
    return `${String(a.operatorName ?? '')}${a.operatorId ? `（${String(a.operatorId)}）` : ''}${p ? ` ${String(p.start)} – ${String(p.end)}` : ''}`;
  }
  if (e.action === 'review_run' && a) {
    const s = obj(a.summary);
    const counts = s ? ['pass', 'fail', 'needs_review', 'insufficient_evidence', 'not_applicable'].map((k) => `${label.status(k)} ${String(s[k] ?? 0)}`).join('，') : '';
    return `#${String(a.run ?? '')} ${String(a.bundle ?? '')}${counts ? `；${counts}` : ''}`;
  }
  if (a && typeof a.reportId === 'string') return `${a.reportId}${typeof a.sha256 === 'string' ? ` · ${a.sha256.slice(0, 16)}…` : ''}${typeof a.path === 'string' ? ` → ${a.path}` : ''}`;
  const text = JSON.stringify(e.after ?? e.before ?? '');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
