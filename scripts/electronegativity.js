#!/usr/bin/env node
// Electronegativity over the main process (src/main): fails when it reports anything of
// MEDIUM severity or higher, or cannot parse a file (an unparsed file is an unchecked one).
// Lower findings are printed; docs/security.md explains each. Inline suppressions
// (`eng-disable CHECK`) are listed too, so a reviewed exception is never silent.
//
// Usage: node scripts/electronegativity.js [--input src/main] [--out FILE.csv]
//
// Offline: the tool fetches translations and Electron's release list with `got`; here
// `got` is replaced by one that fails at once, and the Electron version comes from
// node_modules/electron. It is run through its programmatic API rather than its CLI,
// because `npx electronegativity` resolves the hoisted commander@11, whose option parsing
// it does not understand (it declares no commander of its own), and prints its usage.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

// Not named `require`: TypeScript would then type these CommonJS loads as imports, and
// electronegativity ships no types.
const requireCjs = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { input: { type: 'string' }, out: { type: 'string' } } });
const input = resolve(root, values.input ?? 'src/main');
const out = resolve(values.out ?? join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'e.csv'));

// No network: `got` rejects immediately (translations, Electron releases).
/** @typedef {(this: unknown, request: string, ...rest: unknown[]) => unknown} ModuleLoad */
const Module = /** @type {{ _load: ModuleLoad }} */ (requireCjs('node:module'));
const load = Module._load;
/** @type {ModuleLoad} */
Module._load = function offline(request, ...rest) {
  if (request === 'got') {
    const got = () => Promise.reject(new Error('offline: electronegativity network access disabled'));
    got.get = got;
    return got;
  }
  return load.call(this, request, ...rest);
};
process.env.LANG = 'en-US';

/**
 * @typedef {{ value: number; name: string }} Level
 * @typedef {{ id: string; file: string; location: { line: number }; severity: Level; confidence: Level; manualReview: boolean; description: unknown }} Issue
 * @typedef {{ atomicChecks: number; globalChecks: number; issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] }} Result
 */
const run = /** @type {(options: object, print: boolean) => Promise<Result>} */ (requireCjs('@doyensec/electronegativity'));
const electronVersion = JSON.parse(readFileSync(requireCjs.resolve('electron/package.json'), 'utf8')).version;

const quietLog = console.log;
/** @type {string[]} */
const notes = [];
console.log = (...args) => notes.push(args.join(' '));
/** @type {Result} */
let result;
try {
  result = await run({
    input,
    output: out,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  }, false);
} finally {
  console.log = quietLog;
}

const MEDIUM = 2;
/** @param {string} f */
const rel = (f) => relative(root, resolve(input, f));
const lines = [`electronegativity on ${relative(root, input)} (Electron ${electronVersion}): ${result.atomicChecks} atomic and ${result.globalChecks} global checks; CSV ${out}`];
let failed = false;
for (const i of result.issues) {
  const high = i.severity.value >= MEDIUM;
  if (high) failed = true;
  const where = i.file === 'N/A' ? '(global)' : `${rel(i.file)}:${i.location.line}`;
  lines.push(`  ${high ? 'FAIL' : 'note'} ${i.severity.name} ${i.confidence.name} ${i.id} ${where}${i.manualReview ? ' (manual review)' : ''}: ${String(i.description).trim()}`);
}
for (const e of result.errors) {
  if (!e.tolerable) failed = true;
  lines.push(`  ${e.tolerable ? 'note' : 'FAIL'} cannot parse ${rel(e.file)}: ${e.message}`);
}

/**
 * @param {string} dir
 * @returns {string[]}
 */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx|js|mjs|cjs|html)$/.test(d.name) ? [p] : [];
  });
}
for (const file of sourceFiles(input)) {
  readFileSync(file, 'utf8').split('\n').forEach((text, n) => {
    const m = /eng-disable[ \t]+([\w \t,]+)/.exec(text);
    if (m) lines.push(`  suppressed after review: ${m[1].trim()} at ${relative(root, file)}:${n + 1}`);
  });
}
if (result.issues.length === 0 && result.errors.length === 0) lines.push('  no findings');
lines.push(failed ? 'FAILED: findings of MEDIUM severity or higher, or files that could not be checked.' : 'OK: nothing of MEDIUM severity or higher.');
process.stdout.write(lines.join('\n') + '\n');
process.exitCode = failed ? 1 : 0;
