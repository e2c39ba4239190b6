// The renderer's one way to main. In the desktop app the preload has put the API on
// window.complianceDesk (Electron IPC); in a plain browser the page was opened from the
// loopback host with a secret in the URL fragment, and the same API runs over HTTP (a
// POST per channel, Server-Sent Events for progress). Nothing else differs.

import {
  API_KEY, CHANNELS, METHOD_OF,
  type Channel, type ChannelMethods, type ComplianceDeskApi, type Envelope, type EventName, type IpcErrorCode, type IpcEvents,
  type IpcRequest, type IpcResponse,
} from '../shared/ipc/contract.js';
import { EVENT_GUARDS } from '../shared/ipc/guards.js';
import { decodeWire } from '../shared/ipc/wire.js';

export type Transport = 'electron' | 'loopback';

export interface Bridge {
  transport: Transport;
  api: ComplianceDeskApi;
}

/** A refused or failed request, with the code the page can act on. */
export class BridgeError extends Error {
  constructor(readonly code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** The value of an envelope, or a BridgeError. */
export async function unwrap<T>(pending: Promise<Envelope<T>>): Promise<T> {
  const env = await pending;
  if (env.ok) return env.value;
  throw new BridgeError(env.error.code, env.error.message);
}

export const SECRET_HEADER = 'X-Desk-Secret';
const SECRET_PARAM = 'secret';
const SESSION_KEY = 'complianceDesk.secret';

interface LoopbackEnv {
  origin: string;
  secret: string;
  fetch: typeof fetch;
  /** null: no events (tests). */
  openEvents: ((url: string) => EventSource) | null;
}

/** The API over the loopback host. */
export function loopbackApi(env: LoopbackEnv): ComplianceDeskApi {
  const call = async <C extends Channel>(channel: C, req: IpcRequest<C>): Promise<Envelope<IpcResponse<C>>> => {
    let res: Response;
    try {
      res = await env.fetch(`${env.origin}/ipc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SECRET_HEADER]: env.secret },
        body: JSON.stringify(req),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: `无法连接本机服务：${(e as Error).message}` } };
    }
    if (!res.ok) {
      const code: IpcErrorCode = res.status === 403 || res.status === 421 ? 'forbidden' : res.status === 413 || res.status === 415 || res.status === 400 ? 'bad-request' : 'internal';
      return { ok: false, error: { code, message: `本机服务拒绝了请求（HTTP ${res.status}）` } };
    }
    return decodeWire(await res.text()) as Envelope<IpcResponse<C>>;
  };

  const listeners: { [E in EventName]: Set<(p: IpcEvents[E]) => void> } = { 'review:progress': new Set(), 'menu:command': new Set() };
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source || !env.openEvents) return;
    source = env.openEvents(`${env.origin}/events?${SECRET_PARAM}=${encodeURIComponent(env.secret)}`);
    for (const name of Object.keys(listeners) as EventName[]) {
      source.addEventListener(name, (e) => {
        let payload: unknown;
        try {
          payload = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        // The same shape Electron's preload would deliver, or nothing.
        if (EVENT_GUARDS[name](payload) !== null) return;
        for (const l of listeners[name]) (l as (p: unknown) => void)(payload);
      });
    }
  };
  const subscribe = <E extends EventName>(name: E, l: (p: IpcEvents[E]) => void) => {
    ensureEvents();
    listeners[name].add(l);
    return () => {
      listeners[name].delete(l);
    };
  };

  const methods = {} as Record<string, unknown>;
  for (const channel of CHANNELS) methods[METHOD_OF[channel]] = (req: never) => call(channel, req);
  return {
    ...(methods as ChannelMethods),
    onProgress: (l) => subscribe('review:progress', l),
    onMenuCommand: (l) => subscribe('menu:command', l),
  };
}

/** The secret in the URL fragment (#secret=…), or the one kept for this tab after a reload. */
export function takeSecret(loc: Pick<Location, 'hash' | 'pathname' | 'search'>, storage: Pick<Storage, 'getItem' | 'setItem'> | null, history: Pick<History, 'replaceState'> | null): string | null {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get(SECRET_PARAM);
  if (fromHash) {
    storage?.setItem(SESSION_KEY, fromHash);
    // Out of the address bar and the history, so it is not copied along with the URL.
    history?.replaceState(null, '', loc.pathname + loc.search);
    return fromHash;
  }
  return storage?.getItem(SESSION_KEY) ?? null;
}

/** Electron if the preload put its API on window, else the loopback host, else null. */
export function pickBridge(win: Window & typeof globalThis): Bridge | null {
  const exposed = (win as unknown as Record<string, unknown>)[API_KEY];
  if (exposed && typeof exposed === 'object') return { transport: 'electron', api: exposed as ComplianceDeskApi };
  if (win.location.protocol !== 'http:') return null;
  let storage: Storage | null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  const secret = takeSecret(win.location, storage, win.history);
  if (!secret) return null;
  return {
    transport: 'loopback',
    api: loopbackApi({
      origin: win.location.origin,
      secret,
      fetch: win.fetch.bind(win),
      openEvents: (url) => new win.EventSource(url),
    }),
  };
}
