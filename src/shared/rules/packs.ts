import type { RulePack } from '../engine/assess.js';
import type { FigureSpecs } from '../engine/figures.js';
import { pack as jz2025 } from './jz-2025-4/index.js';

/** Rule packs by id. Worker threads look the pack up by id (functions cannot be posted). */
export const PACKS: Record<string, RulePack> = { [jz2025.id]: jz2025 };

export const DEFAULT_PACK_ID = jz2025.id;

/** How a rule of a pack declares its figures; none for a rule or pack this build does not have. */
export function figureSpecsOf(packId: string, ruleId: string): FigureSpecs {
  return PACKS[packId]?.rules.find((r) => r.meta.id === ruleId)?.meta.figures ?? {};
}

export function packById(id: string): RulePack {
  const p = PACKS[id];
  if (!p) throw new Error(`unknown rule pack "${id}"`);
  return p;
}
