// translate(lang, key, values): the message with {name} filled in.

import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Values = Record<string, string | number>;

const PLURAL: Record<Lang, Intl.PluralRules> = { zh: new Intl.PluralRules('zh'), en: new Intl.PluralRules('en') };

/**
 * The message with {name} filled in; {name:one|other} picks the word for the value's plural
 * category ("{n} {n:incident|incidents}"), by Intl.PluralRules.
 */
export function translate(lang: Lang, key: MessageKey, values?: Values): string {
  const text = DICTS[lang][key] ?? zh[key] ?? key;
  if (!values) return text;
  return text
    .replace(/\{(\w+):([^|{}]*)\|([^|{}]*)\}/g, (m, k: string, one: string, other: string) => {
      if (!(k in values)) return m;
      const n = Number(String(values[k]).replace(/,/g, ''));
      return PLURAL[lang].select(n) === 'one' ? one : other;
    })
    .replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export type T = (key: MessageKey, values?: Values) => string;
