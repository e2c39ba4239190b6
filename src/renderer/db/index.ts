// The repositories the rest of the renderer uses; nothing outside src/renderer/db touches Dexie.

import type { DexieOptions } from 'dexie';
import { caseRepository } from './cases.js';
import { decisionRepository } from './decisions.js';
import { incidentRepository } from './incidents.js';
import { logRepository } from './log.js';
import { reportRepository } from './reports.js';
import { openDeskDb, type DeskDb } from './schema.js';
import { settingsRepository } from './settings.js';

export interface Repositories {
  cases: ReturnType<typeof caseRepository>;
  decisions: ReturnType<typeof decisionRepository>;
  incidents: ReturnType<typeof incidentRepository>;
  log: ReturnType<typeof logRepository>;
  reports: ReturnType<typeof reportRepository>;
  settings: ReturnType<typeof settingsRepository>;
  close(): void;
}

export function repositoriesOf(db: DeskDb): Repositories {
  return {
    cases: caseRepository(db),
    decisions: decisionRepository(db),
    incidents: incidentRepository(db),
    log: logRepository(db),
    reports: reportRepository(db),
    settings: settingsRepository(db),
    close: () => db.close(),
  };
}

export function openRepositories(options?: DexieOptions, name?: string): Repositories {
  return repositoriesOf(openDeskDb(options, undefined, name));
}

export type { CaseRecord, EpisodeJudgmentRecord, EventMarkRecord, ReportRecord, RunRecord } from './schema.js';
export type { CompletedReview } from './cases.js';
