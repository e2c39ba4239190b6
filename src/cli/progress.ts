// The stderr progress bar of `check`: bytes, events per second and time left. On a
// terminal it redraws one line; in a pipe it prints a line every few seconds.

import type { Progress } from '../main/services/engine/run-review.js';

function mb(n: number): string {
  return (n / 1_048_576).toFixed(1);
}

function count(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

function clock(s: number | null, done: boolean): string {
  if (done) return '0:00';
  if (s === null || !Number.isFinite(s)) return '--:--';
  const t = Math.round(s);
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
}

export function formatProgress(p: Progress, width = 24): string {
  if (p.phase === 'records') return 'reading record files…';
  if (p.phase === 'verdicts') return `judging ${count(p.events)} events…`;
  const frac = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 1;
  const filled = Math.round(frac * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  return `logs ${bar} ${String(Math.floor(frac * 100)).padStart(3)}%  ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB  ${count(p.events)} events  ${count(p.eventsPerSecond)} ev/s  ETA ${clock(p.etaSeconds, frac >= 1)}`;
}

export function progressPrinter(stream: NodeJS.WriteStream): { update(p: Progress): void; end(): void } {
  const tty = stream.isTTY === true;
  let lastPrint = 0;
  let lastLine = '';
  let pendingLogs: string | null = null;
  return {
    update(p) {
      if (p.phase === 'done') return;
      const line = formatProgress(p);
      if (tty) {
        if (line !== lastLine) stream.write(`\r\x1b[2K${line}`);
      } else if (p.phase === 'logs') {
        // In a pipe: a line every two seconds, and the last state of the pass at its end.
        const now = Date.now();
        if (now - lastPrint >= 2000) {
          stream.write(line + '\n');
          lastPrint = now;
          pendingLogs = null;
        } else {
          pendingLogs = line;
        }
      } else {
        if (pendingLogs) stream.write(pendingLogs + '\n');
        pendingLogs = null;
        if (line !== lastLine) stream.write(line + '\n');
        lastPrint = Date.now();
      }
      lastLine = line;
    },
    end() {
      if (tty && lastLine) stream.write('\r\x1b[2K');
    },
  };
}
