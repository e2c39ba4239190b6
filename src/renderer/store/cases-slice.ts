import { translate } from '../i18n/translate.js';
import { bundleName } from '../model/format.js';
import type { CasesSlice, Deps, GetState, SetState } from './state.js';

export function casesSlice(set: SetState, get: GetState, deps: Deps): CasesSlice {
  return {
    cases: null,
    caseQuery: '',
    async setCaseQuery(q) {
      set({ caseQuery: q });
      const cases = await deps.repos.cases.search(q);
      // A later keystroke may have answered first.
      if (get().caseQuery === q) set({ cases });
    },
    async refreshCases() {
      const q = get().caseQuery;
      const cases = await deps.repos.cases.search(q);
      if (get().caseQuery === q) set({ cases });
    },
    async deleteCase(id) {
      const c = await deps.repos.cases.get(id);
      await deps.repos.cases.remove(id);
      if (get().current?.caseRecord.id === id) set({ current: null });
      await get().refreshCases();
      const lang = get().lang;
      const name = c?.operatorName ?? translate(lang, 'cases.unnamed');
      get().notify('info', translate(lang, 'cases.deleted', { name, bundle: c ? bundleName(c.bundleSource) : id, hash: c?.manifestSha256?.slice(0, 12) ?? '—' }));
    },
  };
}
