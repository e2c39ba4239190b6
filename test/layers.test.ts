import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import { layersPlugin } from '../scripts/lib/eslint-layers.js';
import { violation } from '../scripts/lib/layers.js';

describe('layer rules of docs/architecture.md', () => {
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
    ['src/renderer/components/CaseList.tsx', 'dexie'],
    ['src/renderer/store/cases-slice.ts', 'dexie'],
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
    ['src/renderer/db/schema.ts', 'dexie'],
  ])('allows %s importing %s', (file, spec) => {
    expect(violation(file, spec)).toBeNull();
  });

  it('is applied by ESLint to every kind of import a file makes', () => {
    const linter = new Linter({ cwd: '/repo' });
    const config = [{ plugins: { layers: layersPlugin }, rules: { 'layers/import-direction': 'error' as const } }];
    const code = [
      "import a from 'node:fs';",
      "export { b } from '../../main/window.js';",
      "export * from 'electron';",
      "const c = await import('react');",
      "const d = require('dexie');",
      "new Worker(new URL('../../renderer/w.js', import.meta.url));",
      "import e from '../bundle/types.js';",
      "import f from 'sm-crypto-v2';",
    ].join('\n');
    const found = linter.verify(code, config, { filename: '/repo/src/shared/engine/x.js' });
    expect(found.map((m) => m.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(found[0].message).toMatch(/src\/shared is pure/);
    expect(linter.verify("import x from 'node:fs';", config, { filename: '/repo/src/main/services/x.js' })).toEqual([]);
  });
});
