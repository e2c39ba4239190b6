// The report of the open case: build (with the decisions and the log line), sign (main
// asks for confirmation), save, verify. Each step is recorded in the case's log.

import { verifyLog } from '../../shared/review/log.js';
import { unwrap } from '../bridge.js';
import { translate } from '../i18n/translate.js';
import { reportRequest } from '../model/report-request.js';
import type { Deps, GetState, ReportSlice, ReportState, SetState } from './state.js';
import { clock, codeOf, messageOf, reviewerName, UNSIGNED } from './support.js';
import { roleOfSignature } from '../../shared/signatures/roles.js';

export const EMPTY_REPORT: ReportState = { busy: null, built: null, signed: null, savedPath: null, reviewGone: false, verification: null, error: null };

/** A report's first signature is its author's. */
const DEFAULT_ROLE = roleOfSignature(0);

export function reportSlice(set: SetState, get: GetState, deps: Deps): ReportSlice {
  const c = clock(deps);
  const patch = (p: Partial<ReportState>) => set({ report: { ...get().report, ...p } });
  const stamp = () => ({ who: reviewerName(get) ?? UNSIGNED, at: c.at() });
  const refresh = async () => {
    const cur = get().current;
    if (!cur) return;
    const [log, reports] = await Promise.all([deps.repos.log.list(cur.caseRecord.id), deps.repos.reports.forCase(cur.caseRecord.id)]);
    if (get().current?.caseRecord.id === cur.caseRecord.id) set({ current: { ...get().current!, log, logCheck: verifyLog(log), reports } });
  };

  return {
    report: EMPTY_REPORT,

    async buildReport() {
      const cur = get().current;
      if (!cur) return;
      if (!cur.run.reviewId) return patch({ reviewGone: true });
      patch({ busy: 'build', error: null, built: null, signed: null, savedPath: null, verification: null });
      const s = stamp();
      try {
        // From the database, not the screen's copy: the log as it stands, the judgments even if the incidents tab was never opened.
        const [reviewLog, judgments] = await Promise.all([
          deps.repos.log.list(cur.caseRecord.id),
          deps.repos.incidents.judgments(cur.caseRecord.id, cur.run.id),
        ]);
        const req = reportRequest({ reviewId: cur.run.reviewId, decisions: cur.decisions, log: verifyLog(reviewLog), who: reviewerName(get), at: s.at, reviewLog, judgments });
        const res = await unwrap(deps.api.buildReport(req));

        await deps.repos.reports.built({
          id: res.reportId, caseId: cur.caseRecord.id, runId: cur.run.id, at: s.at, fileName: res.fileName, sha256: res.sha256,
          finalSummary: res.finalSummary, artifactId: res.artifactId, signed: null, savedPath: null,
        }, s);
        patch({ busy: null, built: { ...res, bytes: res.pdf.byteLength } });
        await refresh();
      } catch (e) {
        if (codeOf(e) === 'not-found') patch({ busy: null, reviewGone: true });
        else patch({ busy: null, error: messageOf(e) });
      }
    },

    async signReport(role = DEFAULT_ROLE) {
      const built = get().report.built;
      if (!built) return;
      patch({ busy: 'sign', error: null });
      try {
        const res = await unwrap(deps.api.signReport({ artifactId: built.artifactId, role }));
        if (!res.signed) {
          patch({ busy: null, error: translate(get().lang, 'report.declined') });
          return;
        }
        const signed = { artifactId: res.artifactId, fileName: res.fileName, sha256: res.sha256 };
        await deps.repos.reports.signed(built.reportId, { ...signed, at: c.at() }, get().key?.subject ?? '', stamp());
        patch({ busy: null, signed });
        await refresh();
      } catch (e) {
        patch({ busy: null, error: messageOf(e) });
      }
    },

    async saveArtifact(which) {
      const r = get().report;
      const cur = get().current;
      const artifactId = which === 'signed' ? r.signed?.artifactId : which === 'unsigned' ? r.built?.artifactId : cur?.run.findingsArtifactId;
      if (!artifactId) return;
      patch({ busy: 'save', error: null });
      try {
        const res = await unwrap(deps.api.saveFile({ artifactId }));
        if (!res.saved) return patch({ busy: null });
        if (which !== 'findings' && r.built) await deps.repos.reports.saved(r.built.reportId, res.path, stamp());
        patch({ busy: null, savedPath: res.path });
        get().notify('info', translate(get().lang, 'report.saved', { path: res.path }));
        await refresh();
      } catch (e) {
        patch({ busy: null, error: codeOf(e) === 'not-found' ? translate(get().lang, 'report.reviewGone') : messageOf(e) });
      }
    },

    async saveFile(artifactId) {
      try {
        const res = await unwrap(deps.api.saveFile({ artifactId }));
        if (res.saved) get().notify('info', translate(get().lang, 'report.saved', { path: res.path }));
      } catch (e) {
        get().notify('error', translate(get().lang, 'common.error', { message: messageOf(e) }));
      }
    },

    async countersign(o) {
      patch({ busy: 'sign', error: null });
      try {
        const res = await unwrap(deps.api.signReport(o));
        patch({ busy: null });
        if (!res.signed) {
          get().notify('error', translate(get().lang, 'report.declined'));
          return null;
        }
        return { artifactId: res.artifactId, fileName: res.fileName };
      } catch (e) {
        patch({ busy: null, error: messageOf(e) });
        get().notify('error', translate(get().lang, 'common.error', { message: messageOf(e) }));
        return null;
      }
    },

    async verifyReport(o) {
      patch({ busy: 'verify', error: null, verification: null });
      try {
        const res = await unwrap(deps.api.verifyReport(o));
        const verification = res.outcome === 'verified' ? res.verification : null;
        patch({ busy: null, verification });
        return { verification, error: null };
      } catch (e) {
        const error = messageOf(e);
        patch({ busy: null, error });
        return { verification: null, error };
      }
    },

    resetReport() {
      set({ report: { ...EMPTY_REPORT, reviewGone: get().report.reviewGone } });
    },
  };
}
