// The review log of a case: append-only and hash-chained (src/shared/review/log.ts). An
// entry is appended inside the same transaction as the change it records, so a change
// never exists without its entry, nor an entry without its change.

import { Dexie } from 'dexie';
import { appendLogEntry, verifyLog, type LogVerification, type NewLogEntry } from '../../shared/review/log.js';
import type { ReviewLogEntry } from '../../shared/review/types.js';
import type { DeskDb, LogRecord } from './schema.js';

function ofCase(db: DeskDb, caseId: string) {
  return db.log.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]);
}

function strip(r: LogRecord): ReviewLogEntry {
  const { caseId: _caseId, ...entry } = r;
  return entry;
}

/** Appends to the case's log; call inside a transaction that includes db.log. */
export async function appendIn(db: DeskDb, caseId: string, entry: NewLogEntry): Promise<ReviewLogEntry> {
  const log = (await ofCase(db, caseId).toArray()).map(strip);
  const next = appendLogEntry(log, entry).at(-1)!;
  await db.log.add({ ...next, caseId });
  return next;
}

export function logRepository(db: DeskDb) {
  return {
    async list(caseId: string): Promise<ReviewLogEntry[]> {
      return (await ofCase(db, caseId).toArray()).map(strip);
    },
    async verify(caseId: string): Promise<LogVerification> {
      return verifyLog(await this.list(caseId));
    },
    /** An entry on its own (a report saved, a key imported for the case). */
    async append(caseId: string, entry: NewLogEntry): Promise<ReviewLogEntry> {
      return db.transaction('rw', db.log, () => appendIn(db, caseId, entry));
    },
  };
}

