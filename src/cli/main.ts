// compliance-desk: the engine headless (docs/spec/cli.md). Results go to stdout or --out,
// progress to stderr. Exit 0 no failing rule, 1 a rule fails, 2 unusable bundle or
// arguments, 3 internal error.

import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { BundleError } from '../main/services/bundle/errors.js';
import { ProfileError } from '../shared/engine/profile.js';
import { buildProgram, type Io, type Tool } from './program.js';
import { FileRefused } from '../main/services/regular-file.js';
import { fileSystemReason, UsageError } from './usage.js';
import { terminalText } from './terminal.js';

export const TOOL: Tool = { name: 'compliance-desk', version: readVersion() };

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const PROCESS_IO: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

/** Runs the command line `argv` (without node and the script) and returns its exit status. */
export async function main(argv: string[], io: Io = PROCESS_IO): Promise<number> {
  let code: number | null = null;
  const program = buildProgram(TOOL, io, (c) => { code = c; });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version asked for: 0. Anything commander refused, or no command at all: 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError || e instanceof BundleError || e instanceof ProfileError || e instanceof FileRefused || isTrustError(e)) {
      // Messages name files from the bundle: their control characters are shown, not obeyed.
      io.err(terminalText([`compliance-desk: ${e.message}`]));
      if (e instanceof UsageError) io.err(`(add --help for the options and an example)\n`);
      return 2;
    }
    const fsError = fileSystemError(e);
    if (fsError) {
      io.err(terminalText([`compliance-desk: ${fsError}`]));
      return 2;
    }
    io.err(`compliance-desk: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 3;
  }
  return code ?? 2;
}

/** A file-system refusal (a missing file, an unwritable --out) is the user's to fix: exit 2 naming the path, not a stack. */
function fileSystemError(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException;
  const reason = fileSystemReason(e);
  if (!reason || typeof err.path !== 'string') return null;
  return `${err.path}：${reason}（${err.syscall ?? '文件系统'}）`;
}

/** A trust store or trust file that cannot be used (crypto/trust-store.ts), told by name so the store's module loads only when a command needs it. */
function isTrustError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'TrustError';
}
