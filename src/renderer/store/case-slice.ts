// The open case: its current run's findings, the decisions on that run, the review log,
// and where the run stands after the decisions. A decision is first saved (with its log
// entry), then shown.

import { verifyLog } from '../../shared/review/log.js';
import type { Decision } from '../../shared/review/types.js';
import { translate } from '../i18n/translate.js';
import { compareRuns } from '../model/compare.js';
import { active, cleanDraft, draftProblems, type CaseDecision } from '../model/decisions.js';
import { standingOf } from '../../shared/review/effective.js';
import { EMPTY_FILTER, rowsOf } from '../model/findings-rows.js';
import type { CaseSlice, CurrentCase, Deps, GetState, SetState } from './state.js';
import { clock, messageOf, reviewerName } from './support.js';

export function caseSlice(set: SetState, get: GetState, deps: Deps): CaseSlice {
  const c = clock(deps);

  const withDecisions = (cur: CurrentCase, decisions: CaseDecision[]): CurrentCase => {
    const standing = standingOf(cur.findings.results, active(decisions), c.today());
    const runs = cur.runs.map((r) => (r.id === cur.run.id ? { ...r, conclusion: standing.conclusion } : r));
    return { ...cur, decisions, standing, runs, rows: rowsOf(standing.rules) };
  };

  const refreshLog = async (cur: CurrentCase): Promise<CurrentCase> => {
    const log = await deps.repos.log.list(cur.caseRecord.id);
    return { ...cur, log, logCheck: verifyLog(log) };
  };

  return {
    current: null,
    caseState: { loading: null, error: null },
    findingsView: { filter: EMPTY_FILTER, grouped: false },
    comparison: null,

    async openCase(id, force = false, runId) {
      const cur = get().current;
      // Opening a case (not a run of it) shows its current run, also after an earlier one was on the screen.
      const same = cur?.caseRecord.id === id && cur.run.id === (runId ?? cur.caseRecord.latestRunId);
      if (!force && (same || get().caseState.loading === id)) return;
      set({ caseState: { loading: id, error: null } });
      const caseRecord = await deps.repos.cases.get(id);
      const run = caseRecord ? await deps.repos.cases.run(runId ?? caseRecord.latestRunId) : undefined;
      if (get().caseState.loading !== id) return;
      if (!caseRecord || !run || run.caseId !== id) {
        set({ current: null, caseState: { loading: null, error: 'not-found' } });
        return;
      }
      const [all, log, reports, runs] = await Promise.all([
        deps.repos.decisions.forCase(id),
        deps.repos.log.list(id),
        deps.repos.reports.forCase(id),
        deps.repos.cases.runs(id),
      ]);
      const today = c.today();
      const decisionsOf = (runId: string) => all.filter((d) => d.runId === runId);
      const base: CurrentCase = {
        caseRecord, run, readOnly: run.id !== caseRecord.latestRunId, findings: run.findings, decisions: [], log, logCheck: verifyLog(log), reports,
        runs: runs.map((r) => ({
          id: r.id, seq: r.seq, at: r.at, bundlePath: r.bundlePath, manifestSha256: r.manifestSha256,
          conclusion: standingOf(r.findings.results, active(decisionsOf(r.id)), today).conclusion,
        })),
        standing: standingOf([], [], today), rows: [],
      };
      const keepView = get().current?.caseRecord.id === id;
      set({
        current: withDecisions(base, decisionsOf(run.id)),
        caseState: { loading: null, error: null },
        ...(keepView ? {} : { findingsView: { filter: EMPTY_FILTER, grouped: false }, comparison: null }),
        report: { ...get().report, built: null, signed: null, savedPath: null, verification: null, error: null, reviewGone: !run.reviewId },
      });
    },

    async viewRun(runId) {
      const cur = get().current;
      if (cur && cur.run.id !== runId) await get().openCase(cur.caseRecord.id, true, runId);
    },

    async addDecision(draft) {
      const cur = get().current;
      const who = reviewerName(get);
      if (!cur || !who || cur.readOnly) return ['reason'];
      const rule = cur.standing.rules.find((e) => e.result.ruleId === draft.ruleId);
      if (!rule) return ['reason'];
      const problems = draftProblems(draft, rule.status, c.today());
      if (problems.length) return problems;
      const clean = cleanDraft(draft);
      const stamp = { who, at: c.at() };
      const next = standingOf(cur.findings.results, [...active(cur.decisions), { ...clean, reviewer: who, at: stamp.at } as Decision], c.today());
      const v = rule.verdict;
      const before = {
        status: rule.status,
        toolStatus: rule.toolStatus,
        verdict: v ? { kind: v.kind, status: v.status, reason: v.reason } : null,
        waived: rule.waiver !== null,
      };
      try {
        const saved = await deps.repos.decisions.add({ caseId: cur.caseRecord.id, runId: cur.run.id, draft: clean, stamp, before, conclusion: next.conclusion });
        const updated = await refreshLog(withDecisions(cur, [...cur.decisions, saved]));
        set({ current: { ...updated, caseRecord: { ...updated.caseRecord, conclusion: next.conclusion, updatedAt: stamp.at } } });
        get().notify('info', translate(get().lang, 'decide.saved'));
        void get().refreshCases();
        return [];
      } catch (e) {
        get().notify('error', translate(get().lang, 'common.error', { message: messageOf(e) }));
        return ['reason'];
      }
    },

    async withdrawDecision(id, reason) {
      const cur = get().current;
      const who = reviewerName(get);
      if (!cur || !who || cur.readOnly || !reason.trim()) return false;
      const stamp = { who, at: c.at() };
      const remaining = cur.decisions.map((d) => (d.id === id ? { ...d, withdrawnAt: stamp.at } : d));
      const next = standingOf(cur.findings.results, active(remaining), c.today());
      try {
        const w = await deps.repos.decisions.withdraw({ caseId: cur.caseRecord.id, id, reason: reason.trim(), stamp, conclusion: next.conclusion });
        const updated = await refreshLog(withDecisions(cur, cur.decisions.map((d) => (d.id === id ? w : d))));
        set({ current: { ...updated, caseRecord: { ...updated.caseRecord, conclusion: next.conclusion, updatedAt: stamp.at } } });
        void get().refreshCases();
        return true;
      } catch (e) {
        get().notify('error', translate(get().lang, 'common.error', { message: messageOf(e) }));
        return false;
      }
    },

    setFilter(patch) {
      set({ findingsView: { ...get().findingsView, filter: { ...get().findingsView.filter, ...patch } } });
    },

    setGrouped(grouped) {
      set({ findingsView: { ...get().findingsView, grouped } });
    },

    async compare(earlierRunId, laterRunId) {
      const cur = get().current;
      if (!cur) return;
      const caseId = cur.caseRecord.id;
      const [a, b] = await Promise.all([deps.repos.cases.run(earlierRunId), deps.repos.cases.run(laterRunId)]);
      if (!a || !b) return;
      const [da, db] = await Promise.all([deps.repos.decisions.forRun(caseId, a.id), deps.repos.decisions.forRun(caseId, b.id)]);
      const today = c.today();
      const result = compareRuns(standingOf(a.findings.results, active(da), today).rules, standingOf(b.findings.results, active(db), today).rules, today);
      if (get().current?.caseRecord.id === caseId) set({ comparison: { earlier: a.id, later: b.id, result } });
    },
  };
}
