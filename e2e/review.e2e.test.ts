// End to end: the built renderer in Debian's Chromium, served by the loopback host, which
// runs the real services (engine, bundle reader, PDF backend). The page reviews the full
// sample bundle by path and must show every rule with the status the sample expects.

import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackHost, type LoopbackHost } from '../src/main/services/loopback/host.js';
import { pdfReportBackend } from '../src/main/services/pdf-backend.js';

const ROOT = resolve(import.meta.dirname, '..');
const BUNDLE = resolve(ROOT, '../shared/samples/full/bundle');
const EXPECTED = JSON.parse(readFileSync(resolve(ROOT, '../shared/samples/full/expected.json'), 'utf8')) as { rules: Record<string, { status: string }> };

const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let host: LoopbackHost;
let browser: Browser;
let attacker: Server;
let attackerOrigin: string;

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'cd-e2e-'));
  const rendererDir = join(work, 'renderer');
  // The renderer exactly as `npm run build:renderer` builds it, into this test's own folder.
  await build({ configFile: join(ROOT, 'vite.renderer.config.ts'), root: ROOT, logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  host = await startLoopbackHost({
    rendererDir,
    outDir: join(work, 'out'),
    reports: pdfReportBackend(),
    tool: { name: 'compliance-desk', version: 'e2e' },
    log: () => {},
  });
  // Another local site, to show a page of another origin cannot drive the host.
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>other site</title>');
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await new Promise((r) => attacker?.close(r));
});

/** A page that records everything that would mean the app is not what it claims. */
async function watchedPage(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  return { page, problems, requests };
}

describe('review through the loopback host in Chromium', () => {
  it('opens the app, reviews the sample bundle by path and shows every rule’s status', async () => {
    const { page, problems, requests } = await watchedPage();
    await page.goto(host.url);
    await expect.poll(() => page.title()).toBe('合规审查台');
    // The secret left the address bar as soon as the page read it.
    expect(page.url()).toBe(`${host.origin}/`);

    await page.getByTestId('bundle-path').fill(BUNDLE);
    await page.getByTestId('run').click();
    await page.getByTestId('results').waitFor({ timeout: 60_000 });

    const rows = await page.locator('[data-testid="results"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ rule: tr.getAttribute('data-rule'), status: tr.getAttribute('data-status'), text: tr.textContent })),
    );
    expect(rows.map((r) => r.rule)).toEqual(Object.keys(EXPECTED.rules).sort());
    for (const r of rows) expect(r.status, r.rule!).toBe(EXPECTED.rules[r.rule!].status);
    // Chinese status labels are what people read.
    expect(rows.find((r) => r.status === 'fail')!.text).toContain('不符合');

    await expect.poll(() => page.getByTestId('progress').getAttribute('data-phase')).toBe('done');
    await expect.poll(() => page.getByTestId('summary').textContent()).toMatch(/结论/);

    // Nothing went anywhere but the host, and nothing broke (including CSP violations).
    expect(requests.filter((u) => !u.startsWith(`${host.origin}/`))).toEqual([]);
    expect(requests.some((u) => u.startsWith(`${host.origin}/events?`))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a bundle that cannot be read as an error, in Chinese', async () => {
    const { page } = await watchedPage();
    await page.goto(host.url);
    await page.getByTestId('bundle-path').fill(join(BUNDLE, 'no-such-folder'));
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('error').textContent(), { timeout: 30_000 }).toMatch(/[\u4e00-\u9fff]/);
    await page.close();
  }, 60_000);

  it('a page of another origin cannot call the host', async () => {
    const { page } = await watchedPage();
    await page.goto(attackerOrigin);
    const outcome = await page.evaluate(async (target) => {
      const results: string[] = [];
      // A CORS request (JSON) needs a preflight, which the host does not grant.
      try {
        await fetch(`${target}/ipc/settings:set`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"patch":{"workers":7}}' });
        results.push('cors: sent');
      } catch {
        results.push('cors: blocked');
      }
      // A "simple" request goes out without a preflight: the host must refuse it itself.
      await fetch(`${target}/ipc/settings:set`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"patch":{"workers":7}}' }).catch(() => {});
      return results;
    }, host.origin);
    expect(outcome).toEqual(['cors: blocked']);
    await page.close();

    // The settings are as they were.
    const res = await fetch(`${host.origin}/ipc/settings:get`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: host.origin, 'X-Desk-Secret': host.secret }, body: '{}',
    });
    expect(((await res.json()) as { value: { workers: number | null } }).value.workers).toBeNull();
  }, 60_000);
});
