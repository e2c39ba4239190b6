import { describe, expect, it, vi } from 'vitest';
import { API_KEY, CHANNELS, METHOD_OF, type ComplianceDeskApi } from '../shared/ipc/contract.js';
import { encodeWire } from '../shared/ipc/wire.js';
import { BridgeError, loopbackApi, pickBridge, SECRET_HEADER, takeSecret, unwrap } from './bridge.js';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('takeSecret', () => {
  it('reads the fragment, keeps it for the tab and removes it from the address', () => {
    const storage = memoryStorage();
    const history = { replaceState: vi.fn() };
    expect(takeSecret({ hash: '#secret=abc', pathname: '/', search: '?x=1' }, storage, history)).toBe('abc');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1');
    // After a reload, the fragment is gone but the tab still has it.
    expect(takeSecret({ hash: '', pathname: '/', search: '' }, storage, history)).toBe('abc');
    expect(takeSecret({ hash: '', pathname: '/', search: '' }, memoryStorage(), null)).toBeNull();
  });
});

describe('loopbackApi', () => {
  it('posts each channel with the secret and decodes bytes', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(encodeWire({ ok: true, value: { pdf: new Uint8Array([1, 2]) } })));
    const api = loopbackApi({ origin: 'http://127.0.0.1:9', secret: 's3', fetch: fetch as unknown as typeof globalThis.fetch, openEvents: null });
    for (const channel of CHANNELS) {
      await (api[METHOD_OF[channel]] as (r: unknown) => Promise<unknown>)({ probe: 1 });
      const [url, init] = fetch.mock.calls.at(-1)!;
      expect(url).toBe(`http://127.0.0.1:9/ipc/${channel}`);
      expect(init.method).toBe('POST');
      expect((init.headers as Record<string, string>)[SECRET_HEADER]).toBe('s3');
      expect(init.body).toBe('{"probe":1}');
    }
    const env = await api.buildReport({ reviewId: 'r' });
    expect(env.ok && (env.value as unknown as { pdf: Uint8Array }).pdf).toEqual(new Uint8Array([1, 2]));
  });

  it('turns HTTP refusals and network failures into error envelopes', async () => {
    const refuse = loopbackApi({ origin: 'o', secret: 's', fetch: (async () => new Response('no', { status: 403 })) as typeof fetch, openEvents: null });
    expect(await refuse.getSettings({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const down = loopbackApi({ origin: 'o', secret: 's', fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch, openEvents: null });
    expect(await down.getSettings({})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only well-formed events', () => {
    const listeners = new Map<string, (e: { data: string }) => void>();
    const openEvents = vi.fn((_url: string) => ({ addEventListener: (n: string, l: (e: { data: string }) => void) => listeners.set(n, l) }) as unknown as EventSource);
    const api = loopbackApi({ origin: 'http://h', secret: 'a b', fetch: vi.fn() as unknown as typeof fetch, openEvents });
    const got: unknown[] = [];
    const off = api.onProgress((p) => got.push(p));
    expect(openEvents).toHaveBeenCalledWith('http://h/events?secret=a%20b');
    const good = { runId: 'r', phase: 'logs', bytesDone: 1, bytesTotal: 2, events: 3, eventsPerSecond: 4, etaSeconds: 1.5 };
    listeners.get('review:progress')!({ data: JSON.stringify(good) });
    listeners.get('review:progress')!({ data: JSON.stringify({ ...good, phase: '<img>' }) });
    listeners.get('review:progress')!({ data: '{broken' });
    expect(got).toEqual([good]);
    off();
    listeners.get('review:progress')!({ data: JSON.stringify(good) });
    expect(got).toHaveLength(1);
  });
});

describe('pickBridge', () => {
  const base = { location: { protocol: 'http:', hash: '', pathname: '/', search: '', origin: 'http://127.0.0.1:5' }, history: { replaceState() {} }, sessionStorage: memoryStorage() };

  it('prefers the preload’s API', () => {
    const api = {} as ComplianceDeskApi;
    const b = pickBridge({ ...base, [API_KEY]: api } as unknown as Window & typeof globalThis);
    expect(b).toEqual({ transport: 'electron', api });
  });

  it('uses the loopback host when the page came with its secret', () => {
    const win = { ...base, location: { ...base.location, hash: '#secret=xyz' }, fetch: vi.fn(), EventSource: vi.fn() };
    expect(pickBridge(win as unknown as Window & typeof globalThis)?.transport).toBe('loopback');
  });

  it('has no bridge without either', () => {
    expect(pickBridge({ ...base, sessionStorage: memoryStorage() } as unknown as Window & typeof globalThis)).toBeNull();
    expect(pickBridge({ ...base, location: { ...base.location, protocol: 'file:', hash: '#secret=x' } } as unknown as Window & typeof globalThis)).toBeNull();
  });
});

describe('unwrap', () => {
  it('returns the value or throws a BridgeError with the code', async () => {
    expect(await unwrap(Promise.resolve({ ok: true as const, value: 3 }))).toBe(3);
    await expect(unwrap(Promise.resolve({ ok: false as const, error: { code: 'busy' as const, message: '忙' } }))).rejects.toMatchObject({ code: 'busy', message: '忙' });
    await expect(unwrap(Promise.resolve({ ok: false as const, error: { code: 'busy' as const, message: '忙' } }))).rejects.toBeInstanceOf(BridgeError);
  });
});
