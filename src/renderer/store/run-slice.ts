// Running a review: bundle:open with the default profile, progress from main's events,
// cancel. Nothing is written until main answers with findings, and an answer that
// arrives after the reviewer pressed cancel is dropped: a cancelled review leaves no case,
// no run and no log entry behind.

import type { Findings } from '../../shared/engine/assess.js';
import type { Conclusion } from '../../shared/engine/types.js';
import type { BundleOpenResponse } from '../../shared/ipc/contract.js';
import { unwrap } from '../bridge.js';
import type { Stamp } from '../db/cases.js';
import { newId } from '../db/ids.js';
import type { CompletedReview } from '../db/index.js';
import { translate } from '../i18n/translate.js';
import { IdentityMismatch } from '../model/case-identity.js';
import { standingOf } from '../../shared/review/effective.js';
import type { Deps, GetState, RunSlice, RunState, SetState } from './state.js';
import { clock, messageOf, reviewerName, UNSIGNED } from './support.js';

export const IDLE_RUN: RunState = { status: 'idle', runId: null, progress: null, caseId: null, reattachRunId: null, message: null, refused: null };

/** The same bundle reviewed the same way: manifest and every rule's status and evidence count. */
export function sameResults(a: Findings, b: Findings): boolean {
  if (a.bundle.manifestSha256 !== b.bundle.manifestSha256 || a.results.length !== b.results.length) return false;
  return a.results.every((r, i) => {
    const s = b.results[i];
    return r.ruleId === s.ruleId && r.status === s.status && r.evidenceCount === s.evidenceCount;
  });
}

export function runSlice(set: SetState, get: GetState, deps: Deps): RunSlice {
  // Progress events carry the run id chosen here; others (an older run) are ignored.
  deps.api.onProgress((p) => {
    const r = get().run;
    if (r.runId === p.runId && (r.status === 'running' || r.status === 'cancelling')) set({ run: { ...r, progress: p } });
  });

  const finish = (run: Partial<RunState>) => set({ run: { ...IDLE_RUN, ...run } });

  async function store(o: { caseId?: string; reattachRunId?: string }, res: Extract<BundleOpenResponse, { outcome: 'reviewed' }>, last: RunState) {
    const c = clock(deps);
    const stamp = { who: reviewerName(get) ?? UNSIGNED, at: c.at() };
    const review = { findings: res.findings, bundlePath: res.bundlePath, reviewId: res.reviewId, findingsArtifactId: res.findingsArtifactId };
    if (o.reattachRunId) {
      const stored = await deps.repos.cases.run(o.reattachRunId);
      if (!stored || !sameResults(stored.findings, res.findings)) {
        finish({ status: 'mismatch', message: translate(get().lang, 'run.mismatch') });
        return;
      }
      await deps.repos.cases.attachReview(stored.id, res.reviewId, res.findingsArtifactId);
      finish({ status: 'reattached', progress: last.progress });
      const cur = get().current;
      if (cur && cur.run.id === stored.id) {
        set({ current: { ...cur, run: { ...cur.run, reviewId: res.reviewId, findingsArtifactId: res.findingsArtifactId } }, report: { ...get().report, reviewGone: false, error: null } });
      }
      get().notify('info', translate(get().lang, 'run.reattached'));
      return;
    }
    const conclusion = standingOf(res.findings.results, [], c.today()).conclusion;
    if (!o.caseId) return openNewCase(review, stamp, conclusion, last);
    try {
      await deps.repos.cases.addRun(o.caseId, review, stamp, conclusion);
    } catch (e) {
      if (!(e instanceof IdentityMismatch)) throw e;
      finish({ status: 'refused', caseId: o.caseId, progress: last.progress, refused: { caseIdentity: e.caseIdentity, bundleIdentity: e.bundleIdentity, review } });
      return;
    }
    finish({ progress: last.progress });
    await get().refreshCases();
    await get().openCase(o.caseId, true);
    get().navigate({ screen: 'case', caseId: o.caseId, tab: 'compare' });
  }

  async function openNewCase(review: CompletedReview, stamp: Stamp, conclusion: Conclusion, last: RunState) {
    const caseId = (await deps.repos.cases.create(review, stamp, conclusion)).caseRecord.id;
    finish({ progress: last.progress });
    await get().refreshCases();
    await get().openCase(caseId, true);
    get().navigate({ screen: 'case', caseId, tab: 'overview' });
  }

  return {
    run: IDLE_RUN,

    async startReview(o) {
      const r = get().run;
      if (r.status === 'running' || r.status === 'cancelling') {
        get().notify('error', translate(get().lang, 'run.busy'));
        return;
      }
      const runId = newId('run');
      set({ run: { ...IDLE_RUN, status: 'running', runId, caseId: o.caseId ?? null, reattachRunId: o.reattachRunId ?? null } });
      const profile = get().profile;
      let res: BundleOpenResponse;
      try {
        res = await unwrap(deps.api.openBundle({
          runId,
          kind: o.kind,
          ...(o.path ? { path: o.path } : {}),
          ...(o.importedId ? { importedId: o.importedId } : {}),
          ...(Object.keys(profile).length ? { profile } : {}),
        }));
      } catch (e) {
        if (get().run.runId === runId) finish({ status: 'failed', message: messageOf(e) });
        return;
      }
      const cur = get().run;
      if (cur.runId !== runId) return;
      if (res.outcome === 'no-selection') return finish({});
      if (res.outcome === 'cancelled' || cur.status === 'cancelling') return finish({ status: 'cancelled' });
      try {
        await store(o, res, cur);
      } catch (e) {
        finish({ status: 'failed', message: messageOf(e) });
      }
    },

    async cancelReview() {
      const r = get().run;
      if (r.status !== 'running' || !r.runId) return;
      set({ run: { ...r, status: 'cancelling' } });
      try {
        await unwrap(deps.api.cancelReview({ runId: r.runId }));
      } catch {
        // The answer to bundle:open settles the state either way.
      }
    },

    async newCaseFromRefused() {
      const r = get().run;
      if (r.status !== 'refused' || !r.refused) return;
      const c = clock(deps);
      const { review } = r.refused;
      try {
        await openNewCase(review, { who: reviewerName(get) ?? UNSIGNED, at: c.at() }, standingOf(review.findings.results, [], c.today()).conclusion, r);
      } catch (e) {
        finish({ status: 'failed', caseId: r.caseId, message: messageOf(e) });
      }
    },

    clearRun() {
      const r = get().run;
      if (r.status !== 'running' && r.status !== 'cancelling') set({ run: IDLE_RUN });
    },
  };
}
