// Start-up: pick the bridge (Electron preload or loopback host), then render.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { pickBridge } from './bridge.js';

const root = createRoot(document.getElementById('root')!);
const bridge = pickBridge(window);
root.render(
  <StrictMode>
    {bridge ? (
      <App bridge={bridge} />
    ) : (
      <p role="alert" className="no-bridge">无法连接审查服务：请从桌面应用打开，或使用 npm run web 打印的地址。</p>
    )}
  </StrictMode>,
);
