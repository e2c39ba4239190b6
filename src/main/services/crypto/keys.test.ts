// Keys, certificates, PKCS#12 and the CMS signature, checked against OpenSSL both ways.

import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../../../test/tools.js';
import { der } from './asn1.js';
import { buildSignedData, checkSignedData } from './cms.js';
import { generateSigningKey } from './keygen.js';
import { P12Error, readP12, writeP12 } from './p12.js';
import { NameError, commonName, nameToString, parseSubject, readCertificate, selfSignedCertificate } from './x509.js';

const run = runTool;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('subject names', () => {
  it('takes a plain name as the CN and a DN in RFC 4514 order', () => {
    expect(parseSubject('张三')).toEqual([{ type: 'CN', value: '张三' }]);
    expect(parseSubject('CN=张三, O=锦州市数据局\\, 信息中心, C=CN')).toEqual([
      { type: 'CN', value: '张三' }, { type: 'O', value: '锦州市数据局, 信息中心' }, { type: 'C', value: 'CN' },
    ]);
    expect(() => parseSubject('O=锦州市数据局')).toThrow(NameError);
    expect(() => parseSubject('CN=张三, X=1')).toThrow(NameError);
    expect(() => parseSubject('CN=张三, C=China')).toThrow(NameError);
    expect(() => parseSubject('  ')).toThrow(NameError);
  });

  it('writes UTF8String values that OpenSSL reads back as the same Chinese text', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = selfSignedCertificate({ subject: parseSubject('CN=张三, O=锦州市数据局, C=CN'), privateKey });
    const cert = readCertificate(der);
    expect(commonName(cert.subjectAttrs)).toBe('张三');
    expect(nameToString(cert.subjectAttrs)).toBe('CN=张三, O=锦州市数据局, C=CN');
    const p = join(dir, 'c.der');
    writeFileSync(p, der);
    const r = run('openssl', ['x509', '-inform', 'DER', '-in', p, '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus_space', '-text']);
    expect(r.out).toContain('subject=C=CN, O=锦州市数据局, CN=张三');
    expect(r.out).toContain('Digital Signature, Non Repudiation');
  });
});

describe('PKCS#12', () => {
  it('round-trips an RSA-3072 key, and OpenSSL opens it with a non-ASCII passphrase', () => {
    const g = generateSigningKey({ name: 'CN=张三, O=锦州市数据局', password: '口令', alg: 'rsa' });
    const k = readP12(g.p12, '口令');
    expect(k.alg).toBe('rsa');
    expect(k.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(k.certDer.equals(g.certDer)).toBe(true);
    const p = join(dir, 'rsa.p12');
    writeFileSync(p, g.p12);
    const info = run('openssl', ['pkcs12', '-in', p, '-passin', 'pass:口令', '-noout', '-info']);
    expect(info.code).toBe(0);
    expect(info.out).toContain('MAC: sha256');
    expect(info.out).toContain('AES-256-CBC');
    const cert = run('openssl', ['pkcs12', '-in', p, '-passin', 'pass:口令', '-nokeys', '-clcerts']);
    expect(cert.out).toContain('BEGIN CERTIFICATE');
  });

  it('round-trips an ECDSA P-256 key', () => {
    const g = generateSigningKey({ name: '李四', password: 'pw', alg: 'ecdsa' });
    const k = readP12(g.p12, 'pw');
    expect(k.alg).toBe('ecdsa');
    expect(k.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const p = join(dir, 'ec.p12');
    writeFileSync(p, g.p12);
    expect(run('openssl', ['pkcs12', '-in', p, '-passin', 'pass:pw', '-noout']).code).toBe(0);
  });

  it('rejects a wrong passphrase', () => {
    const g = generateSigningKey({ name: '张三', password: 'right', alg: 'ecdsa' });
    expect(() => readP12(g.p12, 'wrong')).toThrow(P12Error);
    expect(() => readP12(Buffer.from('not a p12'), 'x')).toThrow(P12Error);
  });

  it('reads PKCS#12 files made by OpenSSL (default AES and -legacy)', () => {
    const key = join(dir, 'o.key');
    const crt = join(dir, 'o.crt');
    expect(run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-subj', '/CN=王五/O=测试', '-utf8', '-days', '30']).code).toBe(0);
    for (const extra of [[], ['-legacy']]) {
      const p = join(dir, `o${extra.length}.p12`);
      const made = run('openssl', ['pkcs12', '-export', ...extra, '-inkey', key, '-in', crt, '-out', p, '-passout', 'pass:abc']);
      if (made.code !== 0 && extra.length) continue; // -legacy needs the legacy provider, absent on some builds
      expect(made.code).toBe(0);
      const k = readP12(readFileSync(p), 'abc');
      expect(k.alg).toBe('rsa');
      expect(commonName(readCertificate(k.certDer).subjectAttrs)).toBe('王五');
    }
  });

  it('pairs the key with its own certificate when several are in the file', () => {
    const a = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const certA = selfSignedCertificate({ subject: parseSubject('A'), privateKey: a });
    const p12 = writeP12({ privateKey: a, certDer: certA, password: 'x', friendlyName: 'A' });
    expect(readP12(p12, 'x').chainDer).toEqual([]);
  });
});

describe('CMS SignedData', () => {
  it('OpenSSL verifies the detached signature, and the issuer is the certificate DER unchanged', () => {
    const g = generateSigningKey({ name: 'CN=张三, O=锦州市数据局', password: 'pw', alg: 'rsa' });
    const k = readP12(g.p12, 'pw');
    const content = Buffer.from('signed bytes 签名内容');
    const cms = buildSignedData({
      digest: createHash('sha256').update(content).digest(), certDer: k.certDer, privateKey: k.privateKey, alg: k.alg,
      signingTime: new Date('2027-01-06T00:00:00Z'),
    });
    const sigPath = join(dir, 'sig.der');
    const contentPath = join(dir, 'content.bin');
    writeFileSync(sigPath, cms);
    writeFileSync(contentPath, content);
    const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sigPath, '-content', contentPath, '-noverify', '-out', '/dev/null']);
    expect(r.out).toContain('Verification successful');
    // The issuer's DER appears verbatim four times: the certificate's issuer and subject
    // (self-signed), the signer identifier and the ESS signing-certificate attribute.
    const issuerHex = der(readCertificate(k.certDer).issuer).toString('hex');
    expect(cms.toString('hex').split(issuerHex).length - 1).toBe(4);

    const check = checkSignedData(cms, [content]);
    expect(check.problems).toEqual([]);
    expect(check.digestOk && check.signatureOk).toBe(true);
    expect(check.signingTime?.toISOString()).toBe('2027-01-06T00:00:00.000Z');
    const tampered = checkSignedData(cms, [Buffer.from('signed bytes 签名内容!')]);
    expect(tampered.digestOk).toBe(false);
  });
});
