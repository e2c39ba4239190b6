import { describe, expect, it, vi } from 'vitest';

// The electron module replaced: BrowserWindow records the options it is built with.
const built: { options: Record<string, any>; loaded: string[] }[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    loaded: string[] = [];
    constructor(options: Record<string, unknown>) {
      built.push({ options, loaded: this.loaded });
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  },
}));

const { createMainWindow } = await import('./window.js');

describe('the main window', () => {
  it('is sandboxed and isolated, with no Node, no webview and no insecure content', () => {
    createMainWindow({ preload: '/app/.vite/build/preload.cjs', devTools: false });
    const { options, loaded } = built.at(-1)!;
    expect(options.webPreferences).toMatchObject({
      preload: '/app/.vite/build/preload.cjs',
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
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.webPreferences.enableBlinkFeatures).toBeUndefined();
    expect(options.webPreferences.additionalArguments).toBeUndefined();
    expect(loaded).toEqual(['app://desk/index.html']);
  });

  it('has DevTools only when asked (unpackaged)', () => {
    createMainWindow({ preload: '/p.cjs', devTools: true });
    expect(built.at(-1)!.options.webPreferences.devTools).toBe(true);
  });
});
