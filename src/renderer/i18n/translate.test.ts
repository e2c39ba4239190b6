import { describe, expect, it } from 'vitest';
import { STATUS_ZH } from '../../shared/report/labels.js';
import { en } from './en.js';
import { translate } from './translate.js';
import { zh } from './zh.js';

describe('translate', () => {
  it('fills values and leaves unknown placeholders', () => {
    expect(translate('zh', 'findings.count', { shown: 3, total: 47 })).toBe('3 / 47 条规则');
    expect(translate('en', 'findings.group.row', { n: 2 })).toBe('{article} · 2 rules');
  });

  it('writes English plurals by Intl.PluralRules, also for grouped figures', () => {
    expect(translate('en', 'incidents.summary', { n: 1, late: 0, review: 0 })).toBe('1 incident: 0 late, 0 to be reviewed by a person.');
    expect(translate('en', 'incidents.summary', { n: 2, late: 1, review: 0 })).toMatch(/^2 incidents:/);
    expect(translate('en', 'run.events', { n: '1,234' })).toBe('1,234 events');
    expect(translate('en', 'mark.comments', { n: 1 })).toBe('1 comment');
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
