// The store and the React hook over it.

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { caseSlice } from './case-slice.js';
import { casesSlice } from './cases-slice.js';
import { incidentsSlice } from './incidents-slice.js';
import { reportSlice } from './report-slice.js';
import { runSlice } from './run-slice.js';
import { settingsSlice } from './settings-slice.js';
import type { DeskState, Deps } from './state.js';
import { uiSlice } from './ui-slice.js';

export type DeskStore = StoreApi<DeskState>;

export function createDeskStore(deps: Deps): DeskStore {
  return createStore<DeskState>()((set, get) => ({
    ...uiSlice(set, get, deps),
    ...settingsSlice(set, get, deps),
    ...casesSlice(set, get, deps),
    ...runSlice(set, get, deps),
    ...caseSlice(set, get, deps),
    ...reportSlice(set, get, deps),
    ...incidentsSlice(set, get, deps),
  }));
}

export const DeskContext = createContext<{ store: DeskStore; deps: Deps } | null>(null);

function useDeskContext() {
  const ctx = useContext(DeskContext);
  if (!ctx) throw new Error('DeskContext is missing');
  return ctx;
}

export function useDesk<T>(selector: (s: DeskState) => T): T {
  return useStore(useDeskContext().store, selector);
}

export function useDeps(): Deps {
  return useDeskContext().deps;
}

export type { DeskState, Deps } from './state.js';
