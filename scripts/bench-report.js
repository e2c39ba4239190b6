#!/usr/bin/env node
// Time rendering + signing the PDF report of a findings.json: node scripts/bench-report.js FINDINGS.json [OUT.pdf]
// Runs the compiled code (npm run build first). Prints seconds per step and the peak RSS.
import { readFileSync, writeFileSync } from 'node:fs';

const [findingsPath, outPath] = process.argv.slice(2);
if (!findingsPath) {
  process.stderr.write('usage: node scripts/bench-report.js FINDINGS.json [OUT.pdf]\n');
  process.exit(2);
}
const dist = new URL('../dist/', import.meta.url);
/** @param {string} p */
const load = (p) => import(new URL(p, dist).href);
let mods;
try {
  mods = await Promise.all([
    load('main/services/pdf/render.js'), load('main/services/pdf/sign.js'), load('main/services/crypto/keygen.js'),
    load('main/services/crypto/p12.js'), load('shared/rules/packs.js'), load('shared/rules/jz-2025-4/articles.js'),
  ]);
} catch (e) {
  process.stderr.write(`bench-report: cannot load dist/ (run "npm run build" first): ${/** @type {Error} */ (e).message}\n`);
  process.exit(3);
}
const [{ renderReport }, { signPdf }, { generateSigningKey }, { readP12 }, { packById }, { MEASURES }] = mods;

const findings = JSON.parse(readFileSync(findingsPath, 'utf8'));
/** @type {unknown[]} */
let rules;
try {
  rules = packById(findings.rulePack.id).rules.map((/** @type {{ meta: unknown }} */ r) => r.meta);
} catch {
  rules = [];
}
const t0 = performance.now();
const key = readP12(generateSigningKey({ name: 'CN=基准测试, O=Compliance Desk', password: 'bench', alg: 'rsa' }).p12, 'bench');
const t1 = performance.now();
const { pdf } = await renderReport({
  findings, rules, reportId: 'BENCH-1', reportDate: new Date().toISOString().slice(0, 10),
  reviewer: { name: '基准测试' }, regulation: { title: MEASURES.title, docNo: MEASURES.docNo },
  signer: { name: '基准测试' },
});
const t2 = performance.now();
const signed = signPdf(pdf, key);
const t3 = performance.now();
if (outPath) writeFileSync(outPath, signed);
/** @param {number} ms */
const s = (ms) => (ms / 1000).toFixed(3);
const evidence = findings.results.reduce((/** @type {number} */ n, /** @type {{ evidence: unknown[] }} */ r) => n + r.evidence.length, 0);
process.stdout.write(
  `rules ${findings.results.length}, evidence items ${evidence}\n`
  + `keygen (RSA-3072, not part of a report) ${s(t1 - t0)} s\n`
  + `render ${s(t2 - t1)} s, sign ${s(t3 - t2)} s, render+sign ${s(t3 - t1)} s\n`
  + `PDF ${signed.length} bytes; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB\n`,
);
