// The one window. Every web preference that matters is spelled out here, in the literal
// that creates the window, so a reader (and electronegativity) sees it in one place.

import { BrowserWindow } from 'electron';
import { APP_ENTRY } from './app-origin.js';

export interface WindowOptions {
  /** The preload bundle (preload.cjs). */
  preload: string;
  /** False in packaged builds. */
  devTools: boolean;
}

export function createMainWindow(o: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: '合规审查台',
    backgroundColor: '#ffffff',
    webPreferences: {
      // Reviewed (docs/security.md): the preload exposes one fixed method per channel, nothing generic.
      preload: o.preload, // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would open links in new windows; there are no links to follow.
      disableBlinkFeatures: 'Auxclick',
      devTools: o.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}
