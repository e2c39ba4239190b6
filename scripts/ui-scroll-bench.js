#!/usr/bin/env node
// Scroll benchmark of the workbench's large tables. Loads a synthetic case into the real
// renderer (Debian's Chromium, headless) through the loopback host, then scrolls the
// findings table (100,000 rule results) and one rule's evidence table (100,000 evidence
// rows) and measures frame times with requestAnimationFrame.
//
// The synthetic case: the host is started from the built services (dist/, `npm run
// build`) with its documented test seam `overrides.review` (LoopbackOptions) replaced by
// a function that returns synthetic findings instead of reading a bundle. Nothing in the
// renderer or the host knows about the bench; the page opens the case like any other.
//
// Usage: node scripts/ui-scroll-bench.js [--results 100000] [--evidence 100000] [--frames 300]
//        [--out test-results/ui-scroll-bench.json]
// Exits 1 when the 95th percentile frame exceeds 50 ms.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    results: { type: 'string', default: '100000' },
    evidence: { type: 'string', default: '100000' },
    frames: { type: 'string', default: '300' },
    out: { type: 'string', default: 'test-results/ui-scroll-bench.json' },
  },
});
const RESULTS = Number(values.results);
const EVIDENCE = Number(values.evidence);
const FRAMES = Number(values.frames);

const { startLoopbackHost } = await import(resolve(root, 'dist/main/services/loopback/host.js'));
const { pdfReportBackend } = await import(resolve(root, 'dist/main/services/pdf-backend.js'));
const { packById, DEFAULT_PACK_ID } = await import(resolve(root, 'dist/shared/rules/packs.js'));

const STATUSES = ['pass', 'fail', 'needs_review', 'insufficient_evidence', 'not_applicable'];
const SEVERITIES = ['high', 'medium', 'low'];

/** The pack's rules, then synthetic ones (ids SYN0-00-00 …) up to `results`; the first carries `evidence` rows. */
/**
 * @typedef {{ id: string; article: number; severity: string; title: string }} RuleMeta
 * @param {string} bundlePath
 */
function syntheticFindings(bundlePath) {
  /** @type {RuleMeta[]} */
  const metas = packById(DEFAULT_PACK_ID).rules.map((/** @type {{ meta: RuleMeta }} */ r) => r.meta).sort((/** @type {RuleMeta} */ a, /** @type {RuleMeta} */ b) => (a.id < b.id ? -1 : 1));
  const results = [];
  for (let i = 0; i < RESULTS; i++) {
    const m = metas[i];
    const id = m ? m.id : `SYN${Math.floor(i / 10000)}-${String(Math.floor(i / 100) % 100).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;
    const status = STATUSES[(i * 7) % 5];
    results.push({
      ruleId: id,
      article: m ? m.article : 6 + (i % 20),
      severity: m ? m.severity : SEVERITIES[i % 3],
      status,
      title: m ? m.title : `合成规则 ${i}：运营日志逐条核对`,
      message: `合成结果 ${i}：评估期内 ${1000 + i} 次事件中有 ${i % 97} 次不符合要求。`,
      evidenceCount: i === 0 ? EVIDENCE : 1,
      evidence: i === 0
        ? Array.from({ length: EVIDENCE }, (_, k) => ({
          file: `logs/2026-${String(1 + (k % 12)).padStart(2, '0')}.jsonl`,
          line: 1 + k,
          eventId: `E${String(k + 1).padStart(8, '0')}`,
          excerpt: `{"event_id":"E${String(k + 1).padStart(8, '0')}","ts":"2026-03-01T08:${String(k % 60).padStart(2, '0')}:00+08:00","actor":"u${k % 500}","action":"deliver","channel":"offline"}`,
        }))
        : [{ file: 'datasets.csv', line: 2 + (i % 50), rowId: `DS-${i}`, excerpt: `DS-${i},合成数据集,,false` }],
      figures: { events: 1000 + i, failures: i % 97 },
      waiver: null,
    });
  }
  /** @type {Record<string, number>} */
  const summary = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const r of results) summary[r.status]++;
  return {
    format: 'compliance-desk/findings/1',
    tool: { name: 'compliance-desk', version: 'bench' },
    rulePack: { id: DEFAULT_PACK_ID, version: '1.0.0' },
    bundle: { source: bundlePath, operatorId: '91210700MA0JZ0001X', operatorName: '合成运营机构（滚动基准）', manifestSha256: 'ab'.repeat(32) },
    period: { start: '2026-01-01', end: '2026-12-31' },
    generatedAt: '2027-01-06T09:00:00+08:00',
    profile: { changedParams: {}, disabledRules: [], waivers: [], maxEvidence: EVIDENCE },
    summary: { ...summary, conclusion: 'non_compliant' },
    stats: { files: 13, bytes: 123_456_789, events: EVIDENCE, eventsInPeriod: EVIDENCE, inputIssues: 0, seconds: 1 },
    results,
    inputIssues: [],
  };
}

/**
 * @typedef {{ frames: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; oneFrame: number; under50: number }} FrameStats
 * @param {number[]} deltas
 * @returns {FrameStats}
 */
function stats(deltas) {
  const s = [...deltas].sort((a, b) => a - b);
  /** @param {number} p */
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  /** @param {number} x */
  const round = (x) => Math.round(x * 10) / 10;
  return {
    frames: s.length,
    meanMs: round(s.reduce((a, b) => a + b, 0) / s.length),
    p50Ms: round(q(0.5)),
    p95Ms: round(q(0.95)),
    p99Ms: round(q(0.99)),
    maxMs: round(s[s.length - 1]),
    oneFrame: round((100 * s.filter((x) => x <= 17.5).length) / s.length),
    under50: round((100 * s.filter((x) => x < 50).length) / s.length),
  };
}

/** Scrolls `selector` for `frames` frames (steady steps, then jumps as a scrollbar drag would) and returns rAF deltas. */
/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {number} frames
 */
async function scrollBench(page, selector, frames) {
  return page.evaluate(async ({ selector, frames }) => {
    const el = document.querySelector(selector);
    if (!el) throw new Error(`no ${selector}`);
    /** @returns {Promise<number>} */
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    /** @param {(i: number) => void} move */
    const run = async (move) => {
      /** @type {number[]} */
      const deltas = [];
      let last = await frame();
      for (let i = 0; i < frames; i++) {
        move(i);
        const now = await frame();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    };
    el.scrollTop = 0;
    await frame();
    const max = el.scrollHeight - el.clientHeight;
    const steady = await run(() => { el.scrollTop = Math.min(max, el.scrollTop + 240); });
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const jumps = await run(() => { el.scrollTop = Math.floor(rand() * max); });
    return { steady, jumps, scrollHeight: el.scrollHeight, rendered: el.querySelectorAll('tbody tr[data-index]').length };
  }, { selector, frames });
}

const work = mkdtempSync(join(tmpdir(), 'cd-bench-'));
const rendererDir = join(work, 'renderer');
await build({ configFile: join(root, 'vite.renderer.config.ts'), root, logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
const host = await startLoopbackHost({
  rendererDir,
  outDir: join(work, 'out'),
  reports: pdfReportBackend(),
  tool: { name: 'compliance-desk', version: 'bench' },
  log: () => {},
  overrides: { review: async (/** @type {string} */ path) => syntheticFindings(path) },
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
/**
 * @typedef {{ steady: FrameStats; jumps: FrameStats; renderedRows: number; scrollHeight: number }} TableBench
 * @type {{ resultRows: number; evidenceRows: number; viewport: { width: number; height: number };
 *   timings: Record<'openCaseMs' | 'findingsTabMs' | 'evidenceTabMs' | 'evidenceFilterMs', number>;
 *   findings: TableBench | null; evidence: TableBench | null; pageErrors?: string[] }}
 */
const out = {
  resultRows: RESULTS, evidenceRows: EVIDENCE, viewport: { width: 1366, height: 768 },
  timings: { openCaseMs: 0, findingsTabMs: 0, evidenceTabMs: 0, evidenceFilterMs: 0 }, findings: null, evidence: null,
};
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  await page.getByTestId('bundle-path').fill('/synthetic/bench-bundle');
  let t = Date.now();
  await page.getByTestId('run').click();
  await page.getByTestId('overview').waitFor({ timeout: 300_000 });
  out.timings.openCaseMs = Date.now() - t;

  t = Date.now();
  await page.getByTestId('case-tab-findings').click();
  await page.locator('[data-testid="findings-table"] tr[data-rule]').first().waitFor();
  out.timings.findingsTabMs = Date.now() - t;
  const f = await scrollBench(page, '[data-testid="findings-scroll"]', FRAMES);
  const findings = { steady: stats(f.steady), jumps: stats(f.jumps), renderedRows: f.rendered, scrollHeight: f.scrollHeight };
  out.findings = findings;

  await page.locator('[data-testid="findings-scroll"]').evaluate((el) => { el.scrollTop = 0; });
  await page.locator('[data-testid="findings-table"] tr[data-rule="JZ-06-01"]').click();
  t = Date.now();
  await page.getByTestId('detail-tab-evidence').click();
  await page.locator('[data-testid="evidence-table"] tr[data-file]').first().waitFor();
  out.timings.evidenceTabMs = Date.now() - t;
  const e = await scrollBench(page, '[data-testid="evidence-scroll"]', FRAMES);
  const evidence = { steady: stats(e.steady), jumps: stats(e.jumps), renderedRows: e.rendered, scrollHeight: e.scrollHeight };
  out.evidence = evidence;

  t = Date.now();
  await page.getByTestId('evidence-filter').fill('E00099999');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="evidence-table"] tr[data-file]').length === 1);
  out.timings.evidenceFilterMs = Date.now() - t;
  out.pageErrors = errors;
  await context.close();
  for (const part of [findings, evidence]) for (const m of [part.steady, part.jumps]) if (m.p95Ms >= 50) failed = true;
} finally {
  await browser.close();
  await host.close();
  rmSync(work, { recursive: true, force: true });
}

const file = resolve(root, values.out);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
/**
 * @param {string} name
 * @param {FrameStats} m
 */
const line = (name, m) => `${name.padEnd(18)} frames ${m.frames}  mean ${m.meanMs} ms  p50 ${m.p50Ms}  p95 ${m.p95Ms}  p99 ${m.p99Ms}  max ${m.maxMs}  ≤1 frame (17.5 ms) ${m.oneFrame}%  <50ms ${m.under50}%`;
/** @type {[string, TableBench | null][]} */
const tables = [['findings', out.findings], ['evidence', out.evidence]];
process.stdout.write([
  `ui-scroll-bench: ${RESULTS.toLocaleString('en')} results, ${EVIDENCE.toLocaleString('en')} evidence rows, 1366×768`,
  `open case ${out.timings.openCaseMs} ms, findings tab ${out.timings.findingsTabMs} ms, evidence tab ${out.timings.evidenceTabMs} ms, evidence filter ${out.timings.evidenceFilterMs} ms`,
  ...tables.flatMap(([name, t]) => (t
    ? [line(`${name} steady`, t.steady), line(`${name} jumps`, t.jumps), `${name}: ${t.renderedRows} rows in the DOM while scrolling`]
    : [])),
  `written to ${file}`,
  '',
].join('\n'));
process.exit(failed ? 1 : 0);
