// Small helpers the slices share: the clock, who is acting, error text.

import { BridgeError } from '../bridge.js';
import { isoLocal, localDay } from '../model/format.js';
import type { Deps, GetState } from './state.js';

export const UNSIGNED = '（未署名）';

export function clock(deps: Deps) {
  const now = () => (deps.now ? deps.now() : new Date());
  return { at: () => isoLocal(now()), today: () => localDay(now()) };
}

/** The reviewer named in the settings, or null. */
export function reviewerName(get: GetState): string | null {
  const n = get().mainSettings?.reviewer?.name?.trim();
  return n ? n : null;
}

export function messageOf(e: unknown): string {
  if (e instanceof BridgeError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export function codeOf(e: unknown): string | null {
  return e instanceof BridgeError ? e.code : null;
}
