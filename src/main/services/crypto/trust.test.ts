import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTool } from '../../../../test/tools.js';
import { DerError, checkDer } from './asn1.js';
import { initCa, issueSigningCertificate, openCa, revokeCertificates } from './ca.js';
import type { Anchor } from './chain.js';
import { assembleSignedData, checkSignedData, signedAttributes } from './cms.js';
import { readCrl } from './crl.js';
import { cmsFacts, judgeSignature, type TrustContext } from './judge.js';
import { readP12 } from './p12.js';
import { toPem } from './pem.js';
import { testCa, testCms, testSigner, type TestIdentity } from './testing.js';
import {
  EMPTY_STORE, TrustError, addEntries, anchorsOf, certificateEntry, operatorKeyEntry, readTrustMaterial, readTrustStore, removeEntries, writeTrustStore,
} from './trust-store.js';
import { describeCertificate, readCertificate } from './x509.js';

const CONTENT = Buffer.from('报告正文：锦州数智运营有限公司 2026 年度评估');
const DAY = 86_400_000;

const root = (who: TestIdentity, label = '评估 CA'): Anchor => ({ cert: who.cert, label, kind: 'root' });

function judge(cms: Buffer, ctx: TrustContext, content = CONTENT) {
  return judgeSignature(cmsFacts(checkSignedData(cms, [content])), ctx);
}

describe('whom a report signature is from', () => {
  const ca = testCa();
  const evaluator = testSigner({ ca });
  const ctx: TrustContext = { anchors: [root(ca)], crls: [] };

  it('is TOTAL_PASSED for an evaluator whose certificate leads to a trusted root', () => {
    const j = judge(testCms(evaluator, CONTENT, new Date(), [ca]), ctx);
    expect(j).toMatchObject({ indication: 'TOTAL_PASSED', subIndication: null, certificateSignatureOk: true });
    expect(j.trust.state).toBe('trusted');
    expect(j.trust.anchor).toMatchObject({ label: '评估 CA', kind: 'root' });
    expect(j.trust.chain.map((c) => c.commonName)).toEqual(['张三', '锦州市数据局评估 CA']);
    expect(j.signer?.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('finds the issuer in the store when the signature does not carry it', () => {
    expect(judge(testCms(evaluator, CONTENT), ctx).indication).toBe('TOTAL_PASSED');
  });

  it('is INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND for an impostor with the same name, showing its fingerprint', () => {
    const impostor = testSigner({ name: 'CN=张三, O=锦州市数据局' });
    const j = judge(testCms(impostor, CONTENT), ctx);
    expect(j).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(j.signer?.commonName).toBe('张三');
    expect(j.trust.problems.join()).toContain(j.signer!.fingerprintSha256);
    expect(j.signer?.fingerprintSha256).not.toBe(describeCertificate(evaluator.cert).fingerprintSha256);
  });

  it('is INDETERMINATE / OUT_OF_BOUNDS_NO_POE when the certificate had expired at the signing time', () => {
    const old = testSigner({ ca, from: new Date(Date.now() - 800 * DAY), until: new Date(Date.now() - 30 * DAY) });
    const j = judge(testCms(old, CONTENT), ctx);
    expect(j).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    expect(j.trust.state).toBe('expired');
  });

  it('is TOTAL_FAILED / NOT_YET_VALID when signed before the certificate was valid', () => {
    const early = testSigner({ ca, from: new Date(Date.now() + 10 * DAY) });
    expect(judge(testCms(early, CONTENT), ctx)).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'NOT_YET_VALID' });
  });

  it('is TOTAL_FAILED / REVOKED against a CRL listing the certificate before the signing time, REVOKED_NO_POE after it', () => {
    const caFile = initCa({ name: 'CN=吊销测试 CA', alg: 'ecdsa', years: 5, password: 'p' });
    const caKey = openCa(caFile.p12, 'p');
    const issued = issueSigningCertificate(caKey, { name: 'CN=李四', alg: 'ecdsa', years: 2, password: 'q' });
    const k = readP12(issued.p12, 'q');
    const who: TestIdentity = { cert: readCertificate(k.certDer), key: k.privateKey, alg: k.alg };
    const trust: TrustContext = { anchors: [root({ cert: caKey.cert, key: caKey.key, alg: 'ecdsa' })], crls: [] };
    const cms = testCms(who, CONTENT, new Date());
    expect(judge(cms, trust).indication).toBe('TOTAL_PASSED');

    const crl = readCrl(revokeCertificates(caKey, { serials: [issued.serial], at: new Date(Date.now() - DAY) }));
    expect(crl.revoked.has(issued.serial)).toBe(true);
    const revoked = judge(cms, { ...trust, crls: [crl] });
    expect(revoked).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    expect(revoked.trust.revocation.checked).toBe(true);

    const later = readCrl(revokeCertificates(caKey, { serials: [issued.serial], at: new Date(Date.now() + DAY) }));
    expect(judge(cms, { ...trust, crls: [later] })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' });

    // A CRL the CA did not sign revokes nothing.
    const forger = testCa('CN=吊销测试 CA');
    const fake = readCrl(revokeCertificates({ cert: caKey.cert, key: forger.key }, { serials: [issued.serial] }));
    const j = judge(cms, { ...trust, crls: [fake] });
    expect(j.indication).toBe('TOTAL_PASSED');
    expect(j.trust.problems.join()).toContain('CRL');
  });

  it('is TOTAL_FAILED / HASH_FAILURE when the signed bytes changed', () => {
    const j = judge(testCms(evaluator, CONTENT), ctx, Buffer.from('报告正文：已被改动'));
    expect(j).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('is TOTAL_FAILED when the certificate inside the signature is edited after signing (张三 → 王五)', () => {
    const self = testSigner();
    const cms = testCms(self, CONTENT);
    const from = Buffer.from('张三', 'utf8');
    // A self-signed certificate names 张三 twice: as issuer, then as subject.
    const at = cms.indexOf(from, cms.indexOf(from) + 1);
    expect(at).toBeGreaterThan(0);
    const edited = Buffer.from(cms);
    Buffer.from('王五', 'utf8').copy(edited, at);
    const pinned: TrustContext = { anchors: [{ cert: self.cert, label: '张三', kind: 'certificate' }], crls: [] };
    expect(judge(cms, pinned).indication).toBe('TOTAL_PASSED');
    const j = judge(edited, pinned);
    expect(j.indication).toBe('TOTAL_FAILED');
    expect(j.signer?.commonName).toBe('王五');
    // Also under a CA: the issuer's signature on the edited certificate fails.
    const underCa = testCms(evaluator, CONTENT, new Date(), [ca]);
    const e2 = Buffer.from(underCa);
    Buffer.from('王五', 'utf8').copy(e2, underCa.indexOf(from));
    // Editing the issuer's name instead leaves a signature whose signer cannot be identified.
    const e3 = Buffer.from(cms);
    Buffer.from('王五', 'utf8').copy(e3, cms.indexOf(from));
    expect(judge(e3, pinned)).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    const j2 = judge(e2, ctx);
    expect(j2.indication).toBe('TOTAL_FAILED');
    expect(j2.certificateSignatureOk).toBe(false);
  });

  it('is TOTAL_FAILED / FORMAT_FAILURE when the signed attributes name another certificate than the signer’s', () => {
    const a = testSigner({ ca, name: 'CN=张三' });
    const b = testSigner({ ca, name: 'CN=张三' });
    const digest = createHash('sha256').update(CONTENT).digest();
    // Signed by B, carrying B, but its ESS attribute names A.
    const cms = assembleSignedData({ cert: b.cert, attrs: signedAttributes(a.cert, digest, new Date()), privateKey: b.key, alg: b.alg });
    const c = checkSignedData(cms, [CONTENT]);
    expect(c.signatureOk).toBe(true);
    expect(c.essBinding).toBe('mismatch');
    expect(judge(cms, ctx)).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });

  it('is TOTAL_FAILED / SIG_CRYPTO_FAILURE for a signature made with another key than the certificate’s', () => {
    const a = testSigner({ ca });
    const b = testSigner({ ca });
    const digest = createHash('sha256').update(CONTENT).digest();
    const cms = assembleSignedData({ cert: a.cert, attrs: signedAttributes(a.cert, digest, new Date()), privateKey: b.key, alg: b.alg });
    expect(judge(cms, ctx)).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
  });

  it('is INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE when a non-CA certificate issued the signer’s', () => {
    const notCa = testSigner({ ca, name: 'CN=冒充的签发者' });
    const victim = testSigner({ ca: notCa });
    expect(judge(testCms(victim, CONTENT, new Date(), [notCa]), ctx)).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
  });

  it('trusts a pinned certificate only for itself, not for what it might have signed', () => {
    const pinnedCa = testCa('CN=只被钉住的证书');
    const under = testSigner({ ca: pinnedCa });
    const pinned: TrustContext = { anchors: [{ cert: pinnedCa.cert, label: 'x', kind: 'certificate' }], crls: [] };
    expect(judge(testCms(under, CONTENT, new Date(), [pinnedCa]), pinned).subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });
});

describe('an offline CA', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-ca-'));
  for (const alg of ['rsa', 'ecdsa', 'sm2'] as const) {
    it(`${alg}: ca init and ca issue give certificates OpenSSL verifies, with the CA flag and signing key usage`, () => {
      const ca = initCa({ name: `CN=测试 ${alg} CA, O=锦州市数据局`, alg, years: 10, password: '口令' });
      const caKey = openCa(ca.p12, '口令');
      expect(caKey.cert.isCa).toBe(true);
      const ev = issueSigningCertificate(caKey, { name: 'CN=张三, O=锦州市数据局', alg, years: 3, password: '口令2' });
      const cert = readCertificate(ev.certDer);
      expect(cert.isCa).toBe(false);
      expect([...cert.keyUsage!].sort()).toEqual([0, 1]);
      expect(cert.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.36']);
      const caPem = join(dir, `${alg}-ca.pem`);
      const evPem = join(dir, `${alg}-ev.pem`);
      writeFileSync(caPem, toPem('CERTIFICATE', caKey.cert.der));
      writeFileSync(evPem, toPem('CERTIFICATE', ev.certDer));
      const v = runTool('openssl', ['verify', ...(alg === 'sm2' ? ['-vfyopt', 'distid:1234567812345678'] : []), '-CAfile', caPem, evPem]);
      expect(v.out).toContain(`${evPem}: OK`);
      // The evaluator's P12 carries the CA certificate too, and OpenSSL opens it.
      const p12 = join(dir, `${alg}-ev.p12`);
      writeFileSync(p12, ev.p12);
      expect(runTool('openssl', ['pkcs12', '-in', p12, '-passin', 'pass:口令2', '-nokeys']).out.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    });
  }
});

describe('parsing what an attacker may hand us', () => {
  it('refuses DER nested past the depth limit, lengths past the data, indefinite lengths and floods of elements', () => {
    const deep = Buffer.concat([...Array.from({ length: 5000 }, () => Buffer.from([0x30, 0x80])), Buffer.alloc(10000)]);
    expect(() => checkDer(deep)).toThrow(DerError);
    const nested = (n: number): Buffer => (n === 0 ? Buffer.from([0x05, 0x00]) : (() => {
      const inner = nested(n - 1);
      const len = inner.length;
      const head = len < 128 ? Buffer.from([0x30, len]) : len < 256 ? Buffer.from([0x30, 0x81, len]) : Buffer.from([0x30, 0x82, len >> 8, len & 0xff]);
      return Buffer.concat([head, inner]);
    })());
    expect(() => checkDer(nested(40))).toThrow(/嵌套超过 32 层/);
    expect(checkDer(nested(20))).toBeGreaterThan(0);
    expect(() => checkDer(Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00]))).toThrow(DerError);
    expect(() => checkDer(Buffer.from([0x30, 0x05, 0x02, 0x01]))).toThrow(DerError);
    const flood = Buffer.concat([Buffer.from([0x30, 0x83, 0x06, 0x1a, 0x80]), Buffer.alloc(400_000, 0).fill(Buffer.from([0x05, 0x00]))]);
    expect(() => checkDer(flood)).toThrow(/超过 100000 个元素/);
  });

  it('reports a broken signature, certificate, CRL or P12 as a problem, never a crash', () => {
    for (const junk of [Buffer.alloc(0), Buffer.from('not der'), Buffer.from([0x30, 0x82, 0xff, 0xff]), Buffer.alloc(2000, 0x30)]) {
      const c = checkSignedData(junk, [CONTENT]);
      expect(c.formatOk).toBe(false);
      expect(c.problems.length).toBeGreaterThan(0);
      expect(() => readCertificate(junk)).toThrow();
      expect(() => readCrl(junk)).toThrow();
      expect(() => readP12(junk, 'x')).toThrow();
    }
  });

  it('keeps a trust store whose every entry is checked: a hand-edited fingerprint is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-trust-'));
    const path = join(dir, 'trust.json');
    expect(await readTrustStore(path)).toEqual(EMPTY_STORE);
    const ca = testCa();
    const self = testSigner();
    let store = addEntries(EMPTY_STORE, [certificateEntry(ca.cert, '本机构 CA'), certificateEntry(self.cert, '张三（自签）')]).store;
    expect(store.entries.map((e) => e.kind)).toEqual(['root', 'certificate']);
    expect(addEntries(store, [certificateEntry(ca.cert, '再加一次')]).added).toEqual([]);
    const key = operatorKeyEntry(toPem('PUBLIC KEY', self.cert.spki), '91210703MAC8K3T6X8', '锦州数智');
    store = addEntries(store, [key]).store;
    await writeTrustStore(path, store);
    const back = await readTrustStore(path);
    expect(back).toEqual(store);
    expect(anchorsOf(back).map((a) => a.label)).toEqual(['本机构 CA', '张三（自签）']);
    expect(removeEntries(back, store.entries[0].fingerprintSha256).store.entries).toHaveLength(2);
    const tampered = JSON.parse(JSON.stringify(store));
    tampered.entries[0].certificatePem = toPem('CERTIFICATE', self.cert.der);
    writeFileSync(path, JSON.stringify(tampered));
    await expect(readTrustStore(path)).rejects.toThrow(/指纹与其中的证书不符/);
    writeFileSync(path, '{"format":"compliance-desk/trust/1","entries":[{"__proto__":{"kind":"root"}}]}');
    await expect(readTrustStore(path)).rejects.toThrow(TrustError);
    expect(() => operatorKeyEntry(toPem('PUBLIC KEY', self.cert.spki), '123', 'x')).toThrow(/统一社会信用代码/);
    expect(() => readTrustMaterial(Buffer.from('hello'), { file: 'x.pem' })).toThrow(TrustError);
    expect(() => readTrustMaterial(Buffer.alloc(5 * 1024 * 1024), { file: 'big.pem' })).toThrow(/超过/);
    expect(() => readTrustMaterial(Buffer.from('junk'), { file: 'a.p12' })).toThrow(/口令/);
  });
});
