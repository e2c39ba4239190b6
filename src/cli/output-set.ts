// What `check` writes into --out, written so that it cannot be turned against the user: the
// folder is checked before the review starts (not inside the bundle, creatable, writable);
// each file goes to a new temporary file renamed into place, so a symbolic link already
// there is replaced, never followed; and the files of an earlier run that this run did not
// write are removed, so the folder holds one run's set.

import { accessSync, constants, lstatSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { CSV_FILE } from '../shared/export/csv.js';
import { AP_FILE, AR_FILE } from '../shared/export/oscal.js';
import { XLSX_FILE } from '../main/services/export/xlsx.js';
import { UsageError } from './usage.js';

/** Every file name a run of `check` may write. */
export const OUTPUT_FILES = ['findings.json', 'findings.junit.xml', 'report.pdf', 'report.pdf.sm2.sig', AP_FILE, AR_FILE, XLSX_FILE, CSV_FILE] as const;

const inside = (parent: string, child: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** Makes `out` ready for writing, or refuses it with what to do (exit 2), before any work is done. */
export function prepareOutDir(out: string, bundle: string): void {
  if (inside(bundle, out)) throw new UsageError(`--out ${out} is inside the bundle ${bundle}: the outputs would become part of the evidence; choose a folder outside it`);
  const missing: string[] = [];
  let at = out;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = lstatSync(at).isDirectory();
    } catch {
      missing.unshift(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
      continue;
    }
    if (!isDir) throw new UsageError(`--out ${out}: ${at} exists and is not a folder`);
    break;
  }
  // One level at a time: a recursive mkdir under /proc never returns.
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (e) {
      throw new UsageError(`--out ${out}: cannot create ${level} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  try {
    accessSync(out, constants.W_OK);
  } catch {
    throw new UsageError(`--out ${out} is not writable`);
  }
}

/** Writes `data` to `path` through a new temporary file renamed over it (an existing link is replaced, not followed). */
export function writeOutput(path: string, data: string | Uint8Array): string {
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return path;
}

/** Removes the outputs of an earlier run that this run did not write; returns the names removed. */
export function removeStale(out: string, written: string[]): string[] {
  const removed: string[] = [];
  for (const name of OUTPUT_FILES) {
    const path = join(out, name);
    if (written.includes(path)) continue;
    try {
      const s = lstatSync(path);
      if (!s.isFile() && !s.isSymbolicLink()) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // Not there: nothing to remove.
    }
  }
  return removed;
}
