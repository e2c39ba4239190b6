// Certificates made in a test, as a reviewer meets them: an organisation's CA, an evaluator
// under it, an impostor with the same name, an expired one, a revoked one with its CRL.

import { createHash, type KeyObject } from 'node:crypto';
import { generateKey, type CaAlg } from './ca.js';
import { buildSignedData } from './cms.js';
import { certSigner, issueCertificate, parseSubject, readCertificate, type CertInfo } from './x509.js';
import type { KeyAlg } from './x509.js';

export interface TestIdentity {
  cert: CertInfo;
  key: KeyObject;
  alg: KeyAlg;
}

const YEAR = 365.25 * 86_400_000;

/** A root CA. */
export function testCa(name = 'CN=锦州市数据局评估 CA, O=锦州市数据局', alg: CaAlg = 'rsa'): TestIdentity {
  const key = generateKey(alg);
  const s = certSigner(key);
  const der = issueCertificate({ subject: parseSubject(name), subjectSpki: s.spki, signer: s, ca: true, keyUsage: ['keyCertSign', 'cRLSign'], years: 10 });
  return { cert: readCertificate(der), key, alg: alg === 'ecdsa' ? 'ecdsa' : alg };
}

/** A signing certificate issued by `ca` (or self-signed without one), valid from `from` for `years`. */
export function testSigner(o: { name?: string; ca?: TestIdentity; alg?: CaAlg; from?: Date; until?: Date; ca_flag?: boolean } = {}): TestIdentity {
  const alg = o.alg ?? 'ecdsa';
  const key = generateKey(alg);
  const own = certSigner(key);
  const der = issueCertificate({
    subject: parseSubject(o.name ?? 'CN=张三, O=锦州市数据局'), subjectSpki: own.spki,
    issuer: o.ca?.cert, signer: o.ca ? certSigner(o.ca.key) : own, ca: o.ca_flag ?? false,
    keyUsage: o.ca_flag ? ['keyCertSign'] : ['digitalSignature', 'nonRepudiation'],
    notBefore: o.from ?? new Date(Date.now() - 60_000), notAfter: o.until ?? new Date(Date.now() + 2 * YEAR),
  });
  return { cert: readCertificate(der), key, alg: alg === 'ecdsa' ? 'ecdsa' : alg };
}

/** A detached CMS signature by `who` over `content`, claiming `signingTime`. */
export function testCms(who: TestIdentity, content: Buffer, signingTime = new Date(), chain: TestIdentity[] = []): Buffer {
  return buildSignedData({
    digest: createHash('sha256').update(content).digest(), certDer: who.cert.der, chainDer: chain.map((c) => c.cert.der),
    privateKey: who.key, alg: who.alg, signingTime,
  });
}
