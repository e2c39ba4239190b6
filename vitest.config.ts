import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests only: the end-to-end flows (e2e/*.spec.ts) run under `playwright test`.
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // The command line keeps its trust store under COMPLIANCE_DESK_HOME: never the tester's own.
    env: { COMPLIANCE_DESK_HOME: mkdtempSync(join(tmpdir(), 'cd-test-home-')) },
  },
});
