// The import directions of ARCHITECTURE.md, as a function over (file, specifier) so the
// rule table itself can be tested on made-up files.

import { builtinModules } from 'node:module';
import { posix } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Libraries that touch neither Node, Electron nor the DOM, so shared code may use them. */
export const PURE_LIBRARIES = new Set<string>(['sm-crypto-v2']);

export type Layer = 'shared' | 'services' | 'preload' | 'main' | 'cli' | 'renderer' | 'other';

export function layerOf(file: string): Layer {
  if (file.startsWith('src/shared/')) return 'shared';
  if (file.startsWith('src/main/services/')) return 'services';
  if (/^src\/main\/preload[^/]*$/.test(file) || file.startsWith('src/main/preload/')) return 'preload';
  if (file.startsWith('src/main/')) return 'main';
  if (file.startsWith('src/cli/')) return 'cli';
  if (file.startsWith('src/renderer/')) return 'renderer';
  return 'other';
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Why `file` may not import `spec`, or null when it may. */
export function violation(file: string, spec: string): string | null {
  const from = layerOf(file);
  const relative = spec.startsWith('.') || spec.startsWith('/');
  const target = relative ? posix.normalize(posix.join(posix.dirname(file), spec)) : null;
  const to: Layer | 'node' | 'electron' | 'library' = target
    ? layerOf(target)
    : NODE_BUILTINS.has(spec) || spec.startsWith('node:') ? 'node'
      : packageName(spec) === 'electron' ? 'electron' : 'library';
  switch (from) {
    case 'shared':
      if (to === 'shared') return null;
      if (to === 'library' && PURE_LIBRARIES.has(packageName(spec))) return null;
      return `src/shared is pure: it may import only src/shared and pure libraries, not ${spec}`;
    case 'services':
      if (to === 'electron') return 'src/main/services must not import electron (the CLI uses it)';
      if (to === 'renderer' || to === 'main' || to === 'cli' || to === 'preload') return `src/main/services may not import ${spec}`;
      return null;
    case 'main':
      if (to === 'renderer' || to === 'cli') return `src/main may not import ${spec}`;
      return null;
    case 'preload':
      if (to === 'electron') return null;
      if (target && target.startsWith('src/shared/ipc')) return null;
      return `the preload may import only electron and src/shared/ipc, not ${spec}`;
    case 'cli':
      if (to === 'electron' || to === 'renderer' || to === 'main' || to === 'preload') return `src/cli may not import ${spec}`;
      return null;
    case 'renderer':
      if (to === 'electron' || to === 'node' || to === 'main' || to === 'services' || to === 'cli' || to === 'preload') {
        return `src/renderer runs sandboxed: it may not import ${spec}`;
      }
      return null;
    default:
      return null;
  }
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g;

/** Every module specifier a source file imports (static, dynamic, require, worker URLs). */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(IMPORT_RE)) out.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5])!);
  return out;
}
