// The page-layout check finds what it is for: a heading alone at a page's foot and a page
// left mostly blank before one that goes on, in PDFs laid out by pdfmake with the report's font.

import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFonts } from '../src/main/services/pdf/fonts.js';
import { layoutProblems } from './page-layout.js';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const fonts = reportFonts();
pdfmake.setFonts({ Noto: { normal: fonts.regular, bold: fonts.bold, italics: fonts.regular, bolditalics: fonts.bold } });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => p === fonts.regular || p === fonts.bold);

const dir = mkdtempSync(join(tmpdir(), 'cd-layout-'));

async function pdfOf(name: string, content: unknown[]): Promise<string> {
  const doc = pdfmake.createPdf({
    pageSize: 'A4', pageMargins: [50, 56, 50, 50], defaultStyle: { font: 'Noto', fontSize: 9.5 }, content,
  } as unknown as Parameters<typeof pdfmake.createPdf>[0]);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, await doc.getBuffer());
  return path;
}

const body = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `第 ${i + 1} 段：日志覆盖评估期全过程，逐条核对。`, margin: [0, 0, 0, 4] }));
const h1 = (text: string) => ({ text, fontSize: 16, bold: true, pageBreak: 'before' });
const heading = (text: string) => ({ text, fontSize: 13, bold: true });

describe('the page-layout check', () => {
  it('passes a document whose sections start on new pages', async () => {
    const pdf = await pdfOf('good', [{ text: '一、评估概要', fontSize: 16, bold: true }, ...body(10), h1('二、逐条评估结果'), heading('第十条'), ...body(80)]);
    expect(layoutProblems(pdf)).toEqual([]);
  });

  it('finds a heading left at the foot of a page, and a mostly blank page before one that goes on', async () => {
    const pdf = await pdfOf('bad', [
      { text: '一、评估概要', fontSize: 16, bold: true }, ...body(38), heading('JZ-10-02 原始数据不提供给第三方'),
      { text: '检查要点', pageBreak: 'before' }, ...body(5),
      { text: '（续）', pageBreak: 'before' }, ...body(3),
    ]);
    const problems = layoutProblems(pdf);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('page 1 ends with the heading "JZ-10-02 原始数据不提供给第三方"');
    expect(problems[1]).toMatch(/^page 2 is \d+ % filled, and page 3 goes on with "（续）"$/);
  });
});
