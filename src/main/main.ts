// The Electron main process: one instance, one hardened window on app://desk, the typed
// IPC of src/shared/ipc served by the handler registry. No auto-update, no telemetry, no
// crash upload: nothing here (or in the services) opens a network connection.

import { app, BrowserWindow, Menu, session } from 'electron';
import { join } from 'node:path';
import { loopbackDevOrigin } from './app-origin.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { hardenContents, hardenSession } from './hardening.js';
import { registerIpc, sendEvent } from './ipc.js';
import { menuTemplate } from './menu.js';
import { nativeDialogs, safeStorageSealer, showAbout } from './platform.js';
import { createHandlers } from './services/handlers.js';
import { sealedFileKeyStore } from './services/keys.js';
import { pdfReportBackend } from './services/pdf-backend.js';
import { fileSettingsStore } from './services/settings.js';
import { handleSquirrelEvent } from './squirrel.js';
import { createMainWindow } from './window.js';

const devServerOrigin = !app.isPackaged && typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string'
  ? loopbackDevOrigin(MAIN_WINDOW_VITE_DEV_SERVER_URL)
  : null;
const rendererName = typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
const devTools = !app.isPackaged;

const log = (m: string) => process.stderr.write(`[main] ${m}\n`);

let mainWindow: BrowserWindow | null = null;
const trusted = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);

function start(): void {
  const userData = app.getPath('userData');
  const handlers = createHandlers({
    dialogs: nativeDialogs(() => mainWindow),
    keys: sealedFileKeyStore(join(userData, 'signing-key.sealed'), safeStorageSealer(process.platform)),
    settings: fileSettingsStore(join(userData, 'settings.json')),
    trust: { path: join(userData, 'trust.json') },
    importsDir: join(userData, 'imports'),
    reports: pdfReportBackend(),
    emit: (event, payload) => sendEvent(trusted, event, payload),
    tool: { name: 'compliance-desk', version: app.getVersion() },
    log,
  });

  hardenSession(session.defaultSession, { devServerOrigin, onRefuse: (r) => log(`refused ${r.what}${r.url ? ` ${r.url.slice(0, 200)}` : ''}`) });
  serveAppScheme(session.defaultSession, { rendererDir: join(import.meta.dirname, '..', 'renderer', rendererName), devServerOrigin });
  registerIpc(handlers, trusted, log);

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({
    platform: process.platform,
    devTools,
    actions: {
      command: (command) => sendEvent(trusted, 'menu:command', { command }),
      about: () => void showAbout(mainWindow, app.getVersion()),
    },
  })));

  mainWindow = createWindow();
}

function createWindow(): BrowserWindow {
  const win = createMainWindow({ preload: join(import.meta.dirname, 'preload.cjs'), devTools });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

if (handleSquirrelEvent({ platform: process.platform, argv: process.argv, execPath: process.execPath, quit: () => app.quit() })) {
  // A Windows installer event: shortcuts only, no window.
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  // Every renderer sandboxed, whatever a window's own preferences say.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, (r) => log(`refused ${r.what}${r.url ? ` ${r.url.slice(0, 200)}` : ''}`)));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.whenReady().then(start, (e: unknown) => {
    log(`start failed: ${(e as Error)?.stack ?? String(e)}`);
    app.exit(1);
  });
}
