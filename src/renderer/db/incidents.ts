// The incident audit of a case: events the reviewer marked relevant to an incident, and
// the judgments of JZ-21-03's episodes. A judgment is saved with its log entry in one
// transaction (it decides whether an unreported incident is found); a mark is a working
// note and is kept without one.

import { EPISODES_RULE_ID, type EpisodeView } from '../../shared/incidents/episodes.js';
import type { EpisodeVerdict } from '../../shared/incidents/judgments.js';
import { EPISODE_JUDGMENT_ACTION } from '../../shared/review/log-text.js';
import { requireCurrentRun, type Stamp } from './cases.js';
import { appendIn } from './log.js';
import { eventMarkKey, type DeskDb, type EpisodeJudgmentRecord, type EventMarkRecord } from './schema.js';

export interface MarkedEvent {
  file: string;
  line: number;
  eventId: string;
  at: string;
}

export function incidentRepository(db: DeskDb) {
  return {
    async marks(caseId: string, runId: string): Promise<EventMarkRecord[]> {
      const all = await db.eventMarks.where('[caseId+runId]').equals([caseId, runId]).toArray();
      return all.sort((a, b) => a.markedAt.localeCompare(b.markedAt) || a.key.localeCompare(b.key));
    },

    /** Marks or unmarks one event for one incident; answers the mark, or null once removed. */
    async setMark(o: { caseId: string; runId: string; incidentId: string; event: MarkedEvent; marked: boolean; stamp: Stamp }): Promise<EventMarkRecord | null> {
      const key = eventMarkKey(o.runId, o.incidentId, o.event.file, o.event.line);
      await requireCurrentRun(db, o.caseId, o.runId);
      if (!o.marked) {
        await db.eventMarks.delete(key);
        return null;
      }
      const rec: EventMarkRecord = {
        key, caseId: o.caseId, runId: o.runId, incidentId: o.incidentId,
        file: o.event.file, line: o.event.line, eventId: o.event.eventId, at: o.event.at, markedAt: o.stamp.at, by: o.stamp.who,
      };
      await db.eventMarks.put(rec);
      return rec;
    },

    /** Every judgment of the run, oldest first (latestJudgments picks the one that counts). */
    async judgments(caseId: string, runId: string): Promise<EpisodeJudgmentRecord[]> {
      return db.episodeJudgments.where('[caseId+runId]').equals([caseId, runId]).sortBy('id');
    },

    /** Records a judgment of an episode with its log entry (before: the judgment it replaces). */
    async judge(o: { caseId: string; runId: string; episode: EpisodeView; verdict: EpisodeVerdict; note: string; stamp: Stamp }): Promise<EpisodeJudgmentRecord> {
      return db.transaction('rw', [db.episodeJudgments, db.log, db.cases], async () => {
        await requireCurrentRun(db, o.caseId, o.runId);
        const earlier = (await db.episodeJudgments.where('[caseId+runId]').equals([o.caseId, o.runId]).sortBy('id'))
          .filter((j) => j.episodeKey === o.episode.key).at(-1);
        const rec: EpisodeJudgmentRecord = {
          caseId: o.caseId, runId: o.runId, episodeKey: o.episode.key, verdict: o.verdict, note: o.note, by: o.stamp.who, at: o.stamp.at,
        };
        const id = await db.episodeJudgments.add(rec);
        const e = o.episode;
        await appendIn(db, o.caseId, {
          ...o.stamp,
          action: EPISODE_JUDGMENT_ACTION,
          ruleId: EPISODES_RULE_ID,
          before: earlier ? { verdict: earlier.verdict, note: earlier.note, by: earlier.by, at: earlier.at } : null,
          after: { episodeKey: e.key, kind: e.kind, actor: e.actor, first: e.first, covered: e.covered, verdict: o.verdict, note: o.note },
        });
        await db.cases.update(o.caseId, { updatedAt: o.stamp.at });
        return { ...rec, id };
      });
    },
  };
}

