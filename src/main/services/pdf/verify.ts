// verifyReport: is this report what was signed, by whom — and do we trust them — and was
// anything changed after each signature; does its attached findings.json say what the report
// states? Each signature gets separate answers (integrity, signature, signer, trust) and an
// ETSI EN 319 102-1 indication; offline, against the reviewer's trust store and CRL files.

import { createHash } from 'node:crypto';
import { parseSummaryLine, readReportXmp, summaryLine, type ReadMeta } from '../../../shared/report/meta.js';
import type { Counts } from '../../../shared/report/types.js';
import type { SignatureAnswers } from '../../../shared/signatures/describe.js';
import { checkSignedData } from '../crypto/cms.js';
import { cmsFacts, judgeSignature, type TrustContext } from '../crypto/judge.js';
import { verifySm2 } from '../crypto/sm2.js';
import { Name, PdfFile, PdfString, Ref, type PdfDict } from './pdf-file.js';
import { changesAfter, type AfterSignature, type RevisionChange } from './revisions.js';
import { parseJson } from '../../../shared/bundle/json.js';
import { FileRefused, MAX_REPORT_BYTES, readRegularFile } from '../regular-file.js';

/** Signatures checked at most in one report. */
export const MAX_SIGNATURES = 32;

export interface SignatureReport extends SignatureAnswers {
  integrity: { state: 'intact' | 'modified'; changes: RevisionChange[] };
  fieldName: string | null;
  subFilter: string | null;
  /** /Reason: the signer's role (编制, 审核, 批准) or purpose. */
  role: string | null;
  /** This signature certifies the document (DocMDP), with the permissions P (1–3). */
  certified: number | null;
  byteRange: number[];
  /** The ranges start at 0, leave out exactly the /Contents string and reach the end of a revision. */
  rangeOk: boolean;
  digestOk: boolean;
  signatureOk: boolean;
  /** ESS signing-certificate: the signed attributes name the certificate that signed. */
  essBinding: 'ok' | 'mismatch' | 'absent';
  /** The signing time the signature claims (CMS), and /M of its dictionary. */
  signingTime: string | null;
  claimedTime: string | null;
  /** Bytes after this signature's revision, and what they changed. */
  after: AfterSignature;
  problems: string[];
}

export interface AttachmentReport {
  present: boolean;
  sha256: string | null;
  /** findings.summary recomputed from its results. */
  countsConsistent: boolean;
  /** findings.summary equals the summary the report states (XMP and Keywords). */
  matchesReport: boolean;
  /** sha256 equals the one the report states. */
  hashMatchesReport: boolean;
  summary: Counts | null;
}

export interface ReportVerification {
  path?: string;
  /** Only this is green: signed, every signature TOTAL-PASSED and intact, the findings as stated. */
  ok: boolean;
  signed: boolean;
  signatures: SignatureReport[];
  /** The document after its last signature: intact, or what was changed. */
  integrity: { state: 'intact' | 'modified'; changes: RevisionChange[] };
  meta: ReadMeta | null;
  attachment: AttachmentReport;
  sm2: { checked: boolean; valid: boolean | null };
  problems: string[];
}

export interface VerifyOptions {
  /** Also check report.pdf.sm2.sig (or this path) with this SM2 public key (PEM). */
  sm2PublicKeyPem?: string;
  sm2Signature?: Buffer;
  /** Anchors and CRLs: whom to trust. Without them no signer is trusted. */
  trust?: TrustContext;
}

function pdfDateToIso(s: string): string | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return null;
  const tz = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5) || '00'}`;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`;
}

/** Every /ByteRange in the file, found in the bytes so a signature hidden from the structure is still seen. */
function scanByteRanges(pdf: Buffer): number[][] {
  const text = pdf.toString('latin1');
  const out: number[][] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    out.push([Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
  }
  return out;
}

function signatureDicts(file: PdfFile): { name: string | null; dict: PdfDict }[] {
  const out: { name: string | null; dict: PdfDict }[] = [];
  try {
    const form = file.dict(file.root().get('AcroForm'));
    const fields = file.resolve(form?.get('Fields'));
    const walk = (v: unknown, depth: number) => {
      if (depth > 16) return;
      const f = file.dict(v as Ref);
      if (!f) return;
      const t = file.resolve(f.get('T'));
      const ft = f.get('FT');
      const sig = file.dict(f.get('V'));
      if (ft instanceof Name && ft.name === 'Sig' && sig) out.push({ name: t instanceof PdfString ? t.text() : null, dict: sig });
      const kids = file.resolve(f.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
    };
    if (Array.isArray(fields)) for (const f of fields) walk(f, 0);
  } catch {
    // A damaged structure is reported through the scanned ranges.
  }
  return out;
}

const NO_TRUST: TrustContext = { anchors: [], crls: [] };

function checkSignature(pdf: Buffer, br: number[], file: PdfFile | null, revisionEnds: number[], trust: TrustContext): SignatureReport {
  const problems: string[] = [];
  const [a, b, c, d] = br;
  const end = c + d;
  const rangeOk = a === 0 && b < c && end <= pdf.length && pdf[b] === 0x3c && pdf[c - 1] === 0x3e && revisionEnds.includes(end);
  if (!rangeOk) problems.push(`签名范围 ByteRange [${br.join(' ')}] 不合规（须从文件开头起，只留出签名值，并止于一个修订版本的末尾）`);
  const readable = end <= pdf.length && b < c && b >= 0;
  const cms = readable
    ? checkSignedData(Buffer.from(pdf.toString('latin1', b + 1, c - 1).replace(/\s+/g, ''), 'hex'), [pdf.subarray(0, b), pdf.subarray(c, end)])
    : null;
  if (cms) problems.push(...cms.problems);
  const facts = cms ? cmsFacts(cms) : { formatOk: false, digestOk: false, signatureOk: false, signer: null, carried: [], signingTime: null };
  const judgement = judgeSignature({ ...facts, formatOk: facts.formatOk && rangeOk }, trust);
  const after = readable ? changesAfter(pdf, end) : { appendedBytes: 0, updates: 0, onlyLaterSignatures: false, changes: [], unparsedBytes: 0 };
  const rep: SignatureReport = {
    ...judgement,
    integrity: { state: after.onlyLaterSignatures ? 'intact' : 'modified', changes: after.changes },
    fieldName: null, subFilter: null, role: null, certified: null, byteRange: br, rangeOk,
    digestOk: cms?.digestOk ?? false, signatureOk: cms?.signatureOk ?? false, essBinding: cms?.essBinding ?? 'absent',
    signingTime: cms?.signingTime?.toISOString() ?? null, claimedTime: null, after, problems,
  };
  if (file) {
    const match = signatureDicts(file).find(({ dict }) => {
      const r = file.resolve(dict.get('ByteRange'));
      return Array.isArray(r) && r.length === 4 && r.every((v, i) => v === br[i]);
    });
    if (match) {
      rep.fieldName = match.name;
      const sf = match.dict.get('SubFilter');
      rep.subFilter = sf instanceof Name ? sf.name : null;
      const m = file.resolve(match.dict.get('M'));
      rep.claimedTime = m instanceof PdfString ? pdfDateToIso(m.text()) : null;
      const reason = file.resolve(match.dict.get('Reason'));
      rep.role = reason instanceof PdfString ? reason.text() : null;
      rep.certified = docMdpPermissions(file, match.dict);
    } else {
      problems.push('文档结构中找不到这个签名的签名域（签名后结构被改动？）');
    }
  }
  return rep;
}

/** P of a DocMDP transform in the signature's /Reference, when it certifies the document. */
function docMdpPermissions(file: PdfFile, sig: PdfDict): number | null {
  const refs = file.resolve(sig.get('Reference'));
  if (!Array.isArray(refs)) return null;
  for (const r of refs) {
    const ref = file.dict(r);
    const method = ref?.get('TransformMethod');
    if (!(method instanceof Name) || method.name !== 'DocMDP') continue;
    const p = file.dict(ref!.get('TransformParams'))?.get('P');
    return typeof p === 'number' ? p : 2;
  }
  return null;
}

function countsFromResults(results: { status: string }[]): Record<string, number> {
  const c: Record<string, number> = { pass: 0, fail: 0, needs_review: 0, not_applicable: 0, insufficient_evidence: 0 };
  for (const r of results) if (r.status in c) c[r.status]++;
  return c;
}

export function verifyReportBytes(pdf: Buffer, opts: VerifyOptions = {}): ReportVerification {
  const problems: string[] = [];
  const attachment: AttachmentReport = {
    present: false, sha256: null, countsConsistent: false, matchesReport: false, hashMatchesReport: false, summary: null,
  };
  const out: ReportVerification = {
    ok: false, signed: false, signatures: [], integrity: { state: 'intact', changes: [] }, meta: null, attachment, sm2: { checked: false, valid: null }, problems,
  };
  let file: PdfFile | null = null;
  try {
    file = new PdfFile(pdf);
  } catch (e) {
    problems.push(`无法读取 PDF 结构：${(e as Error).message}`);
  }
  const revisionEnds = file?.revisionEnds ?? [];
  const found = scanByteRanges(pdf);
  // Each signature hashes the whole file: a file of thousands of /ByteRange strings must not cost thousands of passes.
  const ranges = found.slice(0, MAX_SIGNATURES);
  if (found.length > MAX_SIGNATURES) problems.push(`报告中有 ${found.length} 个签名范围（/ByteRange），超过 ${MAX_SIGNATURES} 个的上限，只检查了前 ${MAX_SIGNATURES} 个`);
  out.signed = ranges.length > 0;
  out.signatures = ranges.map((br) => checkSignature(pdf, br, file, revisionEnds, opts.trust ?? NO_TRUST));
  if (!out.signed) problems.push('报告未签名');
  for (const [i, s] of out.signatures.entries()) {
    for (const p of [...s.problems, ...s.trust.problems]) problems.push(`签名 ${i + 1}：${p}`);
  }
  // The document as it is now against its last signature: what was changed since, if anything.
  const lastSig = [...out.signatures].sort((x, y) => (y.byteRange[2] + y.byteRange[3]) - (x.byteRange[2] + x.byteRange[3]))[0];
  if (lastSig) out.integrity = lastSig.integrity;
  for (const ch of out.integrity.changes) problems.push(`签名后的改动：${ch.detail}`);

  // Read what the report states from the signed revision when there is one, so an
  // appended update cannot swap the attachment or the metadata unnoticed.
  const last = out.signatures.filter((s) => s.rangeOk).sort((x, y) => (y.byteRange[2] + y.byteRange[3]) - (x.byteRange[2] + x.byteRange[3]))[0];
  let view = file;
  if (last) {
    try {
      view = new PdfFile(pdf.subarray(0, last.byteRange[2] + last.byteRange[3]));
    } catch {
      view = file;
    }
  }
  let keywordsSummary: Counts | null = null;
  if (view) {
    try {
      const xmp = view.streamData(view.root().get('Metadata'));
      out.meta = xmp ? readReportXmp(xmp.toString('utf8')) : null;
      const info = view.dict(view.trailer.get('Info'));
      const kw = info ? view.resolve(info.get('Keywords')) : undefined;
      const m = kw instanceof PdfString ? /summary (\S+)/.exec(kw.text()) : null;
      keywordsSummary = m ? parseSummaryLine(m[1]) : null;
    } catch (e) {
      problems.push(`无法读取报告元数据：${(e as Error).message}`);
    }
    if (!out.meta) problems.push('报告中没有评估结果元数据（XMP）');
    let findingsBytes: Buffer | undefined;
    try {
      findingsBytes = view.embeddedFiles().get('findings.json');
    } catch (e) {
      problems.push(`无法读取附件：${(e as Error).message}`);
    }
    if (findingsBytes) {
      attachment.present = true;
      attachment.sha256 = createHash('sha256').update(findingsBytes).digest('hex');
      try {
        const f = parseJson<{ summary?: Counts; results?: { status: string }[] }>(findingsBytes.toString('utf8'));
        const s = f.summary ?? null;
        attachment.summary = s;
        const recount = countsFromResults(f.results ?? []);
        attachment.countsConsistent = !!s && Object.entries(recount).every(([k, v]) => s[k as keyof Counts] === v);
        if (!attachment.countsConsistent) problems.push('附件 findings.json 的 summary 与其 results 的计数不一致');
        const stated = out.meta?.toolSummary ?? null;
        attachment.matchesReport = !!s && !!stated && summaryLine(s) === summaryLine(stated)
          && (!keywordsSummary || summaryLine(keywordsSummary) === summaryLine(s));
        if (!attachment.matchesReport) {
          problems.push(`附件 findings.json 的统计（${s ? summaryLine(s) : '无'}）与报告所载（${stated ? summaryLine(stated) : '无'}）不一致`);
        }
      } catch (e) {
        problems.push(`附件 findings.json 不是有效的 JSON：${(e as Error).message}`);
      }
      attachment.hashMatchesReport = !!out.meta?.findingsSha256 && out.meta.findingsSha256 === attachment.sha256;
      if (!attachment.hashMatchesReport) problems.push('附件 findings.json 的 SHA-256 与报告所载不一致');
    } else {
      problems.push('报告中没有附件 findings.json');
    }
  }

  if (opts.sm2PublicKeyPem && opts.sm2Signature) {
    out.sm2.checked = true;
    try {
      out.sm2.valid = verifySm2(pdf, opts.sm2Signature, opts.sm2PublicKeyPem);
    } catch (e) {
      out.sm2.valid = false;
      problems.push(`SM2 签名无法验证：${(e as Error).message}`);
    }
    if (out.sm2.valid === false && !problems.some((p) => p.startsWith('SM2'))) problems.push('SM2 签名与报告文件不符');
  }

  out.ok = out.signed && found.length <= MAX_SIGNATURES && out.signatures.every((s) => s.indication === 'TOTAL_PASSED' && s.integrity.state === 'intact') && attachment.present && attachment.countsConsistent
    && attachment.matchesReport && attachment.hashMatchesReport && (!out.sm2.checked || out.sm2.valid === true);
  return out;
}

/** Verify a report file; with `sm2PublicKeyPem`, also `<pdf>.sm2.sig` (or `sm2SignaturePath`). */
export async function verifyReport(pdfPath: string, opts: { sm2PublicKeyPem?: string; sm2SignaturePath?: string; trust?: TrustContext } = {}): Promise<ReportVerification> {
  const pdf = await readRegularFile(pdfPath, { maxBytes: MAX_REPORT_BYTES, what: '报告文件' });
  let sm2Signature: Buffer | undefined;
  if (opts.sm2PublicKeyPem) {
    try {
      sm2Signature = await readRegularFile(opts.sm2SignaturePath ?? `${pdfPath}.sm2.sig`, { maxBytes: 1024, what: 'SM2 签名文件' });
    } catch (e) {
      if (!(e instanceof FileRefused) || e.reason !== 'missing') throw e;
      sm2Signature = undefined;
    }
  }
  const v = verifyReportBytes(pdf, { sm2PublicKeyPem: opts.sm2PublicKeyPem, sm2Signature, trust: opts.trust });
  if (opts.sm2PublicKeyPem && !sm2Signature) {
    v.sm2 = { checked: true, valid: false };
    v.problems.push('找不到 SM2 签名文件');
    v.ok = false;
  }
  return { path: pdfPath, ...v };
}
