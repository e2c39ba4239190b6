// The SM2 sidecar: report.pdf.sm2.sig, an SM2 signature with SM3 (GB/T 32918, user id
// 1234567812345678) over the PDF's bytes, DER-encoded, checkable with
//   openssl dgst -sm3 -verify pub.pem -sigopt distid:1234567812345678 -signature report.pdf.sm2.sig report.pdf
// Keys are PEM: PKCS#8 (encrypted with PBES2 when a passphrase is given) and SPKI, with
// the SM2 curve OID, so OpenSSL reads them.

import { sm2 } from 'sm-crypto-v2';
import { OID, bitString, bytesOf, children, der, int, octets, oid, parse, readOid, seq, explicit } from './asn1.js';
import { decryptPkcs8, encryptPkcs8 } from './p12.js';
import { firstPem, toPem } from './pem.js';

export const SM2_USER_ID = '1234567812345678';

const sm2AlgId = () => seq([oid(OID.ecPublicKey), oid(OID.sm2Curve)]);

/** The SubjectPublicKeyInfo (DER) of an SM2 public point given in hex. */
export function sm2SpkiOfPoint(publicKeyHex: string): Buffer {
  return der(seq([sm2AlgId(), bitString(Buffer.from(publicKeyHex, 'hex'))]));
}

function privatePkcs8(privateKeyHex: string, publicKeyHex: string): Buffer {
  const ecPrivateKey = der(seq([
    int(1),
    octets(Buffer.from(privateKeyHex.padStart(64, '0'), 'hex')),
    explicit(1, bitString(Buffer.from(publicKeyHex, 'hex'))),
  ]));
  return der(seq([int(0), sm2AlgId(), octets(ecPrivateKey)]));
}

export interface Sm2KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateSm2KeyPair(passphrase?: string): Sm2KeyPair {
  const kp = sm2.generateKeyPairHex();
  const pkcs8 = privatePkcs8(kp.privateKey, kp.publicKey);
  return {
    privateKeyPem: passphrase ? toPem('ENCRYPTED PRIVATE KEY', encryptPkcs8(pkcs8, passphrase)) : toPem('PRIVATE KEY', pkcs8),
    publicKeyPem: toPem('PUBLIC KEY', sm2SpkiOfPoint(kp.publicKey)),
  };
}

/** Hex private and (uncompressed) public key from a PEM private key. */
export function readSm2PrivateKey(pemText: string, passphrase?: string): { privateKey: string; publicKey: string } {
  const { label, der: body } = firstPem(pemText);
  let pkcs8: Buffer;
  if (label === 'ENCRYPTED PRIVATE KEY') {
    if (passphrase === undefined) throw new Error('the SM2 key is encrypted: a passphrase is needed');
    pkcs8 = decryptPkcs8(body, passphrase);
  } else if (label === 'PRIVATE KEY') pkcs8 = body;
  else if (label === 'EC PRIVATE KEY') pkcs8 = der(seq([int(0), sm2AlgId(), octets(body)]));
  else throw new Error(`unsupported SM2 key PEM "${label}"`);
  const [, alg, keyOctets] = children(parse(pkcs8));
  const curve = readOid(children(alg)[1]);
  if (curve !== OID.sm2Curve) throw new Error(`not an SM2 key (curve ${curve ?? 'absent'})`);
  const ec = children(parse(bytesOf(keyOctets)));
  const privateKey = bytesOf(ec[1]).toString('hex').padStart(64, '0');
  return { privateKey, publicKey: sm2.getPublicKeyFromPrivateKey(privateKey) };
}

export function readSm2PublicKey(pemText: string): string {
  const { der: body } = firstPem(pemText);
  const [alg, bits] = children(parse(body));
  if (readOid(children(alg)[1]) !== OID.sm2Curve) throw new Error('not an SM2 public key');
  return bytesOf(bits).subarray(1).toString('hex');
}

/** DER SM2-with-SM3 signature of `data` (Z computed with the standard user id). */
export function signSm2(data: Uint8Array, privateKeyPem: string, passphrase?: string): Buffer {
  const k = readSm2PrivateKey(privateKeyPem, passphrase);
  return signSm2Scalar(data, k.privateKey, k.publicKey);
}

export function verifySm2(data: Uint8Array, signature: Buffer, publicKeyPem: string): boolean {
  return verifySm2Point(data, signature, readSm2PublicKey(publicKeyPem));
}

/** SM2-with-SM3 signature (DER, or the 64 raw bytes r‖s) of `data` by the public point (hex). */
export function verifySm2Point(data: Uint8Array, signature: Buffer, pointHex: string): boolean {
  try {
    return sm2.doVerifySignature(data, signature.toString('hex'), pointHex, { der: signature.length !== 64, hash: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}

/** DER SM2-with-SM3 signature by a private scalar and its public point (both hex). */
export function signSm2Scalar(data: Uint8Array, scalarHex: string, pointHex: string): Buffer {
  return Buffer.from(sm2.doSignature(data, scalarHex, { der: true, hash: true, publicKey: pointHex, userId: SM2_USER_ID }), 'hex');
}
