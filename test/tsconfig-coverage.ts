// Which source files no TypeScript project of the solution (tsconfig.json and its
// references, recursively) covers: such a file would never be type-checked by `tsc -b`.

import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Every file of every project reachable from `solution`, as absolute paths. */
export function coveredFiles(solution: string): Set<string> {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (configPath: string) => {
    const path = ts.sys.fileExists(configPath) ? configPath : join(configPath, 'tsconfig.json');
    if (seen.has(path)) return;
    seen.add(path);
    const read = ts.readConfigFile(path, ts.sys.readFile);
    if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(path), undefined, path);
    for (const f of parsed.fileNames) files.add(resolve(f));
    for (const ref of parsed.projectReferences ?? []) visit(ref.path);
  };
  visit(solution);
  return files;
}

/** The .ts, .tsx, .js, .mjs and .cjs files under `dirs` of `root` (node_modules skipped). */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules') walk(p);
      } else if (/\.(ts|tsx|js|mjs|cjs)$/.test(d.name) && !d.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

/** Source files under `dirs` that no project covers, relative to `root`. */
export function uncovered(root: string, dirs: string[], solution = join(root, 'tsconfig.json')): string[] {
  const covered = coveredFiles(solution);
  return sourceFiles(root, dirs).filter((f) => !covered.has(resolve(f))).map((f) => relative(root, f).split('\\').join('/')).sort();
}
