#!/usr/bin/env node
// Start-up of the command line beside a bare `node -e 0`: each command runs in fresh
// processes, timed without instrumentation; peak RSS is read in separate runs from the
// child's own process.resourceUsage().maxRSS, printed at exit by an --import hook.
// Not a test: the figures go to the README. Runs the compiled CLI (npm run build first).
//
//   node scripts/bench-startup.js [--runs 15]

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'compliance-desk.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Math.max(3, Number(values.runs) || 15);
const RSS_HOOK = `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss='+process.resourceUsage().maxRSS+'\\n'))`;

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  process.stderr.write('bench-startup: run "npm run build" first\n');
  process.exit(2);
}

/** @type {{ name: string; args: string[] }[]} */
const CASES = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'compliance-desk --help', args: [BIN, '--help'] },
  { name: 'compliance-desk check --help', args: [BIN, 'check', '--help'] },
  { name: 'compliance-desk rules', args: [BIN, 'rules'] },
];

/**
 * @param {string[]} args
 * @param {string[]} [extra] node options before the arguments
 */
function run(args, extra = []) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...extra, ...args], { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stderr: r.stderr };
}

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** @type {{ name: string; ms: number; rssMb: number }[]} */
const rows = [];
for (const c of CASES) {
  run(c.args); // warm the file cache
  const times = Array.from({ length: RUNS }, () => run(c.args).ms);
  const rss = Array.from({ length: 3 }, () => Number(/maxrss=(\d+)/.exec(run(c.args, [RSS_HOOK]).stderr)?.[1] ?? NaN) / 1024);
  rows.push({ name: c.name, ms: median(times), rssMb: Math.max(...rss) });
}

const base = rows[0].ms;
/** @param {string[]} cells */
const line = (cells) => `| ${cells.join(' | ')} |`;
process.stdout.write([
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  `Median of ${RUNS} fresh processes each; peak RSS from the process's own maxRSS (3 more runs, the largest).`,
  '',
  line(['command', 'ms (median)', 'vs node -e 0', 'peak RSS MB']),
  line(['---', '---:', '---:', '---:']),
  ...rows.map((r) => line([r.name, r.ms.toFixed(0), `${(r.ms / base).toFixed(2)}×`, r.rssMb.toFixed(0)])),
  '',
].join('\n'));
