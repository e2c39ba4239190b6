// The app's one origin, app://desk, and the URL decisions made against it. Pure (no
// electron import) so the hostile-input tests run in Node.
//
// A URL is the app's only if both the raw text starts with exactly `app://desk/` and the
// parsed URL agrees (scheme app:, host desk, no user, password or port): userinfo tricks
// such as app://desk@evil/ or app://evil\@desk/ fail one or the other.

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

const MAX_URL = 8192;

export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length > MAX_URL) return false;
  if (!raw.startsWith(`${APP_ORIGIN}/`)) return false;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.username === '' && u.password === '' && u.port === '';
}

/** Navigation of any frame: only within the app (the app itself never leaves its page). */
export function mayNavigate(raw: unknown): boolean {
  return isAppUrl(raw);
}

/** Redirects: none is expected (app:// answers from files), so none is followed out of the app. */
export function mayRedirect(raw: unknown): boolean {
  return isAppUrl(raw);
}

/**
 * A request of the session: the app's own files; during development (never packaged)
 * also the Vite dev server, which main reads to serve app:// from it.
 */
export function mayRequest(raw: unknown, devServerOrigin: string | null): boolean {
  if (isAppUrl(raw)) return true;
  if (!devServerOrigin || typeof raw !== 'string' || raw.length > MAX_URL) return false;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'ws:') && u.username === '' && u.password === '' && `http://${u.host}` === devServerOrigin;
  } catch {
    return false;
  }
}

/** The dev server origin if it is a loopback http URL, else null (never a remote origin). */
export function loopbackDevOrigin(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' || u.username || u.password) return null;
    if (u.hostname !== 'localhost' && u.hostname !== '127.0.0.1' && u.hostname !== '[::1]') return null;
    return u.origin;
  } catch {
    return null;
  }
}
