// What the handlers need from the report side (render, sign, verify, read a key), as an
// interface: the PDF services implement it (pdf-backend.ts), tests use a fake.

import type { Findings } from '../../shared/engine/assess.js';
import type { Waiver } from '../../shared/engine/types.js';
import type { Counts, ReportVerification } from '../../shared/ipc/contract.js';
import type { IncidentsReportInput, RectificationItem, ReviewDecisions, Reviewer } from '../../shared/report/types.js';
import type { ReviewLogEntry } from '../../shared/review/types.js';
import type { TrustContext } from './crypto/judge.js';
import type { KeyDescription, KeyMaterial } from './keys.js';

export interface ReportJob {
  findings: Findings;
  reportId: string;
  /** YYYY-MM-DD. */
  reportDate: string;
  reviewer: Reviewer | null;
  decisions?: ReviewDecisions;
  waivers?: Waiver[];
  rectification?: RectificationItem[];
  /** The case's review log (or its latest entries), printed and checked in the appendix. */
  reviewLog?: ReviewLogEntry[];
  /** The incident section, with the reviewer's judgments of the episodes. */
  incidents?: IncidentsReportInput;
  evidencePerRule: number;
  defaultDeadlineDays: number;
  /** The key that will sign the report, named on the cover; null when none is set up. */
  signer: KeyDescription | null;
}

export interface RenderedPdf {
  pdf: Uint8Array;
  finalSummary: Counts;
}

/** A key that cannot be used: wrong passphrase, not a PKCS#12, unsupported algorithm. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export interface ReportBackend {
  render(job: ReportJob): Promise<RenderedPdf>;
  /** Throws KeyError when the passphrase is wrong or the file is not a usable key. */
  describeKey(material: KeyMaterial): Promise<KeyDescription>;
  /** Adds a signature as `role`; the first signature of a report certifies it. */
  sign(pdf: Uint8Array, material: KeyMaterial, role: string): Promise<Uint8Array>;
  /** Every signature judged against `trust` (the reviewer's anchors and CRLs). */
  verify(pdf: Uint8Array, source: string, trust: TrustContext): Promise<ReportVerification>;
}
