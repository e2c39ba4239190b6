import { unwrap } from '../bridge.js';
import { translate } from '../i18n/translate.js';
import type { Deps, GetState, SetState, SettingsSlice } from './state.js';
import { messageOf } from './support.js';

export function settingsSlice(set: SetState, get: GetState, deps: Deps): SettingsSlice {
  const fail = (e: unknown) => get().notify('error', translate(get().lang, 'common.error', { message: messageOf(e) }));
  return {
    mainSettings: null,
    key: null,
    profile: {},
    async loadSettings() {
      const local = await deps.repos.settings.load();
      set({ lang: local.lang, profile: local.profile });
      try {
        const [mainSettings, key] = await Promise.all([unwrap(deps.api.getSettings({})), unwrap(deps.api.getKey({}))]);
        set({ mainSettings, key: key.key });
      } catch (e) {
        fail(e);
      }
    },
    async saveMainSettings(patch) {
      try {
        set({ mainSettings: await unwrap(deps.api.setSettings({ patch })) });
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    async importKey(o) {
      try {
        const res = await unwrap(deps.api.importKey({ password: o.password, ...(o.path ? { path: o.path } : {}) }));
        if (res.outcome !== 'imported') return null;
        set({ key: res.key });
        get().notify('info', translate(get().lang, 'settings.imported', { subject: res.key.subject }));
        return res.key;
      } catch (e) {
        fail(e);
        return null;
      }
    },
    trust: null,
    async loadTrust() {
      try {
        set({ trust: (await unwrap(deps.api.listTrust({}))).entries });
      } catch (e) {
        fail(e);
      }
    },
    async addTrust(req) {
      try {
        const res = await unwrap(deps.api.addTrust(req));
        if (res.outcome !== 'added') return null;
        await get().loadTrust();
        const lang = get().lang;
        get().notify('info', res.added.length
          ? translate(lang, 'trust.added', { n: res.added.length, fingerprints: res.added.map((e) => e.fingerprintSha256).join('，') })
          : translate(lang, 'trust.already'));
        return res.added;
      } catch (e) {
        fail(e);
        return null;
      }
    },
    async removeTrust(entry) {
      try {
        await unwrap(deps.api.removeTrust({ fingerprintSha256: entry.fingerprintSha256 }));
        await get().loadTrust();
        get().notify('info', translate(get().lang, 'trust.removed', { label: entry.label }));
      } catch (e) {
        fail(e);
      }
    },
    async registerOperatorKey(label) {
      const reviewId = get().current?.run.reviewId;
      if (!reviewId) return false;
      try {
        await unwrap(deps.api.registerOperatorKey({ reviewId, label }));
        await get().loadTrust();
        get().notify('info', translate(get().lang, 'integrity.registered'));
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    async setProfile(profile) {
      // A preference, not review evidence: shown at once (a checkbox must not lag), then kept.
      const before = get().profile;
      set({ profile });
      try {
        await deps.repos.settings.set('profile', profile);
      } catch (e) {
        set({ profile: before });
        fail(e);
      }
    },
  };
}
