// Serving the built renderer: the same rules for the desktop app's app:// scheme and for
// the loopback host. Only files under the renderer folder, never a dotfile, never a path
// that climbs out; every response carries the CSP and nosniff.

import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/**
 * The policy of every page: nothing but the app's own origin, no inline or eval'd script,
 * no frames, no plugins, no forms posting elsewhere. index.html repeats it in a meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeOf(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names, or null when the path is not acceptable:
 * bad percent-encoding, NUL, backslashes, `..` or dot segments, anything resolving outside.
 * `/` is index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\u0000-\u001f\\]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  const rel = segments.length ? segments.join('/') : 'index.html';
  const base = resolve(root);
  const full = resolve(join(base, rel));
  return full.startsWith(base + sep) ? full : null;
}

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Reads the file a URL path names under `root`: 200, or 404 for anything refused or missing. */
export async function readStatic(root: string, urlPath: string): Promise<StaticResponse> {
  const notFound: StaticResponse = {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: new TextEncoder().encode('not found'),
  };
  const file = resolveStaticPath(root, urlPath);
  if (!file) return notFound;
  try {
    // A link inside the folder must not lead out of it.
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!real.startsWith(realRoot + sep)) return notFound;
    if (!(await stat(real)).isFile()) return notFound;
    const body = new Uint8Array(await readFile(real));
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeOf(file) }, body };
  } catch {
    return notFound;
  }
}
