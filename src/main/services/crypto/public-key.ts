// Public keys as they travel in manifests, packages and certificates: which algorithm a key
// is for, its SHA-256 fingerprint (what a person compares out of band), and the raw SM2
// point that sm-crypto needs. One DER reader (asn1.ts) serves them all.

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { OID, bytesOf, children, parse, readOid } from './asn1.js';

export type KeyKind = 'rsa' | 'ecdsa-p256' | 'sm2' | 'ed25519' | 'other';

const ED25519 = '1.3.101.112';

/** The algorithm of a SubjectPublicKeyInfo (DER) or of a key Node has loaded. */
export function keyKindOf(key: Buffer | KeyObject): KeyKind {
  const spki = Buffer.isBuffer(key) ? key : spkiOf(key);
  const [alg] = children(parse(spki));
  const [algOid, params] = children(alg);
  const o = readOid(algOid);
  if (o === OID.rsaEncryption) return 'rsa';
  if (o === ED25519) return 'ed25519';
  if (o === OID.sm2Curve) return 'sm2';
  if (o === OID.ecPublicKey) {
    const curve = readOid(params);
    if (curve === OID.prime256v1) return 'ecdsa-p256';
    if (curve === OID.sm2Curve) return 'sm2';
  }
  return 'other';
}

export function spkiOf(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

/** SHA-256 of DER bytes, as people compare it: AA:BB:CC:… */
export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

/** A fingerprint as typed or pasted (colons, spaces, any case) in the form fingerprintOf writes. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex.toUpperCase().replace(/(..)(?!$)/g, '$1:') : null;
}

/** The public key's fingerprint (SHA-256 of its SubjectPublicKeyInfo). */
export function keyFingerprint(key: Buffer | KeyObject | string): string {
  if (typeof key === 'string') return fingerprintOf(spkiOf(createPublicKey(key)));
  return fingerprintOf(Buffer.isBuffer(key) ? key : spkiOf(key));
}

/** The uncompressed point (04‖x‖y, hex) of an EC SubjectPublicKeyInfo: what sm-crypto takes for SM2. */
export function ecPointHex(spki: Buffer): string {
  const [, bits] = children(parse(spki));
  return bytesOf(bits).subarray(1).toString('hex');
}

/** The private scalar (hex) of an EC key in PKCS#8 (PrivateKeyInfo → ECPrivateKey). */
export function ecPrivateScalarHex(pkcs8: Buffer): string {
  const [, , keyOctets] = children(parse(pkcs8));
  const ec = children(parse(bytesOf(keyOctets)));
  return bytesOf(ec[1]).toString('hex').padStart(64, '0');
}
