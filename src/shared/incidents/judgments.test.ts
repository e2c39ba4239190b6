import { describe, expect, it } from 'vitest';
import type { EpisodeView } from './episodes.js';
import { foldEpisodeJudgments, type EpisodeJudgment } from './judgments.js';

const ep = (key: string, covered: boolean, kind: EpisodeView['kind'] = 'bulk_transfer'): EpisodeView => ({
  key, kind, actor: 'u1', first: '2026-03-27T03:00:00+08:00', last: '2026-03-27T03:00:00+08:00', eventCount: 1,
  events: [{ file: 'logs/a.jsonl', line: 1, eventId: 'E1', at: '2026-03-27T03:00:00+08:00' }], nearestIncident: null, covered,
});
const j = (episodeKey: string, verdict: EpisodeJudgment['verdict'], note = ''): EpisodeJudgment => ({ episodeKey, verdict, note });

const EPISODES = [ep('a', false), ep('b', false, 'log_delete'), ep('c', true)];

describe('folding episode judgments into JZ-21-03', () => {
  it('stays needs_review while an uncovered episode is unjudged', () => {
    const f = foldEpisodeJudgments(EPISODES, [j('a', 'explained')]);
    expect(f).toMatchObject({ status: 'needs_review', explained: 1, unjudged: 1, decision: null });
    expect(f.reason).toContain('1 处');
  });

  it('resolves to pass when every uncovered episode is explained (covered ones need no judgment)', () => {
    const f = foldEpisodeJudgments(EPISODES, [j('a', 'explained', '测试'), j('b', 'explained', '运维清理')]);
    expect(f.status).toBe('pass');
    expect(f.decision).toMatchObject({ ruleId: 'JZ-21-03', status: 'pass' });
  });

  it('fails when any episode needed an incident report, with the note', () => {
    const f = foldEpisodeJudgments(EPISODES, [j('a', 'explained'), j('b', 'needs_incident_report', '删除审计日志无解释')]);
    expect(f).toMatchObject({ status: 'fail', needsReport: 1 });
    expect(f.decision?.status).toBe('fail');
    expect(f.reason).toContain('删除审计日志无解释');
    expect(f.reason).toContain('日志删除');
    // A covered episode judged reportable fails the rule too.
    expect(foldEpisodeJudgments(EPISODES, [j('c', 'needs_incident_report')]).status).toBe('fail');
  });

  it('lets the last judgment of an episode win and keeps judgments of vanished episodes apart', () => {
    const f = foldEpisodeJudgments(EPISODES, [j('a', 'needs_incident_report'), j('a', 'explained'), j('b', 'explained'), j('zz', 'needs_incident_report')]);
    expect(f.status).toBe('pass');
    expect(f.stale.map((s) => s.episodeKey)).toEqual(['zz']);
  });

  it('cannot pass while the evidence cap hides episodes, but can fail', () => {
    const judged = [j('a', 'explained'), j('b', 'explained')];
    const f = foldEpisodeJudgments(EPISODES, judged, { total: 5 });
    expect(f).toMatchObject({ status: 'needs_review', unjudged: 0, unlisted: 2, decision: null });
    expect(f.reason).toContain('证据条数上限');
    expect(foldEpisodeJudgments(EPISODES, [j('a', 'needs_incident_report')], { total: 5 }).status).toBe('fail');
  });

  it('passes with no decision to record when nothing is open and nothing was judged', () => {
    expect(foldEpisodeJudgments([ep('c', true)], [])).toMatchObject({ status: 'pass', decision: null });
    expect(foldEpisodeJudgments([], [])).toMatchObject({ status: 'pass', decision: null });
  });
});
