// An offline CA for an organisation that has none: a root kept in a PKCS#12 file, which
// issues its evaluators' signing certificates (key usage for signatures, id-kp-documentSigning)
// and revokes them in a CRL. RSA-3072, ECDSA P-256 or SM2 (SM2 with SM3, standard user id).

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeCrl, readCrl } from './crl.js';
import { readP12, writeP12 } from './p12.js';
import { fingerprintOf } from './public-key.js';
import {
  DOCUMENT_SIGNING, certSigner, commonName, hexSerial, issueCertificate, nameToString, normaliseSerial, parseSubject, readCertificate, type CertInfo,
} from './x509.js';

export type CaAlg = 'rsa' | 'ecdsa' | 'sm2';

export function generateKey(alg: CaAlg): KeyObject {
  if (alg === 'rsa') return generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 }).privateKey;
  return generateKeyPairSync('ec', { namedCurve: alg === 'sm2' ? 'SM2' : 'prime256v1' }).privateKey;
}

export interface IssuedFile {
  p12: Buffer;
  certDer: Buffer;
  subject: string;
  fingerprintSha256: string;
  serial: string;
  notAfter: Date | null;
}

function issued(p12: Buffer, cert: CertInfo): IssuedFile {
  return { p12, certDer: cert.der, subject: nameToString(cert.subjectAttrs), fingerprintSha256: fingerprintOf(cert.der), serial: hexSerial(cert), notAfter: cert.notAfter };
}

/** A root CA: self-signed, CA flag, key usage keyCertSign and cRLSign, in a PKCS#12 file. */
export function initCa(o: { name: string; alg: CaAlg; years: number; password: string }): IssuedFile {
  const key = generateKey(o.alg);
  const signer = certSigner(key);
  const certDer = issueCertificate({ subject: parseSubject(o.name), subjectSpki: signer.spki, signer, ca: true, keyUsage: ['keyCertSign', 'cRLSign'], years: o.years });
  const cert = readCertificate(certDer);
  return issued(writeP12({ privateKey: key, certDer, password: o.password, friendlyName: commonName(cert.subjectAttrs) ?? '' }), cert);
}

export interface CaKey {
  cert: CertInfo;
  key: KeyObject;
}

/** The CA of a PKCS#12 file made by initCa (or any CA certificate with its key). */
export function openCa(p12: Buffer, password: string): CaKey {
  const k = readP12(p12, password);
  const cert = readCertificate(k.certDer);
  if (!cert.isCa) throw new Error('这个 PKCS#12 文件中的证书不是 CA 证书（没有 CA 标志），不能签发证书');
  return { cert, key: k.privateKey };
}

/**
 * An evaluator's signing certificate issued by `ca`, with its new key, in a PKCS#12 file that
 * also carries the CA certificate (so a signature carries its chain).
 */
export function issueSigningCertificate(ca: CaKey, o: { name: string; alg: CaAlg; years: number; password: string }): IssuedFile {
  const key = generateKey(o.alg);
  const wanted = new Date();
  wanted.setUTCFullYear(wanted.getUTCFullYear() + o.years);
  // A certificate outliving its CA could not be validated in its last years.
  const notAfter = ca.cert.notAfter && wanted > ca.cert.notAfter ? ca.cert.notAfter : wanted;
  const certDer = issueCertificate({
    subject: parseSubject(o.name), subjectSpki: certSigner(key).spki, issuer: ca.cert, signer: certSigner(ca.key), ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'], extendedKeyUsage: [DOCUMENT_SIGNING], notAfter,
  });
  const cert = readCertificate(certDer);
  return issued(writeP12({ privateKey: key, certDer, chainDer: [ca.cert.der], password: o.password, friendlyName: commonName(cert.subjectAttrs) ?? '' }), cert);
}

/**
 * The CA's CRL with `serials` revoked (added to those of `previous`, a CRL this CA issued),
 * valid for `days` days.
 */
export function revokeCertificates(ca: CaKey, o: { serials: string[]; previous?: Buffer; at?: Date; days?: number }): Buffer {
  const at = o.at ?? new Date();
  const revoked = new Map<string, Date>();
  if (o.previous) for (const [serial, when] of readCrl(o.previous).revoked) revoked.set(serial, when ?? at);
  for (const s of o.serials) {
    const serial = normaliseSerial(s);
    if (!/^[0-9A-F]+$/.test(serial)) throw new Error(`"${s}" 不是十六进制证书序列号`);
    if (!revoked.has(serial)) revoked.set(serial, at);
  }
  return writeCrl({ issuer: ca.cert, signer: certSigner(ca.key), revoked: [...revoked].map(([serialHex, when]) => ({ serialHex, at: when })), thisUpdate: at, nextUpdateDays: o.days });
}
