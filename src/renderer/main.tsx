// Start-up: pick the bridge (Electron preload or loopback host), open the database, load
// the settings, keep the route in the address's fragment, render.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { pickBridge } from './bridge.js';
import { openRepositories } from './db/index.js';
import { translate } from './i18n/translate.js';
import { createDeskStore, DeskContext } from './store/index.js';
import { parseRoute, routeHash } from './store/route.js';

const root = createRoot(document.getElementById('root')!);
const bridge = pickBridge(window);

async function start() {
  if (!bridge) {
    root.render(<p role="alert" className="no-bridge">{translate('zh', 'app.noBridge')}</p>);
    return;
  }
  const repos = openRepositories();
  const deps = { api: bridge.api, transport: bridge.transport, repos };
  const store = createDeskStore(deps);
  try {
    await store.getState().loadSettings();
  } catch (e) {
    root.render(<p role="alert" className="no-bridge">{translate('zh', 'app.dbError', { message: (e as Error).message })}</p>);
    return;
  }
  // The fragment is the route: a reload comes back to the same case, tab and rule.
  store.setState({ route: parseRoute(location.hash) });
  store.subscribe((s, prev) => {
    if (s.route !== prev.route) {
      const hash = routeHash(s.route);
      if (location.hash !== hash) history.pushState(null, '', hash);
    }
  });
  window.addEventListener('popstate', () => store.setState({ route: parseRoute(location.hash) }));
  window.addEventListener('hashchange', () => store.setState({ route: parseRoute(location.hash) }));
  bridge.api.onMenuCommand(({ command }) => {
    const s = store.getState();
    if (command === 'open-folder' || command === 'open-zip') {
      s.navigate({ screen: 'cases' });
      void s.startReview({ kind: command === 'open-zip' ? 'zip' : 'folder' });
    } else if (command === 'verify-report') {
      s.navigate({ screen: 'verify' });
    } else if (command === 'settings') {
      s.navigate({ screen: 'settings' });
    }
  });
  root.render(
    <StrictMode>
      <DeskContext.Provider value={{ store, deps }}>
        <App />
      </DeskContext.Provider>
    </StrictMode>,
  );
}

void start();
