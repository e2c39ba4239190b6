// `package make | verify | import`: review packages (.cdreview) from the command line.
// `verify <file.cdreview>` calls runVerifyPackage.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  ReviewPackageError, SignerError, importReviewPackage, loadP12Signer, loadPemSigner, verifyReviewPackage, writeReviewPackage,
  type PackageVerification, type ReviewerSigner,
} from '../../main/services/review-package/index.js';
import type { Findings } from '../../shared/engine/assess.js';
import { STATUS_ZH } from '../../shared/report/labels.js';
import { pairOpinions } from '../../shared/review/second-opinion.js';
import type { Decision, ReviewLogEntry } from '../../shared/review/types.js';
import { passphraseFrom } from '../report-output.js';
import type { PackageImportOptions, PackageMakeOptions, PackageVerifyOptions } from '../program.js';
import { UsageError } from '../usage.js';
import { cliTrust, type TrustOptions } from '../trust.js';
import { terminalText } from '../terminal.js';
import { describeSignature } from '../../shared/signatures/describe.js';
import { parseJson } from '../../shared/bundle/json.js';

async function readJson<T>(path: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  try {
    return parseJson<T>(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

async function readBytes(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

/** `package make`: exit 0 written; a bad key or input throws (exit 2). */
export async function runPackageMake(values: PackageMakeOptions): Promise<number> {
  if (!!values.sign === !!values.key) throw new UsageError('package make needs exactly one of --sign FILE.p12 or --key FILE.pem');
  let signer: ReviewerSigner;
  try {
    if (values.sign) {
      signer = loadP12Signer(await readBytes(values.sign, 'PKCS#12 key'), passphraseFrom(values.passEnv), values.sign);
    } else {
      const cert = values.cert ? (await readBytes(values.cert, 'certificate')).toString('utf8') : undefined;
      const pem = await readBytes(values.key!, 'key');
      const pass = values.passEnv !== undefined || /ENCRYPTED/.test(pem.toString('latin1')) ? passphraseFrom(values.passEnv) : undefined;
      signer = loadPemSigner(pem, { name: values.reviewer, certificatePem: cert, passphrase: pass });
    }
  } catch (e) {
    if (e instanceof SignerError) throw new UsageError(e.message);
    throw e;
  }
  const findings = await readJson<Findings>(values.findings, 'findings');
  const decisions = values.decisions ? await readJson<Decision[]>(values.decisions, 'decisions') : [];
  const log = values.log ? await readJson<ReviewLogEntry[]>(values.log, 'review log') : [];
  if (!Array.isArray(decisions) || !Array.isArray(log)) throw new UsageError('--decisions and --log must hold JSON arrays');
  const out = resolve(values.out);
  try {
    const w = await writeReviewPackage(out, {
      findings, decisions, log, signer, reviewer: values.reviewer,
      reportPdf: values.report ? await readBytes(values.report, 'report') : undefined,
      bundleManifest: values.bundleManifest ? await readBytes(values.bundleManifest, 'bundle manifest') : undefined,
    });
    process.stderr.write(`${out}: ${w.bytes} bytes, signed by ${signer.name} (${signer.alg}, fingerprint ${signer.fingerprint})\n`);
  } catch (e) {
    if (e instanceof ReviewPackageError) {
      for (const p of e.problems) process.stderr.write(`  ${p}\n`);
      throw new UsageError(e.message);
    }
    throw e;
  }
  process.stdout.write(out + '\n');
  return 0;
}

function printVerification(file: string, v: PackageVerification): void {
  const lines = [`${file}：审查包${v.manifest?.created_at ? `（签于 ${v.manifest.created_at}）` : ''}`];
  for (const e of v.entries) lines.push(`  ${ENTRY_STATE_ZH[e.state]}  ${e.path}`);
  if (v.judgement) {
    const d = describeSignature({ ...v.judgement, integrity: { state: v.integrity, changes: [] } }, 'zh');
    lines.push(d.headline, ...d.lines.map((l) => `  ${l}`));
    if (d.action) lines.push(`  → ${d.action}`);
  }
  for (const p of v.problems) lines.push(`  ✗ ${p}`);
  for (const w of v.warnings) lines.push(`  ! ${w}`);
  lines.push(v.ok ? '通过：审查包与签名一致，签名人可信。' : v.integrity === 'modified' || v.judgement?.indication === 'TOTAL_FAILED'
    ? '未通过：审查包在签名后被改动，或签名无效。' : '未通过：签名人不可信或无法确认，见上。');
  process.stdout.write(terminalText(lines));
}

const ENTRY_STATE_ZH = { ok: '一致  ', changed: '被改动', missing: '缺失  ', added: '新增  ' } as const;

/** `verify <file.cdreview>` and `package verify`: exit 0 intact, valid and trusted, 1 not. */
export async function runVerifyPackage(path: string, opts: PackageVerifyOptions & TrustOptions = {}): Promise<number> {
  const trust = await cliTrust(opts);
  let v: PackageVerification;
  try {
    v = await verifyReviewPackage(resolve(path), { trust: trust.context, trustedFingerprints: trust.pins });
  } catch (e) {
    if (!(e instanceof ReviewPackageError)) throw e;
    v = { ok: false, integrity: 'modified', judgement: null, problems: e.problems, warnings: [], manifest: null, entries: [], signature: 'absent', signer: null };
  }
  if (opts.json) process.stdout.write(JSON.stringify(v, null, 2) + '\n');
  else printVerification(path, v);
  return v.ok ? 0 : 1;
}

/** `package import <file>`: exit 0 compared, 1 the package cannot be trusted. */
export async function runPackageImport(file: string, values: PackageImportOptions & TrustOptions): Promise<number> {
  const trust = await cliTrust(values);
  const mineFindings = values.findings ? await readJson<Findings>(values.findings, 'findings') : null;
  const mineDecisions = values.decisions ? await readJson<Decision[]>(values.decisions, 'decisions') : [];
  let imported;
  try {
    imported = await importReviewPackage(resolve(file), { myManifestSha256: mineFindings?.bundle.manifestSha256 ?? null, trust: trust.context, trustedFingerprints: trust.pins });
  } catch (e) {
    if (!(e instanceof ReviewPackageError)) throw e;
    process.stderr.write(`compliance-desk: ${e.message}\n`);
    return 1;
  }
  const pairs = pairOpinions(
    { decisions: mineDecisions, results: mineFindings?.results },
    { decisions: imported.decisions, results: imported.findings.results },
  );
  if (values.json) {
    process.stdout.write(JSON.stringify({ reviewer: imported.reviewer, verification: imported.verification, sameBundle: imported.sameBundle, pairs }, null, 2) + '\n');
    return 0;
  }
  const st = (s: keyof typeof STATUS_ZH | null) => (s ? STATUS_ZH[s] : '—');
  const lines = [`${file}: decisions of ${imported.reviewer} (${imported.decisions.length}) beside mine (${mineDecisions.length})`];
  for (const w of imported.verification.warnings) lines.push(`  ! ${w}`);
  for (const p of pairs.filter((x) => x.decided)) {
    const side = (v: typeof p.mine) => `${st(v.status)}${v.verdict ? `（${v.verdict.reviewer}：${v.verdict.reason}）` : ''}${v.decisions.filter((d) => d !== v.verdict).map((d) => ` [${d.kind}] ${d.reason}`).join('')}`;
    lines.push(`  ${p.ruleId}  ${p.agreement.padEnd(8)}  mine: ${side(p.mine)}  |  theirs: ${side(p.theirs)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
