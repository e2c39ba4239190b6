// The reviewer's decisions. Each is saved, with its log entry and the case's new
// conclusion, in one strict-durability transaction before the screen shows it: what the
// reviewer sees as saved survives a crash or a restart.

import type { Conclusion } from '../../shared/engine/types.js';
import type { CaseDecision, NewDecision } from '../model/decisions.js';
import { appendIn } from './log.js';
import type { DeskDb, DecisionRecord } from './schema.js';
import { requireCurrentRun, type Stamp } from './cases.js';

function loggable(d: CaseDecision | DecisionRecord): Record<string, unknown> {
  const { caseId: _c, runId: _r, ...rest } = d;
  return rest;
}

export function decisionRepository(db: DeskDb) {
  return {
    async forRun(caseId: string, runId: string): Promise<CaseDecision[]> {
      return (await db.decisions.where('[caseId+runId]').equals([caseId, runId]).sortBy('id')) as CaseDecision[];
    },

    async forCase(caseId: string): Promise<CaseDecision[]> {
      return (await db.decisions.where('caseId').equals(caseId).sortBy('id')) as CaseDecision[];
    },

    /**
     * Saves a decision; `before` is what the rule looked like before it (status, verdict),
     * for the log's before → after.
     */
    async add(o: { caseId: string; runId: string; draft: NewDecision; stamp: Stamp; before: unknown; conclusion: Conclusion }): Promise<CaseDecision> {
      return db.transaction('rw', [db.decisions, db.log, db.cases], async () => {
        await requireCurrentRun(db, o.caseId, o.runId);
        const record: DecisionRecord = { ...o.draft, caseId: o.caseId, runId: o.runId, reviewer: o.stamp.who, at: o.stamp.at };
        const id = await db.decisions.add(record);
        const saved = { ...record, id } as CaseDecision;
        await appendIn(db, o.caseId, { ...o.stamp, action: 'decision_add', ruleId: o.draft.ruleId, before: o.before, after: loggable(saved) });
        await db.cases.update(o.caseId, { conclusion: o.conclusion, updatedAt: o.stamp.at });
        return saved;
      });
    },

    /** Withdraws a decision: it stays in the database and the log, marked withdrawn. */
    async withdraw(o: { caseId: string; id: number; reason: string; stamp: Stamp; conclusion: Conclusion }): Promise<CaseDecision> {
      return db.transaction('rw', [db.decisions, db.log, db.cases], async () => {
        const d = await db.decisions.get(o.id);
        if (!d || d.caseId !== o.caseId) throw new Error(`no decision ${o.id} in case ${o.caseId}`);
        await requireCurrentRun(db, o.caseId, d.runId);
        if (d.withdrawnAt) throw new Error(`decision ${o.id} is already withdrawn`);
        const change = { withdrawnAt: o.stamp.at, withdrawnBy: o.stamp.who, withdrawReason: o.reason };
        await db.decisions.update(o.id, change);
        await appendIn(db, o.caseId, { ...o.stamp, action: 'decision_withdraw', ruleId: d.ruleId, before: loggable(d), after: { id: o.id, reason: o.reason } });
        await db.cases.update(o.caseId, { conclusion: o.conclusion, updatedAt: o.stamp.at });
        return { ...d, ...change } as CaseDecision;
      });
    },
  };
}

