// What a Chinese evaluator reads of each sample's review — the signed report's text and
// every spreadsheet cell outside the raw-record column — holds no word of code: no
// camelCase or snake_case identifier, no raw enumeration value (file names and ids aside).
// And the report's pages read as a document: no heading alone at a page's foot, no page
// left mostly blank unless a new section starts on the next.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeWordsIn } from '../src/shared/code-words.js';
import { RAW_RECORD } from '../src/main/services/export/xlsx.js';
import { SAMPLE_NAMES, sampleBundle } from './fixtures.js';
import { layoutProblems, pageCount } from './page-layout.js';
import { runTool } from './tools.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'compliance-desk.js');
const env = { ...process.env, CD_TEST_PASS: '口令-passphrase' };


function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 180_000 });
  return { code: r.status, stderr: r.stderr };
}

/** Each offending word with the line it stands in, so a failure shows where to look. */
function codeWordsByLine(text: string): string[] {
  return text.split('\n').flatMap((line) => codeWordsIn(line).map((w) => `${w}  ←  ${line.trim().slice(0, 160)}`));
}

describe.each(SAMPLE_NAMES)('the review of sample "%s", as a Chinese reviewer reads it', (name) => {
  const dir = mkdtempSync(join(tmpdir(), `cd-words-${name}-`));
  const out = join(dir, 'out');

  beforeAll(() => {
    const key = cli(['keygen', '--out', join(dir, 'k.p12'), '--name', 'CN=张审查,O=锦州市数据局', '--pass-env', 'CD_TEST_PASS']);
    expect(key.code, key.stderr).toBe(0);
    const r = cli(['check', sampleBundle(name), '--out', out, '--format', 'json,pdf,xlsx',
      '--sign', join(dir, 'k.p12'), '--pass-env', 'CD_TEST_PASS', '--reviewer', '张审查', '--quiet']);
    expect([0, 1], r.stderr).toContain(r.code);
  }, 240_000);

  it('the signed report has no word of code, and quotes article 10 as issued', () => {
    const text = runTool('pdftotext', ['-layout', join(out, 'report.pdf'), '-']).stdout;
    expect(text.length).toBeGreaterThan(10_000);
    expect(codeWordsByLine(text)).toEqual([]);
    // The sentence may wrap across lines of the layout: compare without white space.
    expect(text.replace(/\s+/g, '')).toContain('不得通过可逆模型或算法还原出原始数据');
    expect(text).not.toContain('非条文原文');
  });

  it('no heading stands alone at the foot of a page, and no page is mostly blank but before a new section', () => {
    const pdf = join(out, 'report.pdf');
    expect(pageCount(pdf)).toBeGreaterThan(5);
    expect(layoutProblems(pdf)).toEqual([]);
  });

  it('no spreadsheet cell outside the raw-record column has a word of code', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'findings.xlsx'));
    const found: string[] = [];
    for (const ws of wb.worksheets) {
      const header = ws.getRow(1).values as unknown[];
      ws.eachRow((row, r) => {
        row.eachCell((cell, c) => {
          if (header[c] === RAW_RECORD || typeof cell.value !== 'string') return;
          for (const w of codeWordsIn(cell.value)) found.push(`${ws.name}!${cell.address} (row ${r}): ${w} ← ${cell.value.slice(0, 120)}`);
        });
      });
    }
    expect(found).toEqual([]);
  });
});
