import { describe, expect, it, vi } from 'vitest';
import type { Findings } from '../../shared/engine/assess.js';
import { makeFindings } from '../../shared/review/testing.js';
import { incidentFindings, TEST_EPISODES, testStore } from './testing.js';

async function withCase(o: Parameters<typeof testStore>[0] = {}) {
  const t = testStore(o);
  await t.store.getState().loadSettings();
  await t.store.getState().startReview({ path: '/data/bundle', kind: 'folder' });
  return t;
}

describe('running a review', () => {
  it('creates a case from the answer and opens its overview; progress of its run id is shown', async () => {
    const t = testStore();
    await t.store.getState().loadSettings();
    let release!: () => void;
    t.api.openBundle.mockImplementationOnce(async (req) => {
      await new Promise<void>((r) => (release = r));
      return { ok: true, value: { outcome: 'reviewed', reviewId: 'r-9', bundlePath: req.path!, findings: makeFindings(), findingsArtifactId: 'a-9' } };
    });
    const pending = t.store.getState().startReview({ path: '/data/bundle', kind: 'folder' });
    const runId = t.store.getState().run.runId!;
    expect(t.store.getState().run.status).toBe('running');
    t.emit({ runId: 'someone-else', phase: 'logs', bytesDone: 9, bytesTotal: 10, events: 1, eventsPerSecond: 1, etaSeconds: 1 });
    expect(t.store.getState().run.progress).toBeNull();
    t.emit({ runId, phase: 'logs', bytesDone: 500, bytesTotal: 1000, events: 4000, eventsPerSecond: 8000, etaSeconds: 0.5 });
    expect(t.store.getState().run.progress).toMatchObject({ bytesDone: 500, eventsPerSecond: 8000 });
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    release();
    await pending;
    const s = t.store.getState();
    expect(s.run.status).toBe('idle');
    expect(s.cases).toHaveLength(1);
    expect(s.route).toEqual({ screen: 'case', caseId: s.cases![0].id, tab: 'overview' });
    expect(s.current?.findings.results).toHaveLength(6);
    expect(s.current?.caseRecord.conclusion).toBe('non_compliant');
    expect(s.current?.log.map((e) => e.action)).toEqual(['case_open', 'review_run']);
    expect(s.current?.log[0].who).toBe('审查员甲');
  });

  it('sends the default profile when one is set, and none otherwise', async () => {
    const t = testStore();
    await t.store.getState().startReview({ path: '/a', kind: 'folder' });
    expect(t.api.openBundle.mock.calls[0][0]).not.toHaveProperty('profile');
    await t.store.getState().setProfile({ rules: { 'JZ-24-01': { enabled: false } } });
    await t.store.getState().startReview({ path: '/a', kind: 'zip' });
    expect(t.api.openBundle.mock.calls[1][0]).toMatchObject({ kind: 'zip', path: '/a', profile: { rules: { 'JZ-24-01': { enabled: false } } } });
  });

  it('a cancelled review leaves nothing behind, even when main finished just before the cancel', async () => {
    const t = testStore();
    let release!: () => void;
    t.api.openBundle.mockImplementationOnce(async (req) => {
      await new Promise<void>((r) => (release = r));
      return { ok: true, value: { outcome: 'reviewed', reviewId: 'r-1', bundlePath: req.path!, findings: makeFindings(), findingsArtifactId: 'a-1' } };
    });
    const pending = t.store.getState().startReview({ path: '/data/bundle', kind: 'folder' });
    const runId = t.store.getState().run.runId;
    await t.store.getState().cancelReview();
    expect(t.api.cancelReview).toHaveBeenCalledWith({ runId });
    expect(t.store.getState().run.status).toBe('cancelling');
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    release();
    await pending;
    expect(t.store.getState().run.status).toBe('cancelled');
    expect(await t.repos.cases.list()).toEqual([]);
  });

  it('shows main\'s refusal and writes nothing', async () => {
    const t = testStore();
    t.api.openBundle.mockResolvedValueOnce({ ok: false, error: { code: 'bundle', message: '找不到证据包：x' } });
    await t.store.getState().startReview({ path: '/nope', kind: 'folder' });
    expect(t.store.getState().run).toMatchObject({ status: 'failed', message: '找不到证据包：x' });
    expect(await t.repos.cases.list()).toEqual([]);
  });

  it('refuses a second review while one runs', async () => {
    const t = testStore();
    t.api.openBundle.mockImplementationOnce(() => new Promise(() => {}));
    void t.store.getState().startReview({ path: '/a', kind: 'folder' });
    await t.store.getState().startReview({ path: '/b', kind: 'folder' });
    expect(t.api.openBundle).toHaveBeenCalledTimes(1);
    expect(t.store.getState().notice?.kind).toBe('error');
  });
});

describe('decisions', () => {
  it('refuses an override without a reason, saves one with a reason and moves the conclusion', async () => {
    const t = await withCase();
    expect(await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'override', status: 'pass', reason: ' ' })).toEqual(['reason']);
    expect(await t.repos.decisions.forCase(t.store.getState().current!.caseRecord.id)).toEqual([]);
    expect(await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'override', status: 'pass', reason: '线下渠道已关闭' })).toEqual([]);
    const cur = t.store.getState().current!;
    const rule = cur.standing.rules.find((e) => e.result.ruleId === 'JZ-06-01')!;
    expect(rule.status).toBe('pass');
    expect(rule.toolStatus).toBe('fail');
    // The only high failure is overridden; JZ-13-01 still lacks evidence.
    expect(cur.standing.conclusion).toBe('basically_compliant');
    expect(cur.caseRecord.conclusion).toBe('basically_compliant');
    const last = cur.log.at(-1)!;
    expect(last).toMatchObject({ action: 'decision_add', ruleId: 'JZ-06-01', before: { status: 'fail', verdict: null } });
    expect(cur.logCheck.ok).toBe(true);
  });

  it('keeps every decision across a reload of the page (a new store on the same database)', async () => {
    const t = await withCase();
    const caseId = t.store.getState().current!.caseRecord.id;
    await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'waiver', reason: '过渡期', approver: '局长', approvalDoc: '锦数〔2027〕1号', expires: '2027-06-30' });
    await t.store.getState().addDecision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reason: '集中度有合理解释' });
    await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下渠道', deadline: '2027-03-31' });
    const again = testStore({ idb: t.idb });
    await again.store.getState().loadSettings();
    await again.store.getState().openCase(caseId);
    const cur = again.store.getState().current!;
    expect(cur.decisions.map((d) => d.kind)).toEqual(['waiver', 'judgment', 'rectification']);
    const by = Object.fromEntries(cur.standing.rules.map((e) => [e.result.ruleId, e]));
    expect(by['JZ-06-01'].waiver).toMatchObject({ expires: '2027-06-30', approvalDoc: '锦数〔2027〕1号' });
    expect(by['JZ-12-02'].status).toBe('pass');
    expect(cur.log).toHaveLength(5);
    expect(cur.logCheck.ok).toBe(true);
  });

  it('a waiver needs an approver and an expiry not in the past; a rectification a deadline', async () => {
    const t = await withCase();
    expect(await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'waiver', reason: 'x', expires: '2026-01-01' })).toEqual(['expired', 'approver']);
    expect(await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: 'x', deadline: '2027-02-30' })).toEqual(['deadline']);
  });

  it('withdraws a decision: the rule goes back to the tool status, the log grows', async () => {
    const t = await withCase();
    await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'override', status: 'pass', reason: '已关闭' });
    const id = t.store.getState().current!.decisions[0].id;
    expect(await t.store.getState().withdrawDecision(id, '误判')).toBe(true);
    const cur = t.store.getState().current!;
    expect(cur.standing.rules.find((e) => e.result.ruleId === 'JZ-06-01')!.status).toBe('fail');
    expect(cur.caseRecord.conclusion).toBe('non_compliant');
    expect(cur.log.at(-1)!.action).toBe('decision_withdraw');
  });
});

describe('re-evaluation', () => {
  it('runs a new version into the same case and compares: changed rules, closed rectification', async () => {
    const t = await withCase();
    const caseId = t.store.getState().current!.caseRecord.id;
    await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下渠道', deadline: '2027-03-31' });
    await t.store.getState().addDecision({ ruleId: 'JZ-14-01', kind: 'rectification', reason: '补充分级', deadline: '2027-01-01' });
    const fixed = makeFindings();
    const r = fixed.results.find((x) => x.ruleId === 'JZ-06-01')!;
    Object.assign(r, { status: 'pass', evidence: [], evidenceCount: 0 });
    t.api.openBundle.mockResolvedValueOnce({ ok: true, value: { outcome: 'reviewed', reviewId: 'r-2', bundlePath: '/data/bundle-v2', findings: fixed as Findings, findingsArtifactId: 'a-2' } });
    await t.store.getState().startReview({ path: '/data/bundle-v2', kind: 'folder', caseId });
    const s = t.store.getState();
    expect(s.route).toEqual({ screen: 'case', caseId, tab: 'compare' });
    expect(s.current!.runs.map((x) => x.seq)).toEqual([1, 2]);
    expect(s.current!.decisions).toEqual([]);
    await s.compare(s.current!.runs[0].id, s.current!.runs[1].id);
    const cmp = t.store.getState().comparison!.result;
    expect(cmp.rows.filter((x) => x.change !== 'same').map((x) => [x.ruleId, x.before, x.after, x.change])).toEqual([['JZ-06-01', 'fail', 'pass', 'improved']]);
    expect(cmp.rectification.map((x) => [x.ruleId, x.closed, x.overdue])).toEqual([['JZ-06-01', true, false], ['JZ-14-01', false, true]]);
    expect((await t.repos.cases.list()).length).toBe(1);
  });

  it('reloading the same bundle after a restart only re-attaches main\'s review; another bundle is refused', async () => {
    const t = await withCase();
    const cur = t.store.getState().current!;
    await t.store.getState().startReview({ path: '/data/bundle', kind: 'folder', reattachRunId: cur.run.id });
    expect(t.store.getState().run.status).toBe('reattached');
    expect(t.store.getState().current!.run.reviewId).toBe('r-2');
    expect((await t.repos.cases.runs(cur.caseRecord.id))).toHaveLength(1);
    t.api.openBundle.mockResolvedValueOnce({ ok: true, value: { outcome: 'reviewed', reviewId: 'r-3', bundlePath: '/x', findings: makeFindings({ bundle: { ...makeFindings().bundle, manifestSha256: 'cc'.repeat(32) } }), findingsArtifactId: 'a-3' } });
    await t.store.getState().startReview({ path: '/x', kind: 'folder', reattachRunId: cur.run.id });
    expect(t.store.getState().run.status).toBe('mismatch');
    expect(t.store.getState().current!.run.reviewId).toBe('r-2');
  });
});

describe('cases keep their identity', () => {
  const otherOperator = () => makeFindings({ bundle: { source: '/other', operatorId: '91210700MA0JZ0002Y', operatorName: '锦州另一运营有限公司', manifestSha256: 'ef'.repeat(32) } });

  it('refuses a re-evaluation with another operator\'s bundle, naming both; the offered new case keeps both cases', async () => {
    const t = await withCase();
    const first = t.store.getState().current!.caseRecord;
    t.api.openBundle.mockResolvedValueOnce({ ok: true, value: { outcome: 'reviewed', reviewId: 'r-2', bundlePath: '/data/other', findings: otherOperator(), findingsArtifactId: 'a-2' } });
    await t.store.getState().startReview({ path: '/data/other', kind: 'folder', caseId: first.id });
    const s = t.store.getState();
    expect(s.run.status).toBe('refused');
    expect(s.run.caseId).toBe(first.id);
    expect(s.run.refused?.caseIdentity).toMatchObject({ operatorId: '91210700MA0JZ0001X', operatorName: '锦州数据运营有限公司' });
    expect(s.run.refused?.bundleIdentity).toMatchObject({ operatorId: '91210700MA0JZ0002Y', operatorName: '锦州另一运营有限公司' });
    expect(await t.repos.cases.get(first.id)).toEqual(first);
    expect(await t.repos.cases.runs(first.id)).toHaveLength(1);

    await s.newCaseFromRefused();
    expect(t.api.openBundle).toHaveBeenCalledTimes(2);
    const after = t.store.getState();
    expect(after.run.status).toBe('idle');
    const cases = await t.repos.cases.list();
    expect(cases.map((c) => c.operatorName).sort()).toEqual(['锦州另一运营有限公司', '锦州数据运营有限公司']);
    const made = cases.find((c) => c.id !== first.id)!;
    expect(made).toMatchObject({ operatorId: '91210700MA0JZ0002Y', bundleSource: '/data/other', runCount: 1 });
    expect(after.route).toEqual({ screen: 'case', caseId: made.id, tab: 'overview' });
    expect(after.current?.caseRecord.id).toBe(made.id);
  });

  it('refuses another period of the same operator', async () => {
    const t = await withCase();
    const caseId = t.store.getState().current!.caseRecord.id;
    t.api.openBundle.mockResolvedValueOnce({ ok: true, value: { outcome: 'reviewed', reviewId: 'r-2', bundlePath: '/data/2027', findings: makeFindings({ period: { start: '2027-01-01', end: '2027-12-31' } }), findingsArtifactId: 'a-2' } });
    await t.store.getState().startReview({ path: '/data/2027', kind: 'folder', caseId });
    expect(t.store.getState().run.status).toBe('refused');
    expect(t.store.getState().run.refused?.bundleIdentity.period).toEqual({ start: '2027-01-01', end: '2027-12-31' });
    expect(await t.repos.cases.runs(caseId)).toHaveLength(1);
  });

  it('shows an earlier run with its own decisions, read-only; the current run takes decisions again', async () => {
    const t = await withCase();
    const caseId = t.store.getState().current!.caseRecord.id;
    await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'override', status: 'pass', reason: '线下渠道已核实为内部测试' });
    const run1 = t.store.getState().current!.run.id;
    t.api.openBundle.mockResolvedValueOnce({ ok: true, value: { outcome: 'reviewed', reviewId: 'r-2', bundlePath: '/data/bundle-v2', findings: makeFindings(), findingsArtifactId: 'a-2' } });
    await t.store.getState().startReview({ path: '/data/bundle-v2', kind: 'folder', caseId });
    const runs = t.store.getState().current!.runs;
    expect(runs.map((r) => [r.seq, r.bundlePath, r.conclusion])).toEqual([[1, '/data/bundle', 'basically_compliant'], [2, '/data/bundle-v2', 'non_compliant']]);
    expect(t.store.getState().current!.readOnly).toBe(false);

    await t.store.getState().viewRun(run1);
    const earlier = t.store.getState().current!;
    expect(earlier.readOnly).toBe(true);
    expect(earlier.run.id).toBe(run1);
    expect(earlier.decisions.map((d) => d.reason)).toEqual(['线下渠道已核实为内部测试']);
    expect(earlier.standing.rules.find((r) => r.result.ruleId === 'JZ-06-01')?.status).toBe('pass');
    expect(await t.store.getState().addDecision({ ruleId: 'JZ-07-01', kind: 'comment', reason: '补记' })).toEqual(['reason']);
    expect(await t.store.getState().withdrawDecision(earlier.decisions[0].id, '撤回')).toBe(false);
    expect(await t.repos.decisions.forCase(caseId)).toHaveLength(1);

    // Opening the case again (from the list) shows its current run.
    await t.store.getState().openCase(caseId);
    expect(t.store.getState().current!.run.id).toBe(runs[1].id);
    await t.store.getState().viewRun(run1);
    expect(t.store.getState().current!.readOnly).toBe(true);
    await t.store.getState().viewRun(runs[1].id);
    expect(t.store.getState().current!.readOnly).toBe(false);
    expect(await t.store.getState().addDecision({ ruleId: 'JZ-07-01', kind: 'comment', reason: '第二次的意见' })).toEqual([]);
  });
});

describe('report', () => {
  it('builds with the decisions, the waiver\'s approver and the log line, then signs, saves and logs each step', async () => {
    const t = await withCase();
    await t.store.getState().addDecision({ ruleId: 'JZ-06-01', kind: 'waiver', reason: '过渡期', approver: '王局长', approvalDoc: '锦数〔2027〕1号', expires: '2027-06-30' });
    await t.store.getState().addDecision({ ruleId: 'JZ-07-01', kind: 'override', status: 'fail', reason: '抽查发现缺失' });
    await t.store.getState().buildReport();
    const req = t.api.buildReport.mock.calls[0][0];
    expect(req.reviewId).toBe('r-1');
    expect(req.waivers).toEqual([{ ruleId: 'JZ-06-01', justification: '过渡期', reviewer: '王局长', expires: '2027-06-30', approvalDoc: '锦数〔2027〕1号' }]);
    expect(req.decisions?.overrides).toMatchObject([{ ruleId: 'JZ-07-01', to: 'fail', reason: '抽查发现缺失', by: '审查员甲' }]);
    expect(req.decisions?.comments?.at(-1)?.text).toMatch(/复核日志（哈希链）共 4 条，链完整，末条哈希 [0-9a-f]{64}/);
    expect(t.store.getState().report.built?.reportId).toBe('CD-20270107-ABCDEF');
    await t.store.getState().signReport();
    expect(t.store.getState().report.signed?.sha256).toBe('ff'.repeat(32));
    await t.store.getState().saveArtifact('signed');
    expect(t.api.saveFile).toHaveBeenCalledWith({ artifactId: 'a-s1' });
    const cur = t.store.getState().current!;
    expect(cur.log.slice(-3).map((e) => e.action)).toEqual(['x-report_build', 'report_issue', 'x-report_save']);
    expect(cur.reports[0]).toMatchObject({ id: 'CD-20270107-ABCDEF', savedPath: '/out/report.pdf' });
  });

  it('asks for the bundle again when main no longer has the review', async () => {
    const t = await withCase();
    t.api.buildReport.mockResolvedValueOnce({ ok: false, error: { code: 'not-found', message: '找不到该审查结果' } });
    await t.store.getState().buildReport();
    expect(t.store.getState().report.reviewGone).toBe(true);
  });
});

describe('incident audit', () => {
  const [logDelete, covered] = TEST_EPISODES;

  it('loads the timelines and episodes from main for the run, once; a run whose review main lost asks for the bundle', async () => {
    const t = await withCase({ findings: incidentFindings() });
    await t.store.getState().loadIncidents();
    const s = t.store.getState().incidents;
    expect(s.status).toBe('ready');
    expect(t.api.incidentTimelines).toHaveBeenCalledWith({ reviewId: 'r-1' });
    expect(s.data?.timelines.map((x) => [x.id, x.verdict])).toEqual([['INC-1', 'on_time'], ['INC-2', 'late']]);
    await t.store.getState().loadIncidents();
    expect(t.api.incidentTimelines).toHaveBeenCalledTimes(1);
    t.api.incidentTimelines.mockResolvedValueOnce({ ok: false, error: { code: 'not-found', message: '找不到该审查结果' } });
    await t.store.getState().loadIncidents(true);
    expect(t.store.getState().incidents.status).toBe('gone');
    expect(t.store.getState().report.reviewGone).toBe(true);
    t.api.incidentTimelines.mockResolvedValueOnce({ ok: false, error: { code: 'bundle', message: '证据包已被改动' } });
    await t.store.getState().loadIncidents(true);
    expect(t.store.getState().incidents).toMatchObject({ status: 'error', error: '证据包已被改动' });
  });

  it('reads the logs around an incident in the window asked for, and keeps the events marked relevant across a reload', async () => {
    const t = await withCase({ findings: incidentFindings() });
    const caseId = t.store.getState().current!.caseRecord.id;
    await t.store.getState().loadIncidents();
    const window = { startMinutes: -120, endMinutes: 240 };
    await t.store.getState().loadAround('INC-2', window);
    expect(t.api.logsAround).toHaveBeenCalledWith({ reviewId: 'r-1', incidentId: 'INC-2', window });
    const around = t.store.getState().incidents.around;
    expect(around).toMatchObject({ incidentId: 'INC-2', status: 'ready', window });
    await t.store.getState().setMark('INC-2', around.data!.rows[1], true);
    await t.store.getState().setMark('INC-2', around.data!.rows[0], true);
    await t.store.getState().setMark('INC-2', around.data!.rows[0], false);
    expect(t.store.getState().incidents.marks.map((m) => m.eventId)).toEqual(['E605']);

    const again = testStore({ idb: t.idb, findings: incidentFindings() });
    await again.store.getState().loadSettings();
    await again.store.getState().openCase(caseId);
    await again.store.getState().loadIncidents();
    expect(again.store.getState().incidents.marks.map((m) => [m.incidentId, m.eventId, m.file, m.line])).toEqual([['INC-2', 'E605', 'logs/2026-10.jsonl', 605]]);
  });

  it('an answer for an older window does not replace the one asked for since', async () => {
    const t = await withCase({ findings: incidentFindings() });
    await t.store.getState().loadIncidents();
    let release!: () => void;
    t.api.logsAround.mockImplementationOnce(async (req) => {
      await new Promise<void>((r) => (release = r));
      return { ok: true, value: { ...(await import('./testing.js')).testLogs(req), count: 99 } };
    });
    const first = t.store.getState().loadAround('INC-2', { startMinutes: -60, endMinutes: 60 });
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    await t.store.getState().loadAround('INC-2', { startMinutes: -120, endMinutes: 120 });
    release();
    await first;
    expect(t.store.getState().incidents.around).toMatchObject({ window: { startMinutes: -120, endMinutes: 120 }, data: { count: 2 } });
  });

  it('judges episodes into the log, then records the JZ-21-03 decision they lead to through the decision path', async () => {
    const t = await withCase({ findings: incidentFindings() });
    await t.store.getState().loadIncidents();
    // A note is required.
    expect(await t.store.getState().judgeEpisode(logDelete, 'explained', '  ')).toBe(false);
    expect(await t.store.getState().judgeEpisode(logDelete, 'explained', '例行归档')).toBe(true);
    expect(await t.store.getState().judgeEpisode(logDelete, 'needs_incident_report', '删除审计日志未见审批')).toBe(true);
    let cur = t.store.getState().current!;
    expect(cur.log.slice(2).map((e) => e.action)).toEqual(['x-episode_judgment', 'x-episode_judgment']);
    expect(cur.log.at(-1)!.before).toMatchObject({ verdict: 'explained', note: '例行归档' });
    expect(t.store.getState().incidents.judgments.map((j) => j.verdict)).toEqual(['explained', 'needs_incident_report']);

    expect(await t.store.getState().recordEpisodeDecision()).toBe(true);
    cur = t.store.getState().current!;
    const rule = cur.standing.rules.find((r) => r.result.ruleId === 'JZ-21-03')!;
    expect(rule.status).toBe('fail');
    expect(rule.verdict).toMatchObject({ kind: 'judgment', status: 'fail', reviewer: '审查员甲' });
    expect(rule.verdict!.reason).toContain('删除审计日志未见审批');
    expect(cur.log.at(-1)).toMatchObject({ action: 'decision_add', ruleId: 'JZ-21-03', after: { kind: 'judgment', status: 'fail' } });
    expect(cur.logCheck.ok).toBe(true);
    // Recorded: nothing more to record for the same judgments.
    expect(await t.store.getState().recordEpisodeDecision()).toBe(false);
    expect(cur.decisions).toHaveLength(1);
    // The covered episode needs no judgment; explaining the uncovered one turns the proposal to pass.
    expect(await t.store.getState().judgeEpisode(logDelete, 'explained', '经核实为归档迁移，有审批单')).toBe(true);
    expect(await t.store.getState().recordEpisodeDecision()).toBe(true);
    expect(t.store.getState().current!.standing.rules.find((r) => r.result.ruleId === 'JZ-21-03')!.status).toBe('pass');
    expect(covered.covered).toBe(true);
  });

  it('a judgment needs a reviewer named in the settings', async () => {
    const t = await withCase({ findings: incidentFindings() });
    await t.store.getState().saveMainSettings({ reviewer: null });
    expect(await t.store.getState().judgeEpisode(logDelete, 'explained', '说明')).toBe(false);
    expect(t.store.getState().notice?.kind).toBe('error');
    expect(await t.repos.incidents.judgments(t.store.getState().current!.caseRecord.id, t.store.getState().current!.run.id)).toEqual([]);
  });

  it('the report request carries the whole log and the latest judgment of each episode, even if the tab was never opened', async () => {
    const t = await withCase({ findings: incidentFindings() });
    const cur = t.store.getState().current!;
    await t.repos.incidents.judge({ caseId: cur.caseRecord.id, runId: cur.run.id, episode: logDelete, verdict: 'explained', note: '旧', stamp: { who: '审查员甲', at: '2027-01-07T10:00:00+08:00' } });
    await t.repos.incidents.judge({ caseId: cur.caseRecord.id, runId: cur.run.id, episode: logDelete, verdict: 'needs_incident_report', note: '新', stamp: { who: '审查员甲', at: '2027-01-07T10:01:00+08:00' } });
    await t.store.getState().buildReport();
    const req = t.api.buildReport.mock.calls[0][0];
    expect(req.incidents).toEqual({ judgments: [{ episodeKey: logDelete.key, verdict: 'needs_incident_report', note: '新', by: '审查员甲', at: '2027-01-07T10:01:00+08:00' }] });
    const log = await t.repos.log.list(cur.caseRecord.id);
    // The log as it stood when the report was asked for (the build entry comes after).
    expect(req.reviewLog).toEqual(log.slice(0, -1));
    expect(req.reviewLog?.map((e: { action: string }) => e.action)).toEqual(['case_open', 'review_run', 'x-episode_judgment', 'x-episode_judgment']);
  });
});

describe('cases', () => {
  it('searches and deletes', async () => {
    const t = await withCase();
    await t.store.getState().setCaseQuery('沈阳');
    expect(t.store.getState().cases).toEqual([]);
    await t.store.getState().setCaseQuery('锦州');
    const [c] = t.store.getState().cases!;
    await t.store.getState().deleteCase(c.id);
    expect(t.store.getState().cases).toEqual([]);
    expect(t.store.getState().current).toBeNull();
  });
});
