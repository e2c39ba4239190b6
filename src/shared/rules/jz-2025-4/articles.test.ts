import { describe, expect, it } from 'vitest';
import { ARTICLES, MEASURES, POINTS_LABEL, articleText } from './articles.js';

const texts = Object.entries(ARTICLES);

describe('articles of 锦政规〔2025〕4号', () => {
  it('keeps the measures metadata', () => {
    expect(MEASURES).toEqual({ title: '锦州市公共数据资源授权运营管理办法(试行)', docNo: '锦政规〔2025〕4号', issued: '2025-11-27' });
  });

  it('quotes articles 1 and 2 in full', () => {
    expect(ARTICLES[1]).toMatch(/^为深化数据要素市场化配置改革，加快推动本市公共数据社会化应用/);
    expect(ARTICLES[1]).toContain('《公共数据资源授权运营实施规范（试行）》（发改数据规〔2025〕27号）');
    expect(ARTICLES[1].endsWith('结合本市实际，制定本办法。')).toBe(true);
    expect(ARTICLES[2]).toBe('本市行政区域内与公共数据授权运营相关的数据授权、加工处理、安全保障、监督管理等活动，适用本办法。');
  });

  it('keys every article by a positive integer and stores text without its 第N条 label', () => {
    expect(texts.length).toBeGreaterThan(0);
    for (const [key, text] of texts) {
      expect(Number.isInteger(Number(key)) && Number(key) > 0).toBe(true);
      expect(text.trim()).toBe(text);
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/^第[一二三四五六七八九十]+条/);
    }
  });

  it('uses the full-width punctuation of the issued text and carries no web address', () => {
    for (const [, text] of texts) {
      expect(text).not.toMatch(/[,;:()]/);
      expect(text).not.toMatch(/https?:|www\./i);
    }
  });

  it('gives every checked article text, and labels what is not the issued wording', () => {
    for (const n of [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24, 25]) {
      const text = articleText(n);
      expect(text.length).toBeGreaterThan(20);
      if (!ARTICLES[n]) expect(text.startsWith(POINTS_LABEL)).toBe(true);
    }
    expect(articleText(6)).toContain('运营平台');
    expect(articleText(1)).toBe(ARTICLES[1]);
  });
});
