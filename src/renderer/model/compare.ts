// Art. 13's 再次评估: a later run of the same case beside an earlier one. Which rules
// changed status (after each run's own decisions), and which rectification items of the
// earlier run are closed (the rule now passes or no longer applies).

import type { Status } from '../../shared/engine/types.js';
import type { EffectiveRule } from '../../shared/review/effective.js';
import { STATUS_RANK } from './effective.js';

export type Change = 'improved' | 'worsened' | 'changed' | 'same' | 'added' | 'removed';

export interface CompareRow {
  ruleId: string;
  article: number;
  title: string;
  titleEn: string;
  before: Status | null;
  after: Status | null;
  change: Change;
}

export interface RectificationState {
  ruleId: string;
  action: string;
  deadline: string | null;
  owner: string | null;
  /** The rule's status in the later run; null when the rule did not run. */
  after: Status | null;
  closed: boolean;
  /** Open and past its deadline on `asOf`. */
  overdue: boolean;
}

export interface Comparison {
  rows: CompareRow[];
  rectification: RectificationState[];
  counts: Record<Change, number>;
}

const CLOSING: ReadonlySet<Status> = new Set(['pass', 'not_applicable']);

function changeOf(before: Status | null, after: Status | null): Change {
  if (before === null) return 'added';
  if (after === null) return 'removed';
  if (before === after) return 'same';
  const d = STATUS_RANK[after] - STATUS_RANK[before];
  // pass ↔ not_applicable are both "nothing wrong": a change, neither better nor worse.
  if (CLOSING.has(before) && CLOSING.has(after)) return 'changed';
  return d > 0 ? 'improved' : 'worsened';
}

export function compareRuns(earlier: readonly EffectiveRule[], later: readonly EffectiveRule[], asOf: string): Comparison {
  const a = new Map(earlier.map((e) => [e.result.ruleId, e]));
  const b = new Map(later.map((e) => [e.result.ruleId, e]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const rows: CompareRow[] = ids.map((id) => {
    const x = a.get(id);
    const y = b.get(id);
    const r = (y ?? x)!.result;
    const before = x?.status ?? null;
    const after = y?.status ?? null;
    return { ruleId: id, article: r.article, title: r.title, titleEn: r.titleEn ?? r.title, before, after, change: changeOf(before, after) };
  });
  const counts = { improved: 0, worsened: 0, changed: 0, same: 0, added: 0, removed: 0 } as Record<Change, number>;
  for (const r of rows) counts[r.change]++;
  const rectification: RectificationState[] = earlier.flatMap((e) => {
    const d = e.rectification;
    if (!d) return [];
    const after = b.get(e.result.ruleId)?.status ?? null;
    const closed = after !== null && CLOSING.has(after);
    return [{
      ruleId: e.result.ruleId,
      action: d.reason,
      deadline: d.deadline ?? null,
      owner: d.owner ?? null,
      after,
      closed,
      overdue: !closed && !!d.deadline && d.deadline < asOf,
    }];
  });
  return { rows, rectification, counts };
}
