#!/usr/bin/env node
// npm run bench: the engine over a synthetic bundle of ~1 GB of JSONL logs, beside a
// baseline (plain read + JSON.parse of every line) measured in the same run. Each phase
// runs in its own process so its peak RSS is its own. Not a test: figures go to the README.
//
//   node scripts/bench.js [--mb 1000] [--small-mb 250] [--keep DIR]

import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '1000' },
    'small-mb': { type: 'string', default: '250' },
    keep: { type: 'string' },
    phase: { type: 'string' },
    dir: { type: 'string' },
  },
});

if (values.phase) {
  const result = await runPhase(values.phase, values.dir ?? '.');
  process.stdout.write(JSON.stringify({ ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

/**
 * @param {string} phase
 * @param {string} dir
 * @returns {Promise<{ phase: string; bytes: number; events: number; seconds: number; conclusion?: string }>}
 */
async function runPhase(phase, dir) {
  const logDir = join(dir, 'logs');
  const files = readdirSync(logDir).sort().map((f) => join(logDir, f));
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
  const t0 = performance.now();
  if (phase === 'baseline') {
    let events = 0;
    for (const file of files) {
      let rest = '';
      const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file, { highWaterMark: 1 << 20 });
      input.setEncoding('utf8');
      for await (const chunk of input) {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line) { JSON.parse(line); events++; }
      }
      if (rest) { JSON.parse(rest); events++; }
    }
    return { phase, bytes, events, seconds: (performance.now() - t0) / 1000 };
  }
  const { runReview } = await import(join(ROOT, 'dist/main/services/engine/run-review.js'));
  const { packById, DEFAULT_PACK_ID } = await import(join(ROOT, 'dist/shared/rules/packs.js'));
  const pack = packById(DEFAULT_PACK_ID);
  // "reader": every rule off, so the pass only reads, decodes, parses, normalises and hashes.
  const profile = phase.startsWith('reader') ? { rules: Object.fromEntries(pack.rules.map((/** @type {{ meta: { id: string } }} */ r) => [r.meta.id, { enabled: false }])) } : undefined;
  const workers = phase.endsWith('-1thread') ? 0 : undefined;
  const f = await runReview(dir, { pack, profile, workers, tool: { name: 'bench', version: '0' } });
  return { phase, bytes, events: f.stats.events, seconds: (performance.now() - t0) / 1000, conclusion: f.summary.conclusion };
}

/**
 * @param {string} phase
 * @param {string} dir
 * @returns {{ phase: string; bytes: number; events?: number; seconds: number; peakRssMb: number }}
 */
function phaseInChild(phase, dir) {
  const r = spawnSync(process.execPath, [import.meta.filename, '--phase', phase, '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${phase} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '');
}

if (!existsSync(join(ROOT, 'dist/main/services/engine/run-review.js'))) {
  console.error('bench: run "npm run build" first');
  process.exit(2);
}
const { makeSyntheticBundle } = await import('./make-synthetic-logs.js');
const base = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'cd-bench-'));
/** @type {{ size: string; phase: string; bytes: number; events: number; seconds: number; peakRssMb: number }[]} */
const rows = [];
try {
  for (const mb of [Number(values['small-mb']), Number(values.mb)]) {
    const dir = join(base, `bundle-${mb}mb`);
    process.stderr.write(`generating ${mb} MB of JSONL logs in ${dir} …\n`);
    const gen = await makeSyntheticBundle(dir, { mb });
    for (const phase of ['baseline', 'reader', 'full', ...(mb === Number(values.mb) ? ['full-1thread'] : [])]) {
      process.stderr.write(`  ${phase} …\n`);
      const r = phaseInChild(phase, dir);
      rows.push({ size: `${mb} MB`, ...r, events: r.events ?? gen.events });
    }
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
} finally {
  if (!values.keep) rmSync(base, { recursive: true, force: true });
}

/** @param {string[]} cells */
const line = (cells) => `| ${cells.join(' | ')} |`;
const out = [
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  '',
  line(['logs', 'phase', 'seconds', 'MB/s', 'events/s', 'peak RSS MB', 'vs baseline time']),
  line(['---', '---', '---:', '---:', '---:', '---:', '---:']),
];
for (const r of rows) {
  const baseline = rows.find((b) => b.size === r.size && b.phase === 'baseline');
  out.push(line([
    r.size, r.phase, r.seconds.toFixed(2), (r.bytes / 1e6 / r.seconds).toFixed(1), Math.round(r.events / r.seconds).toLocaleString('en'),
    r.peakRssMb.toFixed(0), baseline ? `${(r.seconds / baseline.seconds).toFixed(2)}×` : '—',
  ]));
}
process.stdout.write(out.join('\n') + '\n');
