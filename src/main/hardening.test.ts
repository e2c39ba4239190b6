import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { hardenContents, hardenSession, type Refusal } from './hardening.js';
import { CONTENT_SECURITY_POLICY } from './services/static-files.js';

// Fakes with just the surface hardening.ts touches: the real listeners are attached and
// then fired with hostile input, as Electron would.

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: typeof openHandler) => {
      openHandler = h;
    },
  });
  const fire = (name: string, url?: string) => {
    const event = { url, preventDefault: vi.fn() };
    emitter.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler!({ url }) };
}

function fakeSession() {
  const s = {
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: unknown) => void),
    permissionCheck: null as null | ((...a: unknown[]) => boolean),
    devicePermission: null as null | ((...a: unknown[]) => boolean),
    displayMedia: null as null | ((req: unknown, cb: (streams: unknown) => void) => void),
    beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    headersReceived: null as null | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
    spellcheck: true,
    emitter: new EventEmitter(),
  };
  const session = {
    setPermissionRequestHandler: (h: typeof s.permissionRequest) => (s.permissionRequest = h),
    setPermissionCheckHandler: (h: typeof s.permissionCheck) => (s.permissionCheck = h),
    setDevicePermissionHandler: (h: typeof s.devicePermission) => (s.devicePermission = h),
    setDisplayMediaRequestHandler: (h: typeof s.displayMedia) => (s.displayMedia = h),
    webRequest: {
      onBeforeRequest: (h: typeof s.beforeRequest) => (s.beforeRequest = h),
      onHeadersReceived: (h: typeof s.headersReceived) => (s.headersReceived = h),
    },
    setSpellCheckerEnabled: (on: boolean) => (s.spellcheck = on),
    on: (name: string, l: (...a: unknown[]) => void) => s.emitter.on(name, l),
  };
  const cancelled = (url: string) => {
    let result: boolean | null = null;
    s.beforeRequest!({ url }, (r) => (result = r.cancel));
    return result;
  };
  return { session: session as unknown as Session, s, cancelled };
}

const HOSTILE_URLS = [
  'https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x',
  'app://evil/', 'app://app@evil/', 'app://desk@evil/', 'app://evil\\@desk/', 'app://desk:1/', 'about:blank',
];

describe('hardenContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: refuses every other origin and scheme', (name) => {
    const refusals: Refusal[] = [];
    const f = fakeContents();
    hardenContents(f.contents, (r) => refusals.push(r));
    for (const url of HOSTILE_URLS) expect(f.fire(name, url), url).toBe(true);
    expect(refusals).toHaveLength(HOSTILE_URLS.length);
    expect(refusals.every((r) => r.what === name)).toBe(true);
  });

  it('lets the app navigate within app://desk', () => {
    const f = fakeContents();
    hardenContents(f.contents);
    expect(f.fire('will-navigate', 'app://desk/index.html')).toBe(false);
    expect(f.fire('will-frame-navigate', 'app://desk/index.html')).toBe(false);
  });

  it('refuses every webview', () => {
    const f = fakeContents();
    hardenContents(f.contents);
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('denies window.open, even to the app itself', () => {
    const f = fakeContents();
    hardenContents(f.contents);
    for (const url of [...HOSTILE_URLS, 'app://desk/index.html']) expect(f.open(url)).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const f = fakeSession();
    hardenSession(f.session, { devServerOrigin: null });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'pointerLock', 'unknown']) {
      const cb = vi.fn();
      f.s.permissionRequest!({}, permission, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
      expect(f.s.permissionCheck!({}, permission, 'app://desk', {})).toBe(false);
    }
    expect(f.s.devicePermission!({ deviceType: 'usb' })).toBe(false);
    const media = vi.fn();
    f.s.displayMedia!({}, media);
    expect(media).toHaveBeenCalledWith(null);
  });

  it('cancels every request that is not app://desk', () => {
    const f = fakeSession();
    hardenSession(f.session, { devServerOrigin: null });
    for (const url of [...HOSTILE_URLS, 'https://fonts.googleapis.com/css', 'https://clients2.google.com/update', 'ws://localhost:5173/']) {
      expect(f.cancelled(url), url).toBe(true);
    }
    expect(f.cancelled('app://desk/assets/index.js')).toBe(false);
  });

  it('lets the dev server through only when one is given', () => {
    const dev = fakeSession();
    hardenSession(dev.session, { devServerOrigin: 'http://localhost:5173' });
    expect(dev.cancelled('http://localhost:5173/@vite/client')).toBe(false);
    expect(dev.cancelled('http://localhost:5174/')).toBe(true);
  });

  it('puts the app’s CSP on every response of the session', () => {
    const f = fakeSession();
    hardenSession(f.session, { devServerOrigin: null });
    let headers: Record<string, string[]> = {};
    f.s.headersReceived!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('refuses downloads and turns the spellchecker (which downloads dictionaries) off', () => {
    const f = fakeSession();
    hardenSession(f.session, { devServerOrigin: null });
    const event = { preventDefault: vi.fn() };
    f.s.emitter.emit('will-download', event, { getURL: () => 'app://desk/x' });
    expect(event.preventDefault).toHaveBeenCalled();
    expect(f.s.spellcheck).toBe(false);
  });
});
