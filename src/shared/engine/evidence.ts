import type { LogEvent, Row, JsonItem } from '../bundle/types.js';
import type { EvidenceItem, EvidenceList } from './types.js';

const EXCERPT_CHARS = 300;

export function newEvidence(cap: number): EvidenceList {
  return { cap, count: 0, items: [] };
}

/** Count the item; keep it while under the cap. */
export function addEvidence(list: EvidenceList, item: EvidenceItem): void {
  list.count++;
  if (list.items.length < list.cap) list.items.push(item);
}

/** Append a later list (from later files) to an earlier one, keeping the cap. */
export function mergeEvidence(into: EvidenceList, later: EvidenceList): void {
  into.count += later.count;
  for (const item of later.items) {
    if (into.items.length >= into.cap) break;
    into.items.push(item);
  }
}

/**
 * A copy of `text` that owns its characters. A line is a slice of the chunk it was read
 * from, and V8 keeps the whole chunk alive for as long as any slice of it is kept: an
 * excerpt held in a rule's state must not hold megabytes of log.
 */
export function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** The start of a line, as evidence shows it, detached from the chunk it came from. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  return detached(text.length > max ? text.slice(0, max) + '…' : text);
}

const FIELD_CHARS = 200;
const MAX_FIELDS = 24;

/** Non-empty values, each cut, at most MAX_FIELDS, detached from the chunk they were read from. */
function fieldsOf(entries: [string, unknown][]): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of entries) {
    if (v === null || v === undefined || typeof v === 'object') continue;
    const text = String(v).trim();
    if (!text) continue;
    out[k] = text.length > FIELD_CHARS ? text.slice(0, FIELD_CHARS) + '…' : text;
    if (++n >= MAX_FIELDS) break;
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, string>;
}

/** A log event's fields as evidence shows them (canonical names and values). */
export function eventFields(ev: LogEvent): Record<string, string> {
  return fieldsOf([
    ['ts', ev.ts], ['actor', ev.actor], ['actor_org', ev.actorOrg], ['action', ev.action], ['resource_type', ev.resourceType],
    ['resource', ev.resource], ['destination', ev.destination], ['channel', ev.channel], ['result', ev.result],
    ['records', ev.records], ['scenario', ev.scenario], ['request', ev.request],
  ]);
}

export function eventEvidence(ev: LogEvent): EvidenceItem {
  const item: EvidenceItem = { file: ev.file, line: ev.line, excerpt: excerpt(ev.raw), fields: eventFields(ev) };
  if (ev.eventId) item.eventId = ev.eventId;
  return item;
}

export function rowEvidence(row: Row): EvidenceItem {
  return { file: row.file, line: row.line, rowId: row.id, excerpt: excerpt(row.raw), fields: fieldsOf(Object.entries(row.cells)) };
}

export function itemEvidence(item: JsonItem): EvidenceItem {
  return { file: item.file, line: item.line, rowId: item.id, excerpt: excerpt(JSON.stringify(item.value)), fields: fieldsOf(Object.entries(item.value)) };
}

/** The leaves of a JSON value by their own key (lists of values joined by ;), in document order. */
function leaves(value: unknown, out: [string, unknown][] = [], key = ''): [string, unknown][] {
  if (Array.isArray(value)) {
    if (value.every((x) => x === null || typeof x !== 'object')) out.push([key, value.join(';')]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, out, k);
  } else if (key) out.push([key, value]);
  return out;
}

/**
 * Evidence pointing at a whole file or a field of a JSON document (no row). An excerpt that
 * is a JSON object (a part of operator.json, platform.json …) also gives the item its fields.
 */
export function fileEvidence(file: string, excerptText?: string, line?: number | null): EvidenceItem {
  const item: EvidenceItem = { file, line: line ?? null };
  if (excerptText) {
    item.excerpt = excerpt(excerptText);
    if (excerptText.startsWith('{')) {
      try {
        item.fields = fieldsOf(leaves(JSON.parse(excerptText)));
      } catch {
        // Not JSON after all: the excerpt alone says it.
      }
    }
  }
  return item;
}

/** An evidence list built from items at once (record rules). */
export function evidenceOf(cap: number, items: EvidenceItem[]): EvidenceList {
  const list = newEvidence(cap);
  for (const it of items) addEvidence(list, it);
  return list;
}
