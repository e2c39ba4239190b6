// The large random-damage sweep, in `npm run test:hostile`: the inputs and checks of
// damage.test.ts with ten times the mutants, and more of them through the command.
// `HOSTILE_SEED=n` runs another sweep; a failure names the seed and the mutant.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandSweep, makeSweepInputs, sweep, sweepSeed, type SweepInputs } from './damage.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-damage-large-'));
let inputs: SweepInputs;
beforeAll(async () => {
  inputs = await makeSweepInputs(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a large sweep of randomly damaged bundles, packages and reports', () => {
  it('3,000 mutants read in this process', async () => {
    const started = performance.now();
    const r = await sweep(inputs, 3000, sweepSeed(20251305));
    expect(r.failures, r.failures.join('\n')).toEqual([]);
    process.stdout.write(`3,000 mutants in ${((performance.now() - started) / 1000).toFixed(1)} s: slowest ${r.slowestMs.toFixed(0)} ms (${r.slowest})\n`);
  }, 900_000);

  it('60 mutants through the command', () => {
    const started = performance.now();
    const { failures, slowestSeconds, maxRssMb } = commandSweep(inputs, dir, 60, sweepSeed(20251305));
    expect(failures, failures.join('\n')).toEqual([]);
    process.stdout.write(`60 command mutants in ${((performance.now() - started) / 1000).toFixed(1)} s: slowest ${slowestSeconds.toFixed(1)} s, largest peak RSS ${maxRssMb.toFixed(0)} MB\n`);
  }, 900_000);
});
