// Rule metadata (title, article text, parameters) for the rules of a findings' pack.

import type { RuleMeta } from '../../shared/engine/types.js';
import type { Lang } from '../../shared/names.js';
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

// Findings saved before rules spoke English have no titleEn / messageEn: those show Chinese.

/** A rule's title in the interface's language. */
export function ruleTitle(r: { title: string; titleEn?: string }, lang: Lang): string {
  return (lang === 'en' && r.titleEn) || r.title;
}

/** A rule's message in the interface's language. */
export function ruleMessage(r: { message: string; messageEn?: string }, lang: Lang): string {
  return (lang === 'en' && r.messageEn) || r.message;
}
