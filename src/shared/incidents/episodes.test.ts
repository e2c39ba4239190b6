import { describe, expect, it } from 'vitest';
import { runRule } from '../engine/testing.js';
import type { RuleResult } from '../engine/types.js';
import { rule as jz2103 } from '../rules/jz-2025-4/JZ-21-03.js';
import { episodeFromFigure, episodesOfFindings, episodesOfResult } from './episodes.js';

const ev = (id: string, ts: string, extra: object = {}) => ({
  event_id: id, ts, actor: 'u1', action: 'query', resource_type: 'dataset', resource: 'DS1', channel: 'platform', result: 'success', ...extra,
});
const burst = (actor: string, day: string, n: number) =>
  Array.from({ length: n }, (_, i) => ev(`D${actor}${i}`, `${day}T03:${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}+08:00`, { actor, result: 'denied' }));

const BUNDLE = {
  incidents: [{ id: 'INC-1', grade: 'major', detected_at: '2026-04-18T14:05:00+08:00' }],
  logs: {
    'logs/a.jsonl': [
      ...burst('u12', '2026-03-27', 22),
      ev('E1', '2026-04-18T09:00:00+08:00', { actor: 'u9', action: 'export', records: 500000 }),
      ev('E2', '2026-08-30T02:17:00+08:00', { actor: 'u6', action: 'log_delete', resource_type: 'log' }),
    ],
  },
};

function asResult(out: ReturnType<typeof runRule>): RuleResult {
  return {
    ruleId: 'JZ-21-03', article: 21, severity: 'medium', status: out.status, title: '', titleEn: '', message: out.message, messageEn: out.messageEn,
    evidenceCount: out.evidence?.count ?? 0, evidence: out.evidence?.items ?? [], figures: out.figures, waiver: null,
  };
}

describe('episodes of JZ-21-03', () => {
  it('reads every episode of the rule result, with its events, the nearest incident and whether it covers it', () => {
    const got = episodesOfResult(asResult(runRule(jz2103, BUNDLE)));
    expect(got.available).toBe(true);
    expect(got.status).toBe('needs_review');
    expect(got.total).toBe(3);
    expect(got.episodes.map((e) => [e.kind, e.actor, e.covered, e.eventCount])).toEqual([
      ['denied_burst', 'u12', false, 22], ['bulk_transfer', 'u9', true, 1], ['log_delete', 'u6', false, 1],
    ]);
    const bulk = got.episodes[1];
    expect(bulk.nearestIncident).toEqual({ id: 'INC-1', detectedAt: '2026-04-18T14:05:00+08:00', minutesApart: 305 });
    expect(bulk.events[0]).toMatchObject({ file: 'logs/a.jsonl', line: 23, eventId: 'E1' });
    // Uncovered episodes are evidence, so their excerpts come along.
    expect(got.episodes[2].events[0].excerpt).toContain('log_delete');
    expect(got.episodes[0].key).toBe('denied_burst|u12|logs/a.jsonl:1');
    expect(new Set(got.episodes.map((e) => e.key)).size).toBe(3);
  });

  it('counts the episodes the evidence cap left out', () => {
    const got = episodesOfResult(asResult(runRule(jz2103, BUNDLE, {}, 2)));
    expect(got.episodes).toHaveLength(2);
    expect(got.total).toBe(3);
    expect(got.episodes[0].events).toHaveLength(2);
    expect(got.episodes[0].eventCount).toBe(22);
  });

  it('says why there are none when the rule did not run or gave no analysis', () => {
    expect(episodesOfFindings({ results: [] })).toMatchObject({ available: false, status: null });
    const noLogs = episodesOfResult(asResult(runRule(jz2103, { incidents: [] })));
    expect(noLogs).toMatchObject({ available: false, status: 'insufficient_evidence' });
    expect(noLogs.note).toContain('日志');
  });

  it('skips what is not an episode', () => {
    expect(episodeFromFigure({ kind: 'other', events: [] })).toBeNull();
    expect(episodeFromFigure(null)).toBeNull();
    const e = episodeFromFigure({ kind: 'log_delete', actor: 'u1', events: [{ file: 'f', line: 'x' }, { file: 'g', line: 3 }], eventCount: 'many', covered: 'yes' });
    expect(e).toMatchObject({ eventCount: 1, covered: false, nearestIncident: null, key: 'log_delete|u1|g:3' });
  });
});
