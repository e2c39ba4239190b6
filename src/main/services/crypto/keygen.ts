// Signing keys for reports: a self-signed certificate (RSA-3072, or ECDSA P-256) in a
// PKCS#12 file with a UTF-8 subject, and optionally an SM2 key pair (PEM) for the sidecar.

import { generateKeyPairSync } from 'node:crypto';
import { writeP12 } from './p12.js';
import { fingerprintOf } from './public-key.js';
import { generateSm2KeyPair, type Sm2KeyPair } from './sm2.js';
import { commonName, nameToString, parseSubject, readCertificate, selfSignedCertificate, type KeyAlg } from './x509.js';

export interface KeygenOptions {
  /** "张三" or "CN=张三, O=锦州市数据局, C=CN". */
  name: string;
  password: string;
  alg?: KeyAlg;
  years?: number;
}

export interface GeneratedKey {
  p12: Buffer;
  certDer: Buffer;
  subject: string;
  commonName: string;
  fingerprintSha256: string;
  notAfter: Date | null;
}

export function generateSigningKey(o: KeygenOptions): GeneratedKey {
  const subject = parseSubject(o.name);
  const alg = o.alg ?? 'rsa';
  const { privateKey } = alg === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 })
    : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const certDer = selfSignedCertificate({ subject, privateKey, years: o.years });
  const cert = readCertificate(certDer);
  const cn = commonName(cert.subjectAttrs) ?? '';
  return {
    p12: writeP12({ privateKey, certDer, password: o.password, friendlyName: cn }),
    certDer,
    subject: nameToString(cert.subjectAttrs),
    commonName: cn,
    fingerprintSha256: fingerprintOf(certDer),
    notAfter: cert.notAfter,
  };
}


export function generateSm2Keys(passphrase?: string): Sm2KeyPair {
  return generateSm2KeyPair(passphrase);
}
