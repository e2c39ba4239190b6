// The command line in its own process, as a user runs it, with its peak memory: measured-cli.js
// prints the process's maxRSS as the last line of stderr.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const RUNNER = join(import.meta.dirname, 'measured-cli.js');

export interface MeasuredRun {
  code: number | null;
  out: string;
  /** stderr without the memory line. */
  err: string;
  maxRssMb: number;
  seconds: number;
}

/** Runs `args`, killed after `timeoutMs` (a hang fails the caller, it does not stall the suite). */
export function runMeasured(args: string[], o: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): MeasuredRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, [RUNNER, ...args], { encoding: 'utf8', timeout: o.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, env: o.env ?? process.env });
  if (r.error) throw r.error;
  const rss = /\nmaxRSS (\d+)\n$/.exec(r.stderr);
  if (!rss) throw new Error(`the command printed no memory figure (exit ${r.status}): ${r.stderr.slice(-800)}`);
  return { code: r.status, out: r.stdout, err: r.stderr.slice(0, rss.index), maxRssMb: Number(rss[1]) / 1024, seconds: (Date.now() - started) / 1000 };
}
