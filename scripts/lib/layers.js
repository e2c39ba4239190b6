// The import directions of docs/architecture.md, as one function over (file, specifier):
// ESLint enforces it on every source file (eslint.config.js), and test/layers.test.ts
// checks the table itself on made-up files.

import { builtinModules } from 'node:module';
import { posix } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Libraries that touch neither Node, Electron nor the DOM, so shared code may use them. */
export const PURE_LIBRARIES = new Set(['sm-crypto-v2']);

/** @typedef {'shared' | 'services' | 'preload' | 'main' | 'cli' | 'renderer' | 'other'} Layer */

/**
 * @param {string} file a path relative to the repository, with forward slashes
 * @returns {Layer}
 */
export function layerOf(file) {
  if (file.startsWith('src/shared/')) return 'shared';
  if (file.startsWith('src/main/services/')) return 'services';
  if (/^src\/main\/preload[^/]*$/.test(file) || file.startsWith('src/main/preload/')) return 'preload';
  if (file.startsWith('src/main/')) return 'main';
  if (file.startsWith('src/cli/')) return 'cli';
  if (file.startsWith('src/renderer/')) return 'renderer';
  return 'other';
}

/** @param {string} spec */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Why `file` may not import `spec`, or null when it may.
 * @param {string} file a path relative to the repository, with forward slashes
 * @param {string} spec the module specifier as written
 * @returns {string | null}
 */
export function violation(file, spec) {
  const from = layerOf(file);
  const relative = spec.startsWith('.') || spec.startsWith('/');
  const target = relative ? posix.normalize(posix.join(posix.dirname(file), spec)) : null;
  /** @type {Layer | 'node' | 'electron' | 'library'} */
  const to = target
    ? layerOf(target)
    : NODE_BUILTINS.has(spec) || spec.startsWith('node:') ? 'node'
      : packageName(spec) === 'electron' ? 'electron' : 'library';
  // Components use repositories; only the database layer talks to IndexedDB.
  if (!relative && packageName(spec) === 'dexie' && !file.startsWith('src/renderer/db/')) {
    return 'Dexie is used only inside src/renderer/db (components use its repositories)';
  }
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
