import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { makeFindings } from '../../shared/review/testing.js';
import { appendLogEntry, verifyLog } from '../../shared/review/log.js';
import { repositoriesOf } from './index.js';
import { eventMarkKey, LATEST_VERSION, openDeskDb, SCHEMA } from './schema.js';

const fresh = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

describe('schema versions', () => {
  it('are numbered 1, 2, 3, … without gaps', () => {
    expect(SCHEMA.map((v) => v.version)).toEqual(SCHEMA.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(SCHEMA.length);
  });

  it('a new database opens at the latest version with every table', async () => {
    const db = openDeskDb(fresh());
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['cases', 'decisions', 'episodeJudgments', 'eventMarks', 'log', 'reports', 'runs', 'settings']);
    db.close();
  });

  it('migrates a v1 database: run counts, search text, decisions attached to the latest run', async () => {
    const opts = fresh();
    const v1 = openDeskDb(opts, 1);
    const f = makeFindings();
    await v1.open();
    await v1.table('cases').bulkAdd([
      { id: 'c-1', operatorName: '锦州数据运营有限公司', operatorId: '91210700MA0JZ0001X', period: f.period, bundleSource: '/data/Bundle-2026', manifestSha256: 'ab', conclusion: 'non_compliant', toolConclusion: 'non_compliant', createdAt: '2027-01-06T09:00:00+08:00', updatedAt: '2027-01-06T09:00:00+08:00', latestRunId: 'run-2' },
      { id: 'c-2', operatorName: null, operatorId: null, period: f.period, bundleSource: '/x', manifestSha256: null, conclusion: 'compliant', toolConclusion: 'compliant', createdAt: '2027-01-05T09:00:00+08:00', updatedAt: '2027-01-05T09:00:00+08:00', latestRunId: 'run-3' },
    ]);
    await v1.table('runs').bulkAdd([
      { id: 'run-1', caseId: 'c-1', seq: 1, at: 'x', bundlePath: '/a', manifestSha256: null, reviewId: null, findingsArtifactId: null, findings: f },
      { id: 'run-2', caseId: 'c-1', seq: 2, at: 'y', bundlePath: '/a', manifestSha256: null, reviewId: null, findingsArtifactId: null, findings: f },
    ]);
    await v1.table('decisions').add({ caseId: 'c-1', ruleId: 'JZ-06-01', kind: 'comment', reason: '旧意见', reviewer: '甲', at: '2027-01-06T10:00:00+08:00' });
    v1.close();

    const db = openDeskDb(opts);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    const c1 = await db.cases.get('c-1');
    expect(c1?.runCount).toBe(2);
    expect(c1?.search).toContain('锦州数据运营有限公司');
    expect(c1?.search).toContain('/data/bundle-2026');
    expect((await db.cases.get('c-2'))?.runCount).toBe(0);
    const [d] = await db.decisions.toArray();
    expect(d.runId).toBe('run-2');
    expect(d.reason).toBe('旧意见');
    // The new compound index works on migrated rows.
    expect(await db.decisions.where('[caseId+runId]').equals(['c-1', 'run-2']).count()).toBe(1);
    db.close();
  });

  it('migrates v2 to v3 without touching decisions that already name their run', async () => {
    const opts = fresh();
    const v2 = openDeskDb(opts, 2);
    await v2.open();
    await v2.table('cases').add({ id: 'c-1', latestRunId: 'run-9', period: { start: '', end: '' }, bundleSource: '', operatorName: null, operatorId: null });
    await v2.table('decisions').add({ caseId: 'c-1', runId: 'run-1', ruleId: 'JZ-06-01', kind: 'comment', reason: 'x', reviewer: 'y', at: 'z' });
    v2.close();
    const db = openDeskDb(opts);
    await db.open();
    expect((await db.decisions.toArray())[0].runId).toBe('run-1');
    db.close();
  });

  it('migrates v3 to v4: everything kept, the incident audit tables empty and usable on the old case', async () => {
    const opts = fresh();
    const v3 = openDeskDb(opts, 3);
    const f = makeFindings();
    await v3.open();
    expect(v3.tables.map((t) => t.name)).not.toContain('eventMarks');
    await v3.table('cases').add({ id: 'c-1', operatorName: '锦州数据运营有限公司', operatorId: 'X', period: f.period, bundleSource: '/b', manifestSha256: 'ab', conclusion: 'non_compliant', toolConclusion: 'non_compliant', createdAt: 'a', updatedAt: 'a', latestRunId: 'run-1', runCount: 1, search: '锦州' });
    await v3.table('runs').add({ id: 'run-1', caseId: 'c-1', seq: 1, at: 'x', bundlePath: '/b', manifestSha256: 'ab', reviewId: null, findingsArtifactId: null, findings: f });
    await v3.table('decisions').add({ caseId: 'c-1', runId: 'run-1', ruleId: 'JZ-06-01', kind: 'comment', reason: '旧意见', reviewer: '甲', at: '2027-01-06T10:00:00+08:00' });
    const log = appendLogEntry([], { at: '2027-01-06T09:00:00+08:00', who: '甲', action: 'case_open' });
    await v3.table('log').add({ ...log[0], caseId: 'c-1' });
    v3.close();

    const db = openDeskDb(opts);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.decisions.count()).toBe(1);
    expect((await db.runs.get('run-1'))?.findings.results).toHaveLength(f.results.length);
    expect(await db.eventMarks.count()).toBe(0);
    expect(await db.episodeJudgments.count()).toBe(0);
    const repos = repositoriesOf(db);
    // The migrated case takes marks and judgments; the judgment chains onto the old log.
    await repos.incidents.setMark({ caseId: 'c-1', runId: 'run-1', incidentId: 'INC-1', event: { file: 'logs/a.csv', line: 3, eventId: 'E1', at: '2026-04-18T09:00:00+08:00' }, marked: true, stamp: { who: '乙', at: '2027-01-07T09:00:00+08:00' } });
    expect((await repos.incidents.marks('c-1', 'run-1')).map((m) => m.key)).toEqual([eventMarkKey('run-1', 'INC-1', 'logs/a.csv', 3)]);
    await repos.incidents.judge({
      caseId: 'c-1', runId: 'run-1', verdict: 'explained', note: '例行归档', stamp: { who: '乙', at: '2027-01-07T09:05:00+08:00' },
      episode: { key: 'log_delete|u6|logs/a.csv:3', kind: 'log_delete', actor: 'u6', first: 'x', last: 'x', eventCount: 1, events: [], nearestIncident: null, covered: false },
    });
    const after = await repos.log.list('c-1');
    expect(after.map((e) => e.action)).toEqual(['case_open', 'x-episode_judgment']);
    expect(verifyLog(after).ok).toBe(true);
    db.close();
  });

  it('migrates v4 to v5: every case kept, a renamed case back to its first run\'s operator and period, searchable by manifest hash', async () => {
    const opts = fresh();
    const v4 = openDeskDb(opts, 4);
    await v4.open();
    const first = makeFindings();
    // The second run was of another operator's bundle, which renamed the case before v5.
    const other = makeFindings({ bundle: { source: '/o', operatorId: '91210700MA0JZ0002Y', operatorName: '锦州另一运营有限公司', manifestSha256: 'ef'.repeat(32) }, period: { start: '2027-01-01', end: '2027-12-31' } });
    await v4.table('cases').bulkAdd([
      { id: 'c-1', operatorName: '锦州另一运营有限公司', operatorId: '91210700MA0JZ0002Y', period: other.period, bundleSource: '/o', manifestSha256: 'ef'.repeat(32), conclusion: 'compliant', toolConclusion: 'compliant', createdAt: 'a', updatedAt: 'b', latestRunId: 'run-2', runCount: 2, search: 'x' },
      { id: 'c-2', operatorName: '锦州数据运营有限公司', operatorId: '91210700MA0JZ0001X', period: first.period, bundleSource: '/b', manifestSha256: 'ab'.repeat(32), conclusion: 'compliant', toolConclusion: 'compliant', createdAt: 'a', updatedAt: 'a', latestRunId: 'run-3', runCount: 1, search: 'y' },
    ]);
    await v4.table('runs').bulkAdd([
      { id: 'run-2', caseId: 'c-1', seq: 2, at: 'y', bundlePath: '/o', manifestSha256: 'ef'.repeat(32), reviewId: null, findingsArtifactId: null, findings: other },
      { id: 'run-1', caseId: 'c-1', seq: 1, at: 'x', bundlePath: '/b', manifestSha256: 'ab'.repeat(32), reviewId: null, findingsArtifactId: null, findings: first },
      { id: 'run-3', caseId: 'c-2', seq: 1, at: 'x', bundlePath: '/b', manifestSha256: 'ab'.repeat(32), reviewId: null, findingsArtifactId: null, findings: first },
    ]);
    await v4.table('decisions').add({ caseId: 'c-1', runId: 'run-1', ruleId: 'JZ-06-01', kind: 'comment', reason: '旧意见', reviewer: '甲', at: 'z' });
    v4.close();

    const db = openDeskDb(opts);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.cases.count()).toBe(2);
    const c1 = await db.cases.get('c-1');
    expect(c1).toMatchObject({ operatorName: '锦州数据运营有限公司', operatorId: '91210700MA0JZ0001X', period: first.period, latestRunId: 'run-2', runCount: 2, bundleSource: '/o' });
    expect(await db.runs.count()).toBe(3);
    expect(await db.decisions.count()).toBe(1);
    const repos = repositoriesOf(db);
    expect((await repos.cases.search('efefefefefef')).map((c) => c.id)).toEqual(['c-1']);
    expect((await repos.cases.search('91210700MA0JZ0001X')).map((c) => c.id).sort()).toEqual(['c-1', 'c-2']);
    expect(await repos.cases.search('锦州另一')).toEqual([]);
    db.close();
  });
});
