import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests only: the end-to-end flows (e2e/*.spec.ts) run under `playwright test`.
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
