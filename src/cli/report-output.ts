// The PDF report of `check --format pdf`: render, sign with --sign FILE.p12 (passphrase
// from --pass-env VAR), and the optional SM2 sidecar. Also the text form of `verify
// report.pdf`.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOf } from '../main/services/crypto/public-key.js';
import { P12Error, readP12, type SigningKey } from '../main/services/crypto/p12.js';
import { renderReport } from '../main/services/pdf/render.js';
import { signPdf } from '../main/services/pdf/sign.js';
import { signSm2 } from '../main/services/crypto/sm2.js';
import type { ReportVerification } from '../main/services/pdf/verify.js';
import { commonName, readCertificate } from '../main/services/crypto/x509.js';
import type { Findings } from '../shared/engine/assess.js';
import type { RuleMeta } from '../shared/engine/types.js';
import { CONCLUSION_ZH } from '../shared/report/labels.js';
import type { EvidenceFile, IncidentsReportInput, Reviewer } from '../shared/report/types.js';
import { MEASURES, POINTS_LABEL } from '../shared/rules/jz-2025-4/articles.js';
import { packById } from '../shared/rules/packs.js';
import { UsageError } from './usage.js';

/** Used when --pass-env is not given. */
export const DEFAULT_PASS_ENV = 'COMPLIANCE_DESK_PASS';

/** The passphrase from the environment variable named (set, possibly empty), else a usage error. */
export function passphraseFrom(varName: string | undefined): string {
  const name = varName ?? DEFAULT_PASS_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--pass-env takes an environment variable name, got "${name}"`);
  const v = process.env[name];
  if (v === undefined) {
    throw new UsageError(`the passphrase is read from the environment variable ${name}, which is not set${varName ? '' : ' (choose another with --pass-env VAR)'}`);
  }
  return v;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function metasOf(packId: string): RuleMeta[] {
  try {
    return packById(packId).rules.map((r) => r.meta);
  } catch {
    return []; // An unknown pack still gets a report, without article texts.
  }
}

export interface WriteReportOptions {
  signP12Path?: string;
  passEnv?: string;
  /** The reviewer's name; with a signing key, defaults to the certificate's CN. */
  reviewer?: string;
  /** SM2 private key (PEM) for report.pdf.sm2.sig; an encrypted key uses the same passphrase. */
  sm2KeyPath?: string;
  /** The bundle's files for the evidence inventory, when known. */
  files?: EvidenceFile[];
  /** The incident section (timelines and JZ-21-03's episodes), when the bundle is at hand. */
  incidents?: IncidentsReportInput;
  reportId?: string;
  reportDate?: string;
}

/** Write <outDir>/report.pdf (signed with a key given) and report.pdf.sm2.sig; returns the paths. */
export async function writeReport(findings: Findings, outDir: string, o: WriteReportOptions = {}): Promise<string[]> {
  let key: SigningKey | null = null;
  let password: string | undefined;
  if (o.signP12Path || o.sm2KeyPath) password = passphraseFrom(o.passEnv);
  if (o.signP12Path) {
    let p12: Buffer;
    try {
      p12 = readFileSync(o.signP12Path);
    } catch (e) {
      throw new UsageError(`cannot read --sign ${o.signP12Path}: ${(e as Error).message}`);
    }
    try {
      key = readP12(p12, password!);
    } catch (e) {
      if (e instanceof P12Error) throw new UsageError(`--sign ${o.signP12Path}: ${e.message}`);
      throw e;
    }
  }
  let sm2Pem: string | null = null;
  if (o.sm2KeyPath) {
    try {
      sm2Pem = readFileSync(o.sm2KeyPath, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read the SM2 key ${o.sm2KeyPath}: ${(e as Error).message}`);
    }
  }

  const findingsJson = JSON.stringify(findings, null, 2) + '\n';
  const sha = createHash('sha256').update(findingsJson).digest('hex');
  const reportDate = o.reportDate ?? today();
  const cert = key ? readCertificate(key.certDer) : null;
  const certCn = cert ? commonName(cert.subjectAttrs) : null;
  const certOrg = cert?.subjectAttrs.find((a) => a.type === 'O')?.value;
  const reviewerName = o.reviewer ?? certCn ?? undefined;
  const reviewer: Reviewer | null = reviewerName ? { name: reviewerName, ...(certOrg ? { organisation: certOrg } : {}) } : null;
  const jz = findings.rulePack.id === 'jz-2025-4';
  const { pdf } = await renderReport({
    findings,
    rules: metasOf(findings.rulePack.id),
    reportId: o.reportId ?? `CD-${reportDate.replace(/-/g, '')}-${sha.slice(0, 8).toUpperCase()}`,
    reportDate,
    reviewer,
    files: o.files,
    incidents: o.incidents,
    regulation: jz ? { title: MEASURES.title, docNo: MEASURES.docNo } : undefined,
    pointsLabel: POINTS_LABEL,
    signer: key && cert ? { name: certCn ?? '', fingerprintSha256: fingerprintOf(key.certDer) } : null,
  }, { findingsJson });

  const out = key
    ? signPdf(pdf, key, { reason: '公共数据资源授权运营合规评估报告签发', name: certCn ?? undefined })
    : pdf;
  mkdirSync(outDir, { recursive: true });
  const pdfPath = join(outDir, 'report.pdf');
  writeFileSync(pdfPath, out);
  const written = [pdfPath];
  if (sm2Pem !== null) {
    let sig: Buffer;
    try {
      sig = signSm2(out, sm2Pem, password);
    } catch (e) {
      throw new UsageError(`SM2 key ${o.sm2KeyPath}: ${(e as Error).message}`);
    }
    writeFileSync(`${pdfPath}.sm2.sig`, sig);
    written.push(`${pdfPath}.sm2.sig`);
  }
  return written;
}

/** `verify report.pdf` in text: one line per check, then OK / FAILED. */
export function formatReportVerification(v: ReportVerification): string {
  const lines: string[] = [`${v.path ?? 'report'}: ${v.signed ? `${v.signatures.length} signature(s)` : 'not signed'}`];
  for (const [i, s] of v.signatures.entries()) {
    lines.push(`  signature ${i + 1}${s.fieldName ? ` (${s.fieldName}, ${s.subFilter ?? '?'})` : ''}: ${s.valid ? '签名有效 valid' : '签名无效 INVALID'}`);
    if (s.signer) lines.push(`    signer     ${s.signer.subject}`);
    if (s.signingTime) lines.push(`    signed at  ${s.signingTime}`);
    if (s.certificate) {
      const c = s.certificate;
      lines.push(`    certificate ${c.keyType}, ${c.selfSigned ? 'self-signed' : `issued by ${c.issuer}`}, valid ${c.notBefore?.slice(0, 10)}..${c.notAfter?.slice(0, 10)}`);
      lines.push(`    SHA-256    ${c.fingerprintSha256}`);
    }
    lines.push(`    digest ${s.digestOk ? 'ok' : 'MISMATCH'}, signature value ${s.signatureOk ? 'ok' : 'BAD'}, covers ${s.bytesAfter === 0 && s.rangeOk ? 'the whole file' : `all but ${s.bytesAfter} appended bytes`}`);
  }
  const a = v.attachment;
  lines.push(`  findings.json ${a.present ? `attached, sha256 ${a.sha256?.slice(0, 16)}…` : 'MISSING'}; matches the report: ${a.matchesReport && a.hashMatchesReport ? 'yes' : 'NO'}`);
  if (v.meta?.finalSummary) lines.push(`  conclusion ${CONCLUSION_ZH[v.meta.finalSummary.conclusion]} (${v.meta.finalSummary.conclusion}); report ${v.meta.reportId ?? '?'}`);
  if (v.sm2.checked) lines.push(`  SM2 sidecar: ${v.sm2.valid ? 'valid' : 'INVALID'}`);
  for (const p of v.problems) lines.push(`  ! ${p}`);
  lines.push(v.ok ? 'OK: the report is signed, unchanged, and its findings.json matches it.' : 'FAILED: see the lines marked !');
  return lines.join('\n') + '\n';
}
