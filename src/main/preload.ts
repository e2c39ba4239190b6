// The preload: one object on window.complianceDesk with one method per channel and one
// subscription per event. Nothing generic (no invoke(anyChannel), no ipcRenderer, no
// event objects handed to the page), so the page can ask main for nothing else.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ComplianceDeskApi, IpcEvents } from '../shared/ipc/contract.js';

function subscribe<E extends keyof IpcEvents>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  // Only the payload reaches the page, never the IpcRendererEvent (it carries `sender`).
  const wrapped = (_e: IpcRendererEvent, payload: IpcEvents[E]) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
}

const api: ComplianceDeskApi = {
  openBundle: (req) => ipcRenderer.invoke('bundle:open', req),
  cancelReview: (req) => ipcRenderer.invoke('review:cancel', req),
  buildReport: (req) => ipcRenderer.invoke('report:build', req),
  incidentTimelines: (req) => ipcRenderer.invoke('incidents:timelines', req),
  logsAround: (req) => ipcRenderer.invoke('incidents:around', req),
  signReport: (req) => ipcRenderer.invoke('report:sign', req),
  verifyReport: (req) => ipcRenderer.invoke('report:verify', req),
  saveFile: (req) => ipcRenderer.invoke('file:save', req),
  importKey: (req) => ipcRenderer.invoke('key:import', req),
  getKey: (req) => ipcRenderer.invoke('key:get', req),
  getSettings: (req) => ipcRenderer.invoke('settings:get', req),
  setSettings: (req) => ipcRenderer.invoke('settings:set', req),
  listTrust: (req) => ipcRenderer.invoke('trust:list', req),
  addTrust: (req) => ipcRenderer.invoke('trust:add', req),
  removeTrust: (req) => ipcRenderer.invoke('trust:remove', req),
  registerOperatorKey: (req) => ipcRenderer.invoke('trust:register-operator', req),
  suggestImport: (req) => ipcRenderer.invoke('import:suggest', req),
  checkImport: (req) => ipcRenderer.invoke('import:check', req),
  runImport: (req) => ipcRenderer.invoke('import:run', req),
  saveMapping: (req) => ipcRenderer.invoke('import:save-mapping', req),
  onProgress: (listener) => subscribe('review:progress', listener),
  onMenuCommand: (listener) => subscribe('menu:command', listener),
};

// Literal name, not API_KEY: the sandboxed preload is one file and imports types only.
contextBridge.exposeInMainWorld('complianceDesk', api);
