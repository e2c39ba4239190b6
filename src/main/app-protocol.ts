// app://desk serves the built renderer from inside the package: a standard, secure origin
// of its own (not file://, which would share one origin with every local file), answered
// from files only, every response with the CSP header.

import { net, protocol, type Session } from 'electron';
import { readStatic, SECURITY_HEADERS } from './services/static-files.js';
import { APP_SCHEME, isAppUrl } from './app-origin.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: parsed like http (origin, relative URLs); secure: a secure context;
      // supportFetchAPI + corsEnabled: ES module scripts load from it. No bypassCSP.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

export interface AppProtocolOptions {
  /** The built renderer folder. */
  rendererDir: string;
  /** Unpackaged development only: read the files from the Vite dev server instead. */
  devServerOrigin: string | null;
}

export async function answerAppRequest(request: Request, o: AppProtocolOptions): Promise<Response> {
  if (!isAppUrl(request.url)) return new Response('not found', { status: 404, headers: { ...SECURITY_HEADERS } });
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('method not allowed', { status: 405, headers: { ...SECURITY_HEADERS } });
  }
  const url = new URL(request.url);
  if (o.devServerOrigin) {
    const upstream = await net.fetch(`${o.devServerOrigin}${url.pathname}${url.search}`);
    const headers = new Headers(upstream.headers);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
    return new Response(upstream.body, { status: upstream.status, headers });
  }
  const file = await readStatic(o.rendererDir, url.pathname);
  return new Response(request.method === 'HEAD' ? null : (file.body as Uint8Array<ArrayBuffer>), { status: file.status, headers: file.headers });
}

export function serveAppScheme(ses: Session, o: AppProtocolOptions): void {
  ses.protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, o));
}
