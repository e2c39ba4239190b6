import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../shared/review/log.js';
import { makeFindings } from '../../shared/review/testing.js';
import type { EpisodeView } from '../../shared/incidents/episodes.js';
import { IdentityMismatch } from '../model/case-identity.js';
import { openRepositories } from './index.js';

const stamp = (at: string) => ({ who: '审查员甲', at });

function repos() {
  return openRepositories({ indexedDB: new IDBFactory(), IDBKeyRange });
}

const review = (over = {}) => ({ findings: makeFindings(over), bundlePath: '/data/bundle', reviewId: 'r-1', findingsArtifactId: 'a-1' });

describe('cases', () => {
  it('creates a case with its first run and two log entries, and finds it by operator or source', async () => {
    const r = repos();
    const { caseRecord, run } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    expect(caseRecord.operatorName).toBe('锦州数据运营有限公司');
    expect(caseRecord.manifestSha256).toBe('ab'.repeat(32));
    expect(run.seq).toBe(1);
    expect((await r.cases.run(run.id))?.findings.results).toHaveLength(6);
    const log = await r.log.list(caseRecord.id);
    expect(log.map((e) => e.action)).toEqual(['case_open', 'review_run']);
    expect(verifyLog(log).ok).toBe(true);
    expect((await r.cases.search('锦州 2026')).map((c) => c.id)).toEqual([caseRecord.id]);
    expect(await r.cases.search('/data/BUNDLE')).toHaveLength(1);
    expect(await r.cases.search('沈阳')).toHaveLength(0);
  });

  it('lists the most recently changed case first', async () => {
    const r = repos();
    const a = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'compliant');
    const b = await r.cases.create(review(), stamp('2027-01-07T10:00:00+08:00'), 'compliant');
    expect((await r.cases.list()).map((c) => c.id)).toEqual([b.caseRecord.id, a.caseRecord.id]);
    await r.cases.setConclusion(a.caseRecord.id, 'non_compliant', '2027-01-07T11:00:00+08:00');
    expect((await r.cases.list()).map((c) => c.id)).toEqual([a.caseRecord.id, b.caseRecord.id]);
  });

  it('adds a re-evaluation run that becomes current, logged after the first, under the case\'s own name', async () => {
    const r = repos();
    const { caseRecord } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    // Same credit code and period, a renamed company: the case keeps the name it was opened with.
    const later = review({ bundle: { source: '/b2', operatorId: '91210700MA0JZ0001X', operatorName: '新名', manifestSha256: 'cd'.repeat(32) } });
    const run2 = await r.cases.addRun(caseRecord.id, { ...later, bundlePath: '/data/bundle-v2' }, stamp('2027-03-01T09:00:00+08:00'), 'compliant');
    expect(run2.seq).toBe(2);
    const c = await r.cases.get(caseRecord.id);
    expect(c).toMatchObject({ latestRunId: run2.id, runCount: 2, conclusion: 'compliant', manifestSha256: 'cd'.repeat(32), operatorName: '锦州数据运营有限公司', bundleSource: '/data/bundle-v2' });
    expect((await r.cases.runs(caseRecord.id)).map((x) => x.seq)).toEqual([1, 2]);
    expect(await r.cases.search('cdcdcdcdcdcd')).toHaveLength(1);
    const log = await r.log.list(caseRecord.id);
    expect(log.map((e) => e.action)).toEqual(['case_open', 'review_run', 'review_run']);
    expect(verifyLog(log).ok).toBe(true);
  });

  it('refuses a re-evaluation with another operator\'s or another period\'s bundle, changing nothing', async () => {
    const r = repos();
    const { caseRecord } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    const other = review({ bundle: { source: '/o', operatorId: '91210700MA0JZ0002Y', operatorName: '锦州另一运营有限公司', manifestSha256: 'ef'.repeat(32) } });
    const error = await r.cases.addRun(caseRecord.id, other, stamp('2027-03-01T09:00:00+08:00'), 'compliant').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityMismatch);
    expect((error as IdentityMismatch).bundleIdentity.operatorId).toBe('91210700MA0JZ0002Y');
    expect((error as IdentityMismatch).caseIdentity.operatorId).toBe('91210700MA0JZ0001X');
    await expect(r.cases.addRun(caseRecord.id, review({ period: { start: '2027-01-01', end: '2027-12-31' } }), stamp('2027-03-01T09:00:00+08:00'), 'compliant')).rejects.toThrow(IdentityMismatch);
    expect(await r.cases.get(caseRecord.id)).toEqual(caseRecord);
    expect(await r.cases.runs(caseRecord.id)).toHaveLength(1);
    expect((await r.log.list(caseRecord.id)).map((e) => e.action)).toEqual(['case_open', 'review_run']);
  });

  it('takes decisions on the current run only: an earlier run is read-only', async () => {
    const r = repos();
    const { caseRecord, run } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    const d = await r.decisions.add({ caseId: caseRecord.id, runId: run.id, draft: { ruleId: 'JZ-06-01', kind: 'comment', reason: '第一次' }, stamp: stamp('2027-01-07T10:00:00+08:00'), before: null, conclusion: 'non_compliant' });
    await r.cases.addRun(caseRecord.id, review(), stamp('2027-03-01T09:00:00+08:00'), 'compliant');
    const draft = { ruleId: 'JZ-06-01', kind: 'comment' as const, reason: '补记' };
    await expect(r.decisions.add({ caseId: caseRecord.id, runId: run.id, draft, stamp: stamp('2027-03-01T10:00:00+08:00'), before: null, conclusion: 'compliant' })).rejects.toThrow(/read-only/);
    await expect(r.decisions.withdraw({ caseId: caseRecord.id, id: d.id, reason: 'x', stamp: stamp('2027-03-01T10:00:00+08:00'), conclusion: 'compliant' })).rejects.toThrow(/read-only/);
    const event = { file: 'logs/a.csv', line: 1, eventId: 'E1', at: '2026-04-18T09:00:00+08:00' };
    await expect(r.incidents.setMark({ caseId: caseRecord.id, runId: run.id, incidentId: 'I', event, marked: true, stamp: stamp('2027-03-01T10:00:00+08:00') })).rejects.toThrow(/read-only/);
    // The earlier run's decision is still there to be read.
    expect((await r.decisions.forRun(caseRecord.id, run.id)).map((x) => x.reason)).toEqual(['第一次']);
    expect((await r.cases.get(caseRecord.id))?.conclusion).toBe('compliant');
  });

  it('deletes a case with everything in it, and nothing of other cases', async () => {
    const r = repos();
    const a = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'compliant');
    const b = await r.cases.create(review(), stamp('2027-01-07T09:30:00+08:00'), 'compliant');
    await r.decisions.add({ caseId: a.caseRecord.id, runId: a.run.id, draft: { ruleId: 'JZ-06-01', kind: 'comment', reason: 'x' }, stamp: stamp('2027-01-07T10:00:00+08:00'), before: null, conclusion: 'compliant' });
    await r.cases.remove(a.caseRecord.id);
    expect(await r.cases.get(a.caseRecord.id)).toBeUndefined();
    expect(await r.cases.run(a.run.id)).toBeUndefined();
    expect(await r.decisions.forCase(a.caseRecord.id)).toEqual([]);
    expect(await r.log.list(a.caseRecord.id)).toEqual([]);
    expect(await r.log.list(b.caseRecord.id)).toHaveLength(2);
  });
});

describe('decisions', () => {
  it('saves a decision with its log entry (before → after) and the case conclusion in one go', async () => {
    const r = repos();
    const { caseRecord, run } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    const d = await r.decisions.add({
      caseId: caseRecord.id, runId: run.id, stamp: stamp('2027-01-07T10:00:00+08:00'), conclusion: 'basically_compliant',
      draft: { ruleId: 'JZ-06-01', kind: 'override', status: 'pass', reason: '线下渠道已关闭' }, before: { status: 'fail', verdict: null },
    });
    expect(d.id).toBeGreaterThan(0);
    expect(d.reviewer).toBe('审查员甲');
    expect(await r.decisions.forRun(caseRecord.id, run.id)).toEqual([d]);
    const log = await r.log.list(caseRecord.id);
    const last = log.at(-1)!;
    expect(last).toMatchObject({ action: 'decision_add', ruleId: 'JZ-06-01', who: '审查员甲', before: { status: 'fail', verdict: null } });
    expect(last.after).toMatchObject({ kind: 'override', status: 'pass', reason: '线下渠道已关闭', id: d.id });
    expect((await r.cases.get(caseRecord.id))?.conclusion).toBe('basically_compliant');
    expect((await r.log.verify(caseRecord.id)).ok).toBe(true);
  });

  it('withdraws a decision once, keeping it and logging the withdrawal', async () => {
    const r = repos();
    const { caseRecord, run } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    const d = await r.decisions.add({ caseId: caseRecord.id, runId: run.id, stamp: stamp('2027-01-07T10:00:00+08:00'), conclusion: 'compliant', draft: { ruleId: 'JZ-06-01', kind: 'comment', reason: '意见' }, before: null });
    const w = await r.decisions.withdraw({ caseId: caseRecord.id, id: d.id, reason: '录入错误', stamp: stamp('2027-01-07T11:00:00+08:00'), conclusion: 'non_compliant' });
    expect(w.withdrawnAt).toBe('2027-01-07T11:00:00+08:00');
    expect((await r.decisions.forCase(caseRecord.id))[0].withdrawReason).toBe('录入错误');
    await expect(r.decisions.withdraw({ caseId: caseRecord.id, id: d.id, reason: 'again', stamp: stamp('2027-01-07T12:00:00+08:00'), conclusion: 'compliant' })).rejects.toThrow(/already/);
    const log = await r.log.list(caseRecord.id);
    expect(log.map((e) => e.action)).toEqual(['case_open', 'review_run', 'decision_add', 'decision_withdraw']);
    expect(verifyLog(log).ok).toBe(true);
    // The failed second withdrawal changed nothing.
    expect((await r.cases.get(caseRecord.id))?.conclusion).toBe('non_compliant');
  });

  it('a failing write leaves neither the decision nor its log entry', async () => {
    const r = repos();
    const { caseRecord, run } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    // A value IndexedDB cannot store (a function) makes the log write fail inside the transaction.
    await expect(r.decisions.add({ caseId: caseRecord.id, runId: run.id, stamp: stamp('2027-01-07T10:00:00+08:00'), conclusion: 'compliant', draft: { ruleId: 'JZ-06-01', kind: 'comment', reason: 'x', owner: (() => 1) as unknown as string }, before: null })).rejects.toThrow();
    expect(await r.decisions.forCase(caseRecord.id)).toEqual([]);
    expect(await r.log.list(caseRecord.id)).toHaveLength(2);
  });

  it('survives closing and reopening the database', async () => {
    const idb = new IDBFactory();
    const a = openRepositories({ indexedDB: idb, IDBKeyRange });
    const { caseRecord, run } = await a.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    await a.decisions.add({ caseId: caseRecord.id, runId: run.id, stamp: stamp('2027-01-07T10:00:00+08:00'), conclusion: 'non_compliant', draft: { ruleId: 'JZ-06-01', kind: 'waiver', reason: '过渡期', expires: '2027-06-30', approver: '局长', approvalDoc: '锦数〔2027〕1号' }, before: null });
    a.close();
    const b = openRepositories({ indexedDB: idb, IDBKeyRange });
    const [d] = await b.decisions.forCase(caseRecord.id);
    expect(d).toMatchObject({ kind: 'waiver', approver: '局长', approvalDoc: '锦数〔2027〕1号', expires: '2027-06-30' });
    b.close();
  });
});

describe('reports and settings', () => {
  it('records a report built, signed and saved, each in the log', async () => {
    const r = repos();
    const { caseRecord, run } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    const summary = { ...makeFindings().summary };
    await r.reports.built({ id: 'CD-1', caseId: caseRecord.id, runId: run.id, at: '2027-01-07T12:00:00+08:00', fileName: 'r.pdf', sha256: 'aa', finalSummary: summary, artifactId: 'a-2', signed: null, savedPath: null }, stamp('2027-01-07T12:00:00+08:00'));
    await r.reports.signed('CD-1', { artifactId: 'a-3', fileName: 'r-已签名.pdf', sha256: 'bb', at: '2027-01-07T12:01:00+08:00' }, '审查员甲', stamp('2027-01-07T12:01:00+08:00'));
    const saved = await r.reports.saved('CD-1', '/out/r-已签名.pdf', stamp('2027-01-07T12:02:00+08:00'));
    expect(saved.signed?.sha256).toBe('bb');
    expect((await r.reports.forCase(caseRecord.id))[0].savedPath).toBe('/out/r-已签名.pdf');
    expect((await r.log.list(caseRecord.id)).slice(2).map((e) => e.action)).toEqual(['x-report_build', 'report_issue', 'x-report_save']);
  });

  it('keeps the language and profile, and ignores a damaged value', async () => {
    const r = repos();
    expect(await r.settings.load()).toEqual({ lang: 'zh', profile: {} });
    await r.settings.set('lang', 'en');
    await r.settings.set('profile', { rules: { 'JZ-17-01': { params: { max_log_gap_hours: 48 } } } });
    expect(await r.settings.load()).toEqual({ lang: 'en', profile: { rules: { 'JZ-17-01': { params: { max_log_gap_hours: 48 } } } } });
    await r.settings.set('lang', 'fr' as 'en');
    expect((await r.settings.load()).lang).toBe('zh');
  });
});

describe('the incident audit', () => {
  const episode = (over: Partial<EpisodeView> = {}): EpisodeView => ({
    key: 'log_delete|u006|logs/2026-08.jsonl:868', kind: 'log_delete', actor: 'u006', first: '2026-08-30T02:17:00+08:00', last: '2026-08-30T02:17:00+08:00',
    eventCount: 1, events: [], nearestIncident: null, covered: false, ...over,
  });
  const event = { file: 'logs/2026-10.jsonl.gz', line: 570, eventId: 'E00008609', at: '2026-10-20T12:25:07+08:00' };

  it('marks and unmarks events per run and incident; a mark survives reopening the database', async () => {
    const idb = new IDBFactory();
    const a = openRepositories({ indexedDB: idb, IDBKeyRange });
    const { caseRecord, run } = await a.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    const base = { caseId: caseRecord.id, runId: run.id, incidentId: 'INC-2026-002', event, stamp: stamp('2027-01-07T10:00:00+08:00') };
    expect(await a.incidents.setMark({ ...base, marked: true })).toMatchObject({ incidentId: 'INC-2026-002', eventId: 'E00008609', by: '审查员甲' });
    // Marking twice keeps one mark; another incident has its own.
    await a.incidents.setMark({ ...base, marked: true });
    await a.incidents.setMark({ ...base, incidentId: 'INC-2026-001', marked: true });
    expect(await a.incidents.marks(caseRecord.id, run.id)).toHaveLength(2);
    expect(await a.incidents.marks(caseRecord.id, 'run-other')).toEqual([]);
    await a.incidents.setMark({ ...base, incidentId: 'INC-2026-001', marked: false });
    a.close();
    const b = openRepositories({ indexedDB: idb, IDBKeyRange });
    expect((await b.incidents.marks(caseRecord.id, run.id)).map((m) => [m.incidentId, m.line])).toEqual([['INC-2026-002', 570]]);
    // Marks are not decisions: the log is unchanged.
    expect((await b.log.list(caseRecord.id)).map((e) => e.action)).toEqual(['case_open', 'review_run']);
    b.close();
  });

  it('keeps every judgment of an episode, each with a chained log entry naming the one it replaces', async () => {
    const r = repos();
    const { caseRecord, run } = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'non_compliant');
    const base = { caseId: caseRecord.id, runId: run.id, episode: episode() };
    await r.incidents.judge({ ...base, verdict: 'explained', note: '例行归档', stamp: stamp('2027-01-07T10:00:00+08:00') });
    const second = await r.incidents.judge({ ...base, verdict: 'needs_incident_report', note: '未见审批记录', stamp: stamp('2027-01-07T10:05:00+08:00') });
    expect(second).toMatchObject({ verdict: 'needs_incident_report', by: '审查员甲', at: '2027-01-07T10:05:00+08:00' });
    const js = await r.incidents.judgments(caseRecord.id, run.id);
    expect(js.map((j) => j.verdict)).toEqual(['explained', 'needs_incident_report']);
    const log = await r.log.list(caseRecord.id);
    expect(log.slice(2).map((e) => [e.action, e.ruleId])).toEqual([['x-episode_judgment', 'JZ-21-03'], ['x-episode_judgment', 'JZ-21-03']]);
    expect(log[3].before).toEqual({ verdict: 'explained', note: '例行归档', by: '审查员甲', at: '2027-01-07T10:00:00+08:00' });
    expect(log[3].after).toMatchObject({ episodeKey: episode().key, kind: 'log_delete', actor: 'u006', verdict: 'needs_incident_report', note: '未见审批记录' });
    expect(verifyLog(log).ok).toBe(true);
  });

  it('deleting a case deletes its marks and judgments, and nothing of other cases', async () => {
    const r = repos();
    const a = await r.cases.create(review(), stamp('2027-01-07T09:00:00+08:00'), 'compliant');
    const b = await r.cases.create(review(), stamp('2027-01-07T09:30:00+08:00'), 'compliant');
    for (const c of [a, b]) {
      await r.incidents.setMark({ caseId: c.caseRecord.id, runId: c.run.id, incidentId: 'I', event, marked: true, stamp: stamp('2027-01-07T10:00:00+08:00') });
      await r.incidents.judge({ caseId: c.caseRecord.id, runId: c.run.id, episode: episode(), verdict: 'explained', note: 'x', stamp: stamp('2027-01-07T10:00:00+08:00') });
    }
    await r.cases.remove(a.caseRecord.id);
    expect(await r.incidents.marks(a.caseRecord.id, a.run.id)).toEqual([]);
    expect(await r.incidents.judgments(a.caseRecord.id, a.run.id)).toEqual([]);
    expect(await r.incidents.marks(b.caseRecord.id, b.run.id)).toHaveLength(1);
    expect(await r.incidents.judgments(b.caseRecord.id, b.run.id)).toHaveLength(1);
  });
});
