// The PDF report of `check --format pdf`: render, sign with --sign FILE.p12 (passphrase
// from --pass-env VAR), and the optional SM2 sidecar. Also the text form of `verify
// report.pdf`.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOf } from '../main/services/crypto/public-key.js';
import { P12Error, readP12, type SigningKey } from '../main/services/crypto/p12.js';
import { renderReport } from '../main/services/pdf/render.js';
import { signPdf, signatureCount } from '../main/services/pdf/sign.js';
import { SigningKeyError } from '../main/services/crypto/cms.js';
import { signSm2 } from '../main/services/crypto/sm2.js';
import type { ReportVerification } from '../main/services/pdf/verify.js';
import { commonName, readCertificate } from '../main/services/crypto/x509.js';
import type { Findings } from '../shared/engine/assess.js';
import type { RuleMeta } from '../shared/engine/types.js';
import { CONCLUSION_ZH } from '../shared/report/labels.js';
import type { EvidenceFile, IncidentsReportInput, Reviewer } from '../shared/report/types.js';
import { MEASURES } from '../shared/rules/jz-2025-4/articles.js';
import { packById } from '../shared/rules/packs.js';
import { UsageError } from './usage.js';
import { terminalText } from './terminal.js';
import { writeOutput } from './output-set.js';
import { describeSignature } from '../shared/signatures/describe.js';
import { roleOfSignature } from '../shared/signatures/roles.js';

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
  /** Keys that sign one after another (编制, 审核, 批准): the first certifies the report. */
  signP12Paths?: string[];
  /** The passphrase variable of each key; the last one serves the keys after it. */
  passEnvs?: string[];
  /** The role of each signature (its /Reason). */
  roles?: string[];
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

/** The roles of a Chinese report's signatures, in order, when none are named. */

/** A signing key from a PKCS#12 file, or a usage error naming the file. */
export function readSigningKey(path: string, password: string): SigningKey {
  let p12: Buffer;
  try {
    p12 = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read --sign ${path}: ${(e as Error).message}`);
  }
  try {
    return readP12(p12, password);
  } catch (e) {
    if (e instanceof P12Error) throw new UsageError(`--sign ${path}: ${e.message}`);
    throw e;
  }
}

/** The signed PDF: `key` adds a signature as `role`; the first signature of a report certifies it. */
export function addSignature(pdf: Buffer, key: SigningKey, role: string): Buffer {
  const cert = readCertificate(key.certDer);
  try {
    return signPdf(pdf, key, { reason: role, name: commonName(cert.subjectAttrs) ?? undefined, certify: signatureCount(pdf) === 0 });
  } catch (e) {
    if (e instanceof SigningKeyError) throw new UsageError(e.message);
    throw e;
  }
}

/** Write <outDir>/report.pdf (signed with the keys given) and report.pdf.sm2.sig; returns the paths. */
export async function writeReport(findings: Findings, outDir: string, o: WriteReportOptions = {}): Promise<string[]> {
  const paths = o.signP12Paths ?? [];
  const envs = o.passEnvs ?? [];
  const passOf = (i: number) => passphraseFrom(envs[Math.min(i, envs.length - 1)]);
  const keys = paths.map((p, i) => readSigningKey(p, passOf(i)));
  const key: SigningKey | null = keys[0] ?? null;
  const password = o.sm2KeyPath ? passOf(0) : undefined;
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
    signer: key && cert ? { name: certCn ?? '', fingerprintSha256: fingerprintOf(key.certDer) } : null,
  }, { findingsJson });

  const out = keys.reduce((doc, k, i) => addSignature(doc, k, o.roles?.[i] ?? roleOfSignature(i)), pdf);
  mkdirSync(outDir, { recursive: true });
  const pdfPath = join(outDir, 'report.pdf');
  writeOutput(pdfPath, out);
  const written = [pdfPath];
  if (sm2Pem !== null) {
    let sig: Buffer;
    try {
      sig = signSm2(out, sm2Pem, password);
    } catch (e) {
      throw new UsageError(`SM2 key ${o.sm2KeyPath}: ${(e as Error).message}`);
    }
    writeOutput(`${pdfPath}.sm2.sig`, sig);
    written.push(`${pdfPath}.sm2.sig`);
  }
  return written;
}

/** `verify report.pdf` in text: each signature's answers, the document's integrity, the attached findings, then the one verdict. */
export function formatReportVerification(v: ReportVerification): string {
  const lines: string[] = [`${v.path ?? '报告'}：${v.signed ? `${v.signatures.length} 个签名` : '未签名'}`];
  for (const [i, s] of v.signatures.entries()) {
    const d = describeSignature(s, 'zh');
    lines.push('', `签名 ${i + 1}${s.role ? `（${s.role}）` : ''}${s.certified ? '，认证签名（签名后只允许再签名）' : ''}${s.signingTime ? `，签名时间 ${s.signingTime}` : ''}`);
    lines.push(`  ${d.headline}`, ...d.lines.map((l) => `    ${l}`));
    if (d.action) lines.push(`    → ${d.action}`);
  }
  const a = v.attachment;
  lines.push('', `附件 findings.json：${a.present ? (a.matchesReport && a.hashMatchesReport && a.countsConsistent ? '与报告所述一致' : '与报告所述不一致') : '缺失'}`);
  if (v.meta?.finalSummary) lines.push(`结论：${CONCLUSION_ZH[v.meta.finalSummary.conclusion]}；报告编号 ${v.meta.reportId ?? '?'}`);
  if (v.sm2.checked) lines.push(`SM2 旁路签名：${v.sm2.valid ? '有效' : '无效'}`);
  const problems = v.problems.filter((p) => !p.startsWith('签名 '));
  for (const p of problems) lines.push(`! ${p}`);
  lines.push('', v.ok ? '通过：报告已签名，签名有效且可信，签名后未被改动，附件与报告一致。'
    : v.signatures.some((s) => s.indication === 'TOTAL_FAILED') || !v.signed ? '未通过：签名无效或报告未签名，见上。'
      : v.integrity.state === 'modified' ? '未通过：报告在签名后被改动，见上。'
        : '未通过：签名人不可信或无法确认，见上。');
  return terminalText(lines);
}
