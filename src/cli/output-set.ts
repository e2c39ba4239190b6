// What `check` writes into --out, written so that it cannot be turned against the user: the
// folder is checked before the review starts (not inside the bundle, creatable, and a file
// really created in it: root passes every permission check, not a read-only mount or /sys);
// each file goes to a new temporary file renamed into place, so a symbolic link already
// there is replaced, never followed; and the files of an earlier run that this run did not
// write are removed, so the folder holds one run's set.

import { closeSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { CSV_FILE } from '../shared/export/csv.js';
import { AP_FILE, AR_FILE } from '../shared/export/oscal.js';
import { XLSX_FILE } from '../main/services/export/xlsx.js';
import { fileSystemReason, UsageError } from './usage.js';

const why = (e: unknown) => fileSystemReason(e) ?? (e as Error).message;

/** Every file name a run of `check` may write. */
export const OUTPUT_FILES = ['findings.json', 'findings.junit.xml', 'report.pdf', 'report.pdf.sm2.sig', AP_FILE, AR_FILE, XLSX_FILE, CSV_FILE] as const;

const inside = (parent: string, child: string) => {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** Makes `out` ready for writing, or refuses it with what to do (exit 2), before any work is done. */
export function prepareOutDir(out: string, bundle: string): void {
  if (inside(bundle, out)) throw new UsageError(`--out ${out} 在证据包 ${bundle} 之内：输出会混入证据，请选择证据包之外的文件夹`);
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
    if (!isDir) throw new UsageError(`--out ${out} 无法使用：${at} 已存在，但不是文件夹`);
    break;
  }
  // One level at a time: a recursive mkdir under /proc never returns.
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (e) {
      throw new UsageError(`--out ${out} 无法使用：不能创建 ${level}（${why(e)}）`);
    }
  }
  const probe = join(out, `.${process.pid}.${Date.now()}.probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new UsageError(`--out ${out} 无法写入（${why(e)}）`);
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
    throw new UsageError(`无法写入 ${path}（${why(e)}）`);
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
