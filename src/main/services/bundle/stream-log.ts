// One log file through the parser without ever holding it: raw bytes are hashed (as the
// manifest lists them), gunzipped when .gz, decoded, and fed to the log parser.

import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createGunzip, type Gunzip } from 'node:zlib';
import { TextStream, type DecodeProblem } from '../../../shared/bundle/decode.js';
import { makeLogParser } from '../../../shared/bundle/logs.js';
import type { InputIssue, LogEvent, LogFileInfo } from '../../../shared/bundle/types.js';
import type { BundleSource } from './source.js';
import { inputIssue } from '../../../shared/bundle/issue-messages.js';

export interface LogHandlers {
  onEvent(ev: LogEvent): void;
  onIssue(i: InputIssue): void;
  /** Raw bytes read so far (as stored), for progress. */
  onBytes(n: number): void;
}

// A gzip expanding past this ratio (after the first MiB) is a bomb, not a log: text logs
// compress 5–30×.
/** Logs compress about 5–25×; a gzip expanding past this many times what has been read is stopped as a bomb. */
export const GZIP_MAX_RATIO = 200;
const GZIP_RATIO_FLOOR = 1024 * 1024;

/**
 * Stream one log file. Resolves with the SHA-256 and size of the file as stored; rejects
 * only when the bundle itself fails (a BundleError from a hostile zip) or on abort.
 */
export async function streamLog(
  source: BundleSource,
  file: LogFileInfo,
  timeZone: string,
  h: LogHandlers,
  signal?: AbortSignal,
): Promise<{ sha256: string; bytes: number }> {
  signal?.throwIfAborted();
  const path = file.path;
  let lastIssueLine = 0;
  const parser = makeLogParser(path, timeZone, h.onEvent, (i) => {
    if (i.line !== null && i.line > lastIssueLine) lastIssueLine = i.line;
    h.onIssue(i);
  });
  // A decoding problem is reported once the text it is in has been decoded, so its line can be named.
  let problem: DecodeProblem | null = null;
  const text = new TextStream({
    isAscii,
    decodeAscii: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'),
    onProblem(p) {
      problem = p;
    },
  });
  /** Reports `problem`, found in the decoded text `s` that follows the lines the parser has read. */
  const reportProblem = (s: string) => {
    const p = problem;
    if (!p) return;
    problem = null;
    const mark = p.kind === 'invalid-utf8' ? s.indexOf('\ufffd') : s.search(/[^\x00-\x7f]/);
    const line = mark < 0 ? null : parser.linesRead + 1 + countNewlines(s, mark);
    const where = { byte: p.byteOffset.toLocaleString('en-US'), line: line ?? '—' };
    h.onIssue(p.kind === 'switched-to-gb18030'
      ? inputIssue(path, line, 'warning', 'decode.switched-to-gb18030', where)
      : inputIssue(path, line, 'error', 'decode.replaced', where));
  };
  // Once the text is refused (binary) or the gzip failed, the rest is only hashed.
  let feeding = true;
  const feedBytes = (chunk: Uint8Array) => {
    if (!feeding) return;
    const s = text.push(chunk);
    if (text.binary) {
      feeding = false;
      h.onIssue(inputIssue(path, null, 'error', 'log.binary'));
      return;
    }
    reportProblem(s);
    if (s) parser.push(s);
  };

  const hash = createHash('sha256');
  let bytes = 0;
  let gunzip: Gunzip | null = null;
  let gzipError: Error | null = null;
  let gzipOut = 0;
  let bomb = false;
  let handlerError: { error: unknown } | null = null;
  if (file.gzip) {
    gunzip = createGunzip({ chunkSize: 256 * 1024 });
    gunzip.on('data', (chunk: Buffer) => {
      gzipOut += chunk.length;
      if (gzipOut > GZIP_RATIO_FLOOR && gzipOut > GZIP_MAX_RATIO * Math.max(1, bytes)) {
        gzipFailed(new Error(`expands more than ${GZIP_MAX_RATIO}×`), true);
        return;
      }
      // A throw here would surface inside zlib's callback as an uncaught exception.
      try {
        feedBytes(chunk);
      } catch (e) {
        handlerError = { error: e };
        stopGunzip();
      }
    });
    gunzip.on('error', (e) => gzipFailed(e, false));
  }
  function rethrowHandlerError(): void {
    if (handlerError) throw handlerError.error;
  }
  function stopGunzip(): void {
    feeding = false;
    gunzip?.removeAllListeners('data');
    gunzip?.on('error', () => {});
    gunzip?.destroy();
  }
  function gzipFailed(e: Error, isBomb: boolean): void {
    if (gzipError || handlerError) return;
    gzipError = e;
    bomb = isBomb;
    stopGunzip();
  }

  const raw = source.stream(path);
  const onAbort = () => raw.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      h.onBytes(chunk.length);
      rethrowHandlerError();
      if (!gunzip) {
        feedBytes(chunk);
      } else if (!gzipError) {
        if (!gunzip.write(chunk)) await drained(gunzip);
      }
    }
    signal?.throwIfAborted();
    if (gunzip && !gzipError) {
      gunzip.end();
      await finished(gunzip);
    }
    rethrowHandlerError();
  } catch (e) {
    raw.destroy();
    stopGunzip();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }

  if (gzipError) {
    const n = Math.max(lastIssueLine, parser.linesRead);
    h.onIssue(bomb
      ? inputIssue(path, n > 0 ? n : null, 'error', 'log.gzip-bomb', { ratio: GZIP_MAX_RATIO, line: n })
      : inputIssue(path, n > 0 ? n : null, 'error', 'log.gzip-corrupt', { line: n, reason: (gzipError as Error).message.slice(0, 120) }));
    // The cut last line is not used: it would read as a malformed or, worse, shortened event.
  } else if (feeding) {
    const s = text.end();
    if (text.binary) {
      h.onIssue(inputIssue(path, null, 'error', 'log.binary'));
    } else {
      reportProblem(s);
      if (s) parser.push(s);
      parser.end();
    }
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Wait until a writable has room again, or has failed (the error is handled elsewhere). */
function drained(w: Gunzip): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      w.off('drain', done);
      w.off('close', done);
      w.off('error', done);
      resolve();
    };
    w.on('drain', done);
    w.on('close', done);
    w.on('error', done);
  });
}

/** Wait until a gunzip has emitted all its output, or failed. */
function finished(g: Gunzip): Promise<void> {
  return new Promise((resolve) => {
    if (g.destroyed) return resolve();
    const done = () => resolve();
    g.once('end', done);
    g.once('close', done);
    g.once('error', done);
    // 'end' only fires once the readable side is drained; 'data' listeners keep it flowing.
  });
}

/** Line feeds in `s` before `end`. */
function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
