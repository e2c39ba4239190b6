// Deny by default: every web contents may navigate only within app://desk, may open no
// window and attach no webview; the session grants no permission, downloads nothing,
// and lets no request out except to app:// (and, unpackaged, the local Vite dev server).

import type { Session, WebContents } from 'electron';
import { mayNavigate, mayRedirect, mayRequest } from './app-origin.js';

export interface Refusal {
  what: string;
  url?: string;
}

export type RefusalLog = (r: Refusal) => void;

export function hardenContents(contents: WebContents, onRefuse: RefusalLog = () => {}): void {
  contents.on('will-navigate', (event) => {
    if (!mayNavigate(event.url)) {
      event.preventDefault();
      onRefuse({ what: 'will-navigate', url: event.url });
    }
  });
  // Sub-frames too (the CSP already forbids frames; this holds if it ever did not).
  contents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url)) {
      event.preventDefault();
      onRefuse({ what: 'will-frame-navigate', url: event.url });
    }
  });
  contents.on('will-redirect', (event) => {
    if (!mayRedirect(event.url)) {
      event.preventDefault();
      onRefuse({ what: 'will-redirect', url: event.url });
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onRefuse({ what: 'will-attach-webview' });
  });
  contents.setWindowOpenHandler(({ url }) => {
    onRefuse({ what: 'window.open', url });
    return { action: 'deny' };
  });
}

export function hardenSession(ses: Session, o: { devServerOrigin: string | null; onRefuse?: RefusalLog }): void {
  const onRefuse = o.onRefuse ?? (() => {});
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    onRefuse({ what: `permission ${permission}` });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = mayRequest(details.url, o.devServerOrigin);
    if (!allowed) onRefuse({ what: 'request', url: details.url });
    callback({ cancel: !allowed });
  });
  // The CSP on every response of the session, whatever served it (app:// sets it too).
  // Written out literally so electronegativity evaluates it; a test keeps it equal to
  // CONTENT_SECURITY_POLICY of services/static-files.ts.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'"],
      },
    });
  });
  // The page never downloads: reports are saved by main through a save dialog.
  ses.on('will-download', (event, item) => {
    onRefuse({ what: 'download', url: item.getURL() });
    event.preventDefault();
  });
  // Chromium's spellchecker downloads dictionaries from Google: off for an offline app.
  ses.setSpellCheckerEnabled(false);
}
