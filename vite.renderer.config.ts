// The renderer: index.html at the repository root, React, output to dist/renderer for
// `npm run build:renderer` (the loopback host and e2e tests) or to the folder Electron
// Forge chooses when it builds the package (it passes forgeConfigSelf in the env).

import react from '@vitejs/plugin-react';
import { defineConfig, type ConfigEnv, type UserConfig } from 'vite';

export default defineConfig((env: ConfigEnv): UserConfig => {
  const underForge = 'forgeConfigSelf' in env;
  return {
    root: import.meta.dirname,
    // Relative asset URLs: the same build works on app://desk/ and http://127.0.0.1:PORT/.
    base: './',
    plugins: [react()],
    publicDir: false,
    build: {
      ...(underForge ? {} : { outDir: 'dist/renderer', emptyOutDir: true }),
      target: 'chrome140',
      sourcemap: false,
      // No inline polyfill script: the CSP allows only scripts from the app's origin.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      rollupOptions: { input: 'index.html' },
    },
    // No HMR: its client and React Refresh's preamble need inline script and a websocket
    // that the CSP forbids; `electron-forge start` reloads the page instead.
    server: { hmr: false },
  };
});
