import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, violation } from './layers.js';

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|js|mjs)$/.test(d.name) ? [p] : [];
  });
}

describe('layer rules of ARCHITECTURE.md', () => {
  it('every source file imports only what its layer may', () => {
    const problems: string[] = [];
    const files = sourceFiles(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(20);
    for (const abs of files) {
      const file = relative(ROOT, abs).split('\\').join('/');
      if (/\.test\.tsx?$/.test(file)) continue; // tests may reach across layers to set up fixtures
      for (const spec of importsOf(readFileSync(abs, 'utf8'))) {
        const why = violation(file, spec);
        if (why) problems.push(`${file}: ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds every kind of import', () => {
    const src = `import a from './a.js';\nimport type { B } from "../b.js";\nexport { c } from './c.js';\nimport './side.js';\nconst d = await import('node:fs');\nconst e = require('electron');\nnew Worker(new URL('./w.js', import.meta.url));\n// import x from 'commented';\n`;
    expect(importsOf(src)).toEqual(['./a.js', '../b.js', './c.js', './side.js', 'node:fs', 'electron', './w.js']);
  });

  it.each([
    ['src/shared/engine/x.ts', 'node:fs'],
    ['src/shared/engine/x.ts', 'fs'],
    ['src/shared/engine/x.ts', 'electron'],
    ['src/shared/engine/x.ts', '../../main/services/bundle/source.js'],
    ['src/shared/engine/x.ts', 'react'],
    ['src/main/services/bundle/x.ts', 'electron'],
    ['src/main/services/bundle/x.ts', '../../window.js'],
    ['src/main/window.ts', '../renderer/App.js'],
    ['src/main/preload.ts', 'node:fs'],
    ['src/main/preload.ts', '../shared/engine/assess.js'],
    ['src/cli/main.ts', 'electron'],
    ['src/cli/main.ts', '../main/window.js'],
    ['src/renderer/App.tsx', 'electron'],
    ['src/renderer/App.tsx', 'node:path'],
    ['src/renderer/App.tsx', '../main/services/bundle/source.js'],
  ])('refuses %s importing %s', (file, spec) => {
    expect(violation(file, spec)).not.toBeNull();
  });

  it.each([
    ['src/shared/engine/x.ts', '../bundle/types.js'],
    ['src/main/services/bundle/x.ts', 'node:fs'],
    ['src/main/services/bundle/x.ts', '../../../shared/bundle/types.js'],
    ['src/main/window.ts', 'electron'],
    ['src/main/preload.ts', 'electron'],
    ['src/main/preload.ts', '../shared/ipc/contract.js'],
    ['src/cli/main.ts', '../main/services/bundle/source.js'],
    ['src/renderer/App.tsx', 'react'],
    ['src/renderer/App.tsx', '../shared/engine/types.js'],
  ])('allows %s importing %s', (file, spec) => {
    expect(violation(file, spec)).toBeNull();
  });
});
