// Runs the command line in the test process and captures everything it prints: commander's
// help and errors, and what the commands write to stdout and stderr.

import { expect } from 'vitest';
import { main } from './main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => { out += String(s); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => { err += String(s); return true; }) as typeof process.stderr.write;
  try {
    const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
    return { code, out, err };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

/** `argv` is refused as unusable: exit 2, a message matching `message` on stderr, nothing on stdout. */
export async function expectRefused(argv: string[], message: RegExp): Promise<void> {
  const r = await runCli(argv);
  expect(r.code, r.err).toBe(2);
  expect(r.err).toMatch(message);
  expect(r.out).toBe('');
}
