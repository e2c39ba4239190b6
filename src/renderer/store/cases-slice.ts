import { translate } from '../i18n/translate.js';
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
      const name = c?.operatorName ?? c?.bundleSource ?? id;
      get().notify('info', translate(get().lang, 'cases.deleted', { name }));
    },
  };
}
