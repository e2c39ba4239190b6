// The built desktop bundle boots: main, preload and renderer built as `electron-forge
// package` builds them, staged as it stages them, and run in a child Node process against
// a recording stand-in of electron (the Electron binary is not available here). The same
// check must fail on the bundling mistakes it exists to catch.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY } from '../src/main/app-origin.js';
import { CONTENT_SECURITY_POLICY } from '../src/main/services/static-files.js';
import { API_KEY, CHANNELS, METHOD_OF } from '../src/shared/ipc/contract.js';
import { EVENT_GUARDS } from '../src/shared/ipc/guards.js';
import { MAIN_RUNTIME_PACKAGES } from '../vite.main.config.js';
import { checkDesktopBundle, invalidValidPayloads, packageLikeForge, type BundleCheck, type DriveReport, type PackageOptions } from './desktop-bundle.js';

let work: string;
let app: string;
let good: BundleCheck;
let report: DriveReport;

const area = (name: string) => good.problems.filter((p) => p.startsWith(`${name}:`));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cd-bundle-'));
  app = join(work, 'good', 'app');
  await packageLikeForge(app);
  good = await checkDesktopBundle(app);
  report = good.report!;
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the packaged desktop bundle', () => {
  it('has the layout Forge packages: .vite/build, .vite/renderer, package.json, the runtime packages', () => {
    for (const f of ['.vite/build/main.js', '.vite/build/log-worker.js', '.vite/build/preload.cjs', '.vite/renderer/main_window/index.html']) {
      expect(existsSync(join(app, f)), f).toBe(true);
    }
    const pj = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { main: string; config?: { forge?: unknown } };
    expect(pj.main).toBe('.vite/build/main.js');
    expect(pj.config?.forge).toBeUndefined();
    for (const name of MAIN_RUNTIME_PACKAGES) expect(existsSync(join(app, 'node_modules', name, 'package.json')), name).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'electron'))).toBe(false);
    expect(area('files')).toEqual([]);
  });

  it('ships every package it loads by name, however it loads it', () => {
    expect(area('externals')).toEqual([]);
    const packages = new Set(good.loads.filter((l) => !/^(\.|node:|electron$)/.test(l.spec)).map((l) => l.spec.split('/').slice(0, l.spec.startsWith('@') ? 2 : 1).join('/')));
    expect(packages.size).toBeGreaterThan(0);
    for (const name of packages) expect(existsSync(join(app, 'node_modules', name, 'package.json')), name).toBe(true);
    // Every way the bundle loads one was seen: import, import(), a createRequire'd require and require.resolve.
    expect(new Set(good.loads.map((l) => l.how))).toEqual(new Set(['import', 'import()', 'require', 'require.resolve']));
  });

  it('boots: single-instance lock, the scheme and the sandbox before ready, then one window', () => {
    expect(report.bootError).toBeNull();
    expect(report.errors).toEqual([]);
    expect(area('boot')).toEqual([]);
    const beforeReady = report.calls.slice(0, report.readyAt).map((c) => c.api);
    expect(beforeReady).toEqual(expect.arrayContaining(['app.requestSingleInstanceLock', 'protocol.registerSchemesAsPrivileged', 'app.enableSandbox', 'app.whenReady']));
    expect(report.windows).toHaveLength(1);
  });

  it('opens its window sandboxed, isolated, without Node or webviews, with the built preload', () => {
    const prefs = report.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webviewTag: false, webSecurity: true, allowRunningInsecureContent: false, devTools: false,
      preload: join(app, '.vite', 'build', 'preload.cjs'),
    });
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(report.windows[0].loaded).toEqual([APP_ENTRY]);
    expect(area('window')).toEqual([]);
  });

  it('registers app:// privileged and secure, and serves the built page with the CSP header', () => {
    expect(report.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(report.privilegedSchemes[0].privileges).not.toHaveProperty('bypassCSP');
    const page = report.protocol.find((r) => r.url === APP_ENTRY)!;
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('<div id="root">');
    expect(report.protocol.filter((r) => r.status !== 200).length).toBeGreaterThanOrEqual(3);
    expect([...area('scheme'), ...area('protocol')]).toEqual([]);
  });

  it('handles every IPC channel of the contract once; each refuses malformed payloads and foreign senders', () => {
    expect(invalidValidPayloads()).toEqual([]);
    expect([...report.ipcRegistered].sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      const answers = report.ipc.filter((x) => x.channel === channel);
      expect(answers.filter((x) => x.sender === 'main frame').map((x) => x.answer.code), channel).toEqual(Array(5).fill('bad-request'));
      expect(answers.filter((x) => x.sender !== 'main frame').map((x) => `${x.sender}: ${x.answer.code}`), channel)
        .toEqual(['sub-frame: forbidden', 'other contents: forbidden', 'destroyed frame: forbidden']);
    }
    // The app's own frame is answered: the refusals are not blanket.
    expect(report.controls.map((c) => c.answer.ok)).toEqual([true, true]);
    expect(area('ipc')).toEqual([]);
  });

  it('refuses navigation, redirects, webviews, new windows, permissions, downloads and requests out of the app', () => {
    const win = report.contents.find((c) => c.which === 'window')!;
    expect(win.prevented['will-navigate']['https://example.org/']).toBe(true);
    expect(win.prevented['will-navigate'][APP_ENTRY]).toBe(false);
    expect(win.prevented['will-attach-webview']['https://example.org/']).toBe(true);
    expect(win.windowOpen['https://example.org/']).toEqual({ action: 'deny' });
    expect(report.contents.find((c) => c.which === 'other')?.listeners['will-navigate']).toBe(1);
    expect(report.session?.permissionRequest.media).toBe(false);
    expect(report.session?.beforeRequest['https://example.org/']).toEqual({ cancel: true });
    expect([...area('hardening'), ...area('session')]).toEqual([]);
  });

  it('its preload, run in a sandbox-like context, exposes exactly the contract: one method per channel, one subscription per event', () => {
    expect(report.preload.error).toBeNull();
    expect(report.preload.requires).toEqual(['electron']);
    expect(report.preload.exposed.map((e) => e.key)).toEqual([API_KEY]);
    const methods = report.preload.exposed[0].methods;
    const invoked = Object.fromEntries(Object.entries(methods).filter(([, m]) => m.ipc[0]?.api === 'ipcRenderer.invoke').map(([name, m]) => [m.ipc[0].channel, name]));
    expect(invoked).toEqual(METHOD_OF);
    const subscribed = Object.values(methods).filter((m) => m.ipc[0]?.api === 'ipcRenderer.on').map((m) => m.ipc[0].channel);
    expect(subscribed.sort()).toEqual(Object.keys(EVENT_GUARDS).sort());
    expect(Object.keys(methods)).toHaveLength(CHANNELS.length + subscribed.length);
    expect(area('preload')).toEqual([]);
  });

  it('starts the log worker from the file beside main.js', () => {
    expect(report.workers).toEqual([{ path: join(app, '.vite', 'build', 'log-worker.js'), outcome: 'ready' }]);
    expect(area('worker')).toEqual([]);
  });

  it('reviews the full sample and builds its PDF report through the bundle', () => {
    expect(report.review?.open).toEqual({ ok: true, value: { outcome: 'reviewed' } });
    expect(report.review?.progressEvents).toBeGreaterThan(0);
    expect(report.review?.report).toMatchObject({ ok: true, value: { pdfHead: expect.stringMatching(/^%PDF-/) } });
    expect(area('review')).toEqual([]);
  });

  it('has no problem at all', () => {
    expect(good.problems).toEqual([]);
  });
});

/**
 * `dst` as links to the entries of `src`, except the relative paths in `omit` (and the
 * folders above them are made, not linked): the good package's files, minus a few.
 */
async function linkAllBut(src: string, dst: string, omit: readonly string[], at = ''): Promise<void> {
  await mkdir(dst, { recursive: true });
  for (const name of await readdir(src)) {
    const rel = at ? `${at}/${name}` : name;
    if (omit.includes(rel)) continue;
    if (omit.some((o) => o.startsWith(`${rel}/`))) await linkAllBut(join(src, name), join(dst, name), omit, rel);
    else await symlink(join(src, name), join(dst, name));
  }
}

/**
 * A variant of the good package: main and preload built again (tweaked), the renderer and
 * the runtime packages linked from the good one, less what `unship` names.
 */
async function variant(name: string, o: { tweak?: PackageOptions['tweak']; unship?: string[] } = {}): Promise<BundleCheck> {
  const dir = join(work, name, 'app');
  await mkdir(join(dir, '.vite'), { recursive: true });
  await symlink(join(app, '.vite', 'renderer'), join(dir, '.vite', 'renderer'));
  await packageLikeForge(dir, { tweak: o.tweak, targets: ['main', 'preload'], runtimePackages: false });
  await linkAllBut(join(app, 'node_modules'), join(dir, 'node_modules'), o.unship ?? []);
  // The review is left out: the good bundle proves it, and these fail before it matters.
  return checkDesktopBundle(dir, { review: false });
}

const withoutPlugin = (name: string) => (c: UserConfig): UserConfig => ({ ...c, plugins: (c.plugins ?? []).filter((p) => !(p && typeof p === 'object' && 'name' in p && p.name === name)) });

describe.concurrent('the check fails on bundling mistakes', () => {
  it('a runtime package the bundle imports is not shipped', async () => {
    // As if vite.main.config.ts left yauzl external without MAIN_RUNTIME_PACKAGES, which decides what ships, listing it.
    const { problems } = await variant('unshipped', { unship: ['yauzl'] });
    expect(problems).toEqual(expect.arrayContaining([
      // main.js or the chunk it shares with the log worker (Vite splits what both entries import).
      expect.stringMatching(/^externals: \.vite\/build\/[\w.-]+\.js loads 'yauzl' \(import\), which the package does not ship/),
      expect.stringMatching(/^boot: main\.js failed to load: .*yauzl/),
      expect.stringMatching(/^worker: \.vite\/build\/log-worker\.js did not start/),
    ]));
  });

  it('a file main loads lazily is left out of a shipped package', async () => {
    // As if forge.config.ts's KEEP dropped pdf.js's legacy build: main still boots, the scan finds it.
    const { problems } = await variant('trimmed', { unship: ['pdfjs-dist/legacy'] });
    expect(problems).toEqual([expect.stringMatching(/^externals: \.vite\/build\/[\w.-]+\.js loads 'pdfjs-dist\/legacy\/build\/pdf\.mjs' \(import\(\)\), which the package does not ship/)]);
  });

  it("the worker's URL is inlined by Vite's asset handling", async () => {
    const tweak: PackageOptions['tweak'] = (t, c) => (t === 'main' ? withoutPlugin('compliance-desk:worker-url-stays-relative')(c) : c);
    const { problems } = await variant('inlined', { tweak });
    expect(problems).toEqual([expect.stringMatching(/^worker: \.vite\/build\/main\.js inlines a module as a data: URL/)]);
  });

  it('the worker is not built beside main.js', async () => {
    const tweak: PackageOptions['tweak'] = (t, c) => {
      if (t !== 'main' || !c.build?.lib) return c;
      const { 'log-worker': _dropped, ...entry } = c.build.lib.entry as Record<string, string>;
      return { ...c, build: { ...c.build, lib: { ...c.build.lib, entry } } };
    };
    const { problems } = await variant('no-worker', { tweak });
    expect(problems).toEqual([expect.stringMatching(/^worker: .*main\.js points new URL\('\.\/log-worker\.js', import\.meta\.url\) at \.vite\/build\/log-worker\.js, which the build does not contain/)]);
  });

  it('the preload is built as an ES module (a sandboxed preload must be one CommonJS file)', async () => {
    const tweak: PackageOptions['tweak'] = (t, c) => {
      if (t !== 'preload') return c;
      // Vite 8 reads rolldownOptions (Forge's rollupOptions are merged into it).
      const options = c.build?.rolldownOptions ?? {};
      return { ...c, build: { ...c.build, rollupOptions: undefined, rolldownOptions: { ...options, output: { ...(options.output as object), format: 'es' } } } };
    };
    const { problems } = await variant('esm-preload', { tweak });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^preload: preload\.cjs failed in a sandboxed context: SyntaxError/),
      expect.stringMatching(/^preload: exposes \[\], expected exactly one object, complianceDesk/),
    ]));
    expect(problems.every((p) => p.startsWith('preload:'))).toBe(true);
  });
});
