import { describe, expect, it, vi } from 'vitest';
import { API_KEY, CHANNELS, METHOD_OF, type ComplianceDeskApi } from '../shared/ipc/contract.js';

// The electron module replaced: contextBridge records what the preload exposes,
// ipcRenderer records what it invokes and lets the test fire events.
const exposed = new Map<string, unknown>();
const invoked: [string, unknown[]][] = [];
const listeners = new Map<string, ((...a: unknown[]) => void)[]>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push([channel, args]);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string, l: (...a: unknown[]) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel: string, l: (...a: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l)),
  },
}));

await import('./preload.js');
const api = exposed.get(API_KEY) as ComplianceDeskApi & Record<string, unknown>;

describe('the preload', () => {
  it('exposes one object, under the contract’s name', () => {
    expect([...exposed.keys()]).toEqual([API_KEY]);
  });

  it('has one method per channel and one subscription per event, nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...Object.values(METHOD_OF), 'onMenuCommand', 'onProgress'].sort());
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'openExternal', 'require']) expect(api[generic]).toBeUndefined();
  });

  it('each method invokes its own channel with the request only', async () => {
    for (const channel of CHANNELS) {
      invoked.length = 0;
      await (api[METHOD_OF[channel]] as (r: unknown) => Promise<unknown>)({ probe: channel });
      expect(invoked).toEqual([[channel, [{ probe: channel }]]]);
    }
  });

  it('hands listeners the payload, never the IPC event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.onProgress((p) => got.push(p));
    const fakeEvent = { sender: { send: () => {} }, senderFrame: {} };
    for (const l of listeners.get('review:progress')!) l(fakeEvent, { runId: 'r', phase: 'logs' });
    expect(got).toEqual([{ runId: 'r', phase: 'logs' }]);
    off();
    expect(listeners.get('review:progress')).toEqual([]);
  });
});
