// The incident audit's pure logic for the screen: where each step of a timeline is drawn
// (as percentages of the lane, so the SVG needs no measuring), the window in hours, the
// filter of the logs around an incident, and the JZ-21-03 decision the reviewer's episode
// judgments lead to.

import type { AroundReason, AroundRow } from '../../shared/incidents/around.js';
import type { EpisodeFold } from '../../shared/incidents/judgments.js';
import type { IncidentTimeline, TimelineStep } from '../../shared/incidents/timeline.js';
import type { AroundWindow } from '../../shared/incidents/window.js';
import { axisMax, axisOf } from '../../shared/report/incidents.js';
import type { EffectiveRule } from '../../shared/review/effective.js';
import { kindsFor, LIMITS, type NewDecision } from './decisions.js';

export interface Axis {
  step: number;
  ticks: number;
  maxMinutes: number;
}

/** The same scale the report draws: the deadlines and the steps measured against them, closure only when near. */
export function timelineAxis(tl: IncidentTimeline): Axis {
  return axisOf(axisMax(tl));
}

export type Tone = 'ok' | 'late' | 'review' | 'closed';

export interface LaneShape {
  /** Bars from the left edge, in percent of the lane. */
  bars: { from: number; to: number; tone: Tone }[];
  /** The step itself: a dot in the lane, or an arrow at the right edge when it lies beyond the scale. */
  mark: { at: number; tone: Tone; beyond: boolean } | null;
  /** The deadline measured against, in percent; null when none applies. */
  limit: number | null;
}

const pct = (m: number, axis: Axis) => Math.round((Math.max(0, Math.min(m, axis.maxMinutes)) / axis.maxMinutes) * 10000) / 100;

function toneOf(s: TimelineStep): Tone {
  if (s.step === 'closed') return 'closed';
  return s.state === 'late' ? 'late' : s.state === 'ok' ? 'ok' : 'review';
}

export function laneShape(s: TimelineStep, axis: Axis): LaneShape {
  const limit = s.limitMinutes !== null ? pct(s.limitMinutes, axis) : null;
  if (s.step === 'detected') return { bars: [], mark: s.t !== null ? { at: 0, tone: 'ok', beyond: false } : null, limit: null };
  if (s.minutes === null) return { bars: [], mark: null, limit };
  const end = pct(s.minutes, axis);
  const beyond = s.minutes > axis.maxMinutes;
  const tone = toneOf(s);
  const bars = s.state === 'late' && limit !== null
    ? [{ from: 0, to: limit, tone: 'ok' as Tone }, { from: limit, to: end, tone: 'late' as Tone }]
    : [{ from: 0, to: end, tone }];
  return { bars, mark: { at: end, tone, beyond }, limit };
}

/** The tick marks of the axis: minutes and their place in percent. */
export function axisTicks(axis: Axis): { minutes: number; at: number }[] {
  return Array.from({ length: axis.ticks + 1 }, (_, i) => ({ minutes: i * axis.step, at: pct(i * axis.step, axis) }));
}

/** Whole hours before and after detection → a window; null when it is empty or out of range. */
export function windowOfHours(before: number, after: number): AroundWindow | null {
  const max = 366 * 24;
  if (!Number.isFinite(before) || !Number.isFinite(after) || before < 0 || after < 0 || before > max || after > max) return null;
  const w = { startMinutes: -Math.round(before * 60), endMinutes: Math.round(after * 60) };
  return w.startMinutes < w.endMinutes ? w : null;
}

export function hoursOfWindow(w: AroundWindow): { before: number; after: number } {
  return { before: Math.round((-w.startMinutes / 60) * 100) / 100, after: Math.round((w.endMinutes / 60) * 100) / 100 };
}

export function sameWindow(a: AroundWindow, b: AroundWindow): boolean {
  return a.startMinutes === b.startMinutes && a.endMinutes === b.endMinutes;
}

export interface AroundFilter {
  text: string;
  /** Empty: every reason. */
  reasons: readonly AroundReason[];
  markedOnly: boolean;
}

export const EMPTY_AROUND_FILTER: AroundFilter = { text: '', reasons: [], markedOnly: false };

/** The place of a row, as marks are keyed within an incident. */
export function rowPlace(r: Pick<AroundRow, 'file' | 'line'>): string {
  return `${r.file}:${r.line}`;
}

export function filterAroundRows(rows: readonly AroundRow[], f: AroundFilter, marked: ReadonlySet<string>): AroundRow[] {
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const reasons = new Set(f.reasons);
  return rows.filter((r) => {
    if (f.markedOnly && !marked.has(rowPlace(r))) return false;
    if (reasons.size && !r.reasons.some((x) => reasons.has(x))) return false;
    if (!words.length) return true;
    const hay = [r.eventId, r.actor, r.action, r.resourceType, r.resource, r.result, r.at, rowPlace(r), r.excerpt].join('\u0000').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * What the judgments mean for JZ-21-03's decision:
 * none: nothing to decide (the rule did not run, or no uncovered episode was judged);
 * open: uncovered episodes are still unjudged (or were left out by the evidence cap);
 * ready: a decision can be recorded (`draft`);
 * recorded: the rule already stands so, for the same reason;
 * same: the rule already has that status for another reason (withdraw it first to restate it).
 */
export type ProposalState = 'none' | 'open' | 'ready' | 'recorded' | 'same';

export interface EpisodeProposal {
  state: ProposalState;
  draft: NewDecision | null;
}

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function episodeProposal(fold: EpisodeFold, rule: EffectiveRule | undefined): EpisodeProposal {
  if (!rule) return { state: 'none', draft: null };
  if (!fold.decision) return { state: fold.status === 'needs_review' ? 'open' : 'none', draft: null };
  const status = fold.decision.status;
  const draft: NewDecision = {
    ruleId: fold.decision.ruleId,
    kind: kindsFor(rule.toolStatus, rule.status)[0],
    status,
    reason: cut(fold.decision.reason, LIMITS.reason),
  };
  if (rule.status === status) {
    return { state: rule.verdict?.reason === draft.reason ? 'recorded' : 'same', draft };
  }
  return { state: 'ready', draft };
}
