import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEC } from '../../../../test/fixtures.js';
import { RULES } from './index.js';
import { ARTICLES, CHECK_POINTS, MEASURES, articleText } from './articles.js';

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二十一 → 21. */
function fromChinese(s: string): number {
  const [tens, units] = s.includes('十') ? s.split('十') : ['', s];
  return (s.includes('十') ? (tens ? CN[tens] : 1) * 10 : 0) + (units ? CN[units] : 0);
}

/** Articles of the issued text in docs/spec, paragraphs joined by \n. */
function issuedArticles(): Record<number, string> {
  const out: Record<number, string[]> = {};
  let current: number | null = null;
  for (const line of readFileSync(join(SPEC, 'measures-jz-2025-4.md'), 'utf8').split('\n').map((l) => l.trim())) {
    const m = /^第([一二三四五六七八九十]+)条 (.*)$/.exec(line);
    if (m) out[(current = fromChinese(m[1]))] = [m[2]];
    else if (/^第[一二三四五六七八九十]+章/.test(line)) current = null;
    else if (current !== null && line) out[current].push(line);
  }
  return Object.fromEntries(Object.entries(out).map(([n, p]) => [n, p.join('\n')]));
}

describe('articles of 锦政规〔2025〕4号', () => {
  it('keeps the measures metadata', () => {
    expect(MEASURES).toEqual({ title: '锦州市公共数据资源授权运营管理办法(试行)', docNo: '锦政规〔2025〕4号', issued: '2025-11-27' });
  });

  it('quotes every article, 1 to 26, exactly as the issued text in docs/spec', () => {
    const issued = issuedArticles();
    expect(Object.keys(issued)).toHaveLength(26);
    expect(ARTICLES).toEqual(issued);
    expect(ARTICLES[10]).toContain('不得通过可逆模型或算法还原出原始数据');
  });

  it('gives every rule its article as issued and the checks of that article', () => {
    for (const r of RULES) {
      expect(r.meta.articleText, r.meta.id).toBe(ARTICLES[r.meta.article]);
      expect(r.meta.checkPoints, r.meta.id).toBe(CHECK_POINTS[r.meta.article]);
      expect(r.meta.checkPoints.length, r.meta.id).toBeGreaterThan(10);
    }
    expect(articleText(27)).toBe('');
  });
});
