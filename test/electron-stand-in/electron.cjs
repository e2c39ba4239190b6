// A recording stand-in for the `electron` module, for running the built main.js and
// preload.cjs in plain Node (the Electron binary is not available to the tests). Every
// call is recorded; handlers and listeners are kept so a driver can call them the way
// Electron would. It is strict where Electron is: the scheme and the sandbox must be set
// before ready, the session exists only after ready, a channel takes one handler.
'use strict';

const { EventEmitter } = require('node:events');

/** @typedef {{ api: string; args: unknown[] }} Call */
/** @typedef {(...args: any[]) => any} Fn */
/** @typedef {{ url: string; parent: Frame | null; processId: number; routingId: number }} Frame */

/** @type {Call[]} */
const calls = [];

/**
 * A JSON-safe picture of an argument: functions by name, objects to a few levels.
 * @param {unknown} v @returns {unknown}
 */
function picture(v, depth = 0) {
  if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
  if (v === null || typeof v !== 'object') return v;
  if (depth > 5) return '[…]';
  if (Array.isArray(v)) return v.map((x) => picture(x, depth + 1));
  if (v instanceof WebContents) return `[webContents ${v.id}]`;
  if (v instanceof BrowserWindow) return `[window ${v.id}]`;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = picture(x, depth + 1);
  return out;
}

function record(/** @type {string} */ api, /** @type {unknown[]} */ ...args) {
  calls.push({ api, args: args.map((a) => picture(a)) });
}

let isReady = false;
/** @type {() => void} */
let resolveReady = () => {};
/** @type {Promise<void>} */
const readyPromise = new Promise((resolve) => {
  resolveReady = resolve;
});

function mustBeReady(/** @type {string} */ api) {
  if (!isReady) throw new Error(`${api} cannot be used before the app is ready`);
}

/** What the stand-in answers; a driver sets these before it loads main. */
const options = {
  isPackaged: true,
  version: '0.0.0',
  /** @type {Record<string, string>} */
  paths: {},
  /** Paths the next open dialogs return, in turn; none left: the dialog is cancelled. */
  /** @type {string[]} */
  openDialogAnswers: [],
};

let nextId = 1;

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    /** @type {Frame} */
    this.mainFrame = { url: '', parent: null, processId: 1, routingId: this.id };
    /** @type {Fn | null} */
    this.windowOpenHandler = null;
    /** @type {{ channel: string; args: unknown[] }[]} */
    this.sent = [];
  }
  /** @override */
  on(/** @type {string | symbol} */ event, /** @type {Fn} */ listener) {
    record(`webContents.on`, String(event));
    return super.on(event, listener);
  }
  /** @override */
  once(/** @type {string | symbol} */ event, /** @type {Fn} */ listener) {
    record(`webContents.once`, String(event));
    return super.once(event, listener);
  }
  setWindowOpenHandler(/** @type {Fn} */ handler) {
    record('webContents.setWindowOpenHandler', handler);
    this.windowOpenHandler = handler;
  }
  send(/** @type {string} */ channel, /** @type {unknown[]} */ ...args) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return false;
  }
  /** The listeners main put on `event`, for a driver to call. */
  handlersOf(/** @type {string} */ event) {
    return /** @type {Fn[]} */ (this.listeners(event));
  }
}

/** @type {BrowserWindow[]} */
const windows = [];

class BrowserWindow extends EventEmitter {
  constructor(/** @type {Record<string, unknown>} */ options = {}) {
    super();
    mustBeReady('new BrowserWindow');
    record('new BrowserWindow', options);
    this.id = nextId++;
    this.options = options;
    this.webContents = new WebContents();
    /** @type {string[]} */
    this.loaded = [];
    windows.push(this);
    // As in Electron: every new web contents is announced on the app.
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
    app.emit('browser-window-created', { preventDefault() {} }, this);
  }
  /** @override */
  on(/** @type {string | symbol} */ event, /** @type {Fn} */ listener) {
    record('window.on', String(event));
    return super.on(event, listener);
  }
  /** @override */
  once(/** @type {string | symbol} */ event, /** @type {Fn} */ listener) {
    record('window.once', String(event));
    return super.once(event, listener);
  }
  loadURL(/** @type {string} */ url) {
    record('window.loadURL', url);
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {
    record('window.restore');
  }
  focus() {
    record('window.focus');
  }
  show() {
    record('window.show');
  }
  static getAllWindows() {
    return [...windows];
  }
}

class App extends EventEmitter {
  // Declared so the class's type does not name EventEmitter's private options type.
  constructor() {
    super();
  }

  get isPackaged() {
    return options.isPackaged;
  }
  /** @override */
  on(/** @type {string | symbol} */ event, /** @type {Fn} */ listener) {
    record('app.on', String(event));
    return super.on(event, listener);
  }
  /** @override */
  once(/** @type {string | symbol} */ event, /** @type {Fn} */ listener) {
    record('app.once', String(event));
    return super.once(event, listener);
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return true;
  }
  enableSandbox() {
    if (isReady) throw new Error('app.enableSandbox() must be called before the app is ready');
    record('app.enableSandbox');
  }
  whenReady() {
    record('app.whenReady');
    return readyPromise;
  }
  isReady() {
    return isReady;
  }
  getPath(/** @type {string} */ name) {
    record('app.getPath', name);
    const p = options.paths[name];
    if (!p) throw new Error(`app.getPath('${name}'): no such path in the stand-in`);
    return p;
  }
  getVersion() {
    return options.version;
  }
  quit() {
    record('app.quit');
  }
  exit(/** @type {number} */ code = 0) {
    record('app.exit', code);
  }
}

const app = new App();

/** @type {{ scheme: string; privileges?: Record<string, unknown> }[]} */
const privilegedSchemes = [];

/** @type {Map<string, Fn>} */
const protocolHandlers = new Map();

const protocol = {
  registerSchemesAsPrivileged(/** @type {{ scheme: string; privileges?: Record<string, unknown> }[]} */ schemes) {
    if (isReady) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready');
    record('protocol.registerSchemesAsPrivileged', schemes);
    privilegedSchemes.push(...schemes);
  },
  handle(/** @type {string} */ scheme, /** @type {Fn} */ handler) {
    mustBeReady('protocol.handle');
    record('protocol.handle', scheme, handler);
    protocolHandlers.set(scheme, handler);
  },
};

/** The handlers main installs on the default session, for a driver to call. */
const sessionHooks = {
  /** @type {Fn | null} */ permissionRequest: null,
  /** @type {Fn | null} */ permissionCheck: null,
  /** @type {Fn | null} */ devicePermission: null,
  /** @type {Fn | null} */ displayMediaRequest: null,
  /** @type {Fn | null} */ beforeRequest: null,
  /** @type {Fn | null} */ headersReceived: null,
  /** @type {boolean | null} */ spellChecker: null,
};

/** A webRequest listener may come with a filter first, as in Electron. */
function lastFn(/** @type {unknown[]} */ args) {
  const fn = args.at(-1);
  return typeof fn === 'function' ? /** @type {Fn} */ (fn) : null;
}

class Session extends EventEmitter {
  constructor() {
    super();
    this.protocol = protocol;
    this.webRequest = {
      onBeforeRequest(/** @type {unknown[]} */ ...args) {
        record('session.webRequest.onBeforeRequest', ...args);
        sessionHooks.beforeRequest = lastFn(args);
      },
      onHeadersReceived(/** @type {unknown[]} */ ...args) {
        record('session.webRequest.onHeadersReceived', ...args);
        sessionHooks.headersReceived = lastFn(args);
      },
    };
  }
  /** @override */
  on(/** @type {string | symbol} */ event, /** @type {Fn} */ listener) {
    record('session.on', String(event));
    return super.on(event, listener);
  }
  setPermissionRequestHandler(/** @type {Fn | null} */ handler) {
    record('session.setPermissionRequestHandler', handler);
    sessionHooks.permissionRequest = handler;
  }
  setPermissionCheckHandler(/** @type {Fn | null} */ handler) {
    record('session.setPermissionCheckHandler', handler);
    sessionHooks.permissionCheck = handler;
  }
  setDevicePermissionHandler(/** @type {Fn | null} */ handler) {
    record('session.setDevicePermissionHandler', handler);
    sessionHooks.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(/** @type {Fn | null} */ handler) {
    record('session.setDisplayMediaRequestHandler', handler);
    sessionHooks.displayMediaRequest = handler;
  }
  setSpellCheckerEnabled(/** @type {boolean} */ enabled) {
    record('session.setSpellCheckerEnabled', enabled);
    sessionHooks.spellChecker = enabled;
  }
}

/** @type {Session | null} */
let defaultSession = null;
const session = {
  get defaultSession() {
    // As in Electron, the default session exists only once the app is ready.
    mustBeReady('session.defaultSession');
    return (defaultSession ??= new Session());
  },
};

/** @type {Map<string, Fn>} */
const ipcHandlers = new Map();

const ipcMain = {
  handle(/** @type {string} */ channel, /** @type {Fn} */ handler) {
    record('ipcMain.handle', channel, handler);
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
  },
  removeHandler(/** @type {string} */ channel) {
    record('ipcMain.removeHandler', channel);
    ipcHandlers.delete(channel);
  },
  on(/** @type {string} */ channel, /** @type {Fn} */ listener) {
    record('ipcMain.on', channel, listener);
  },
};

/** @type {{ template: unknown } | null} */
let applicationMenu = null;
const Menu = {
  buildFromTemplate(/** @type {unknown} */ template) {
    record('Menu.buildFromTemplate', template);
    return { template };
  },
  setApplicationMenu(/** @type {{ template: unknown } | null} */ menu) {
    record('Menu.setApplicationMenu', menu);
    applicationMenu = menu;
  },
};

/** Dialog options come after an optional window, as in Electron. */
function dialogOptions(/** @type {unknown[]} */ args) {
  return args.find((a) => !(a instanceof BrowserWindow));
}

const dialog = {
  async showOpenDialog(/** @type {unknown[]} */ ...args) {
    record('dialog.showOpenDialog', dialogOptions(args));
    const path = options.openDialogAnswers.shift();
    return path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] };
  },
  async showSaveDialog(/** @type {unknown[]} */ ...args) {
    record('dialog.showSaveDialog', dialogOptions(args));
    return { canceled: true, filePath: '' };
  },
  async showMessageBox(/** @type {unknown[]} */ ...args) {
    record('dialog.showMessageBox', dialogOptions(args));
    // The last button: every confirmation here is declined.
    const o = /** @type {{ cancelId?: number; buttons?: unknown[] } | undefined} */ (dialogOptions(args));
    return { response: o?.cancelId ?? Math.max(0, (o?.buttons?.length ?? 1) - 1), checkboxChecked: false };
  },
};

const net = {
  async fetch(/** @type {unknown} */ input) {
    record('net.fetch', String(input));
    throw new Error('the stand-in has no network');
  },
};

const shell = {
  async openExternal(/** @type {string} */ url) {
    record('shell.openExternal', url);
  },
  async openPath(/** @type {string} */ path) {
    record('shell.openPath', path);
    return '';
  },
};

// No OS key store here: safeStorage is unavailable, as on Linux without a keyring.
const safeStorage = {
  isEncryptionAvailable() {
    record('safeStorage.isEncryptionAvailable');
    return false;
  },
  getSelectedStorageBackend() {
    record('safeStorage.getSelectedStorageBackend');
    return 'basic_text';
  },
  encryptString() {
    record('safeStorage.encryptString');
    throw new Error('safeStorage is not available in the stand-in');
  },
  decryptString() {
    record('safeStorage.decryptString');
    throw new Error('safeStorage is not available in the stand-in');
  },
};

// The renderer side, for the preload.

/** @type {{ key: string; api: unknown }[]} */
const exposed = [];
const contextBridge = {
  exposeInMainWorld(/** @type {string} */ key, /** @type {unknown} */ api) {
    record('contextBridge.exposeInMainWorld', key, api);
    exposed.push({ key, api });
  },
};

const ipcRenderer = new (class IpcRenderer extends EventEmitter {
  constructor() {
    super();
  }

  /** @type {{ channel: string; args: unknown[] }[]} */
  invoked = [];
  invoke(/** @type {string} */ channel, /** @type {unknown[]} */ ...args) {
    record('ipcRenderer.invoke', channel, ...args);
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: null });
  }
  send(/** @type {string} */ channel, /** @type {unknown[]} */ ...args) {
    record('ipcRenderer.send', channel, ...args);
  }
  sendSync(/** @type {string} */ channel, /** @type {unknown[]} */ ...args) {
    record('ipcRenderer.sendSync', channel, ...args);
    return null;
  }
  /** @override */
  on(/** @type {string | symbol} */ channel, /** @type {Fn} */ listener) {
    record('ipcRenderer.on', String(channel), listener);
    return super.on(channel, listener);
  }
  /** @override */
  removeListener(/** @type {string | symbol} */ channel, /** @type {Fn} */ listener) {
    record('ipcRenderer.removeListener', String(channel), listener);
    return super.removeListener(channel, listener);
  }
})();

/** What a driver uses to play Electron's part: fire ready, reach what main installed. */
const standIn = {
  calls,
  options,
  windows,
  ipcHandlers,
  protocolHandlers,
  privilegedSchemes,
  sessionHooks,
  exposed,
  get applicationMenu() {
    return applicationMenu;
  },
  get session() {
    return defaultSession;
  },
  /** Another web contents (a devtools or a stray one), announced on the app like any. */
  createWebContents() {
    const contents = new WebContents();
    app.emit('web-contents-created', { preventDefault() {} }, contents);
    return contents;
  },
  emitReady() {
    record('(driver) ready');
    isReady = true;
    app.emit('will-finish-launching');
    app.emit('ready', { preventDefault() {} }, {});
    resolveReady();
  },
};

module.exports = {
  app,
  BrowserWindow,
  Menu,
  dialog,
  ipcMain,
  net,
  protocol,
  safeStorage,
  session,
  shell,
  contextBridge,
  ipcRenderer,
  standIn,
};
