import type { RulePack } from '../engine/assess.js';
import { pack as jz2025 } from './jz-2025-4/index.js';

/** Rule packs by id. Worker threads look the pack up by id (functions cannot be posted). */
export const PACKS: Record<string, RulePack> = { [jz2025.id]: jz2025 };

export const DEFAULT_PACK_ID = jz2025.id;

export function packById(id: string): RulePack {
  const p = PACKS[id];
  if (!p) throw new Error(`unknown rule pack "${id}"`);
  return p;
}
