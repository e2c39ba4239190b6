import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { CHANNELS } from '../shared/ipc/contract.js';
import type { Handlers } from './services/handlers.js';

// The electron module replaced: ipcMain records what main registers.
const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => registered.set(channel, fn) },
}));

const { isTrustedSender, registerIpc, sendEvent } = await import('./ipc.js');

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

function fakeWindow(url = 'app://desk/index.html') {
  const mainFrame: FakeFrame = { url, parent: null, processId: 4, routingId: 1 };
  const sent: [string, unknown][] = [];
  const contents = { mainFrame, isDestroyed: () => false, send: (c: string, p: unknown) => sent.push([c, p]) };
  return { contents: contents as unknown as WebContents, mainFrame, sent };
}

function handlersSpy(): Handlers & { calls: string[] } {
  const calls: string[] = [];
  const h = Object.fromEntries(CHANNELS.map((c) => [c, async () => {
    calls.push(c);
    return { key: null };
  }]));
  return Object.assign(h as unknown as Handlers, { calls });
}

describe('isTrustedSender', () => {
  it('trusts the app window’s top-level frame on app://desk', () => {
    const w = fakeWindow();
    expect(isTrustedSender({ sender: w.contents, senderFrame: w.mainFrame as never }, () => w.contents)).toBe(true);
  });

  it('refuses a sub-frame of the app window', () => {
    const w = fakeWindow();
    const sub: FakeFrame = { url: 'app://desk/index.html', parent: w.mainFrame, processId: 4, routingId: 2 };
    expect(isTrustedSender({ sender: w.contents, senderFrame: sub as never }, () => w.contents)).toBe(false);
  });

  it('refuses a frame with no parent that is not the window’s main frame', () => {
    const w = fakeWindow();
    const other: FakeFrame = { url: 'app://desk/index.html', parent: null, processId: 9, routingId: 1 };
    expect(isTrustedSender({ sender: w.contents, senderFrame: other as never }, () => w.contents)).toBe(false);
  });

  it('refuses another web contents (a second window, devtools, a webview)', () => {
    const w = fakeWindow();
    const stranger = fakeWindow();
    expect(isTrustedSender({ sender: stranger.contents, senderFrame: stranger.mainFrame as never }, () => w.contents)).toBe(false);
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'app://evil/index.html', 'app://desk@evil/', 'about:blank', 'data:text/html,x'])(
    'refuses the top frame when it shows %s',
    (url) => {
      const w = fakeWindow(url);
      expect(isTrustedSender({ sender: w.contents, senderFrame: w.mainFrame as never }, () => w.contents)).toBe(false);
    },
  );

  it('refuses a destroyed frame, and everything when there is no window', () => {
    const w = fakeWindow();
    expect(isTrustedSender({ sender: w.contents, senderFrame: null }, () => w.contents)).toBe(false);
    expect(isTrustedSender({ sender: w.contents, senderFrame: w.mainFrame as never }, () => null)).toBe(false);
    const dead = { ...w.contents, isDestroyed: () => true } as unknown as WebContents;
    expect(isTrustedSender({ sender: dead, senderFrame: w.mainFrame as never }, () => dead)).toBe(false);
  });
});

describe('registerIpc: the single handle()', () => {
  let w: ReturnType<typeof fakeWindow>;
  let handlers: ReturnType<typeof handlersSpy>;
  const log = vi.fn();
  beforeEach(() => {
    registered.clear();
    w = fakeWindow();
    handlers = handlersSpy();
    registerIpc(handlers, () => w.contents, log);
  });

  it('registers exactly the contract channels', () => {
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers a trusted sender with a valid payload', async () => {
    const r = await registered.get('key:get')!({ sender: w.contents, senderFrame: w.mainFrame }, {});
    expect(r).toEqual({ ok: true, value: { key: null } });
    expect(handlers.calls).toEqual(['key:get']);
  });

  it('refuses a sub-frame sender without calling the handler', async () => {
    const sub = { url: 'app://desk/index.html', parent: w.mainFrame, processId: 4, routingId: 7 };
    for (const channel of CHANNELS) {
      const r = await registered.get(channel)!({ sender: w.contents, senderFrame: sub }, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(handlers.calls).toEqual([]);
  });

  it.each([
    ['wrong shape', 'review:cancel', { runId: 42 }],
    ['extra key', 'key:get', { anything: true }],
    ['prototype pollution', 'settings:set', JSON.parse('{"patch":{"__proto__":{"isAdmin":true}}}')],
    ['constructor key', 'review:cancel', { runId: 'x', constructor: {} }],
    ['oversize', 'bundle:open', { runId: 'x', path: '/'.repeat(20_000) }],
    ['not an object', 'file:save', 'a-1'],
    ['a renderer-made object', 'report:sign', { artifactId: new Date() }],
  ])('refuses a payload with %s without calling the handler', async (_label, channel, payload) => {
    const r = await registered.get(channel)!({ sender: w.contents, senderFrame: w.mainFrame }, payload);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(handlers.calls).toEqual([]);
  });
});

describe('sendEvent', () => {
  it('sends to the window, and drops events when it is gone', () => {
    const w = fakeWindow();
    sendEvent(() => w.contents, 'menu:command', { command: 'open-zip' });
    sendEvent(() => null, 'menu:command', { command: 'settings' });
    expect(w.sent).toEqual([['menu:command', { command: 'open-zip' }]]);
  });
});
