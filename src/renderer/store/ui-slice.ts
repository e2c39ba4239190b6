import type { Deps, GetState, SetState, UiSlice } from './state.js';

let noticeId = 0;

export function uiSlice(set: SetState, _get: GetState, deps: Deps): UiSlice {
  return {
    lang: 'zh',
    route: { screen: 'cases' },
    notice: null,
    navigate(route) {
      set({ route });
    },
    async setLang(lang) {
      set({ lang });
      await deps.repos.settings.set('lang', lang);
    },
    notify(kind, text) {
      set({ notice: { id: ++noticeId, kind, text } });
    },
    dismissNotice() {
      set({ notice: null });
    },
  };
}
