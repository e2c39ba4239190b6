import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './fixtures.js';
import { uncovered } from './tsconfig-coverage.js';

describe('the solution tsconfig', () => {
  it('covers every source file under src, test, e2e, scripts and bin', () => {
    expect(uncovered(REPO, ['src', 'test', 'e2e', 'scripts', 'bin'])).toEqual([]);
  });

  it('names a file that no project includes', () => {
    const root = mkdtempSync(join(tmpdir(), 'cd-tsconfig-'));
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    writeFileSync(join(root, 'a', 'x.ts'), 'export const x = 1;\n');
    writeFileSync(join(root, 'b', 'y.js'), 'export const y = 2;\n');
    writeFileSync(join(root, 'b', 'z.tsx'), 'export const z = 3;\n');
    writeFileSync(join(root, 'a', 'tsconfig.json'), JSON.stringify({ compilerOptions: { composite: true }, include: ['./**/*.ts'] }));
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ files: [], references: [{ path: 'a' }] }));
    expect(uncovered(root, ['a', 'b'])).toEqual(['b/y.js', 'b/z.tsx']);
  });
});
