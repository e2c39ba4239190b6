// The overview's matrix: one row per article, one column per status, each cell the number
// of the article's rules in that status after the reviewer's decisions.

import type { Status } from '../../shared/engine/types.js';
import type { EffectiveRule } from '../../shared/review/effective.js';
import { emptyCounts, type StatusCounts } from '../../shared/review/effective.js';
import { STATUS_RANK } from './effective.js';

export interface ArticleRow {
  article: number;
  counts: StatusCounts;
  total: number;
  /** The worst status among the article's rules. */
  worst: Status;
  ruleIds: string[];
}

export function articleMatrix(rules: readonly EffectiveRule[]): ArticleRow[] {
  const rows = new Map<number, ArticleRow>();
  for (const e of rules) {
    const a = e.result.article;
    let row = rows.get(a);
    if (!row) {
      row = { article: a, counts: emptyCounts(), total: 0, worst: e.status, ruleIds: [] };
      rows.set(a, row);
    }
    row.counts[e.status]++;
    row.total++;
    row.ruleIds.push(e.result.ruleId);
    if (STATUS_RANK[e.status] < STATUS_RANK[row.worst]) row.worst = e.status;
  }
  return [...rows.values()].sort((x, y) => x.article - y.article);
}
