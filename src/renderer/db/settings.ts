// Settings of this workbench that main does not keep: the language and the default review
// profile. (The reviewer, worker threads and report options live in main: settings:get/set.)

import type { ReviewProfile } from '../../shared/ipc/contract.js';
import type { DeskDb } from './schema.js';

export type Lang = 'zh' | 'en';

export interface LocalSettings {
  lang: Lang;
  profile: ReviewProfile;
}

export const DEFAULT_LOCAL: LocalSettings = { lang: 'zh', profile: {} };

export function settingsRepository(db: DeskDb) {
  return {
    async load(): Promise<LocalSettings> {
      const rows = await db.settings.toArray();
      const m = new Map(rows.map((r) => [r.key, r.value]));
      const lang = m.get('lang');
      const profile = m.get('profile');
      return {
        lang: lang === 'en' || lang === 'zh' ? lang : DEFAULT_LOCAL.lang,
        profile: profile && typeof profile === 'object' && !Array.isArray(profile) ? (profile as ReviewProfile) : {},
      };
    },
    async set<K extends keyof LocalSettings>(key: K, value: LocalSettings[K]): Promise<void> {
      await db.settings.put({ key, value });
    },
  };
}

