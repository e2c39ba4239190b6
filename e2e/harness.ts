// What every end-to-end test of the workbench needs: the renderer built exactly as
// `npm run build:renderer` builds it, the loopback host with the real engine and PDF
// services, Debian's Chromium, a fresh browser profile per flow, axe-core on each screen,
// screenshots at 1366×768 and 1920×1080, and a check that Chinese is drawn with the
// bundled Noto Sans SC.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { startLoopbackHost, type LoopbackHost, type LoopbackOptions } from '../src/main/services/loopback/host.js';
import { pdfReportBackend } from '../src/main/services/pdf-backend.js';
import { sampleBundle } from '../test/fixtures.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const FULL = sampleBundle('full');
export const CLEAN = sampleBundle('clean');
export const SCREENS = join(ROOT, 'test-results/screens');
export const KEY_P12 = join(ROOT, 'src/main/services/review-package/fixtures/reviewer-a-rsa.p12');
export const KEY_PASSWORD = 'test-only';

export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const VIEWPORTS = [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }] as const;

export interface Workbench {
  host: LoopbackHost;
  browser: Browser;
  outDir: string;
  work: string;
  close(): Promise<void>;
}

/** Builds the renderer into a fresh folder and starts the host and Chromium. */
export async function startWorkbench(o: { overrides?: LoopbackOptions['overrides'] } = {}): Promise<Workbench> {
  const work = mkdtempSync(join(tmpdir(), 'cd-e2e-'));
  const rendererDir = join(work, 'renderer');
  await build({ configFile: join(ROOT, 'vite.renderer.config.ts'), root: ROOT, logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  const outDir = join(work, 'out');
  const host = await startLoopbackHost({
    rendererDir,
    outDir,
    reports: pdfReportBackend(),
    tool: { name: 'compliance-desk', version: 'e2e' },
    log: () => {},
    overrides: o.overrides,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    host, browser, outDir, work,
    async close() {
      await browser.close();
      await host.close();
      // The built renderer, saved reports and the large synthetic bundle go with it.
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors (CSP violations among them). */
  problems: string[];
  requests: string[];
}

/** A new browser profile (context: its own IndexedDB, storage, cache) and a page in it. */
export async function freshPage(wb: Workbench, viewport: { width: number; height: number } = VIEWPORTS[0]): Promise<Watched> {
  const context = await wb.browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wb.host.origin });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  return { context, page, problems, requests };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  // Evaluated over the DevTools protocol, not added as a <script>: the page's CSP rightly
  // refuses inline scripts, and the test must not weaken it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fonts loaded and two frames drawn, so a screenshot shows what people see. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/**
 * Screenshots of the screen at both sizes (test-results/screens/<name>-WxH.png), and its
 * axe findings at each size; the viewport is put back afterwards.
 */
export async function screen(page: Page, name: string): Promise<AxeFinding[]> {
  mkdirSync(SCREENS, { recursive: true });
  const before = page.viewportSize();
  const found: AxeFinding[] = [];
  for (const v of VIEWPORTS) {
    await page.setViewportSize(v);
    await settled(page);
    await page.screenshot({ path: join(SCREENS, `${name}-${v.width}x${v.height}.png`) });
    for (const f of await axeSerious(page)) found.push({ ...f, help: `${name} @${v.width}: ${f.help}` });
  }
  if (before) await page.setViewportSize(before);
  await settled(page);
  return found;
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

/** Opens the app in the page and waits for the cases screen. */
export async function openApp(wb: Workbench, page: Page): Promise<void> {
  await page.goto(wb.host.url);
  await page.getByTestId('nav-cases').waitFor();
}

/** Creates a case by reviewing `bundle` (typed path) and waits for its overview. */
export async function createCase(page: Page, bundle: string): Promise<string> {
  await page.getByTestId('nav-cases').click();
  await page.getByTestId('bundle-path').fill(bundle);
  await page.getByTestId('run').click();
  await page.getByTestId('overview').waitFor({ timeout: 60_000 });
  return (await page.getByTestId('case').getAttribute('data-case'))!;
}

/** Names the reviewer in the settings (decisions must be signed by name). */
export async function setReviewer(page: Page, name = '审查员甲', org = '锦州市数据局'): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('reviewer-name').fill(name);
  await page.getByTestId('reviewer-org').fill(org);
  await page.getByTestId('save-reviewer').click();
  await page.getByTestId('notice').filter({ hasText: /已保存审查员信息|Reviewer saved/ }).waitFor();
}
