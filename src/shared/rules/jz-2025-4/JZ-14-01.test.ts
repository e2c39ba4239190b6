import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-14-01.js';

const HEAD = 'id,name,provider,classification,contains_personal_info';

describe('JZ-14-01', () => {
  it('passes when every dataset has a known classification (Chinese accepted) and a provider', () => {
    const out = runRule(rule, { datasets: [HEAD, 'DS1,a,交警支队,general,false', 'DS2,b,卫健委,重要数据,true', 'DS3,c,公安局,core,true'].join('\n') });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ datasets: 3 });
  });

  it('fails on an empty or unknown classification and a missing provider, pointing at the rows', () => {
    const out = runRule(rule, { datasets: [HEAD, 'DS1,a,交警支队,general,false', 'DS2,b,文旅局,,false', 'DS3,c,,core,true', 'DS4,d,局,secret,false'].join('\n') });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([
      ['datasets.csv', 3, 'DS2'], ['datasets.csv', 4, 'DS3'], ['datasets.csv', 5, 'DS4'],
    ]);
    expect(out.message).toContain('未填写提供部门');
    expect(out.messageEn).toContain('no provider');
  });

  it('lacks evidence without datasets.csv, its columns, or any dataset', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { datasets: 'id,name,provider\nDS1,a,b' }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { datasets: HEAD }).status).toBe('insufficient_evidence');
  });
});
