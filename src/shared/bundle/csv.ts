// RFC 4180 CSV, fed in chunks so a log of any size streams through bounded memory.
// Quoted fields may hold commas, doubled quotes and newlines; CRLF and LF both end a record.

import type { IssueCode, IssueParams } from './issue-messages.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** The record's text as written (without its line ending). */
  raw: string;
}

export interface CsvError {
  line: number;
  code: IssueCode;
  params: IssueParams;
  raw: string;
}

/** Longest record kept; a longer one is an error (a binary file or a runaway quote). */
const MAX_RECORD_CHARS = 1_000_000;

export class CsvParser {
  private buf = '';
  private line = 1;
  private readonly onRecord: (r: CsvRecord) => void;
  private readonly onError: (e: CsvError) => void;

  constructor(onRecord: (r: CsvRecord) => void, onError: (e: CsvError) => void) {
    this.onRecord = onRecord;
    this.onError = onError;
  }

  push(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
  }

  /** Parse every complete record in the buffer; at the end, the remainder too. */
  private drain(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const startLine = this.line;
      const fields: string[] = [];
      let i = pos;
      let newlines = 0;
      let complete = false;
      let error: 'unterminated' | 'csv.text-after-quote' | null = null;
      for (;;) {
        if (i >= n) break;
        let field: string;
        if (s.charCodeAt(i) === 34 /* " */) {
          // Quoted field: find the closing quote, unescaping "".
          let j = i + 1;
          let value = '';
          let closed = false;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q < 0) break;
            value += s.slice(j, q);
            if (s.charCodeAt(q + 1) === 34) {
              value += '"';
              j = q + 2;
              continue;
            }
            if (q + 1 >= n && !final) break; // the next chunk may start with a quote
            closed = true;
            j = q + 1;
            break;
          }
          if (!closed) {
            if (final) error = 'unterminated';
            break;
          }
          for (let k = i; k < j; k++) if (s.charCodeAt(k) === 10) newlines++;
          field = value;
          i = j;
          // After a closing quote: a separator, a line end, or the end of input.
          const c = s.charCodeAt(i);
          if (i < n && c !== 44 && c !== 10 && c !== 13) {
            // Text after the closing quote: keep it as Excel does, but flag the record.
            const stop = nextDelimiter(s, i);
            field += s.slice(i, stop);
            error = error ?? 'csv.text-after-quote';
            i = stop;
          }
        } else {
          const stop = nextDelimiter(s, i);
          field = s.slice(i, stop);
          i = stop;
        }
        if (i >= n) {
          if (final) {
            fields.push(field);
            complete = true;
          }
          break;
        }
        const c = s.charCodeAt(i);
        if (c === 44) {
          fields.push(field);
          i++;
          if (i >= n && final) {
            fields.push('');
            complete = true;
            break;
          }
          continue;
        }
        // Line end: CR LF, LF, or a lone CR.
        fields.push(field);
        if (c === 13) {
          if (i + 1 >= n && !final) break;
          i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
        } else {
          i++;
        }
        newlines++;
        complete = true;
        break;
      }
      if (!complete) {
        if (final && (error || i > pos)) {
          const raw = s.slice(pos).replace(/\r?\n$/, '');
          // Everything from an unclosed quote to the end is one field: say how many lines that swallowed.
          const lines = raw.split('\n').length;
          const code: IssueCode = error === 'unterminated' ? 'csv.unterminated-quote' : error ?? 'csv.incomplete-record';
          this.onError({ line: startLine, code, params: { line: startLine, lines }, raw: raw.length > 300 ? raw.slice(0, 300) : raw });
        }
        if (!final && n - pos > MAX_RECORD_CHARS) {
          this.onError({ line: startLine, code: 'csv.record-too-long', params: { max: MAX_RECORD_CHARS }, raw: s.slice(pos, pos + 300) });
          // Skip to the next line end after the start and go on from there.
          const nl = s.indexOf('\n', pos);
          this.line += 1;
          pos = nl < 0 ? n : nl + 1;
          continue;
        }
        break;
      }
      const raw = s.slice(pos, i).replace(/\r?\n$|\r$/, '');
      this.line = startLine + newlines;
      pos = i;
      if (error) this.onError({ line: startLine, code: error === 'unterminated' ? 'csv.unterminated-quote' : error, params: { line: startLine, lines: 1 }, raw });
      else if (!(fields.length === 1 && fields[0] === '')) this.onRecord({ fields, line: startLine, raw });
    }
    this.buf = pos >= n ? '' : s.slice(pos);
  }
}

function nextDelimiter(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) return i;
  }
  return s.length;
}

/** Parse a whole CSV text at once. */
export function parseCsv(text: string): { records: CsvRecord[]; errors: CsvError[] } {
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  const p = new CsvParser((r) => records.push(r), (e) => errors.push(e));
  p.push(text);
  p.end();
  return { records, errors };
}
