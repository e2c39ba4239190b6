// One line for a review-log entry's before → after, for the log table; the full JSON goes
// in the cell's title.

import type { ReviewLogEntry } from '../../shared/review/types.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

export function changeText(e: ReviewLogEntry, label: { status: (s: string) => string; kind: (k: string) => string }): string {
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
