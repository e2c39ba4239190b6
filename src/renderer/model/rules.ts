// Rule metadata (title, article text, parameters) for the rules of a findings' pack.

import type { RuleMeta } from '../../shared/engine/types.js';
import { POINTS_LABEL } from '../../shared/rules/jz-2025-4/articles.js';
import { PACKS } from '../../shared/rules/packs.js';

const cache = new Map<string, Map<string, RuleMeta>>();

export function metasOf(packId: string): Map<string, RuleMeta> {
  let m = cache.get(packId);
  if (!m) {
    m = new Map((PACKS[packId]?.rules ?? []).map((r) => [r.meta.id, r.meta]));
    cache.set(packId, m);
  }
  return m;
}

export type ArticleText = { kind: 'quote'; text: string } | { kind: 'points'; text: string } | { kind: 'none' };

/** An article's text as the rule states it: the issued wording, or points marked as not a quote. */
export function articleTextOf(meta: RuleMeta | undefined): ArticleText {
  const text = meta?.articleText ?? '';
  if (!text) return { kind: 'none' };
  if (text.startsWith(POINTS_LABEL)) return { kind: 'points', text: text.slice(POINTS_LABEL.length) };
  return { kind: 'quote', text };
}
