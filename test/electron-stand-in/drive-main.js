// Plays Electron's part for a built main.js, in a Node process of its own: loads main
// against the stand-in (the app's `electron`), fires ready, then calls what main installed
// the way Electron would (IPC handlers with fake senders, the app:// handler with requests,
// navigation and permission handlers with hostile input), runs the preload in a sandbox-like
// context, starts the worker, and sends back one report. Judging it is the test's job.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';

/** @typedef {import('../desktop-bundle.js').DrivePlan} DrivePlan */
/** @typedef {import('../desktop-bundle.js').DriveReport} DriveReport */
/** @typedef {import('../desktop-bundle.js').Answer} Answer */
/** @typedef {import('../desktop-bundle.js').ContentsProbe} ContentsProbe */
/** @typedef {import('../desktop-bundle.js').PreloadMethod} PreloadMethod */
/** @typedef {(...args: any[]) => any} Fn */

const stack = (/** @type {unknown} */ e) => (e instanceof Error ? e.stack ?? e.message : String(e));
const tick = () => new Promise((r) => setTimeout(r, 0));

/** An IPC answer, small: the envelope's verdict, or what was thrown. */
async function answer(/** @type {Fn} */ handler, /** @type {unknown} */ event, /** @type {unknown} */ payload) {
  try {
    const env = await handler(event, payload);
    return /** @type {Answer} */ (env?.ok ? { ok: true } : { ok: false, code: env?.error?.code });
  } catch (e) {
    return /** @type {Answer} */ ({ thrown: stack(e).split('\n')[0] });
  }
}

/** Calls a handler that answers through a callback; what it answered. */
async function viaCallback(/** @type {(cb: Fn) => void} */ call) {
  /** @type {unknown} */
  let got = 'no answer';
  call((/** @type {unknown} */ v) => {
    got = v;
  });
  await tick();
  return got;
}

/** @param {DrivePlan} plan @returns {Promise<DriveReport>} */
async function drive(plan) {
  /** @type {DriveReport} */
  const report = {
    bootError: null, errors: [], log: [], calls: [], readyAt: 0, windows: [], privilegedSchemes: [], protocolSchemes: [],
    ipcRegistered: [], ipc: [], controls: [], protocol: [], contents: [], session: null, menu: null,
    preload: { error: null, requires: [], exposed: [] }, workers: [], review: null,
  };
  process.on('uncaughtException', (e) => report.errors.push(stack(e)));
  process.on('unhandledRejection', (e) => report.errors.push(stack(e)));
  // main logs to stderr: keep its lines for the report.
  process.stderr.write = /** @type {typeof process.stderr.write} */ ((/** @type {unknown} */ chunk) => {
    report.log.push(String(chunk));
    return true;
  });

  const require = createRequire(plan.mainPath);
  const electron = /** @type {any} */ (require('electron'));
  const s = electron.standIn;
  if (!s) throw new Error("the app's electron module is not the stand-in");
  s.options.paths = { userData: plan.userData, appData: plan.userData, temp: plan.userData, logs: plan.userData };
  s.options.openDialogAnswers = plan.review ? [plan.review.bundle] : [];

  for (const w of plan.workers) report.workers.push({ path: w.path, outcome: await startWorker(w) });

  try {
    await import(pathToFileURL(plan.mainPath).href);
  } catch (e) {
    report.bootError = stack(e);
    report.calls = s.calls;
    return report;
  }
  report.readyAt = s.calls.length;
  s.emitReady();
  await tick();
  await tick();

  report.windows = s.windows.map((/** @type {any} */ w) => ({ options: JSON.parse(JSON.stringify(w.options)), loaded: w.loaded }));
  report.privilegedSchemes = JSON.parse(JSON.stringify(s.privilegedSchemes));
  report.protocolSchemes = [...s.protocolHandlers.keys()];
  report.ipcRegistered = s.calls.filter((/** @type {any} */ c) => c.api === 'ipcMain.handle').map((/** @type {any} */ c) => String(c.args[0]));
  // The template as recorded (its click handlers are functions, which cannot be sent).
  report.menu = s.calls.findLast((/** @type {any} */ c) => c.api === 'Menu.buildFromTemplate')?.args[0] ?? null;

  const win = s.windows[0];
  const other = s.createWebContents();
  other.mainFrame.url = plan.appEntry;
  if (win) await probeIpc(plan, report, s, win.webContents, other);
  await probeProtocol(plan, report, s);
  for (const [which, contents] of /** @type {const} */ ([['window', win?.webContents], ['other', other]])) {
    if (contents) report.contents.push(probeContents(plan, which, contents));
  }
  report.session = await probeSession(plan, s);
  report.preload = probePreload(win ? String(win.options?.webPreferences?.preload ?? '') : '', electron, s);
  if (plan.review && win) report.review = await probeReview(plan.review, s, win.webContents);
  report.calls = s.calls;
  return report;
}

/** @param {DrivePlan['workers'][number]} w @returns {Promise<string>} */
function startWorker(w) {
  return new Promise((resolve) => {
    const worker = new Worker(pathToFileURL(w.path), { stdout: true, stderr: true });
    const done = (/** @type {string} */ outcome) => {
      clearTimeout(timer);
      worker.removeAllListeners();
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => done('no answer within 10 s'), 10_000);
    worker.on('error', (e) => done(`error: ${stack(e).split('\n')[0]}`));
    worker.on('exit', (code) => done(`exited with ${code} before answering`));
    worker.on('message', (/** @type {any} */ m) => {
      if (m?.type === w.readyType) done('ready');
      else if (m?.type === 'error') done(`error: ${String(m.message).split('\n')[0]}`);
    });
    worker.postMessage(w.init);
  });
}

/**
 * @param {DrivePlan} plan @param {DriveReport} report @param {any} s
 * @param {any} contents the window's web contents @param {any} other another web contents
 */
async function probeIpc(plan, report, s, contents, other) {
  const top = contents.mainFrame;
  /** @type {Record<string, unknown>} */
  const senders = {
    'sub-frame': { sender: contents, senderFrame: { url: top.url, parent: top, processId: top.processId, routingId: top.routingId + 1000 } },
    'other contents': { sender: other, senderFrame: other.mainFrame },
    'destroyed frame': { sender: contents, senderFrame: null },
  };
  const mainFrame = { sender: contents, senderFrame: top };
  for (const channel of plan.channels) {
    const handler = s.ipcHandlers.get(channel);
    if (!handler) continue;
    for (const [i, payload] of plan.malformed[channel].entries()) {
      report.ipc.push({ channel, sender: 'main frame', payload: `malformed #${i + 1}`, answer: await answer(handler, mainFrame, payload) });
    }
    for (const [sender, event] of Object.entries(senders)) {
      report.ipc.push({ channel, sender, payload: 'valid', answer: await answer(handler, event, plan.valid[channel]) });
    }
  }
  for (const c of plan.controls) {
    const handler = s.ipcHandlers.get(c.channel);
    report.controls.push({ channel: c.channel, answer: handler ? await answer(handler, mainFrame, c.payload) : { thrown: 'no handler' } });
  }
}

/** @param {DrivePlan} plan @param {DriveReport} report @param {any} s */
async function probeProtocol(plan, report, s) {
  const handler = s.protocolHandlers.get('app');
  if (!handler) return;
  for (const { url } of plan.protocol) {
    try {
      /** @type {Response} */
      const res = await handler(new Request(url));
      const body = await res.text();
      report.protocol.push({ url, status: res.status, headers: Object.fromEntries(res.headers), body: body.slice(0, 4000) });
    } catch (e) {
      report.protocol.push({ url, status: -1, headers: {}, body: stack(e) });
    }
  }
}

/** @param {DrivePlan} plan @param {'window' | 'other'} which @param {any} contents @returns {ContentsProbe} */
function probeContents(plan, which, contents) {
  /** @type {ContentsProbe} */
  const probe = { which, listeners: {}, hasWindowOpenHandler: !!contents.windowOpenHandler, prevented: {}, windowOpen: {} };
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
    const listeners = contents.handlersOf(event);
    probe.listeners[event] = listeners.length;
    if (!listeners.length) continue;
    probe.prevented[event] = {};
    for (const url of [...plan.hostileUrls, plan.appEntry]) {
      let prevented = false;
      const e = { url, isMainFrame: true, preventDefault: () => (prevented = true) };
      // will-attach-webview: (event, webPreferences, params); the navigations: (details) with preventDefault.
      for (const l of listeners) l(e, { preload: '', nodeIntegration: true }, { src: url });
      probe.prevented[event][url] = prevented;
    }
  }
  if (contents.windowOpenHandler) {
    for (const url of [...plan.hostileUrls, plan.appEntry]) {
      probe.windowOpen[url] = contents.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: plan.appEntry, policy: 'no-referrer' } });
    }
  }
  return probe;
}

/** @param {DrivePlan} plan @param {any} s @returns {Promise<DriveReport['session']>} */
async function probeSession(plan, s) {
  const h = s.sessionHooks;
  if (!s.session) return null;
  /** @type {NonNullable<DriveReport['session']>} */
  const out = {
    permissionRequest: {}, permissionCheck: {}, devicePermission: 'no handler', displayMedia: 'no handler', beforeRequest: {},
    headersReceived: null, downloadPrevented: null, spellChecker: h.spellChecker,
  };
  const contents = s.windows[0]?.webContents ?? null;
  for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
    out.permissionRequest[perm] = h.permissionRequest
      ? await viaCallback((cb) => h.permissionRequest(contents, perm, cb, { requestingUrl: plan.appEntry, isMainFrame: true }))
      : 'no handler';
    out.permissionCheck[perm] = h.permissionCheck ? h.permissionCheck(contents, perm, 'app://desk', { requestingUrl: plan.appEntry }) : 'no handler';
  }
  if (h.devicePermission) out.devicePermission = h.devicePermission({ deviceType: 'usb', origin: 'app://desk', device: {} });
  if (h.displayMediaRequest) out.displayMedia = await viaCallback((cb) => h.displayMediaRequest({ securityOrigin: 'app://desk', videoRequested: true, audioRequested: false }, cb));
  for (const url of [...plan.hostileUrls, plan.appEntry]) {
    out.beforeRequest[url] = h.beforeRequest
      ? await viaCallback((cb) => h.beforeRequest({ id: 1, url, method: 'GET', resourceType: 'xhr', timestamp: 0, referrer: '' }, cb))
      : 'no handler';
  }
  if (h.headersReceived) {
    out.headersReceived = /** @type {Record<string, unknown>} */ (await viaCallback((cb) => h.headersReceived({ url: plan.appEntry, statusCode: 200, responseHeaders: {} }, cb)));
  }
  const downloads = s.session.listeners('will-download');
  if (downloads.length) {
    let prevented = false;
    for (const l of downloads) l({ preventDefault: () => (prevented = true) }, { getURL: () => 'https://example.org/file.zip' }, null);
    out.downloadPrevented = prevented;
  }
  return out;
}

/**
 * The preload as a sandboxed renderer runs it: one CommonJS file in a context of its own,
 * wrapped as Electron wraps it, whose require() gives only electron and a few Node modules.
 * @param {string} path @param {any} electron @param {any} s @returns {DriveReport['preload']}
 */
function probePreload(path, electron, s) {
  /** @type {DriveReport['preload']} */
  const out = { error: null, requires: [], exposed: [] };
  if (!path) return { ...out, error: 'no preload path' };
  const hostRequire = createRequire(import.meta.url);
  const renderer = { contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer };
  const sandboxRequire = (/** @type {string} */ name) => {
    out.requires.push(name);
    if (name === 'electron' || name === 'electron/renderer') return renderer;
    if (/^(node:)?(events|timers|url)$/.test(name)) return hostRequire(name);
    throw new Error(`module not found: ${name}`);
  };
  try {
    const code = readFileSync(path, 'utf8');
    const context = vm.createContext({});
    const wrapped = vm.runInContext(`(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${code}\n})`, context, { filename: path });
    const module = { exports: {} };
    const limitedProcess = { platform: process.platform, versions: process.versions, env: {}, argv: [], type: 'renderer', sandboxed: true, contextIsolated: true };
    wrapped(sandboxRequire, limitedProcess, Buffer, context, setImmediate, clearImmediate, module.exports, module);
  } catch (e) {
    out.error = stack(e);
  }
  const ipc = electron.ipcRenderer;
  for (const { key, api } of s.exposed) {
    /** @type {Record<string, PreloadMethod>} */
    const methods = {};
    for (const name of Object.keys(api ?? {})) {
      const value = api[name];
      if (typeof value !== 'function') {
        methods[name] = { type: typeof value, ipc: [] };
        continue;
      }
      const from = s.calls.length;
      /** @type {unknown[][]} */
      const got = [];
      const probe = (/** @type {unknown[]} */ ...args) => got.push(args);
      /** @type {PreloadMethod} */
      const m = { type: 'function', ipc: [] };
      let result;
      try {
        result = value(probe);
      } catch (e) {
        m.ipc.push({ api: `threw ${stack(e).split('\n')[0]}`, channel: '', passedArgumentOnly: false });
      }
      const made = s.calls.slice(from).filter((/** @type {any} */ c) => c.api.startsWith('ipcRenderer.'));
      for (const c of made) {
        const last = c.api === 'ipcRenderer.invoke' ? ipc.invoked.at(-1) : null;
        m.ipc.push({ api: c.api, channel: String(c.args[0]), passedArgumentOnly: !!last && last.args.length === 1 && last.args[0] === probe });
      }
      if (made.length === 1 && made[0].api === 'ipcRenderer.on') {
        const channel = String(made[0].args[0]);
        // main sends an event: the page's listener must get the payload, never the IpcRendererEvent.
        for (const l of ipc.listeners(channel)) l({ sender: ipc, senderId: 0, ports: [] }, 'payload');
        m.listenerGot = got.map((args) => args.map((a) => (typeof a === 'object' && a !== null ? '[an object]' : a)));
        const before = ipc.listenerCount(channel);
        if (typeof result === 'function') result();
        m.unsubscribed = ipc.listenerCount(channel) === before - 1;
      }
      methods[name] = m;
    }
    out.exposed.push({ key, methods });
  }
  return out;
}

/** @param {NonNullable<DrivePlan['review']>} review @param {any} s @param {any} contents */
async function probeReview(review, s, contents) {
  const event = { sender: contents, senderFrame: contents.mainFrame };
  const open = await s.ipcHandlers.get('bundle:open')?.(event, { runId: review.runId, kind: 'folder' });
  const progressEvents = contents.sent.filter((/** @type {any} */ x) => x.channel === 'review:progress').length;
  const openAnswer = open?.ok ? { ok: true, value: { outcome: open.value.outcome } } : { ok: false, code: open?.error?.code, value: open?.error?.message };
  if (!open?.ok || open.value.outcome !== 'reviewed') return { open: openAnswer, progressEvents, report: null };
  const built = await s.ipcHandlers.get('report:build')?.(event, { reviewId: open.value.reviewId, reviewer: { name: '启动测试' } });
  const report = built?.ok
    ? { ok: true, value: { pdfHead: Buffer.from(built.value.pdf.subarray(0, 8)).toString('latin1'), bytes: built.value.pdf.length } }
    : { ok: false, code: built?.error?.code, value: built?.error?.message };
  return { open: openAnswer, progressEvents, report };
}

process.once('message', (/** @type {any} */ plan) => {
  drive(plan)
    .then((report) => new Promise((resolve) => process.send?.(report, resolve)))
    .then(
      () => process.exit(0),
      (e) => {
        process.stdout.write(`driver failed: ${stack(e)}\n`);
        process.exit(2);
      },
    );
});
