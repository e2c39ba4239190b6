// translate(lang, key, values): the message with {name} filled in.

import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Values = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, values?: Values): string {
  const text = DICTS[lang][key] ?? zh[key] ?? key;
  return values ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m)) : text;
}

export type T = (key: MessageKey, values?: Values) => string;
