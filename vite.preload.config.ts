// The preload, bundled by Electron Forge into one CommonJS file (.vite/build/preload.cjs),
// as a sandboxed preload must be: it may require only electron's renderer modules.

import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'node22',
    sourcemap: false,
  },
});
