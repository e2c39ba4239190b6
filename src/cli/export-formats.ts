// The export formats other tools read — OSCAL assessment results, Excel, CSV — written
// beside findings.json. json, junit and pdf are written by check itself.

import { join } from 'node:path';
import type { Findings } from '../shared/engine/assess.js';
import { CSV_FILE, toCsv } from '../shared/export/csv.js';
import { AP_FILE, AR_FILE, toOscal } from '../shared/export/oscal.js';
import type { Decision, ReviewLogEntry } from '../shared/review/types.js';
import { evidenceFileHashes } from '../main/services/export/evidence-hashes.js';
import { XLSX_FILE, buildXlsx } from '../main/services/export/xlsx.js';
import { writeOutput } from './output-set.js';

export const EXPORT_FORMATS = ['oscal', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportExtras {
  /** The reviewer named in the OSCAL parties and the Excel summary. */
  reviewer?: string;
  decisions?: Decision[];
  log?: ReviewLogEntry[];
  /** The bundle reviewed: the files evidence points at are hashed for OSCAL and Excel. */
  bundlePath?: string;
  /** Hashes already known (bundle path → SHA-256 hex); used instead of reading the bundle. */
  fileHashes?: Record<string, string>;
  /** SHA-256 of the PDF report, listed in the OSCAL back matter. */
  reportSha256?: string;
}

/**
 * Write the requested formats among oscal, xlsx and csv into `outDir` (others in the list
 * are left to the caller) and return the paths written, in the order of `formats`.
 */
export async function writeFormats(findings: Findings, outDir: string, formats: string[], extras: ExportExtras = {}): Promise<string[]> {
  const mine = formats.filter((f): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f));
  if (mine.length === 0) return [];
  const needHashes = mine.includes('oscal') || mine.includes('xlsx');
  const fileHashes = extras.fileHashes ?? (needHashes && extras.bundlePath ? await evidenceFileHashes(findings, extras.bundlePath) : {});
  const written: string[] = [];
  for (const f of [...new Set(mine)]) {
    if (f === 'oscal') {
      const docs = toOscal(findings, { reviewer: extras.reviewer, decisions: extras.decisions, log: extras.log, fileHashes, reportSha256: extras.reportSha256, apHref: AP_FILE });
      writeOutput(join(outDir, AP_FILE), docs.apText);
      writeOutput(join(outDir, AR_FILE), docs.arText);
      written.push(join(outDir, AR_FILE), join(outDir, AP_FILE));
    } else if (f === 'xlsx') {
      writeOutput(join(outDir, XLSX_FILE), await buildXlsx(findings, { reviewer: extras.reviewer, decisions: extras.decisions, fileHashes }));
      written.push(join(outDir, XLSX_FILE));
    } else {
      writeOutput(join(outDir, CSV_FILE), toCsv(findings, { decisions: extras.decisions }));
      written.push(join(outDir, CSV_FILE));
    }
  }
  return written;
}
