import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { appendLogEntry } from '../../../shared/review/log.js';
import { pairOpinions } from '../../../shared/review/second-opinion.js';
import { decision, makeFindings } from '../../../shared/review/testing.js';
import type { Decision, ReviewLogEntry } from '../../../shared/review/types.js';
import {
  ENTRY, ReviewPackageError, importReviewPackage, makeReviewPackage, readPackageEntries, verifyReviewPackage,
} from './package.js';
import { SignerError, loadP12Signer, loadPemSigner, type ReviewerSigner } from './signer.js';
import { pemBlocks } from '../crypto/pem.js';
import { readCertificate } from '../crypto/x509.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const reviewerA = () => loadP12Signer(readFileSync(join(FIXTURES, 'reviewer-a-rsa.p12')), 'test-only');
const reviewerB = () => loadP12Signer(readFileSync(join(FIXTURES, 'reviewer-b-ecdsa.p12')), 'test-only');
/** Both fixture reviewers' self-signed certificates pinned, as each would register the other's. */
const TRUST_BOTH = { trust: { anchors: [reviewerA(), reviewerB()].map((r) => ({ cert: readCertificate(pemBlocks(r.certificatePem!, 'CERTIFICATE')[0]), label: r.name, kind: 'certificate' as const })), crls: [] } };

function logOf(who: string, decisions: Decision[]): ReviewLogEntry[] {
  let log: ReviewLogEntry[] = appendLogEntry([], { at: '2027-01-07T09:00:00+08:00', who, action: 'case_open' });
  for (const d of decisions) log = appendLogEntry(log, { at: d.at, who, action: 'decision_add', ruleId: d.ruleId, after: d });
  return log;
}

const decisionsA = [
  decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reason: '集中度有合理解释', reviewer: '审查员甲' }),
  decision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下交付渠道', deadline: '2027-03-31', reviewer: '审查员甲' }),
];
const decisionsB = [
  decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'fail', reason: '集中度过高', reviewer: '审查员乙' }),
];

async function packageBy(signer: ReviewerSigner, decisions: Decision[], extra: { reportPdf?: Buffer; bundleManifest?: Buffer } = {}): Promise<Buffer> {
  return makeReviewPackage({
    findings: makeFindings(), decisions, log: logOf(signer.name, decisions), signer, now: new Date('2027-01-07T03:00:00Z'), ...extra,
  });
}

/** Rewrite a package with one entry replaced (or added), keeping everything else. */
async function rewrite(pkg: Buffer, change: (m: Map<string, Buffer>) => void): Promise<Buffer> {
  const entries = await readPackageEntries(pkg);
  change(entries);
  const zip = new yazl.ZipFile();
  for (const [name, b] of entries) zip.addBuffer(b, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('reviewer keys', () => {
  it('opens RSA and ECDSA PKCS#12 files with their certificates', () => {
    const a = reviewerA();
    expect(a).toMatchObject({ alg: 'rsa-sha256', name: '审查员甲' });
    expect(a.certificatePem).toContain('BEGIN CERTIFICATE');
    expect(a.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const b = reviewerB();
    expect(b).toMatchObject({ alg: 'ecdsa-sha256', name: '审查员乙' });
  });

  it('opens a PKCS#12 made by node-forge (3DES, SHA-1 MAC)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = forge.pki.privateKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs1' }).toString());
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
    cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
    const attrs = [{ name: 'commonName', value: '审查员丙', valueTagClass: forge.asn1.Type.UTF8 as unknown as number }];
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.sign(key, forge.md.sha256.create());
    const p12 = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, cert, 'pw', { algorithm: '3des' })).getBytes();
    const s = loadP12Signer(Buffer.from(p12, 'binary'), 'pw');
    expect(s).toMatchObject({ alg: 'rsa-sha256', name: '审查员丙' });
  });

  it('refuses a wrong password and a file that is no PKCS#12', () => {
    expect(() => loadP12Signer(readFileSync(join(FIXTURES, 'reviewer-a-rsa.p12')), 'wrong')).toThrow(/口令错误/);
    expect(() => loadP12Signer(Buffer.from('not a p12'), 'x')).toThrow(SignerError);
  });

  it('takes a bare Ed25519 PEM key with a name', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(loadPemSigner(pem, { name: '测试员' })).toMatchObject({ alg: 'ed25519', certificatePem: null, name: '测试员' });
    expect(() => loadPemSigner(pem)).toThrow(/姓名/);
  });
});

describe('review packages', () => {
  it('made by reviewer A and imported by reviewer B shows both reviewers\' decisions', async () => {
    const pkg = await packageBy(reviewerA(), decisionsA, { reportPdf: Buffer.from('%PDF-1.7\n…'), bundleManifest: Buffer.from('{"format":"evidence-bundle/1"}') });
    const imported = await importReviewPackage(pkg, { myManifestSha256: 'ab'.repeat(32), ...TRUST_BOTH });
    expect(imported.verification).toMatchObject({ ok: true, problems: [], signature: 'valid', integrity: 'intact' });
    expect(imported.verification.judgement).toMatchObject({ indication: 'TOTAL_PASSED', trust: { state: 'trusted', anchor: { label: '审查员甲' } } });
    expect(imported.reviewer).toBe('审查员甲');
    expect(imported.verification.signer).toMatchObject({ alg: 'rsa-sha256', name: '审查员甲', selfSigned: true });
    expect(imported.decisions).toEqual(decisionsA);
    expect(imported.log).toHaveLength(3);
    expect(imported.reportPdf?.toString()).toBe('%PDF-1.7\n…');
    expect(imported.bundleManifest?.toString()).toContain('evidence-bundle/1');
    expect(imported.sameBundle).toBe(true);

    // Reviewer B's own work beside A's.
    const mine = makeFindings();
    const pairs = pairOpinions({ decisions: decisionsB, results: mine.results }, { decisions: imported.decisions, results: imported.findings.results });
    const p = pairs.find((x) => x.ruleId === 'JZ-12-02')!;
    expect(p.mine.verdict?.reviewer).toBe('审查员乙');
    expect(p.mine.status).toBe('fail');
    expect(p.theirs.verdict?.reviewer).toBe('审查员甲');
    expect(p.theirs.status).toBe('pass');
    expect(p.agreement).toBe('disagree');
    const r = pairs.find((x) => x.ruleId === 'JZ-06-01')!;
    expect(r.theirs.decisions.map((d) => d.kind)).toEqual(['rectification']);
    expect(r.mine.decisions).toEqual([]);

    // And the other way round: B's ECDSA-signed package opens for A.
    const back = await importReviewPackage(await packageBy(reviewerB(), decisionsB), TRUST_BOTH);
    expect(back.verification.signer?.alg).toBe('ecdsa-sha256');
    expect(back.decisions).toEqual(decisionsB);
  });

  it('lists every entry with its SHA-256 and signs the manifest', async () => {
    const pkg = await packageBy(reviewerA(), decisionsA, { reportPdf: Buffer.from('%PDF') });
    const v = await verifyReviewPackage(pkg);
    expect(v.entries.map((e) => [e.path, e.state])).toEqual([
      [ENTRY.decisions, 'ok'], [ENTRY.findings, 'ok'], [ENTRY.report, 'ok'], [ENTRY.log, 'ok'],
    ]);
    expect(v.manifest?.reviewer).toBe('审查员甲');
    expect(v.manifest?.bundle.manifest_sha256).toBe('ab'.repeat(32));
    expect(v.manifest?.signature?.certificate_pem).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a package changed after signing, naming what changed', async () => {
    const pkg = await packageBy(reviewerA(), decisionsA);

    const edited = await rewrite(pkg, (m) => {
      const d = JSON.parse(m.get(ENTRY.decisions)!.toString());
      d[0].status = 'fail';
      m.set(ENTRY.decisions, Buffer.from(JSON.stringify(d, null, 2) + '\n'));
    });
    const v = await verifyReviewPackage(edited);
    expect(v.ok).toBe(false);
    expect(v.entries.find((e) => e.path === ENTRY.decisions)?.state).toBe('changed');
    expect(v.problems.join('\n')).toMatch(/decisions\.json 在签名后被改动/);
    await expect(importReviewPackage(edited, TRUST_BOTH)).rejects.toThrow(/decisions\.json 在签名后被改动/);

    // Changing the file and its hash in the manifest: the signature gives it away.
    const covered = await rewrite(pkg, (m) => {
      const f = JSON.parse(m.get(ENTRY.findings)!.toString());
      f.results[0].status = 'pass';
      const b = Buffer.from(JSON.stringify(f, null, 2) + '\n');
      m.set(ENTRY.findings, b);
      const man = JSON.parse(m.get(ENTRY.manifest)!.toString());
      const e = man.entries.find((x: { path: string }) => x.path === ENTRY.findings);
      e.sha256 = createHash('sha256').update(b).digest('hex');
      e.bytes = b.length;
      m.set(ENTRY.manifest, Buffer.from(JSON.stringify(man)));
    });
    const v2 = await verifyReviewPackage(covered);
    expect(v2.ok).toBe(false);
    expect(v2.signature).toBe('invalid');
    expect(v2.entries.every((e) => e.state === 'ok')).toBe(true);
    expect(v2.problems.join()).toMatch(/cdreview\.json 与签名不符/);

    const added = await rewrite(pkg, (m) => m.set('extra.txt', Buffer.from('x')));
    expect((await verifyReviewPackage(added)).problems.join()).toMatch(/extra\.txt 是签名后加入的文件/);

    const dropped = await rewrite(pkg, (m) => m.delete(ENTRY.log));
    const v3 = await verifyReviewPackage(dropped);
    expect(v3.entries.find((e) => e.path === ENTRY.log)?.state).toBe('missing');
    expect(v3.problems.join()).toMatch(/review-log\.json 缺失/);

    // Re-signing with another key than the embedded certificate's does not pass either.
    const resigned = await rewrite(pkg, (m) => {
      const man = JSON.parse(m.get(ENTRY.manifest)!.toString());
      man.reviewer = '他人';
      m.set(ENTRY.manifest, Buffer.from(JSON.stringify(man)));
    });
    expect((await verifyReviewPackage(resigned)).signature).toBe('invalid');
  });

  it('refuses to sign a broken review log or unusable decisions', async () => {
    const log = logOf('审查员甲', decisionsA);
    (log[1].after as Decision).reason = '改过';
    await expect(makeReviewPackage({ findings: makeFindings(), decisions: decisionsA, log, signer: reviewerA() })).rejects.toThrow(ReviewPackageError);
    await expect(makeReviewPackage({
      findings: makeFindings(), decisions: [decision({ ruleId: 'JZ-06-01', kind: 'override' })], log: [], signer: reviewerA(),
    })).rejects.toThrow(/status/);
  });

  it('trusts only listed signers when asked, and refuses what is not a package', async () => {
    const pkg = await packageBy(reviewerA(), decisionsA);
    expect((await verifyReviewPackage(pkg, { trustedFingerprints: [reviewerA().fingerprint] })).ok).toBe(true);
    const v = await verifyReviewPackage(pkg, { trustedFingerprints: [reviewerB().fingerprint] });
    expect(v.ok).toBe(false);
    expect(v.problems.join()).toContain('信任列表');
    await expect(verifyReviewPackage(Buffer.from('PK not a zip'))).rejects.toThrow(ReviewPackageError);
    const noManifest = await rewrite(pkg, (m) => m.delete(ENTRY.manifest));
    expect((await verifyReviewPackage(noManifest)).problems[0]).toContain('cdreview.json');
  });

  it('signs with a bare Ed25519 key, trusted only once its key fingerprint is pinned', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const signer = loadPemSigner(pem, { name: '测试员' });
    const pkg = await packageBy(signer, []);
    const v = await verifyReviewPackage(pkg);
    expect(v).toMatchObject({ ok: false, signature: 'valid', integrity: 'intact' });
    expect(v.judgement).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(v.signer?.fingerprint).toBe(signer.fingerprint);
    expect(v.problems.join()).toContain(signer.fingerprint);
    expect(await verifyReviewPackage(pkg, { trustedFingerprints: [signer.fingerprint.replace(/:/g, '').toLowerCase()] })).toMatchObject({ ok: true });
  });

  it('refuses a package re-signed by a key the reviewer does not trust, in verify and in import', async () => {
    const pkg = await packageBy(reviewerA(), decisionsA);
    const impostor = loadPemSigner(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { name: '审查员甲' });
    const resigned = await packageBy(impostor, decisionsA);
    const v = await verifyReviewPackage(resigned, TRUST_BOTH);
    expect(v).toMatchObject({ ok: false, signature: 'valid', integrity: 'intact' });
    expect(v.judgement?.indication).toBe('INDETERMINATE');
    await expect(importReviewPackage(resigned, TRUST_BOTH)).rejects.toThrow(/拒绝导入/);
    expect((await importReviewPackage(pkg, TRUST_BOTH)).reviewer).toBe('审查员甲');
  });

  it('is reproducible for the same input and clock (Ed25519 signs deterministically)', async () => {
    const signer = loadPemSigner(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { name: 'x' });
    const a = await packageBy(signer, decisionsA);
    const b = await packageBy(signer, decisionsA);
    expect(b.equals(a)).toBe(true);
    const entries = await readPackageEntries(a);
    expect([...entries.keys()].sort()).toEqual([ENTRY.manifest, ENTRY.decisions, ENTRY.findings, ENTRY.log].sort());
  });
});
