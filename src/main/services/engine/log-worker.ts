// A worker thread of the log pass: it opens the bundle itself, reads the files main hands
// it one at a time and sends back each file's rule states (plain data).

import { parentPort } from 'node:worker_threads';
import type { ResolvedProfile } from '../../../shared/engine/profile.js';
import type { BundleRecords, LogFileInfo } from '../../../shared/bundle/types.js';
import { openSource, type BundleSource } from '../bundle/source.js';
import { packById } from '../../../shared/rules/packs.js';
import { processLogFile, type Counter } from './process-file.js';
import { BundleError, type BundleErrorCode } from '../bundle/errors.js';
import { pdfText } from '../bundle/read-records.js';

export type ToWorker =
  | { type: 'init'; bundlePath: string; packId: string; records: BundleRecords; profile: ResolvedProfile }
  | { type: 'file'; index: number; file: LogFileInfo }
  /** A policy PDF's text, extracted here so that main can stop it by time and memory. */
  | { type: 'pdf-text'; bytes: Uint8Array };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; bytes: number; events: number }
  | { type: 'done'; outcome: Awaited<ReturnType<typeof processLogFile>> }
  /** `bundle`: a BundleError (a damaged zip entry, a limit), the bundle's fault, carried over as one. */
  | { type: 'error'; message: string; bundle?: { code: BundleErrorCode; message: string; file?: string } }
  | { type: 'pdf-text'; text: string | null; pages: number };

const port = parentPort;
if (port) {
  let source: BundleSource | null = null;
  let init: Extract<ToWorker, { type: 'init' }> | null = null;
  const counter: Counter = { bytes: 0, events: 0 };
  let sent = { bytes: 0, events: 0 };
  const flush = () => {
    if (counter.bytes !== sent.bytes || counter.events !== sent.events) {
      port.postMessage({ type: 'progress', bytes: counter.bytes - sent.bytes, events: counter.events - sent.events } satisfies FromWorker);
      sent = { ...counter };
    }
  };
  const timer = setInterval(flush, 100);
  timer.unref();
  const onMessage = async (msg: ToWorker) => {
    try {
      if (msg.type === 'init') {
        init = msg;
        source = await openSource(msg.bundlePath);
        port.postMessage({ type: 'ready' } satisfies FromWorker);
      } else if (msg.type === 'pdf-text') {
        const pages = { total: 0 };
        const text = await pdfText(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength), pages);
        port.postMessage({ type: 'pdf-text', text, pages: pages.total } satisfies FromWorker);
      } else if (msg.type === 'file' && init && source) {
        const pack = packById(init.packId);
        const outcome = await processLogFile(pack, init.records, init.profile, source, msg.file, msg.index, counter);
        flush();
        port.postMessage({ type: 'done', outcome } satisfies FromWorker);
      }
    } catch (e) {
      const bundle = e instanceof BundleError ? { code: e.code, message: e.message, file: e.file } : undefined;
      port.postMessage({ type: 'error', message: (e as Error).stack ?? String(e), bundle } satisfies FromWorker);
    }
  };
  // onMessage reports its own failures to the parent; nothing is left to reject.
  port.on('message', (msg: ToWorker) => void onMessage(msg));
}
