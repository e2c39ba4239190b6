// The app's settings: a small JSON file in the user's data folder (desktop) or memory
// (loopback host, tests). A file that fails the settings guard is ignored, not trusted.

import { DEFAULT_DEADLINE_DAYS } from '../../shared/review/types.js';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Settings } from '../../shared/ipc/contract.js';
import { checkRequest } from '../../shared/ipc/guards.js';
import { parseJson } from '../../shared/bundle/json.js';

export const DEFAULT_SETTINGS: Settings = {
  reviewer: null,
  workers: null,
  evidencePerRule: 20,
  defaultDeadlineDays: DEFAULT_DEADLINE_DAYS,
};

export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
}

/** A copy of `base` with the patch's fields; undefined fields leave the base alone. */
export function applyPatch(base: Settings, patch: Partial<Settings>): Settings {
  const out: Settings = { ...base };
  if (patch.reviewer !== undefined) out.reviewer = patch.reviewer === null ? null : { ...patch.reviewer };
  if (patch.workers !== undefined) out.workers = patch.workers;
  if (patch.evidencePerRule !== undefined) out.evidencePerRule = patch.evidencePerRule;
  if (patch.defaultDeadlineDays !== undefined) out.defaultDeadlineDays = patch.defaultDeadlineDays;
  return out;
}

export function memorySettingsStore(initial: Settings = DEFAULT_SETTINGS): SettingsStore {
  let current = applyPatch(initial, {});
  return {
    async load() {
      return applyPatch(current, {});
    },
    async save(s) {
      current = applyPatch(s, {});
    },
  };
}

export function fileSettingsStore(file: string): SettingsStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return applyPatch(DEFAULT_SETTINGS, {});
      }
      let parsed: unknown;
      try {
        parsed = parseJson(text);
      } catch {
        return applyPatch(DEFAULT_SETTINGS, {});
      }
      // The same guard as settings:set: a hand-edited or damaged file cannot smuggle anything in.
      const checked = checkRequest('settings:set', { patch: parsed });
      return checked.ok ? applyPatch(DEFAULT_SETTINGS, checked.value.patch) : applyPatch(DEFAULT_SETTINGS, {});
    },
    async save(s) {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(s, null, 2) + '\n', { mode: 0o600 });
      await rename(tmp, file);
    },
  };
}
