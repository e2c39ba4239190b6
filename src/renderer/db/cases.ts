// Cases (评估任务) and their runs. A case is created only with its first completed review,
// in one transaction with the run and the log entries: a cancelled or failed review
// leaves nothing behind.

import type { Findings } from '../../shared/engine/assess.js';
import type { Conclusion } from '../../shared/engine/types.js';
import { identityOf, IdentityMismatch, sameIdentity } from '../model/case-identity.js';
import { newId } from './ids.js';
import { appendIn } from './log.js';
import { caseSearchText, type CaseRecord, type DeskDb, type RunRecord } from './schema.js';

export interface CompletedReview {
  findings: Findings;
  bundlePath: string;
  reviewId: string;
  findingsArtifactId: string;
}

export interface Stamp {
  who: string;
  at: string;
}

function runSummary(f: Findings) {
  return {
    bundle: f.bundle.source,
    manifestSha256: f.bundle.manifestSha256,
    period: f.period,
    summary: f.summary,
    stats: f.stats,
    profile: { changedParams: f.profile.changedParams, disabledRules: f.profile.disabledRules },
  };
}

/** Decisions, marks and judgments are made on the case's current run only; earlier runs are read-only. */
export async function requireCurrentRun(db: DeskDb, caseId: string, runId: string): Promise<void> {
  const c = await db.cases.get(caseId);
  if (!c) throw new Error(`no case ${caseId}`);
  if (c.latestRunId !== runId) throw new Error(`run ${runId} is not the current run of case ${caseId}: earlier runs are read-only`);
}

export function caseRepository(db: DeskDb) {
  return {
    /** Newest change first. */
    async list(): Promise<CaseRecord[]> {
      return db.cases.orderBy('updatedAt').reverse().toArray();
    },

    /** Cases whose operator, id, bundle or period contain every word of `query`. */
    async search(query: string): Promise<CaseRecord[]> {
      const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const all = await this.list();
      return words.length ? all.filter((c) => words.every((w) => c.search.includes(w))) : all;
    },

    async get(id: string): Promise<CaseRecord | undefined> {
      return db.cases.get(id);
    },

    async run(id: string): Promise<RunRecord | undefined> {
      return db.runs.get(id);
    },

    /** Runs of a case, first first (without loading their findings twice). */
    async runs(caseId: string): Promise<RunRecord[]> {
      return (await db.runs.where('caseId').equals(caseId).toArray()).sort((a, b) => a.seq - b.seq);
    },

    async create(review: CompletedReview, stamp: Stamp, conclusion: Conclusion): Promise<{ caseRecord: CaseRecord; run: RunRecord }> {
      const f = review.findings;
      const caseId = newId('c');
      const run: RunRecord = {
        id: newId('run'), caseId, seq: 1, at: stamp.at, bundlePath: review.bundlePath, manifestSha256: f.bundle.manifestSha256,
        reviewId: review.reviewId, findingsArtifactId: review.findingsArtifactId, findings: f,
      };
      const base = {
        id: caseId, operatorName: f.bundle.operatorName, operatorId: f.bundle.operatorId, period: f.period,
        bundleSource: review.bundlePath, manifestSha256: f.bundle.manifestSha256,
      };
      const caseRecord: CaseRecord = {
        ...base, conclusion, toolConclusion: f.summary.conclusion, createdAt: stamp.at, updatedAt: stamp.at,
        latestRunId: run.id, runCount: 1, search: caseSearchText(base),
      };
      await db.transaction('rw', [db.cases, db.runs, db.log], async () => {
        await db.cases.add(caseRecord);
        await db.runs.add(run);
        await appendIn(db, caseId, { ...stamp, action: 'case_open', after: { operatorId: f.bundle.operatorId, operatorName: f.bundle.operatorName, period: f.period } });
        await appendIn(db, caseId, { ...stamp, action: 'review_run', after: { run: 1, ...runSummary(f) } });
      });
      return { caseRecord, run };
    },

    /**
     * A further review of the case (再次评估): a new run, which becomes the case's current one.
     * Only of the case's operator and period (IdentityMismatch otherwise): the case keeps its name.
     */
    async addRun(caseId: string, review: CompletedReview, stamp: Stamp, conclusion: Conclusion): Promise<RunRecord> {
      const f = review.findings;
      return db.transaction('rw', [db.cases, db.runs, db.log], async () => {
        const c = await db.cases.get(caseId);
        if (!c) throw new Error(`no case ${caseId}`);
        const bundle = identityOf(f);
        if (!sameIdentity(c, bundle)) throw new IdentityMismatch({ operatorId: c.operatorId, operatorName: c.operatorName, period: c.period }, bundle);
        const runs = await db.runs.where('caseId').equals(caseId).count();
        const run: RunRecord = {
          id: newId('run'), caseId, seq: runs + 1, at: stamp.at, bundlePath: review.bundlePath, manifestSha256: f.bundle.manifestSha256,
          reviewId: review.reviewId, findingsArtifactId: review.findingsArtifactId, findings: f,
        };
        await db.runs.add(run);
        const latest = { bundleSource: review.bundlePath, manifestSha256: f.bundle.manifestSha256 };
        await db.cases.update(caseId, {
          ...latest, conclusion, toolConclusion: f.summary.conclusion,
          updatedAt: stamp.at, latestRunId: run.id, runCount: run.seq, search: caseSearchText({ ...c, ...latest }),
        });
        await appendIn(db, caseId, { ...stamp, action: 'review_run', before: { run: run.seq - 1, manifestSha256: c.manifestSha256 }, after: { run: run.seq, ...runSummary(f) } });
        return run;
      });
    },

    /** Main's handles for a run after its bundle was opened again (main forgot them on restart). */
    async attachReview(runId: string, reviewId: string, findingsArtifactId: string): Promise<void> {
      await db.runs.update(runId, { reviewId, findingsArtifactId });
    },

    async setConclusion(caseId: string, conclusion: Conclusion, at: string): Promise<void> {
      await db.cases.update(caseId, { conclusion, updatedAt: at });
    },

    /** The case and everything in it: runs, decisions, log, reports, the incident audit. */
    async remove(caseId: string): Promise<void> {
      await db.transaction('rw', [db.cases, db.runs, db.decisions, db.log, db.reports, db.eventMarks, db.episodeJudgments], async () => {
        await db.runs.where('caseId').equals(caseId).delete();
        await db.eventMarks.where('caseId').equals(caseId).delete();
        await db.episodeJudgments.where('caseId').equals(caseId).delete();
        await db.decisions.where('caseId').equals(caseId).delete();
        await db.log.where('caseId').equals(caseId).delete();
        await db.reports.where('caseId').equals(caseId).delete();
        await db.cases.delete(caseId);
      });
    },
  };
}

