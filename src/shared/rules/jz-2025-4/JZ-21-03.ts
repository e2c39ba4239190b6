import { formatLocal } from '../../bundle/time.js';
import type { LogEvent } from '../../bundle/types.js';
import { eventFields, evidenceOf, excerpt } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceItem, LogRule, RuleContext } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { startOf } from './support.js';

const BULK_ACTIONS = new Set(['export', 'download', 'share']);
// Denied events are kept until finish, compactly: an excerpt only while an event is in the
// sliding window of its actor, and for good once the window holds a burst.
const SHORT_EXCERPT = 160;
/** Sign events kept at most (log_delete, bulk and denied together): memory stays bounded whatever the logs hold; the rest are counted and the finding says so. */
export const MAX_SIGN_EVENTS = 20_000;
const COVER_MS = 24 * 3_600_000;

/** A sign event as kept in the state: where it is and a short excerpt. */
export interface SignEvent {
  t: number;
  file: string;
  line: number;
  eventId: string;
  /** '' when the event was never seen inside a burst window of its own file. */
  excerpt: string;
  /** The event's fields as evidence shows them; dropped with the excerpt. */
  fields?: Record<string, string>;
  /** Seen in a burst window: the excerpt is kept. */
  kept?: boolean;
}

export interface State {
  /** Denied events in the period, per actor ('' for an empty actor), unsorted across files. */
  denied: Map<string, SignEvent[]>;
  /** Per actor, the denied events of the current file within the burst window of the latest one. */
  window: Map<string, { events: SignEvent[]; allKept: boolean }>;
  windowFile: string;
  deniedCount: number;
  /** Successful log_delete events in the period. */
  logDeletes: (SignEvent & { actor: string })[];
  /** Successful export/download/share events in the period with records ≥ the threshold. */
  bulk: (SignEvent & { actor: string; action: string; records: number })[];
  /** Sign events kept in the lists above (denied included). */
  kept: number;
  /** Sign events past MAX_SIGN_EVENTS, counted but not kept. */
  dropped: number;
}

export type EpisodeKind = 'log_delete' | 'bulk_transfer' | 'denied_burst';

export interface Episode {
  kind: EpisodeKind;
  actor: string;
  /** In time order; one event for log_delete and bulk_transfer. */
  events: SignEvent[];
  firstMs: number;
  lastMs: number;
  /** Local ISO times of the first and last event. */
  first: string;
  last: string;
  /** The incident whose detected_at is nearest to the episode's span, null when none is dated. */
  nearestIncident: { id: string; detectedAt: string; minutesApart: number } | null;
  /** True when some event of the episode is less than 24 h before or after that incident's detected_at. */
  covered: boolean;
}

const KIND_ORDER: Record<EpisodeKind, number> = { log_delete: 0, bulk_transfer: 1, denied_burst: 2 };

function byTime(a: SignEvent, b: SignEvent): number {
  return a.t - b.t || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
}

/** An event outside every burst keeps only where it is. */
function forget(e: SignEvent): void {
  e.excerpt = '';
  delete e.fields;
}

function signOf(ev: LogEvent, text: string): SignEvent {
  return { t: ev.t, file: ev.file, line: ev.line, eventId: ev.eventId, excerpt: text, fields: eventFields(ev) };
}

/**
 * Maximal bursts in one actor's denied events (sorted by time): every window of
 * ≥ `count` events whose first and last are at most `windowMs` apart qualifies, and
 * windows that share an event join into one burst.
 */
export function burstsOf(sorted: SignEvent[], count: number, windowMs: number): SignEvent[][] {
  const bursts: SignEvent[][] = [];
  const need = Math.max(1, count);
  let start = -1;
  let end = -1;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (j < i) j = i;
    while (j + 1 < sorted.length && sorted[j + 1].t - sorted[i].t <= windowMs) j++;
    if (j - i + 1 < need) continue;
    if (start >= 0 && i <= end) {
      end = Math.max(end, j);
    } else {
      if (start >= 0) bursts.push(sorted.slice(start, end + 1));
      start = i;
      end = j;
    }
  }
  if (start >= 0) bursts.push(sorted.slice(start, end + 1));
  return bursts;
}

interface DatedIncident {
  id: string;
  detectedAt: string;
  t: number;
}

function datedIncidents(ctx: RuleContext): DatedIncident[] {
  const out: DatedIncident[] = [];
  for (const item of ctx.records.incidents.items) {
    const raw = item.value.detected_at;
    const text = raw === undefined || raw === null ? '' : String(raw).trim();
    const t = startOf(ctx, text);
    if (!Number.isNaN(t)) out.push({ id: item.id, detectedAt: text, t });
  }
  return out;
}

function episodeOf(kind: EpisodeKind, actor: string, events: SignEvent[], incidents: DatedIncident[], tz: string): Episode {
  const firstMs = events[0].t;
  const lastMs = events[events.length - 1].t;
  let nearest: DatedIncident | null = null;
  let distance = Infinity;
  for (const inc of incidents) {
    // Distance from detected_at to the span [first, last]; 0 when it falls inside.
    const d = inc.t < firstMs ? firstMs - inc.t : inc.t > lastMs ? inc.t - lastMs : 0;
    if (d < distance) {
      distance = d;
      nearest = inc;
    }
  }
  return {
    kind, actor, events, firstMs, lastMs, first: formatLocal(firstMs, tz), last: formatLocal(lastMs, tz),
    nearestIncident: nearest ? { id: nearest.id, detectedAt: nearest.detectedAt, minutesApart: Math.round((distance / 60_000) * 10) / 10 } : null,
    covered: nearest !== null && distance < COVER_MS,
  };
}

/**
 * The signs of the finished (merged) state grouped into episodes, in time order, each with
 * the nearest incident and whether it covers the episode. Pure: the state is not changed.
 */
export function episodesOf(state: State, ctx: RuleContext): Episode[] {
  const count = ctx.params.denied_burst_count as number;
  const windowMs = (ctx.params.denied_burst_minutes as number) * 60_000;
  const incidents = datedIncidents(ctx);
  const tz = ctx.records.timezone;
  const out: Episode[] = [];
  for (const e of state.logDeletes) {
    out.push(episodeOf('log_delete', e.actor, [{ t: e.t, file: e.file, line: e.line, eventId: e.eventId, excerpt: e.excerpt, fields: e.fields }], incidents, tz));
  }
  for (const e of state.bulk) {
    out.push(episodeOf('bulk_transfer', e.actor, [{ t: e.t, file: e.file, line: e.line, eventId: e.eventId, excerpt: e.excerpt, fields: e.fields }], incidents, tz));
  }
  for (const [actor, events] of state.denied) {
    for (const burst of burstsOf([...events].sort(byTime), count, windowMs)) out.push(episodeOf('denied_burst', actor, burst, incidents, tz));
  }
  out.sort((a, b) => a.firstMs - b.firstMs || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byTime(a.events[0], b.events[0]));
  return out;
}

function evidenceItem(e: SignEvent): EvidenceItem {
  const item: EvidenceItem = { file: e.file, line: e.line };
  if (e.excerpt) item.excerpt = e.excerpt;
  if (e.fields) item.fields = e.fields;
  if (e.eventId) item.eventId = e.eventId;
  return item;
}

const EPISODES = { zh: '段', en: 'episodes' };
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const ACTION_LIST = [...BULK_ACTIONS].map((a) => nameOf('action', a)).join('、');

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-21-03',
    article: 21,
    severity: 'medium',
    worst: 'needs_review',
    title: '日志中无未报告的数据安全事件迹象',
    titleEn: 'No sign of an unreported security incident in the logs',
    ...article(21),
    evidence: ['logs/：时间、操作人、操作、记录数、结果', 'incidents.json：编号、发现时间'],
    params: {
      bulk_records_threshold: {
        type: 'integer',
        default: 100000,
        source: '锦政规〔2025〕4号第二十一条（数据安全事件的发现和报告）；规则目录 JZ-21-03',
        description: `单次成功的${ACTION_LIST}事件的记录数达到该数即视为大批量数据转移迹象。`,
        label: { zh: '批量外传记录数', en: 'Records that make a bulk transfer' },
        unit: UNITS.records,
      },
      denied_burst_count: {
        type: 'integer',
        default: 20,
        source: '锦政规〔2025〕4号第二十一条；规则目录 JZ-21-03',
        description: '同一账号在“集中拒绝时间窗”内结果为拒绝的事件达到该数即视为集中拒绝访问迹象。',
        label: { zh: '集中拒绝次数', en: 'Denials that make a burst' },
        unit: UNITS.times,
      },
      denied_burst_minutes: {
        type: 'number',
        default: 10,
        source: '锦政规〔2025〕4号第二十一条；规则目录 JZ-21-03',
        description: '集中拒绝访问的时间窗：窗口内首末两次拒绝相隔不超过该值。',
        label: { zh: '集中拒绝时间窗', en: 'Window of a burst of denials' },
        unit: { zh: '分钟', en: 'minutes' },
      },
    },
    notes:
      `只看评估期内的事件：成功的日志删除；成功的${ACTION_LIST}且记录数不少于“批量外传记录数”；以及按操作人归组、结果为拒绝的事件（结果为失败的不算；操作人为空的归为同一组）。` +
      '集中拒绝访问取极大段：凡有不少于“集中拒绝次数”次拒绝且首末相隔不超过“集中拒绝时间窗”的窗口都合格，共享事件的合格窗口连成一段，段内该操作人的全部拒绝事件都列为证据。' +
      '日志删除和大批量转移每个事件为一段。某段只要有一个事件距某起数据安全事件的发现时间不足 24 小时（前后均可，恰好 24 小时不算），即视为已由该事件覆盖，不计入迹象；指标中仍列出覆盖情况。' +
      `没有日志文件为证据不足。按文件顺序最多保留 ${MAX_SIGN_EVENTS.toLocaleString('en-US')} 条迹象事件，超出部分只计数，结论为待人工复核。`,
    figures: {
      episodeCount: { kind: 'count', unit: EPISODES, label: { zh: '迹象段', en: 'Episodes' } },
      logDeletes: { kind: 'count', unit: UNITS.times, label: { zh: '未覆盖的日志删除', en: 'Uncovered log deletions' } },
      bulkTransfers: { kind: 'count', unit: UNITS.times, label: { zh: '未覆盖的批量外传', en: 'Uncovered bulk transfers' } },
      deniedBursts: { kind: 'count', unit: EPISODES, label: { zh: '未覆盖的集中拒绝访问', en: 'Uncovered bursts of denied access' } },
      coveredEpisodes: { kind: 'count', unit: EPISODES, label: { zh: '已由事件覆盖', en: 'Covered by an incident' } },
      deniedEventsInPeriod: { kind: 'count', unit: UNITS.events, label: { zh: '评估期内拒绝访问事件', en: 'Denied events in the period' } },
      signEventsNotExamined: { kind: 'count', unit: UNITS.events, label: { zh: '超出上限未判断的迹象事件', en: 'Sign events past the limit, not examined' } },
      episodeTable: {
        kind: 'table',
        label: { zh: '迹象明细', en: 'Episodes in detail' },
        columns: {
          kind: { kind: 'enum', names: 'episodeKind', label: { zh: '类型', en: 'Kind' } },
          actor: { kind: 'text', label: { zh: '操作人', en: 'Actor' } },
          first: { kind: 'time', label: { zh: '首个事件', en: 'First event' } },
          last: { kind: 'time', label: { zh: '最后事件', en: 'Last event' } },
          eventCount: { kind: 'count', unit: UNITS.events, label: { zh: '事件数', en: 'Events' } },
          nearestIncident: { kind: 'text', label: { zh: '最近的数据安全事件', en: 'Nearest incident' } },
          minutesApart: { kind: 'duration', unit: 'minutes', label: { zh: '与其发现时间相隔', en: 'Apart from its detection' } },
          covered: { kind: 'boolean', label: { zh: '已覆盖', en: 'Covered' } },
        },
      },
      episodes: { kind: 'count', unit: EPISODES, label: { zh: '列出的迹象段', en: 'Episodes listed' } },
    },
  },
  init: () => ({ denied: new Map(), window: new Map(), windowFile: '', deniedCount: 0, logDeletes: [], bulk: [], kept: 0, dropped: 0 }),
  onEvent(state, ev, inPeriod, ctx) {
    if (!inPeriod) return;
    if (ev.result === 'denied') state.deniedCount++;
    const sign = ev.result === 'denied' || (ev.result === 'success' && (ev.action === 'log_delete'
      || (BULK_ACTIONS.has(ev.action) && ev.records !== null && ev.records >= (ctx.params.bulk_records_threshold as number))));
    if (!sign) return;
    if (state.kept >= MAX_SIGN_EVENTS) {
      state.dropped++;
      return;
    }
    state.kept++;
    if (ev.result === 'denied') {
      let list = state.denied.get(ev.actor);
      if (!list) {
        list = [];
        state.denied.set(ev.actor, list);
      }
      const s = signOf(ev, excerpt(ev.raw, SHORT_EXCERPT));
      list.push(s);
      keepExcerptsOfBursts(state, ev, s, ctx);
      return;
    }
    if (ev.action === 'log_delete') state.logDeletes.push({ ...signOf(ev, excerpt(ev.raw)), actor: ev.actor });
    else state.bulk.push({ ...signOf(ev, excerpt(ev.raw)), actor: ev.actor, action: ev.action, records: ev.records! });
  },
  endFile(state) {
    flushWindows(state);
  },
  merge(into, later) {
    // In file order, up to the cap: what the later file kept past it is counted as dropped.
    const room = () => into.kept < MAX_SIGN_EVENTS;
    const take = <T>(list: T[], item: T) => {
      if (room()) {
        list.push(item);
        into.kept++;
      } else into.dropped++;
    };
    for (const [actor, events] of later.denied) {
      let list = into.denied.get(actor);
      if (!list) into.denied.set(actor, (list = []));
      for (const e of events) take(list, e);
    }
    into.deniedCount += later.deniedCount;
    for (const e of later.logDeletes) take(into.logDeletes, e);
    for (const e of later.bulk) take(into.bulk, e);
    into.dropped += later.dropped;
  },
  finish(state, ctx) {
    if (ctx.records.logFiles.length === 0) {
      return {
        status: 'insufficient_evidence',
        message: '证据包中没有运营日志（logs/），无法判断是否存在未报告的安全事件迹象。',
        messageEn: 'The bundle holds no operation logs (logs/); cannot tell whether there are signs of unreported incidents.',
      };
    }
    const episodes = episodesOf(state, ctx);
    const open = episodes.filter((e) => !e.covered);
    const covered = episodes.length - open.length;
    const n = (kind: EpisodeKind, list: Episode[]) => list.filter((e) => e.kind === kind).length;
    const cap = ctx.maxEvidence;
    const tz = ctx.records.timezone;
    const figures = {
      deniedEventsInPeriod: state.deniedCount,
      logDeletes: n('log_delete', open),
      bulkTransfers: n('bulk_transfer', open),
      deniedBursts: n('denied_burst', open),
      coveredEpisodes: covered,
      episodeCount: episodes.length,
      signEventsNotExamined: state.dropped,
      // The episodes as people read them; `episodes` below keeps the nested events and incident for the workbench.
      episodeTable: episodes.slice(0, cap).map((e) => ({
        kind: e.kind, actor: e.actor, first: e.first, last: e.last, eventCount: e.events.length,
        nearestIncident: e.nearestIncident?.id ?? null, minutesApart: e.nearestIncident?.minutesApart ?? null, covered: e.covered,
      })),
      episodes: episodes.slice(0, cap).map((e) => ({
        kind: e.kind, actor: e.actor, first: e.first, last: e.last, eventCount: e.events.length,
        events: e.events.slice(0, cap).map((x) => ({ file: x.file, line: x.line, eventId: x.eventId, at: formatLocal(x.t, tz) })),
        nearestIncident: e.nearestIncident, covered: e.covered,
      })),
    };
    const coveredNote = covered ? `；另有 ${covered} 处迹象在已报告事件发现前后 24 小时内，视为已覆盖` : '';
    const coveredNoteEn = covered ? `; ${plural(covered, 'more sign')} within 24 hours of a reported incident's detection ${covered === 1 ? 'is' : 'are'} taken as covered` : '';
    const truncated = state.dropped
      ? `。日志中的迹象事件超过 ${MAX_SIGN_EVENTS.toLocaleString('en-US')} 条的上限，其后的 ${state.dropped.toLocaleString('en-US')} 条未纳入判断，需人工复核`
      : '';
    const truncatedEn = state.dropped
      ? `. The logs hold more sign events than the limit of ${MAX_SIGN_EVENTS.toLocaleString('en-US')}; the ${plural(state.dropped, 'later one')} ${state.dropped === 1 ? 'was' : 'were'} not examined and need review`
      : '';
    if (open.length === 0 && state.dropped) {
      return {
        status: 'needs_review',
        message: `已判断的迹象中未发现未报告的安全事件${coveredNote}${truncated}。`,
        messageEn: `The signs examined show no unreported incident${coveredNoteEn}${truncatedEn}.`,
        figures,
      };
    }
    if (open.length === 0) {
      return {
        status: 'pass',
        message: `评估期内未发现未报告的安全事件迹象${coveredNote}。`,
        messageEn: `No sign of an unreported incident in the period${coveredNoteEn}.`,
        figures,
      };
    }
    const kinds = (['log_delete', 'bulk_transfer', 'denied_burst'] as EpisodeKind[]).filter((k) => n(k, open) > 0);
    const parts: string[] = [];
    const partsEn: string[] = [];
    for (const k of kinds) {
      const list = open.filter((e) => e.kind === k);
      if (k === 'denied_burst') {
        const denials = list.reduce((sum, e) => sum + e.events.length, 0);
        const actors = [...new Set(list.map((e) => e.actor))];
        parts.push(`${nameOf('episodeKind', k)} ${list.length} 段（共 ${denials} 次拒绝，操作人 ${actors.map((a) => a || '（空）').join('、')}）`);
        partsEn.push(`${plural(list.length, 'burst')} of denied access (${plural(denials, 'denial')}, actor${actors.length === 1 ? '' : 's'} ${actors.map((a) => a || '(empty)').join(', ')})`);
      } else {
        parts.push(`${nameOf('episodeKind', k)} ${list.length} 次`);
        partsEn.push(plural(list.length, k === 'log_delete' ? 'log deletion' : 'bulk transfer'));
      }
    }
    return {
      status: 'needs_review',
      message: `评估期内发现 ${open.length} 处可能未报告的安全事件迹象：${parts.join('，')}${coveredNote}${truncated}。请核实是否应按事件报告。`,
      messageEn: `${plural(open.length, 'sign')} of a possibly unreported incident in the period: ${partsEn.join(', ')}${coveredNoteEn}${truncatedEn}. Please check whether they should have been reported.`,
      evidence: evidenceOf(cap, open.flatMap((e) => e.events.map(evidenceItem))),
      figures,
    };
  },
};

/** Actors' burst windows held before those out of reach are dropped. */
const MAX_OPEN_WINDOWS = 10_000;

/** Drops the windows whose newest event is before `before` (events come in time order within a file); their unkept excerpts go. */
function pruneWindows(state: State, before: number): void {
  for (const [actor, w] of state.window) {
    const last = w.events[w.events.length - 1];
    if (last && last.t >= before) continue;
    for (const e of w.events) if (!e.kept) forget(e);
    state.window.delete(actor);
  }
}

/** Drop the excerpts of window events that never became part of a burst. */
function flushWindows(state: State): void {
  for (const w of state.window.values()) {
    for (const e of w.events) if (!e.kept) forget(e);
  }
  state.window.clear();
}

/**
 * Online, per file (files are in time order): keep the excerpt of a denied event only
 * while it may still belong to a burst, so memory holds positions, not text. Finish finds
 * the bursts exactly from the positions; an event of a burst seen only across files keeps
 * its position without an excerpt.
 */
function keepExcerptsOfBursts(state: State, ev: LogEvent, sign: SignEvent, ctx: RuleContext): void {
  if (state.windowFile !== ev.file) {
    flushWindows(state);
    state.windowFile = ev.file;
  }
  const windowMs = (ctx.params.denied_burst_minutes as number) * 60_000;
  const count = ctx.params.denied_burst_count as number;
  let w = state.window.get(ev.actor);
  if (!w) {
    // Many actors (each a key of its own): drop the windows whose last event is out of reach, so windows stay few.
    if (state.window.size >= MAX_OPEN_WINDOWS) pruneWindows(state, sign.t - windowMs);
    state.window.set(ev.actor, (w = { events: [], allKept: true }));
  }
  let drop = 0;
  while (drop < w.events.length && sign.t - w.events[drop].t > windowMs) {
    if (!w.events[drop].kept) forget(w.events[drop]);
    drop++;
  }
  if (drop > 0) w.events.splice(0, drop);
  w.events.push(sign);
  if (w.events.length >= count) {
    // The window holds a burst: every event in it keeps its excerpt.
    if (!w.allKept) for (const e of w.events) e.kept = true;
    sign.kept = true;
    w.allKept = true;
  } else {
    w.allKept = false;
  }
}
