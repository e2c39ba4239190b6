// What every flow of the workbench needs: the loopback host started by playwright.config.ts
// (its address comes in the environment), the app opened in a fresh browser context with a
// watcher of page problems, axe-core and a screenshot on each screen, the font check, and
// the steps many flows share (a case from a bundle, the reviewer's name).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { codeWordsIn } from '../src/shared/code-words.js';
import { sampleBundle, sampleExpected } from '../test/fixtures.js';
import { ROOT, SAVED, SCREENS, URL_ENV } from './paths.js';

export { expect };
export { ROOT, SAVED };

export const FULL = sampleBundle('full');
export const CLEAN = sampleBundle('clean');
export const KEY_P12 = join(ROOT, 'src/main/services/review-package/fixtures/reviewer-a-rsa.p12');
export const KEY_PASSWORD = 'test-only';

export type Expected = { rules: Record<string, { status: string; eventIds: string[]; rowIds: string[] }> };
export const EXPECTED_FULL = JSON.parse(readFileSync(sampleExpected('full'), 'utf8')) as Expected;
export const EXPECTED_CLEAN = JSON.parse(readFileSync(sampleExpected('clean'), 'utf8')) as Expected;

export interface Host {
  /** http://127.0.0.1:PORT */
  origin: string;
  secret: string;
  /** The address to open: the origin with the secret in the fragment. */
  url: string;
}

export interface App {
  page: Page;
  host: Host;
  /** Console errors and page errors (CSP violations among them). */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

function hostFromEnvironment(): Host {
  const url = process.env[URL_ENV];
  if (!url) throw new Error(`${URL_ENV} is not set: run the flows with "npx playwright test", whose webServer starts the loopback host and passes its address`);
  const parsed = new URL(url);
  const secret = new URLSearchParams(parsed.hash.slice(1)).get('secret');
  if (!secret) throw new Error(`${URL_ENV} carries no secret`);
  return { origin: parsed.origin, secret, url };
}

export const test = base.extend<{ app: App; scratch: string }, { host: Host }>({
  host: [async ({}, use) => use(hostFromEnvironment()), { scope: 'worker' }],

  /** The app open on its cases screen in this flow's own context (its own IndexedDB). */
  app: async ({ page, host }, use) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    const app: App = { page, host, problems: [], requests: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') app.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => app.problems.push(`page error: ${e.message}`));
    page.on('request', (r) => app.requests.push(r.url()));
    await page.goto(host.url);
    await page.getByTestId('nav-cases').waitFor();
    await use(app);
  },

  /** A temporary folder for files a flow makes (a large bundle, a changed copy), removed after. */
  scratch: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-e2e-'));
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

/** Nothing broke (CSP violations included) and nothing went anywhere but the host. */
export function expectNoProblems(app: App): void {
  expect(app.problems, 'console and page errors').toEqual([]);
  expect(app.requests.filter((u) => !u.startsWith(`${app.host.origin}/`)), 'requests outside the host').toEqual([]);
}

/** The viewport of the running project (1366×768 or 1920×1080). */
function projectViewport(): { width: number; height: number } {
  const v = test.info().project.use.viewport;
  if (!v) throw new Error('every project sets a viewport');
  return v;
}

/** The project's width with a taller page, so a virtualised table renders every row at once. */
export async function tall(page: Page, height: number): Promise<void> {
  await page.setViewportSize({ width: projectViewport().width, height });
}

/** Fonts loaded and two frames drawn, so a screenshot shows what people see. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeSerious(page: Page): Promise<string[]> {
  // AxeBuilder evaluates axe-core over the DevTools protocol in every frame; the page's
  // CSP (no inline script) does not apply to that, and stays as it is.
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) — ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
}

/**
 * Words of code (camelCase, snake_case, raw enumeration values) in what the screen shows, when
 * it is in Chinese. Text marked data-raw (a record as the bundle wrote it) is the operator's.
 */
export async function codeWordsOnScreen(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => {
    if (!document.documentElement.lang.startsWith('zh')) return '';
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('[data-raw], script, style')) el.remove();
    // innerText of a node outside the document has no layout: take text per block element.
    return [...copy.querySelectorAll('*')].filter((el) => el.children.length === 0 || el.matches('p, li, td, th, dd, dt, h1, h2, h3, h4, label, button, option'))
      .map((el) => el.textContent ?? '').join('\n');
  });
  return [...new Set(shown.split('\n').flatMap((line) => codeWordsIn(line).map((w) => `${w} ← ${line.trim().slice(0, 120)}`)))];
}

/**
 * A screen: photographed at the project's size (test-results/screens/<name>-WxH.png) and
 * checked by axe-core (no serious or critical violation) and, in Chinese, for words of code
 * (both soft, so the flow goes on and every screen's findings are reported). A taller
 * viewport is put back afterwards.
 */
export async function screen(page: Page, name: string): Promise<void> {
  await test.step(`screen ${name}`, async () => {
    const size = projectViewport();
    const before = page.viewportSize();
    const resized = before !== null && (before.width !== size.width || before.height !== size.height);
    if (resized) await page.setViewportSize(size);
    await settled(page);
    await page.screenshot({ path: join(SCREENS, `${name}-${size.width}x${size.height}.png`) });
    expect.soft(await axeSerious(page), `axe-core on ${name} at ${size.width}×${size.height}`).toEqual([]);
    expect.soft(await codeWordsOnScreen(page), `words of code on ${name}`).toEqual([]);
    if (resized && before) {
      await page.setViewportSize(before);
      await settled(page);
    }
  });
}

/** The fonts Chromium actually used to draw the text of `selector` (DevTools protocol). */
export async function platformFonts(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

/** Creates a case by reviewing `bundle` (typed path) and waits for its overview. */
export async function createCase(page: Page, bundle: string): Promise<string> {
  return test.step('create a case', async () => {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('bundle-path').fill(bundle);
    await page.getByTestId('run').click();
    await page.getByTestId('overview').waitFor({ timeout: 60_000 });
    const id = await page.getByTestId('case').getAttribute('data-case');
    if (!id) throw new Error('the case screen carries no case id');
    return id;
  });
}

/** Names the reviewer in the settings (decisions must be signed by name). */
export async function setReviewer(page: Page, name = '审查员甲', org = '锦州市数据局'): Promise<void> {
  await test.step('name the reviewer', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('reviewer-name').fill(name);
    await page.getByTestId('reviewer-org').fill(org);
    await page.getByTestId('save-reviewer').click();
    await page.getByTestId('notice').filter({ hasText: /已保存审查员信息|Reviewer saved/ }).waitFor();
  });
}
