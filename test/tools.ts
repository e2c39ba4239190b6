// The external programs the tests check our output with (poppler's pdfsig, pdftotext,
// pdffonts; OpenSSL). A missing one fails the test with what to install, never a skip.

import { spawnSync } from 'node:child_process';

const PACKAGE_OF: Record<string, string> = {
  pdfsig: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  openssl: 'openssl',
  chromium: 'chromium',
};

export interface ToolRun {
  /** stdout and stderr together, as a reader of the terminal sees them. */
  out: string;
  stdout: string;
  code: number | null;
}

/** Runs an installed program; throws with the Debian package to install when it is missing. */
export function runTool(cmd: string, args: string[], input?: string): ToolRun {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${cmd} is not installed: install it with "apt-get install ${PACKAGE_OF[cmd] ?? cmd}" (see README, Prerequisites)`);
  }
  if (r.error) throw r.error;
  return { out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '', code: r.status };
}
