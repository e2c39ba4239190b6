import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-22-02.js';

const HEAD = 'id,type,title,file';

describe('JZ-22-02', () => {
  it('passes with a partner_supervision policy', () => {
    const out = runRule(rule, { policies: `${HEAD}\nPOL-1,data_management,数据管理,dm.md\nPOL-10,partner_supervision,应用单位安全监管办法,ps.md\n` });
    expect(out.status).toBe('pass');
    expect(out.figures).toEqual({ policies: ['POL-10'] });
    expect(out.message).toContain('应用单位安全监管办法');
    expect(out.messageEn).toContain('POL-10《应用单位安全监管办法》');
  });

  it('fails without one and names the missing type, with no row as evidence', () => {
    const out = runRule(rule, { policies: `${HEAD}\nPOL-1,data_management,数据管理,dm.md\n` });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('policies.csv 中没有类型为“应用单位监督制度”的制度');
    expect(out.messageEn).toContain('no policy of type “partner supervision policy”');
    expect(out.evidence?.items.map((i) => [i.file, i.rowId])).toEqual([['policies.csv', undefined]]);
  });

  it('lacks evidence without policies.csv or its type column', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { policies: 'id,title\nPOL-1,x\n' }).status).toBe('insufficient_evidence');
  });
});
