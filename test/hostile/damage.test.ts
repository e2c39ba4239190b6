// A small random-damage sweep in every `npm test` (the large one is in `npm run
// test:hostile`): valid inputs damaged at random from a fixed seed, read in this process,
// then a few through the command in its own process. A failure names the seed and the
// mutant; `HOSTILE_SEED=n` replays a sweep.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandSweep, makeSweepInputs, sweep, sweepSeed, type SweepInputs } from './damage.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-damage-'));
let inputs: SweepInputs;
beforeAll(async () => {
  inputs = await makeSweepInputs(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('randomly damaged bundles, packages and reports', () => {
  it('300 mutants read in this process: no crash, every issue names its file and line, each within its budget', async () => {
    const r = await sweep(inputs, 300, sweepSeed(20251304));
    expect(r.failures, r.failures.join('\n')).toEqual([]);
    expect(r.mutants).toBeGreaterThan(0);
    process.stdout.write(`300 mutants: slowest ${r.slowestMs.toFixed(0)} ms (${r.slowest})\n`);
  }, 120_000);

  it('12 mutants through the command: exit 0, 1 or 2, never 3, within 60 s and 1 GB', () => {
    const { failures, slowestSeconds, maxRssMb } = commandSweep(inputs, dir, 12, sweepSeed(20251304));
    expect(failures, failures.join('\n')).toEqual([]);
    process.stdout.write(`12 command mutants: slowest ${slowestSeconds.toFixed(1)} s, largest peak RSS ${maxRssMb.toFixed(0)} MB\n`);
  }, 300_000);
});
