// `bundle import <raw> --mapping FILE --out DIR`: a platform's own exports into a bundle
// (mapping-v1.md); `--dry-run` reads and reports without writing. The report goes to stderr
// (or stdout as JSON with --json): per source, rows read, filtered and mapped, unmapped
// values and unreadable times with their first rows, what each bundle file receives.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJson } from '../../shared/bundle/json.js';
import { mappingShapeProblems, type Mapping } from '../../shared/import/mapping.js';
import { KeyError, loadSigningKey } from '../../main/services/bundle/make-manifest.js';
import { ImportError, importBundle } from '../../main/services/import/import-bundle.js';
import type { ImportReport } from '../../shared/import/report.js';
import { passphraseFrom } from '../report-output.js';
import type { BundleImportOptions } from '../program.js';
import { escapeForTerminal } from '../terminal.js';
import { UsageError } from '../usage.js';

/** The mapping file, read and checked; every problem in one message. */
export async function readMapping(path: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取映射文件 ${path}：${(e as Error).message}`);
  }
  let v: unknown;
  try {
    v = parseJson(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`映射文件 ${path} 不是有效的 JSON：${(e as Error).message}`);
  }
  const problems = mappingShapeProblems(v);
  if (problems.length) throw new UsageError(`映射文件 ${path} 有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return v as Mapping;
}

/** The report as people read it, in Chinese. */
export function reportText(r: ImportReport): string {
  const lines: string[] = [];
  const e = escapeForTerminal;
  for (const s of r.sources) {
    const where = `${e(s.file)}${s.sheet !== undefined ? `（工作表 ${e(String(s.sheet))}）` : ''}`;
    lines.push(`${where}：读取 ${s.rowsRead} 行，筛除 ${s.rowsFiltered} 行，导入 ${s.rowsMapped} 行 → ${Object.entries(s.targets).map(([t, n]) => `${t} ${n} 行`).join('，') || '无'}`);
    for (const [field, f] of Object.entries(s.fields)) {
      if (f.missingColumn) lines.push(`  ${field}：没有列 “${e(f.missingColumn)}”`);
      const unmapped = Object.entries(f.unmapped);
      if (unmapped.length) lines.push(`  ${field}：未映射的值 ${unmapped.map(([v, u]) => `“${e(v)}” ${u.count} 次（首见第 ${u.firstRow} 行）`).join('，')}`);
      if (f.badTimes.count) lines.push(`  ${field}：${f.badTimes.count} 个时间不符合任何格式，如 ${f.badTimes.first.map((b) => `第 ${b.row} 行 “${e(b.value)}”`).join('，')}`);
    }
  }
  for (const m of r.unmatched) lines.push(`映射的来源 “${e(m)}” 没有匹配到任何文件`);
  if (r.unused.length) lines.push(`未使用的文件：${r.unused.map(e).join('、')}`);
  if (r.copied.length) lines.push(`原样复制：${r.copied.map(e).join('、')}`);
  lines.push(`证据包将得到：${Object.entries(r.targets).map(([t, n]) => `${t} ${n} 行`).join('，') || '（无）'}`);
  if (r.problems.length) {
    lines.push(`问题 ${r.problems.length + r.moreProblems} 个${r.moreProblems ? `（列出前 ${r.problems.length} 个）` : ''}：`);
    for (const p of r.problems) lines.push(`  ${e(p.file)}${p.sheet ? `（${e(p.sheet)}）` : ''}${p.row !== null ? ` 第 ${p.row} 行` : ''}：${e(p.message)}`);
  }
  return lines.join('\n') + '\n';
}

/** Whether the import left anything for the operator to fix: unmapped values, unreadable times, missing columns or files. */
export function needsAttention(r: ImportReport): boolean {
  return r.problems.length > 0 || r.unmatched.length > 0;
}

/** Exit 0: imported (or read, in a dry run) with nothing to fix; 1: done, with problems reported; 2: unusable input. */
export async function runBundleImport(rawArg: string, o: BundleImportOptions): Promise<number> {
  if (!o.mapping) throw new UsageError('需要 --mapping 映射文件（或先用 --suggest 生成一份）');
  if (!o.dryRun && !o.out) throw new UsageError('需要 --out 证据包文件夹（或用 --dry-run 只检查不写入）');
  const mapping = await readMapping(o.mapping);
  let key;
  if (o.key) {
    let pem: Buffer;
    try {
      pem = await readFile(o.key);
    } catch (e) {
      throw new UsageError(`无法读取密钥 ${o.key}：${(e as Error).message}`);
    }
    try {
      key = loadSigningKey(pem, { passphrase: o.passEnv !== undefined || /ENCRYPTED/.test(String(pem)) ? passphraseFrom(o.passEnv) : undefined, alg: o.alg, file: o.key });
    } catch (e) {
      if (e instanceof KeyError) throw new UsageError(e.message);
      throw e;
    }
  }
  let report: ImportReport;
  try {
    report = await importBundle(resolve(rawArg), mapping, { out: o.out, dryRun: o.dryRun, key });
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(e.message);
    throw e;
  }
  if (o.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (!o.quiet) process.stderr.write(reportText(report));
  if (report.out && !o.json) process.stdout.write(report.out + '\n');
  return needsAttention(report) ? 1 : 0;
}
