// The large hostile cases, in `npm run test:hostile` (not in `npm test`): a gigabyte of logs
// made of nothing but the events JZ-21-03 must remember, each with a key of its own, five
// million broken lines, and a policy PDF of 3,000 pages. Each review runs as the command in
// its own process, which reports its peak resident memory; the budget is 400 MB for the
// logs, 1 GB for the PDF, and 60 s.

import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleBundle } from '../fixtures.js';
import { MAX_PDF_PAGES } from '../../src/main/services/bundle/read-records.js';
import { copyBundle, manyPagesPdf } from './generators.js';
import { runMeasured, type MeasuredRun } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-hostile-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `lines(i)` for i < n to `path`, respecting the stream's back-pressure. */
async function writeLines(path: string, n: number, line: (i: number) => string): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const s = line(i);
    bytes += s.length;
    if (!out.write(s)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** `check` of `bundle` with its peak memory, and the findings it wrote. */
function checkMeasured(bundle: string): MeasuredRun & { findings: { results: { ruleId: string; status: string; message: string }[]; inputIssues: { file: string; line: number | null; message: string }[] } } {
  const out = join(dir, `out-${Date.now()}`);
  const r = runMeasured(['check', bundle, '--out', out, '--format', 'json', '--quiet']);
  return { ...r, findings: JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) };
}

describe('a gigabyte of logs the rules must remember', () => {
  it('log_delete, bulk and denied events with unique keys: under 400 MB, and JZ-21-03 says what it did not examine', async () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'signs');
    const kinds = [
      (i: number) => `"action":"log_delete","result":"success","actor":"d${i}"`,
      (i: number) => `"action":"export","records":500000,"result":"success","actor":"x${i}"`,
      (i: number) => `"action":"query","result":"denied","actor":"q${i}"`,
    ];
    // Four files of a quarter gigabyte, so the workers share them as they would a real bundle's months.
    let bytes = 0;
    for (let f = 0; f < 4; f++) {
      bytes += await writeLines(join(b, 'logs', `signs-${f}.jsonl`), 1_250_000, (j) => {
        const i = f * 1_250_000 + j;
        return `{"event_id":"H${i}","ts":"2026-0${1 + 2 * f}-1${j % 10}T1${j % 10}:00:00+08:00",${kinds[i % 3](i)},"resource_type":"dataset","resource":"DS-${i}","channel":"platform","pad":"${'x'.repeat(60)}"}\n`;
      });
    }
    expect(bytes).toBeGreaterThan(1e9);
    const r = checkMeasured(b);
    expect([0, 1]).toContain(r.code);
    expect(r.maxRssMb).toBeLessThan(400);
    const jz = r.findings.results.find((x) => x.ruleId === 'JZ-21-03')!;
    expect(jz.status).toBe('needs_review');
    expect(jz.message).toContain('未纳入判断');
    process.stdout.write(`1 GB of sign events: ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB\n`);
  }, 300_000);

  it('five million broken lines: the issues are counted, not kept', async () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'broken');
    await writeLines(join(b, 'logs', 'broken.jsonl'), 5_000_000, () => '{"event_id":\n');
    const r = checkMeasured(b);
    expect([0, 1]).toContain(r.code);
    expect(r.maxRssMb).toBeLessThan(400);
    expect(r.findings.inputIssues.length).toBeLessThan(1000);
    process.stdout.write(`5 M broken lines: ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB\n`);
  }, 300_000);
});

describe('a policy PDF of 3,000 pages', () => {
  it('is read up to the page cap within 60 s and 1 GB, and the input issue names the file and the cap', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'pages');
    const pdf = manyPagesPdf(3000);
    writeFileSync(join(b, 'policies', 'pages.pdf'), pdf);
    const csv = readFileSync(join(b, 'policies.csv'), 'utf8');
    writeFileSync(join(b, 'policies.csv'), csv.replace('policies/quality_control.md', 'policies/pages.pdf'));
    const r = checkMeasured(b);
    expect([0, 1], r.err).toContain(r.code);
    expect(r.seconds).toBeLessThan(60);
    expect(r.maxRssMb).toBeLessThan(1024);
    expect(r.findings.inputIssues).toContainEqual(expect.objectContaining({
      file: 'policies/pages.pdf', message: `PDF 有 3000 页，只读取了前 ${MAX_PDF_PAGES} 页的文本。`,
    }));
    process.stdout.write(`3,000-page policy PDF (${(pdf.length / 1024).toFixed(0)} KiB): ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB\n`);
  }, 120_000);
});
