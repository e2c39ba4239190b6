// `npm run test:hostile`: the hostile inputs too large for every run of `npm test`
// (gigabytes generated on the spot, each review measured in its own process).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/hostile/**/*.hostile.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    env: { COMPLIANCE_DESK_HOME: mkdtempSync(join(tmpdir(), 'cd-test-home-')) },
  },
});
