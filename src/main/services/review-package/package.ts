// Review packages (.cdreview): what one reviewer hands another — findings, decisions,
// review log, report and the bundle's manifest — in a zip whose package manifest lists
// every entry's SHA-256 and is signed by the reviewer. Verification names each entry
// changed, missing or added since signing; import returns the other reviewer's work.

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { canonicalJson } from '../../../shared/bundle/integrity.js';
import type { Findings } from '../../../shared/engine/assess.js';
import { decisionProblems } from '../../../shared/review/effective.js';
import { verifyLog } from '../../../shared/review/log.js';
import type { Decision, ReviewLogEntry } from '../../../shared/review/types.js';
import { verdictOf } from '../../../shared/signatures/verdict.js';
import { judgeSignature, type SignatureJudgement, type TrustContext } from '../crypto/judge.js';
import { pemBlocks } from '../crypto/pem.js';
import { keyFingerprint, normaliseFingerprint } from '../crypto/public-key.js';
import { describeCertificate, readCertificate, type CertInfo } from '../crypto/x509.js';
import {
  PACKAGE_SIGNATURE_ALGS, verifyWith,
  type PackageSignatureAlg, type ReviewerSigner,
} from './signer.js';
import { parseJson } from '../../../shared/bundle/json.js';
import { readRegularFile } from '../regular-file.js';

export const PACKAGE_FORMAT = 'compliance-desk/review-package/1';
export const ENTRY = {
  manifest: 'cdreview.json',
  findings: 'findings.json',
  decisions: 'decisions.json',
  log: 'review-log.json',
  report: 'report.pdf',
  bundleManifest: 'bundle-manifest.json',
} as const;
const REQUIRED = [ENTRY.findings, ENTRY.decisions, ENTRY.log] as const;

export interface PackageEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface PackageSignature {
  alg: PackageSignatureAlg;
  /** PEM; null when a bare key signed. */
  certificate_pem: string | null;
  public_key_pem: string;
  /** Base64. */
  value: string;
}

/** cdreview.json. The signature covers the canonical JSON of every other member. */
export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  created_at: string;
  reviewer: string;
  tool: { name: string; version: string };
  rule_pack: { id: string; version: string };
  bundle: { source: string; operator_id: string | null; operator_name: string | null; manifest_sha256: string | null; period: { start: string; end: string } };
  entries: PackageEntry[];
  signature?: PackageSignature;
}

/** The package cannot be made, read or trusted; the message says why, in Chinese. */
export class ReviewPackageError extends Error {
  readonly problems: string[];

  constructor(message: string, problems: string[] = [message]) {
    super(message);
    this.name = 'ReviewPackageError';
    this.problems = problems;
  }
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

function json(v: unknown): Buffer {
  return Buffer.from(JSON.stringify(v, null, 2) + '\n', 'utf8');
}

// ---------------------------------------------------------------- make

export interface MakePackageInput {
  findings: Findings;
  decisions: readonly Decision[];
  log: readonly ReviewLogEntry[];
  /** The signed PDF report, if issued. */
  reportPdf?: Uint8Array;
  /** The bundle's manifest.json as it was reviewed (not the bundle itself). */
  bundleManifest?: Uint8Array;
  signer: ReviewerSigner;
  /** Default: the signer's name. */
  reviewer?: string;
  now?: Date;
}

/** Build and sign a package. Refuses a broken review log or an unusable decision. */
export async function makeReviewPackage(input: MakePackageInput): Promise<Buffer> {
  const problems: string[] = [];
  const logCheck = verifyLog(input.log);
  if (!logCheck.ok) problems.push(logCheck.problem);
  input.decisions.forEach((d, i) => problems.push(...decisionProblems(d).map((p) => `决定第 ${i + 1} 项：${p}`)));
  if (problems.length) throw new ReviewPackageError(`审查包未生成：${problems[0]}${problems.length > 1 ? `（另有 ${problems.length - 1} 个问题）` : ''}`, problems);

  const now = input.now ?? new Date();
  const contents = new Map<string, Buffer>([
    [ENTRY.findings, json(input.findings)],
    [ENTRY.decisions, json(input.decisions)],
    [ENTRY.log, json(input.log)],
  ]);
  if (input.reportPdf) contents.set(ENTRY.report, Buffer.from(input.reportPdf));
  if (input.bundleManifest) contents.set(ENTRY.bundleManifest, Buffer.from(input.bundleManifest));
  const entries = [...contents].map(([path, b]) => ({ path, sha256: sha256(b), bytes: b.length })).sort((a, b) => (a.path < b.path ? -1 : 1));

  const f = input.findings;
  const unsigned: PackageManifest = {
    format: PACKAGE_FORMAT,
    created_at: now.toISOString(),
    reviewer: input.reviewer ?? input.signer.name,
    tool: f.tool,
    rule_pack: f.rulePack,
    bundle: { source: f.bundle.source, operator_id: f.bundle.operatorId, operator_name: f.bundle.operatorName, manifest_sha256: f.bundle.manifestSha256, period: f.period },
    entries,
  };
  const value = input.signer.sign(Buffer.from(canonicalJson(unsigned), 'utf8')).toString('base64');
  const manifest: PackageManifest = {
    ...unsigned,
    signature: { alg: input.signer.alg, certificate_pem: input.signer.certificatePem, public_key_pem: input.signer.publicKeyPem, value },
  };

  const zip = new yazl.ZipFile();
  const mtime = new Date(Math.floor(now.getTime() / 2000) * 2000);
  zip.addBuffer(json(manifest), ENTRY.manifest, { mtime, mode: 0o100644 });
  for (const e of entries) zip.addBuffer(contents.get(e.path)!, e.path, { mtime, mode: 0o100644, compress: e.path !== ENTRY.report });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

export async function writeReviewPackage(path: string, input: MakePackageInput): Promise<{ bytes: number; sha256: string }> {
  const b = await makeReviewPackage(input);
  await writeFile(path, b);
  return { bytes: b.length, sha256: sha256(b) };
}

// ---------------------------------------------------------------- read

export interface ReadLimits {
  /** Largest entry, uncompressed. Default 256 MiB. */
  maxEntryBytes?: number;
  /** All entries, uncompressed. Default 512 MiB. */
  maxTotalBytes?: number;
  /** Default 32. */
  maxEntries?: number;
}

const MiB = 1024 * 1024;

/** Every entry of the zip in memory, refusing what a package never holds. */
async function readZip(buf: Buffer, lim: Required<ReadLimits>): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, z) => (err || !z ? reject(err ?? new Error('not a zip')) : resolve(z)));
  }).catch((e: Error) => {
    throw new ReviewPackageError(`这不是有效的审查包（zip 无法读取：${e.message}）。`);
  });
  const out = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      zip.close();
      reject(new ReviewPackageError(message));
    };
    zip.on('error', (e: Error) => fail(`审查包的 zip 结构损坏：${e.message}。`));
    zip.on('end', () => resolve(out));
    zip.on('entry', (e: yauzl.Entry) => {
      const name = e.fileName;
      if (out.size >= lim.maxEntries) return fail(`审查包含有超过 ${lim.maxEntries} 个文件，不是本工具生成的审查包。`);
      if (/\/$/.test(name)) return zip.readEntry();
      if (name.includes('/') || name.includes('\\') || name.startsWith('.')) return fail(`审查包含有意外的路径 ${JSON.stringify(name)}，已拒绝。`);
      if (out.has(name)) return fail(`审查包中 ${name} 出现两次，已拒绝：同名文件可能让不同程序读到不同内容。`);
      if (e.isEncrypted()) return fail(`审查包中的 ${name} 已加密，无法检查。`);
      if (e.uncompressedSize > lim.maxEntryBytes) return fail(`审查包中的 ${name} 有 ${e.uncompressedSize} 字节，超过上限 ${lim.maxEntryBytes}。`);
      total += e.uncompressedSize;
      if (total > lim.maxTotalBytes) return fail(`审查包解压后超过 ${lim.maxTotalBytes} 字节，已拒绝。`);
      zip.openReadStream(e, (err, rs) => {
        if (err || !rs) return fail(`审查包中的 ${name} 无法读取：${err?.message ?? ''}。`);
        const chunks: Buffer[] = [];
        rs.on('data', (c: Buffer) => chunks.push(c));
        rs.on('error', (er: Error) => fail(`审查包中的 ${name} 无法解压：${er.message}。`));
        rs.on('end', () => {
          out.set(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

export interface SignerInfo {
  alg: string;
  /** Certificate CN, else the package's reviewer. */
  name: string;
  subject: string | null;
  issuer: string | null;
  selfSigned: boolean | null;
  validFrom: string | null;
  validTo: string | null;
  fingerprint: string;
}

export interface EntryCheck {
  path: string;
  state: 'ok' | 'changed' | 'missing' | 'added';
  expected?: { sha256: string; bytes: number };
  actual?: { sha256: string; bytes: number };
}

export interface PackageVerification {
  /** Intact, validly signed, and signed by someone the reviewer trusts. */
  ok: boolean;
  /** Every entry as signed (no entry changed, missing or added, the log's chain whole). */
  integrity: 'intact' | 'modified';
  /** The signature's indication, signer and trust (null when it could not be read). */
  judgement: SignatureJudgement | null;
  /** Why it cannot be trusted: each names what changed. Empty when ok. */
  problems: string[];
  /** Worth a look but not a change after signing. */
  warnings: string[];
  manifest: PackageManifest | null;
  entries: EntryCheck[];
  signature: 'valid' | 'invalid' | 'absent' | 'unsupported';
  signer: SignerInfo | null;
}

export interface VerifyOptions extends ReadLimits {
  /** The reviewer's anchors and CRLs: a signer is trusted only through them (or a pin below). */
  trust?: TrustContext;
  /** Certificate or key fingerprints (SHA-256) pinned for this check: `--trust SHA256,…`. */
  trustedFingerprints?: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The package's bytes; a file that is missing, not a regular file or too large is refused (FileRefused) before reading. */
async function bytesOf(source: string | Buffer, lim: Required<ReadLimits>): Promise<Buffer> {
  if (Buffer.isBuffer(source)) return source;
  return readRegularFile(source, { maxBytes: lim.maxTotalBytes, what: '审查包' });
}

function limits(o: ReadLimits): Required<ReadLimits> {
  return { maxEntryBytes: o.maxEntryBytes ?? 256 * MiB, maxTotalBytes: o.maxTotalBytes ?? 512 * MiB, maxEntries: o.maxEntries ?? 32 };
}

const short = (h: string) => `${h.slice(0, 16)}…`;

/** Check every entry against the package manifest and the manifest against its signature. */
export async function verifyReviewPackage(source: string | Buffer, opts: VerifyOptions = {}): Promise<PackageVerification> {
  const lim = limits(opts);
  const files = await readZip(await bytesOf(source, lim), lim);
  return verifyEntries(files, opts);
}

function verifyEntries(files: Map<string, Buffer>, opts: VerifyOptions): PackageVerification {
  const problems: string[] = [];
  const warnings: string[] = [];
  let modified = false;
  const result = (extra: Partial<PackageVerification>): PackageVerification => {
    const judgement = extra.judgement ?? null;
    const integrity = modified || !extra.manifest ? 'modified' : 'intact';
    return {
      ok: problems.length === 0 && integrity === 'intact' && judgement?.indication === 'TOTAL_PASSED',
      integrity, judgement, problems, warnings, manifest: null, entries: [], signature: 'absent', signer: null, ...extra,
    };
  };
  const raw = files.get(ENTRY.manifest);
  if (!raw) {
    problems.push(`审查包中没有 ${ENTRY.manifest}：不是本工具生成的审查包，或清单被删除。`);
    return result({});
  }
  let parsed: unknown;
  try {
    parsed = parseJson(raw.toString('utf8'));
  } catch (e) {
    problems.push(`${ENTRY.manifest} 不是有效的 JSON（${(e as Error).message}）：清单在签名后被改动或损坏。`);
    return result({});
  }
  if (!isObject(parsed) || parsed.format !== PACKAGE_FORMAT || !Array.isArray(parsed.entries)) {
    problems.push(`${ENTRY.manifest} 不是 ${PACKAGE_FORMAT} 格式的清单。`);
    return result({});
  }
  const manifest = parsed as unknown as PackageManifest;

  // Entries: each listed one present and unchanged, nothing added.
  const entries: EntryCheck[] = [];
  const listed = new Set<string>();
  for (const e of manifest.entries as unknown[]) {
    if (!isObject(e) || typeof e.path !== 'string' || typeof e.sha256 !== 'string' || typeof e.bytes !== 'number') {
      problems.push(`${ENTRY.manifest} 的 entries 中有无效的条目。`);
      continue;
    }
    listed.add(e.path);
    const expected = { sha256: e.sha256.toLowerCase(), bytes: e.bytes };
    const b = files.get(e.path);
    if (!b) {
      entries.push({ path: e.path, state: 'missing', expected });
      modified = true;
      problems.push(`${e.path} 缺失：签名时包中有此文件（${expected.bytes} 字节），现已被删除。`);
      continue;
    }
    const actual = { sha256: sha256(b), bytes: b.length };
    if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes) {
      entries.push({ path: e.path, state: 'changed', expected, actual });
      modified = true;
      problems.push(`${e.path} 在签名后被改动：SHA-256 应为 ${short(expected.sha256)}，实为 ${short(actual.sha256)}；大小应为 ${expected.bytes} 字节，实为 ${actual.bytes} 字节。`);
    } else entries.push({ path: e.path, state: 'ok', expected, actual });
  }
  for (const name of [...files.keys()].sort()) {
    if (name === ENTRY.manifest || listed.has(name)) continue;
    entries.push({ path: name, state: 'added', actual: { sha256: sha256(files.get(name)!), bytes: files.get(name)!.length } });
    modified = true;
    problems.push(`${name} 是签名后加入的文件，不在签名的清单中。`);
  }
  for (const r of REQUIRED) if (!listed.has(r)) problems.push(`清单中没有 ${r}：审查包不完整。`);

  // The signature over the canonical manifest without it.
  const sig = manifest.signature as unknown;
  if (!isObject(sig)) {
    problems.push(`${ENTRY.manifest} 没有签名：无法确认审查包出自谁、签名后是否被改动。`);
    return result({ manifest, entries, signature: 'absent' });
  }
  const alg = sig.alg as PackageSignatureAlg;
  if (!PACKAGE_SIGNATURE_ALGS.includes(alg)) {
    problems.push(`签名算法 ${JSON.stringify(sig.alg)} 不受支持（支持 ${PACKAGE_SIGNATURE_ALGS.join('、')}）。`);
    return result({ manifest, entries, signature: 'unsupported' });
  }
  let key: KeyObject;
  let signer: SignerInfo;
  let cert: CertInfo | null = null;
  try {
    if (typeof sig.certificate_pem === 'string' && sig.certificate_pem) {
      cert = readCertificate(pemBlocks(sig.certificate_pem, 'CERTIFICATE')[0] ?? Buffer.alloc(0));
      key = cert.publicKey;
      if (typeof sig.public_key_pem === 'string' && sig.public_key_pem
        && !createPublicKey(sig.public_key_pem).equals(key)) {
        problems.push('签名中的公钥与证书的公钥不同：清单在签名后被改动。');
      }
      const view = describeCertificate(cert);
      signer = {
        alg, name: view.commonName ?? view.subject, subject: view.subject, issuer: view.issuer, selfSigned: view.selfSigned,
        validFrom: view.notBefore, validTo: view.notAfter, fingerprint: view.fingerprintSha256,
      };
      if (manifest.reviewer && signer.name !== manifest.reviewer) warnings.push(`清单写明的审查员“${manifest.reviewer}”与证书主体“${signer.name}”不同。`);
    } else {
      key = createPublicKey(String(sig.public_key_pem));
      signer = {
        alg, name: String(manifest.reviewer ?? ''), subject: null, issuer: null, selfSigned: null, validFrom: null, validTo: null, fingerprint: keyFingerprint(key),
      };
    }
  } catch (e) {
    problems.push(`签名中的证书或公钥无法读取（${(e as Error).message}）。`);
    return result({ manifest, entries, signature: 'invalid' });
  }
  const { signature: _omit, ...unsigned } = manifest;
  const valid = typeof sig.value === 'string'
    && verifyWith(alg, key, Buffer.from(canonicalJson(unsigned), 'utf8'), Buffer.from(sig.value, 'base64'));
  if (!valid) {
    problems.push(`${ENTRY.manifest} 与签名不符：清单在签名后被改动（如改写了文件的哈希或审查员信息），或签名不是此证书所签。`);
  }
  const judgement = judgePackageSigner({ cert, keyFingerprint: signer.fingerprint, valid, createdAt: manifest.created_at, opts });
  if (judgement.indication !== 'TOTAL_PASSED') problems.push(...judgement.trust.problems);

  // Content: a log whose chain is broken cannot be relied on even though it was signed.
  const logBytes = files.get(ENTRY.log);
  if (logBytes && listed.has(ENTRY.log)) {
    try {
      const log = parseJson(logBytes.toString('utf8'));
      const v = Array.isArray(log) ? verifyLog(log) : null;
      if (!v) problems.push(`${ENTRY.log} 不是数组。`);
      else if (!v.ok) problems.push(`${ENTRY.log}：${v.problem}`);
    } catch (e) {
      problems.push(`${ENTRY.log} 不是有效的 JSON（${(e as Error).message}）。`);
    }
  }
  const bm = files.get(ENTRY.bundleManifest);
  if (bm && manifest.bundle?.manifest_sha256 && sha256(bm) !== manifest.bundle.manifest_sha256) {
    warnings.push(`${ENTRY.bundleManifest} 与审查结果所依据的证据包清单（SHA-256 ${short(manifest.bundle.manifest_sha256)}）不是同一份。`);
  }
  return result({ manifest, entries, signature: valid ? 'valid' : 'invalid', signer, judgement });
}

/**
 * The signer judged as a report's would be: a certificate through the anchors (or a pinned
 * fingerprint); a bare key only through a pinned key fingerprint.
 */
function judgePackageSigner(o: { cert: CertInfo | null; keyFingerprint: string; valid: boolean; createdAt: string; opts: VerifyOptions }): SignatureJudgement {
  const pins = (o.opts.trustedFingerprints ?? []).map(normaliseFingerprint).filter((f): f is string => !!f);
  const signingTime = Number.isNaN(Date.parse(o.createdAt)) ? null : new Date(o.createdAt);
  if (o.cert) {
    const pinned = pins.includes(o.keyFingerprint) ? [{ cert: o.cert, label: '--trust', kind: 'certificate' as const }] : [];
    const ctx = o.opts.trust ?? { anchors: [], crls: [] };
    return judgeSignature({ formatOk: true, digestOk: true, signatureOk: o.valid, signer: o.cert, carried: [], signingTime }, { ...ctx, anchors: [...ctx.anchors, ...pinned] });
  }
  const trusted = pins.includes(o.keyFingerprint);
  return {
    ...verdictOf({ formatOk: true, digestOk: true, cryptoOk: o.valid, trust: trusted ? 'trusted' : 'untrusted' }),
    signer: null,
    certificateSignatureOk: null,
    trust: {
      state: trusted ? 'trusted' : 'untrusted',
      anchor: trusted ? { label: '--trust', fingerprintSha256: o.keyFingerprint, kind: 'certificate' } : null,
      chain: [], revocation: { checked: false, revokedAt: null, crl: null },
      problems: trusted ? [] : [`审查包由没有证书的密钥签名（公钥指纹 ${o.keyFingerprint}），该密钥未被信任：请向签名人核对指纹后用 --trust 指定`],
    },
  };
}

// ---------------------------------------------------------------- import

export interface ImportedReview {
  verification: PackageVerification;
  manifest: PackageManifest;
  reviewer: string;
  findings: Findings;
  decisions: Decision[];
  log: ReviewLogEntry[];
  reportPdf: Buffer | null;
  bundleManifest: Buffer | null;
  /** Whether the other reviewer reviewed the same bundle manifest; null when either is unknown. */
  sameBundle: boolean | null;
}

export interface ImportOptions extends VerifyOptions {
  /** SHA-256 of the bundle manifest one reviewed oneself, to say whether both reviewed the same bundle. */
  myManifestSha256?: string | null;
}

/**
 * Verify and open another reviewer's package. Refuses (ReviewPackageError) a package that
 * fails verification; decisions that are not usable are dropped with a warning.
 */
export async function importReviewPackage(source: string | Buffer, opts: ImportOptions = {}): Promise<ImportedReview> {
  const lim = limits(opts);
  const files = await readZip(await bytesOf(source, lim), lim);
  const v = verifyEntries(files, opts);
  if (!v.ok || !v.manifest) {
    throw new ReviewPackageError(`审查包未通过校验，拒绝导入：${v.problems.join(' ')}`, v.problems);
  }
  const parse = <T>(name: string): T => {
    try {
      return parseJson<T>(files.get(name)!.toString('utf8'));
    } catch (e) {
      throw new ReviewPackageError(`审查包中的 ${name} 不是有效的 JSON（${(e as Error).message}）。`);
    }
  };
  const findings = parse<Findings>(ENTRY.findings);
  if (!isObject(findings) || findings.format !== 'compliance-desk/findings/1' || !Array.isArray(findings.results)) {
    throw new ReviewPackageError(`审查包中的 ${ENTRY.findings} 不是 compliance-desk/findings/1 格式。`);
  }
  const rawDecisions = parse<unknown>(ENTRY.decisions);
  if (!Array.isArray(rawDecisions)) throw new ReviewPackageError(`审查包中的 ${ENTRY.decisions} 不是数组。`);
  const decisions: Decision[] = [];
  rawDecisions.forEach((d, i) => {
    const p = decisionProblems(d);
    if (p.length) v.warnings.push(`第 ${i + 1} 项决定无法使用，已忽略：${p.join('')}`);
    else decisions.push(d as Decision);
  });
  const mine = opts.myManifestSha256 ?? null;
  const theirs = v.manifest.bundle?.manifest_sha256 ?? null;
  const sameBundle = mine && theirs ? mine === theirs : null;
  if (sameBundle === false) v.warnings.push('对方审查的证据包清单与本方的不同：两份结论可能基于不同的证据。');
  return {
    verification: v,
    manifest: v.manifest,
    reviewer: v.signer?.name || v.manifest.reviewer,
    findings,
    decisions,
    log: parse<ReviewLogEntry[]>(ENTRY.log),
    reportPdf: files.get(ENTRY.report) ?? null,
    bundleManifest: files.get(ENTRY.bundleManifest) ?? null,
    sameBundle,
  };
}

/** Entries of a zip, for tests and tools that rewrite a package. */
export async function readPackageEntries(source: string | Buffer, opts: ReadLimits = {}): Promise<Map<string, Buffer>> {
  const lim = limits(opts);
  return readZip(await bytesOf(source, lim), lim);
}
