// The ReportBackend of the handlers, on the PDF services (src/main/services/pdf): the same
// render, sign and verify as `compliance-desk check --format pdf --sign` and `verify`.

import type { Findings } from '../../shared/engine/assess.js';
import type { ReportVerification as Verification } from '../../shared/ipc/contract.js';
import { MEASURES } from '../../shared/rules/jz-2025-4/articles.js';
import { packById } from '../../shared/rules/packs.js';
import type { RuleMeta } from '../../shared/engine/types.js';
import { fingerprintOf } from './crypto/public-key.js';
import { P12Error, readP12, type SigningKey } from './crypto/p12.js';
import { renderReport } from './pdf/render.js';
import { signPdf, signatureCount } from './pdf/sign.js';
import { verifyReportBytes, type ReportVerification } from './pdf/verify.js';
import type { RevisionChange } from './pdf/revisions.js';
import { SigningKeyError } from './crypto/cms.js';
import { commonName, nameToString, readCertificate } from './crypto/x509.js';
import type { KeyDescription, KeyMaterial } from './keys.js';
import { KeyError, type ReportBackend } from './report-backend.js';

function metasOf(findings: Findings): RuleMeta[] {
  try {
    return packById(findings.rulePack.id).rules.map((r) => r.meta);
  } catch {
    return [];
  }
}

function keyOf(material: KeyMaterial): SigningKey {
  try {
    return readP12(Buffer.from(material.p12), material.password);
  } catch (e) {
    if (e instanceof P12Error) throw new KeyError(/passphrase/.test(e.message) ? '密钥口令不正确' : `无法使用该密钥文件：${e.message}`);
    throw new KeyError(`无法使用该密钥文件：${(e as Error).message}`);
  }
}

function describe(key: SigningKey): KeyDescription {
  const cert = readCertificate(key.certDer);
  return {
    subject: commonName(cert.subjectAttrs) ?? nameToString(cert.subjectAttrs),
    fingerprintSha256: fingerprintOf(key.certDer),
    notAfter: cert.notAfter ? cert.notAfter.toISOString() : null,
  };
}

/** The verification as the page shows it: each signature's answers, the document's, and what else was found. */
export function summariseVerification(v: ReportVerification, source: string): Verification {
  const a = v.attachment;
  const contentMatches = a.present && a.countsConsistent && a.matchesReport && a.hashMatchesReport;
  const messages: string[] = [];
  if (!v.signed) messages.push('报告未签名');
  messages.push(a.present ? `附件 findings.json ${contentMatches ? '与报告所述一致' : '与报告所述不一致'}` : '报告缺少附件 findings.json');
  // Signature and change lines are shown by each signature's answers; the rest is listed here.
  for (const p of v.problems) if (!/^签名 \d+：|^签名后的改动：/.test(p) && !messages.includes(p)) messages.push(p);
  const change = (c: RevisionChange) => ({ kind: c.kind, ...(c.page ? { page: c.page } : {}), detail: c.detail });
  return {
    source,
    reportId: v.meta?.reportId ?? null,
    ok: v.ok,
    signed: v.signed,
    signatures: v.signatures.map((s) => ({
      indication: s.indication, subIndication: s.subIndication, signer: s.signer, trust: s.trust,
      integrity: { state: s.integrity.state, changes: s.integrity.changes.map(change) },
      fieldName: s.fieldName, role: s.role, signingTime: s.signingTime, certified: s.certified !== null,
    })),
    integrity: { state: v.integrity.state, changes: v.integrity.changes.map(change) },
    contentMatches,
    messages,
  };
}

export function pdfReportBackend(): ReportBackend {
  return {
    async render(job) {
      const { pdf, meta } = await renderReport({
        findings: job.findings,
        rules: metasOf(job.findings),
        reportId: job.reportId,
        reportDate: job.reportDate,
        reviewer: job.reviewer,
        decisions: job.decisions ?? null,
        waivers: job.waivers,
        rectification: job.rectification,
        regulation: job.findings.rulePack.id === 'jz-2025-4' ? { title: MEASURES.title, docNo: MEASURES.docNo } : undefined,
        signer: job.signer ? { name: job.signer.subject, fingerprintSha256: job.signer.fingerprintSha256 } : null,
        options: { evidencePerRule: job.evidencePerRule, defaultDeadlineDays: job.defaultDeadlineDays },
        ...(job.reviewLog ? { reviewLog: job.reviewLog } : {}),
        ...(job.incidents ? { incidents: job.incidents } : {}),
      });
      return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), finalSummary: meta.finalSummary };
    },
    async describeKey(material) {
      return describe(keyOf(material));
    },
    async sign(pdf, material, role) {
      const key = keyOf(material);
      const bytes = Buffer.from(pdf);
      let signed: Buffer;
      try {
        signed = signPdf(bytes, key, { reason: role, name: describe(key).subject, certify: signatureCount(bytes) === 0 });
      } catch (e) {
        if (e instanceof SigningKeyError) throw new KeyError(e.message);
        throw e;
      }
      return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
    },
    async verify(pdf, source, trust) {
      return summariseVerification(verifyReportBytes(Buffer.from(pdf), { trust }), source);
    },
  };
}
