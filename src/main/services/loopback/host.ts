// The loopback host: a development and test tool that serves the built renderer and the
// same handler registry over HTTP on 127.0.0.1, so the UI runs in a plain browser and
// end-to-end tests drive the real services. Not part of the desktop app.
//
// Who may call it: a page holding the per-start secret (given in the URL fragment, which
// is never sent over the network), from exactly this origin (Origin and Host checked
// against DNS rebinding and cross-site requests), with a JSON body (no simple CORS POST).
// There are no native dialogs here: files are named by typing their path.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import type { EventName, IpcEvents } from '../../../shared/ipc/contract.js';
import { isChannel, REQUEST_LIMITS } from '../../../shared/ipc/guards.js';
import { encodeWire } from '../../../shared/ipc/wire.js';
import { createHandlers, dispatch, type Dialogs, type HandlerDeps, type SignConfirmation } from '../handlers.js';
import { memoryKeyStore } from '../keys.js';
import type { ReportBackend } from '../report-backend.js';
import { memorySettingsStore } from '../settings.js';
import { readStatic, SECURITY_HEADERS } from '../static-files.js';
import { parseJson } from '../../../shared/bundle/json.js';

export const SECRET_HEADER = 'x-desk-secret';

export interface LoopbackOptions {
  /** The built renderer (vite build --config vite.renderer.config.ts). */
  rendererDir: string;
  /** file:save writes here, under the artifact's own name (there is no save dialog). */
  outDir: string;
  reports: ReportBackend;
  tool: { name: string; version: string };
  /** 0 (default): a random free port. */
  port?: number;
  /** Typed relative paths are taken from here (default: the working directory). */
  cwd?: string;
  /** Default: sign without asking, after logging what is signed (there is no native dialog). */
  confirmSign?: (c: SignConfirmation) => Promise<boolean>;
  /** Replace the in-memory settings or key store, or the engine (tests). */
  overrides?: Partial<Pick<HandlerDeps, 'settings' | 'keys' | 'review' | 'now'>>;
  /** The trust store file (default: trust.json in outDir). */
  trustStorePath?: string;
  log?: (message: string) => void;
}

export interface LoopbackHost {
  /** http://127.0.0.1:PORT */
  origin: string;
  secret: string;
  /** The address to open: the origin with the secret in the fragment. */
  url: string;
  close(): Promise<void>;
}

/** Room for JSON escaping over the guard's own size limit. */
function bodyLimit(channel: string): number {
  return isChannel(channel) ? REQUEST_LIMITS[channel].maxSize * 2 + 1024 : 1024;
}

function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function safeName(name: string): string {
  const cleaned = basename(name).replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').replace(/^\.+/, '_');
  return cleaned || 'download';
}

export function loopbackDialogs(o: { cwd: string; outDir: string; confirmSign: (c: SignConfirmation) => Promise<boolean> }): Dialogs {
  const typed = async (p: string | null) => (p ? resolve(o.cwd, p) : null);
  return {
    chooseBundle: ({ typed: p }) => typed(p),
    chooseReport: ({ typed: p }) => typed(p),
    chooseKeyFile: ({ typed: p }) => typed(p),
    chooseTrustFile: ({ typed: p }) => typed(p),
    async chooseSavePath({ suggestedName }) {
      await mkdir(o.outDir, { recursive: true });
      return join(o.outDir, safeName(suggestedName));
    },
    confirmSign: o.confirmSign,
  };
}

export async function startLoopbackHost(opts: LoopbackOptions): Promise<LoopbackHost> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const secret = randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  const emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  };
  const confirmSign = opts.confirmSign ?? (async (c: SignConfirmation) => {
    log(`loopback host: signing report ${c.reportId} (SHA-256 ${c.sha256}) as ${c.signer} without a dialog`);
    return true;
  });
  const handlers = createHandlers({
    dialogs: loopbackDialogs({ cwd: opts.cwd ?? process.cwd(), outDir: opts.outDir, confirmSign }),
    keys: opts.overrides?.keys ?? memoryKeyStore(),
    // Kept beside the saved files: a development host's trust lasts as long as its folder.
    trust: { path: opts.trustStorePath ?? join(opts.outDir, 'trust.json') },
    importsDir: join(opts.outDir, 'imports'),
    settings: opts.overrides?.settings ?? memorySettingsStore(),
    reports: opts.reports,
    review: opts.overrides?.review,
    now: opts.overrides?.now,
    emit,
    tool: opts.tool,
    log,
  });

  let origin = '';
  let host = '';

  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
    res.end(body);
  };

  const serveIpc = async (req: IncomingMessage, res: ServerResponse, channel: string) => {
    if (req.headers.origin !== origin) return send(res, 403, 'wrong origin');
    if (!sameSecret(req.headers[SECRET_HEADER] as string | undefined, secret)) return send(res, 403, 'missing or wrong secret');
    if (!/^application\/json(;|$)/.test(req.headers['content-type'] ?? '')) return send(res, 415, 'JSON only');
    const limit = bodyLimit(channel);
    if (Number(req.headers['content-length'] ?? 0) > limit) return send(res, 413, 'too large');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) return send(res, 413, 'too large');
      chunks.push(chunk as Buffer);
    }
    let payload: unknown;
    try {
      payload = parseJson(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, 'not JSON');
    }
    const envelope = await dispatch(handlers, channel, payload, log);
    send(res, 200, encodeWire(envelope), 'application/json; charset=utf-8');
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    // EventSource cannot send headers: the secret comes as a query parameter here.
    if (!sameSecret(url.searchParams.get('secret'), secret)) return send(res, 403, 'missing or wrong secret');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      streams.delete(res);
    });
  };

  const server = createServer((req, res) => {
    (async () => {
      // DNS rebinding: a page of another site resolved to 127.0.0.1 still says its own Host.
      if (req.headers.host !== host) return send(res, 421, 'wrong host');
      // A cross-site page may send GETs (images, links); none of them reach a handler.
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'wrong origin');
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return send(res, 403, 'cross-site request');
      const url = new URL(req.url ?? '/', origin);
      const ipc = /^\/ipc\/([a-z]+:[a-z]+(?:-[a-z]+)*)$/.exec(url.pathname);
      if (ipc) {
        if (req.method !== 'POST') return send(res, 405, 'POST only');
        return serveIpc(req, res, ipc[1]);
      }
      if (url.pathname === '/events') {
        if (req.method !== 'GET') return send(res, 405, 'GET only');
        return serveEvents(req, res, url);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
      const file = await readStatic(opts.rendererDir, url.pathname);
      res.writeHead(file.status, file.headers);
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((e: unknown) => {
      log(`loopback host: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // Loopback only: never 0.0.0.0, never ::.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    origin,
    secret,
    url: `${origin}/#secret=${secret}`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of streams) s.end();
        streams.clear();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
