// The translate function for the current language, for components.

import { useCallback } from 'react';
import { useDesk } from '../store/index.js';
import { translate, type MessageKey, type T, type Values } from './translate.js';

export function useT(): T {
  const lang = useDesk((s) => s.lang);
  return useCallback((key: MessageKey, values?: Values) => translate(lang, key, values), [lang]);
}
