// Reports issued in a case: built, signed, saved. The PDF itself stays in main (an
// artifact); the case keeps what identifies it (report id, SHA-256) and where it went.

import { appendIn } from './log.js';
import type { DeskDb, ReportRecord } from './schema.js';
import type { Stamp } from './cases.js';

export function reportRepository(db: DeskDb) {
  return {
    async forCase(caseId: string): Promise<ReportRecord[]> {
      return (await db.reports.where('caseId').equals(caseId).sortBy('at')).reverse();
    },

    async built(r: ReportRecord, stamp: Stamp): Promise<void> {
      await db.transaction('rw', [db.reports, db.log], async () => {
        await db.reports.put(r);
        await appendIn(db, r.caseId, { ...stamp, action: 'x-report_build', after: { reportId: r.id, sha256: r.sha256, finalSummary: r.finalSummary } });
      });
    },

    async signed(id: string, signed: NonNullable<ReportRecord['signed']>, signer: string, stamp: Stamp): Promise<ReportRecord> {
      return db.transaction('rw', [db.reports, db.log], async () => {
        const r = await db.reports.get(id);
        if (!r) throw new Error(`no report ${id}`);
        await db.reports.update(id, { signed });
        await appendIn(db, r.caseId, { ...stamp, action: 'report_issue', after: { reportId: id, sha256: signed.sha256, signer } });
        return { ...r, signed };
      });
    },

    async saved(id: string, path: string, stamp: Stamp): Promise<ReportRecord> {
      return db.transaction('rw', [db.reports, db.log], async () => {
        const r = await db.reports.get(id);
        if (!r) throw new Error(`no report ${id}`);
        await db.reports.update(id, { savedPath: path });
        await appendIn(db, r.caseId, { ...stamp, action: 'x-report_save', after: { reportId: id, path } });
        return { ...r, savedPath: path };
      });
    },
  };
}

