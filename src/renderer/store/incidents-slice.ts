// The incident audit of the open case's run: timelines and episodes from main (it holds
// the bundle), the logs around one incident in a chosen window, the events the reviewer
// marks relevant and the judgments of the episodes (both in the database, per run), and
// the JZ-21-03 decision the judgments lead to, recorded through the decision path.

import { EPISODES_RULE_ID } from '../../shared/incidents/episodes.js';
import { foldEpisodeJudgments } from '../../shared/incidents/judgments.js';
import { verifyLog } from '../../shared/review/log.js';
import { unwrap } from '../bridge.js';
import { eventMarkKey } from '../db/schema.js';
import { translate } from '../i18n/translate.js';
import { episodeProposal } from '../model/incidents.js';
import type { EventMarkRecord } from '../db/index.js';
import type { AroundState, CurrentCase, Deps, GetState, IncidentsSlice, IncidentsState, SetState } from './state.js';
import { clock, codeOf, messageOf, reviewerName, UNSIGNED } from './support.js';

export const EMPTY_AROUND: AroundState = { incidentId: null, window: null, status: 'idle', data: null, error: null };
export const EMPTY_INCIDENTS: IncidentsState = { key: null, status: 'idle', data: null, error: null, marks: [], judgments: [], around: EMPTY_AROUND };

const keyOf = (cur: CurrentCase) => `${cur.run.id}|${cur.run.reviewId ?? ''}`;
const runOfKey = (key: string | null) => (key ? key.slice(0, key.indexOf('|')) : null);

export function incidentsSlice(set: SetState, get: GetState, deps: Deps): IncidentsSlice {
  const c = clock(deps);
  const patch = (p: Partial<IncidentsState>) => set({ incidents: { ...get().incidents, ...p } });
  const patchAround = (p: Partial<AroundState>) => patch({ around: { ...get().incidents.around, ...p } });
  /** Main no longer holds the review: the report tab and this one ask for the bundle again. */
  const gone = () => {
    patch({ status: 'gone', data: null });
    set({ report: { ...get().report, reviewGone: true } });
  };
  const refreshLog = async (caseId: string) => {
    const log = await deps.repos.log.list(caseId);
    const cur = get().current;
    if (cur?.caseRecord.id === caseId) set({ current: { ...cur, log, logCheck: verifyLog(log) } });
  };

  return {
    incidents: EMPTY_INCIDENTS,

    async loadIncidents(force = false) {
      const cur = get().current;
      if (!cur) return;
      const key = keyOf(cur);
      const s = get().incidents;
      if (!force && s.key === key && s.status !== 'error' && s.status !== 'idle') return;
      // The same run with its review attached again keeps the marks and the window shown.
      const sameRun = runOfKey(s.key) === cur.run.id;
      set({ incidents: { ...EMPTY_INCIDENTS, key, status: 'loading', ...(sameRun ? { marks: s.marks, judgments: s.judgments, around: s.around } : {}) } });
      const [marks, judgments] = await Promise.all([
        deps.repos.incidents.marks(cur.caseRecord.id, cur.run.id),
        deps.repos.incidents.judgments(cur.caseRecord.id, cur.run.id),
      ]);
      if (get().incidents.key !== key) return;
      patch({ marks, judgments });
      if (!cur.run.reviewId) return gone();
      try {
        const data = await unwrap(deps.api.incidentTimelines({ reviewId: cur.run.reviewId }));
        if (get().incidents.key === key) patch({ status: 'ready', data, error: null });
      } catch (e) {
        if (get().incidents.key !== key) return;
        if (codeOf(e) === 'not-found') gone();
        else patch({ status: 'error', error: messageOf(e) });
      }
    },

    async loadAround(incidentId, window) {
      const cur = get().current;
      const reviewId = cur?.run.reviewId;
      if (!cur || !reviewId) return;
      const key = keyOf(cur);
      patchAround({ incidentId, window, status: 'loading', error: null, ...(get().incidents.around.incidentId === incidentId ? {} : { data: null }) });
      const stillWanted = () => {
        const a = get().incidents.around;
        return get().incidents.key === key && a.incidentId === incidentId && a.window === window;
      };
      try {
        const data = await unwrap(deps.api.logsAround({ reviewId, incidentId, window }));
        if (stillWanted()) patchAround({ status: 'ready', data });
      } catch (e) {
        if (stillWanted()) patchAround({ status: 'error', error: messageOf(e) });
      }
    },

    async setMark(incidentId, row, marked) {
      const cur = get().current;
      if (!cur || cur.readOnly) return;
      const runId = cur.run.id;
      const key = eventMarkKey(runId, incidentId, row.file, row.line);
      const stamp = { who: reviewerName(get) ?? UNSIGNED, at: c.at() };
      const event = { file: row.file, line: row.line, eventId: row.eventId, at: row.at };
      const before = get().incidents.marks;
      const others = (list: EventMarkRecord[]) => list.filter((m) => m.key !== key);
      // Shown at once (a checkbox must follow the click), then saved; put back if saving fails.
      const shown: EventMarkRecord = { key, caseId: cur.caseRecord.id, runId, incidentId, ...event, markedAt: stamp.at, by: stamp.who };
      patch({ marks: [...others(before), ...(marked ? [shown] : [])] });
      try {
        const rec = await deps.repos.incidents.setMark({ caseId: cur.caseRecord.id, runId, incidentId, marked, event, stamp });
        if (runOfKey(get().incidents.key) === runId) patch({ marks: [...others(get().incidents.marks), ...(rec ? [rec] : [])] });
      } catch (e) {
        if (runOfKey(get().incidents.key) === runId) patch({ marks: before });
        get().notify('error', translate(get().lang, 'common.error', { message: messageOf(e) }));
      }
    },

    async judgeEpisode(episode, verdict, note) {
      const cur = get().current;
      const who = reviewerName(get);
      if (!cur || cur.readOnly) return false;
      if (!who) {
        get().notify('error', translate(get().lang, 'decide.noReviewer'));
        return false;
      }
      if (!note.trim()) return false;
      try {
        const rec = await deps.repos.incidents.judge({
          caseId: cur.caseRecord.id, runId: cur.run.id, episode, verdict, note: note.trim(), stamp: { who, at: c.at() },
        });
        if (runOfKey(get().incidents.key) === cur.run.id) patch({ judgments: [...get().incidents.judgments, rec] });
        await refreshLog(cur.caseRecord.id);
        get().notify('info', translate(get().lang, 'incidents.judged'));
        void get().refreshCases();
        return true;
      } catch (e) {
        get().notify('error', translate(get().lang, 'common.error', { message: messageOf(e) }));
        return false;
      }
    },

    async recordEpisodeDecision() {
      const cur = get().current;
      const { data, judgments } = get().incidents;
      if (!cur || !data) return false;
      const fold = foldEpisodeJudgments(data.episodes.episodes, judgments, { total: data.episodes.total });
      const proposal = episodeProposal(fold, cur.standing.rules.find((r) => r.result.ruleId === EPISODES_RULE_ID));
      if (proposal.state !== 'ready' || !proposal.draft) return false;
      const problems = await get().addDecision(proposal.draft);
      return problems.length === 0;
    },
  };
}
