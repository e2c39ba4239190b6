// End-to-end tests of the workbench (e2e/*.spec.ts): Debian's Chromium drives the built
// renderer through the loopback host, which runs the real engine and PDF services from
// dist/. `npx playwright test` after `npm run build`; `npm test` runs it after the unit tests.

import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { defineConfig } from '@playwright/test';
import { ARTIFACTS, CHROMIUM, RENDERER, RESULTS, ROOT, SAVED, URL_ENV } from './e2e/paths.js';

// A missing browser is a broken machine, not a reason to skip the flows.
if (!existsSync(CHROMIUM)) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (sudo apt-get install chromium); the end-to-end tests never download a browser`);
}

const rel = (p: string) => relative(ROOT, p);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: ARTIFACTS,
  // A whole flow (a review of the full sample, a report built and signed) takes 5–30 s alone.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // The host runs one review at a time, and each review keeps both cores busy.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // `-g` runs one flow; a committed test.only would silently drop the others.
  forbidOnly: true,
  reporter: [['list'], ['html', { open: 'never', outputFolder: `${rel(RESULTS)}/report` }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: '1366x768', use: { viewport: { width: 1366, height: 768 } } },
    { name: '1920x1080', use: { viewport: { width: 1920, height: 1080 } } },
  ],
  webServer: {
    // The renderer is built for the run (a few seconds); the services must be built already,
    // and web.js says to run `npm run build` when dist/ is missing or older than src/.
    command: `node scripts/web.js --build-renderer --renderer ${rel(RENDERER)} --out ${rel(SAVED)} --port 0`,
    cwd: ROOT,
    // The host prints its address, with the per-start secret, once it listens; the named
    // group puts it in the environment the test workers inherit. The newline: a whole line.
    wait: { stdout: new RegExp(`^Open: (?<${URL_ENV}>http://127\\.0\\.0\\.1:\\d+/#secret=[A-Za-z0-9_-]+)\\n`, 'm') },
    timeout: 120_000,
    // The address carries the secret: it stays out of the test output. Errors still show.
    stdout: 'ignore',
    stderr: 'pipe',
    // SIGTERM lets web.js close the host (event streams, engine workers) before it exits.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
