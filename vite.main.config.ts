// The main process for Electron Forge: an ES module bundle (.vite/build/main.js), with the
// engine's log worker as a second entry beside it (.vite/build/log-worker.js), because
// run-review.ts starts workers from new URL('./log-worker.js', import.meta.url).
//
// Packages that find their own files at run time (fonts, pdfjs data, pdfmake's pdfkit
// loaded through createRequire) cannot be bundled: they stay external, and forge.config.ts
// copies them and their dependencies into the package.

import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

/** Packages main loads at run time from node_modules; forge.config.ts ships their closure. */
export const MAIN_RUNTIME_PACKAGES = [
  'pdfmake',
  '@expo-google-fonts/noto-sans-sc',
  'pdfjs-dist',
  'node-forge',
  'sm-crypto-v2',
  // The import's xlsx reader: CommonJS that requires Node's crypto, which an ES bundle cannot.
  'exceljs',
  'yauzl',
  'yazl',
] as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// A list, not a function: Forge merges its own external list into this one.
const external: (string | RegExp)[] = [
  /^electron(\/|$)/,
  /^node:/,
  ...builtinModules,
  ...MAIN_RUNTIME_PACKAGES.map((p) => new RegExp(`^${escape(p)}(/|$)`)),
];

/**
 * Vite treats new URL('./x', import.meta.url) as an asset and would inline the worker's
 * TypeScript source as a data: URL. The worker is an entry of its own here, so the URL
 * must stay a plain runtime URL next to the bundle: hide the literal from the asset plugin.
 */
function workerUrlStaysRelative(): Plugin {
  return {
    name: 'compliance-desk:worker-url-stays-relative',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/src/main/services/engine/run-review.ts')) return null;
      const literal = "new URL('./log-worker.js', import.meta.url)";
      if (!code.includes(literal)) this.error(`${literal} not found in run-review.ts: update vite.main.config.ts`);
      return { code: code.replace(literal, "new URL(['.', 'log-worker.js'].join('/'), import.meta.url)"), map: null };
    },
  };
}

export default defineConfig({
  plugins: [workerUrlStaysRelative()],
  build: {
    target: 'node22',
    sourcemap: false,
    // Keep names readable in stack traces of the logs.
    minify: false,
    lib: {
      entry: {
        main: 'src/main/main.ts',
        'log-worker': 'src/main/services/engine/log-worker.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      external,
      output: {
        // Shared chunks beside the entries, so import.meta.url-relative paths still hold.
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
  resolve: {
    conditions: ['node'],
    mainFields: ['module', 'jsnext:main', 'jsnext'],
  },
});
