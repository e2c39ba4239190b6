// Log lines (JSONL) and records (CSV) to events. Fed text in chunks; emits one event at a
// time so that nothing holds a whole log.

import { CsvParser } from './csv.js';
import { inputIssue, jsonIssue } from './issue-messages.js';
import { canonicalAction, canonicalEnum, canonicalHeader } from './normalise.js';
import { parseInstant } from './time.js';
import type { InputIssue, LogEvent } from './types.js';
import { parseJson } from './json.js';


/** A log line longer than this is skipped whole, as one line with one issue. */
export const MAX_LINE_CHARS = 10_000_000;
export type EventSink = (ev: LogEvent) => void;
export type IssueSink = (issue: InputIssue) => void;

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Shared by both formats: a map of canonical field → value to an event, or an issue. */
export class EventBuilder {
  private readonly unknownActions = new Set<string>();
  private readonly file: string;
  private readonly timeZone: string;
  private readonly onEvent: EventSink;
  private readonly onIssue: IssueSink;

  constructor(file: string, timeZone: string, onEvent: EventSink, onIssue: IssueSink) {
    this.file = file;
    this.timeZone = timeZone;
    this.onEvent = onEvent;
    this.onIssue = onIssue;
  }

  /** `fields`: canonical field name → value as read (JSON value or CSV cell). */
  build(fields: Record<string, unknown>, line: number, raw: string): void {
    const tsRaw = str(fields.ts);
    const tsTrim = tsRaw.trim();
    let t = NaN;
    if (tsTrim !== '') {
      t = parseInstant(tsTrim, this.timeZone);
      if (Number.isNaN(t)) {
        this.onIssue(inputIssue(this.file, line, 'error', 'log.bad-timestamp', { ts: tsTrim.slice(0, 60) }));
        return;
      }
    }
    const actionRaw = str(fields.action);
    const known = canonicalAction(actionRaw);
    const action: string = known ?? actionRaw.trim();
    if (known === null && action !== '' && !this.unknownActions.has(action)) {
      this.unknownActions.add(action);
      this.onIssue(inputIssue(this.file, line, 'warning', 'log.unknown-action', { action: action.slice(0, 60) }));
    }
    let records: number | null = null;
    const recordsValue = fields.records;
    if (typeof recordsValue === 'number' && Number.isFinite(recordsValue)) {
      records = recordsValue;
    } else {
      const recordsRaw = str(recordsValue).trim();
      if (recordsRaw !== '') {
        const n = Number(recordsRaw.replace(/,/g, ''));
        if (Number.isFinite(n)) records = n;
        else this.onIssue(inputIssue(this.file, line, 'warning', 'log.bad-records', { records: recordsRaw.slice(0, 40) }));
      }
    }
    const resultRaw = str(fields.result);
    const prev = str(fields.prev_hash).trim();
    const hash = str(fields.hash).trim();
    const eventIdRaw = str(fields.event_id);
    const actorRaw = str(fields.actor);
    const resourceRaw = str(fields.resource);
    this.onEvent({
      file: this.file,
      line,
      eventId: eventIdRaw.trim(),
      t,
      ts: tsTrim,
      actor: actorRaw.trim(),
      actorOrg: str(fields.actor_org).trim(),
      action,
      resourceType: canonicalEnum('resource_type', str(fields.resource_type)),
      resource: resourceRaw.trim(),
      scenario: str(fields.scenario).trim(),
      request: str(fields.request).trim(),
      records,
      destination: str(fields.destination).trim(),
      channel: canonicalEnum('channel', str(fields.channel)),
      result: canonicalEnum('result', resultRaw),
      srcIp: str(fields.src_ip).trim(),
      prevHash: prev === '' ? null : prev,
      hash: hash === '' ? null : hash,
      rawFields: { event_id: eventIdRaw, ts: tsRaw, actor: actorRaw, action: actionRaw, resource: resourceRaw, result: resultRaw },
      chainSource: chainSourceOf(fields.chain_source),
      raw,
    });
  }
}

/** chain_source as strings only (a JSONL member an import writes); anything else is none. */
function chainSourceOf(v: unknown): Record<string, string> | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
  return out;
}

// Keys repeat on every line: remember each key's canonical name.
const keyCache = new Map<string, string>();

function canonicalKey(k: string): string {
  let c = keyCache.get(k);
  if (c === undefined) {
    c = canonicalHeader('logs', k);
    if (keyCache.size < 10_000) keyCache.set(k, c);
  }
  return c;
}

/** Which JSONL keys map to which canonical field: the English names, or any log alias. */
function canonicalKeys(obj: Record<string, unknown>): Record<string, unknown> {
  let plain = true;
  for (const k in obj) {
    if (canonicalKey(k) !== k) {
      plain = false;
      break;
    }
  }
  if (plain) return obj;
  const out: Record<string, unknown> = {};
  for (const k in obj) out[canonicalKey(k)] = obj[k];
  return out;
}

/** JSONL: one event per line; blank lines are ignored. */
export class JsonlLogParser {
  private rest = '';
  private line = 0;
  private readonly builder: EventBuilder;
  private readonly file: string;
  private readonly onIssue: IssueSink;

  /** Inside a line that passed MAX_LINE_CHARS: dropped up to its newline, as one line. */
  private skipping = false;

  constructor(file: string, timeZone: string, onEvent: EventSink, onIssue: IssueSink) {
    this.file = file;
    this.onIssue = onIssue;
    this.builder = new EventBuilder(file, timeZone, onEvent, onIssue);
  }

  /** The last line handled (an event, an issue or a blank line). */
  get linesRead(): number {
    return this.line;
  }

  push(chunk: string): void {
    let text: string;
    if (this.skipping) {
      // Inside a line past the limit: everything up to its newline belongs to it.
      const nl = chunk.indexOf('\n');
      if (nl < 0) return;
      this.skipping = false;
      text = chunk.slice(nl + 1);
    } else {
      text = this.rest.length ? this.rest + chunk : chunk;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.handle(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
    if (this.rest.length > MAX_LINE_CHARS) {
      this.line++;
      this.onIssue(inputIssue(this.file, this.line, 'error', 'log.line-too-long', { max: MAX_LINE_CHARS.toLocaleString('en-US') }));
      this.rest = '';
      this.skipping = true;
    }
  }

  end(): void {
    if (this.skipping) return;
    if (this.rest.length) this.handle(this.rest);
    this.rest = '';
  }

  private handle(lineText: string): void {
    this.line++;
    const text = lineText.charCodeAt(lineText.length - 1) === 13 ? lineText.slice(0, -1) : lineText;
    if (isBlank(text)) return;
    let obj: unknown;
    try {
      obj = parseJson(text);
    } catch (e) {
      this.onIssue(jsonIssue(this.file, this.line, e, false));
      return;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      this.onIssue(inputIssue(this.file, this.line, 'error', 'log.line-not-object'));
      return;
    }
    this.builder.build(canonicalKeys(obj as Record<string, unknown>), this.line, text);
  }
}

/** CSV logs: header first, aliases accepted, RFC 4180 records. */
export class CsvLogParser {
  private header: string[] | null = null;
  /** The line where the last record handled starts. */
  linesRead = 0;
  private readonly csv: CsvParser;

  constructor(file: string, timeZone: string, onEvent: EventSink, onIssue: IssueSink) {
    const builder = new EventBuilder(file, timeZone, onEvent, onIssue);
    this.csv = new CsvParser(
      (rec) => {
        this.linesRead = rec.line;
        if (!this.header) {
          this.header = rec.fields.map((h) => canonicalHeader('logs', h));
          return;
        }
        if (rec.fields.length !== this.header.length) {
          onIssue(inputIssue(file, rec.line, 'error', 'csv.field-count', { fields: rec.fields.length, header: this.header.length }));
          return;
        }
        const row: Record<string, unknown> = {};
        const header = this.header;
        for (let i = 0; i < header.length; i++) if (!(header[i] in row)) row[header[i]] = rec.fields[i];
        builder.build(row, rec.line, rec.raw);
      },
      (err) => onIssue(inputIssue(file, err.line, 'error', err.code, err.params)),
    );
  }

  push(chunk: string): void {
    this.csv.push(chunk);
  }

  end(): void {
    this.csv.end();
  }
}

export function logFormatOf(path: string): 'jsonl' | 'csv' | null {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson') || p.endsWith('.json')) return 'jsonl';
  if (p.endsWith('.csv')) return 'csv';
  return null;
}

export function makeLogParser(path: string, timeZone: string, onEvent: EventSink, onIssue: IssueSink): JsonlLogParser | CsvLogParser {
  return logFormatOf(path) === 'csv'
    ? new CsvLogParser(path, timeZone, onEvent, onIssue)
    : new JsonlLogParser(path, timeZone, onEvent, onIssue);
}

/** True for an empty or all-white-space line, without allocating a trimmed copy. */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}
