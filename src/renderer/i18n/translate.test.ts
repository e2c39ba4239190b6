import { describe, expect, it } from 'vitest';
import { STATUS_ZH } from '../../shared/report/labels.js';
import { en } from './en.js';
import { translate } from './translate.js';
import { zh } from './zh.js';

describe('translate', () => {
  it('fills values and leaves unknown placeholders', () => {
    expect(translate('zh', 'findings.count', { shown: 3, total: 47 })).toBe('3 / 47 条规则');
    expect(translate('en', 'findings.count', { shown: 3 })).toBe('3 / {total} rules');
  });

  it('English has every key with the same placeholders', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(zh[key]));
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('uses the report’s wording of statuses, so screen and PDF agree', () => {
    for (const [s, text] of Object.entries(STATUS_ZH)) expect(translate('zh', `status.${s}` as 'status.pass')).toBe(text);
  });
});
