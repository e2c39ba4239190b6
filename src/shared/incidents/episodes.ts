// The signs of unreported incidents as JZ-21-03 hands them back in its result
// (`figures.episodes`, capped at the profile's evidence cap), read defensively: findings
// may come from a file. Pure.

import type { Findings } from '../engine/assess.js';
import type { RuleResult, Status } from '../engine/types.js';
import type { EpisodeKind } from '../rules/jz-2025-4/JZ-21-03.js';

export type { EpisodeKind };

export const EPISODES_RULE_ID = 'JZ-21-03';


export interface EpisodeEvent {
  file: string;
  line: number;
  eventId: string;
  /** Local ISO time. */
  at: string;
  /** From the rule's evidence, when it kept one (uncovered episodes). */
  excerpt?: string;
}

export interface EpisodeView {
  /** Stable within a bundle: kind, actor and the first event's place. Judgments refer to it. */
  key: string;
  kind: EpisodeKind;
  actor: string;
  /** Local ISO times of the first and last event. */
  first: string;
  last: string;
  /** Events of the episode, true count (`events` may be capped). */
  eventCount: number;
  events: EpisodeEvent[];
  nearestIncident: { id: string; detectedAt: string; minutesApart: number } | null;
  /** Less than 24 h from the nearest incident's detected_at: that incident covers it. */
  covered: boolean;
}

export interface EpisodesOfReview {
  /** JZ-21-03 ran (enabled, and its result carries episodes). */
  available: boolean;
  /** JZ-21-03's status, null when it did not run. */
  status: Status | null;
  episodes: EpisodeView[];
  /** Episodes the rule found; more than `episodes.length` when the evidence cap cut the list. */
  total: number;
  /** Why there are no episodes to show, in Chinese, when not available. */
  note?: string;
}

const KINDS = new Set<string>(['log_delete', 'bulk_transfer', 'denied_burst']);

export function episodeKey(kind: string, actor: string, first: { file: string; line: number } | undefined): string {
  return `${kind}|${actor}|${first ? `${first.file}:${first.line}` : ''}`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** One episode of `figures.episodes`, or null when it is not one. */
export function episodeFromFigure(v: unknown, excerpts?: Map<string, string>): EpisodeView | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (!KINDS.has(str(o.kind))) return null;
  const events: EpisodeEvent[] = [];
  for (const e of Array.isArray(o.events) ? o.events : []) {
    if (!e || typeof e !== 'object') continue;
    const x = e as Record<string, unknown>;
    const line = num(x.line);
    if (line === null || !str(x.file)) continue;
    const ev: EpisodeEvent = { file: str(x.file), line, eventId: str(x.eventId), at: str(x.at) };
    const ex = excerpts?.get(`${ev.file}:${ev.line}`);
    if (ex) ev.excerpt = ex;
    events.push(ev);
  }
  const n = o.nearestIncident as Record<string, unknown> | null | undefined;
  const nearest = n && typeof n === 'object' && num(n.minutesApart) !== null
    ? { id: str(n.id), detectedAt: str(n.detectedAt), minutesApart: num(n.minutesApart)! }
    : null;
  const kind = str(o.kind) as EpisodeKind;
  const actor = str(o.actor);
  return {
    key: episodeKey(kind, actor, events[0]),
    kind, actor, first: str(o.first), last: str(o.last),
    eventCount: Math.max(num(o.eventCount) ?? events.length, events.length),
    events, nearestIncident: nearest, covered: o.covered === true,
  };
}

/** The episodes of a JZ-21-03 result, with the excerpts its evidence kept. */
export function episodesOfResult(result: RuleResult | undefined): EpisodesOfReview {
  if (!result) return { available: false, status: null, episodes: [], total: 0, note: '本次评估未启用 JZ-21-03，没有未报告事件迹象的分析。' };
  const figures = result.figures ?? {};
  const list = (figures as Record<string, unknown>).episodes;
  if (!Array.isArray(list)) {
    return {
      available: false, status: result.status, episodes: [], total: 0,
      note: `JZ-21-03 未给出迹象分析（判定：${result.status}）：${result.message}`,
    };
  }
  const excerpts = new Map<string, string>();
  for (const e of result.evidence ?? []) if (e.excerpt && e.line !== null && e.line !== undefined) excerpts.set(`${e.file}:${e.line}`, e.excerpt);
  const episodes = list.map((x) => episodeFromFigure(x, excerpts)).filter((x): x is EpisodeView => x !== null);
  const total = Math.max(num((figures as Record<string, unknown>).episodeCount) ?? episodes.length, episodes.length);
  return { available: true, status: result.status, episodes, total };
}

export function episodesOfFindings(findings: Pick<Findings, 'results'>): EpisodesOfReview {
  return episodesOfResult(findings.results.find((r) => r.ruleId === EPISODES_RULE_ID));
}
