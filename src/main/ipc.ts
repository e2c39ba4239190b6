// Main's single handle(): every channel of the contract goes through it. A request is
// answered only when it comes from the app window's top-level frame showing app://desk,
// and only after its payload passed the channel's guard (in dispatch).

import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, type Channel, type Envelope, type EventName, type IpcEvents } from '../shared/ipc/contract.js';
import { dispatch, type Handlers } from './services/handlers.js';
import { isAppUrl } from './app-origin.js';

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** The window the app trusts, looked up at each request (null before it exists or after it closed). */
export type TrustedContents = () => WebContents | null;

export function isTrustedSender(event: SenderEvent, trusted: TrustedContents): boolean {
  const contents = trusted();
  if (!contents || contents.isDestroyed() || event.sender !== contents) return false;
  const frame = event.senderFrame;
  // null: the frame navigated away or was destroyed since it sent the message.
  if (!frame) return false;
  const top = contents.mainFrame;
  if (frame.parent !== null) return false;
  if (frame !== top && (frame.processId !== top.processId || frame.routingId !== top.routingId)) return false;
  return isAppUrl(frame.url);
}

export async function handle(
  channel: Channel, event: SenderEvent, payload: unknown, handlers: Handlers, trusted: TrustedContents, log: (m: string) => void,
): Promise<Envelope<unknown>> {
  if (!isTrustedSender(event, trusted)) {
    log(`ipc: refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
    return { ok: false, error: { code: 'forbidden', message: '请求来源不受信任' } };
  }
  return dispatch(handlers, channel, payload, log);
}

export function registerIpc(handlers: Handlers, trusted: TrustedContents, log: (m: string) => void): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => handle(channel, event, payload, handlers, trusted, log));
  }
}

/** Main → renderer, typed by the events map; dropped when the window is gone. */
export function sendEvent<E extends EventName>(trusted: TrustedContents, event: E, payload: IpcEvents[E]): void {
  const contents = trusted();
  if (contents && !contents.isDestroyed()) contents.send(event, payload);
}
