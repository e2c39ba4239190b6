// Thin helpers over node-forge's ASN.1 (DER) so the certificate, PKCS#12 and CMS code
// reads like the structures it builds. forge works on "binary strings" (one char per
// byte); these helpers convert at the edges so the rest of the code uses Buffers.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const forge = require('node-forge') as typeof import('node-forge');
export const asn1 = forge.asn1;
export type Asn1 = import('node-forge').asn1.Asn1;

const U = asn1.Class.UNIVERSAL;
const C = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  prime256v1: '1.2.840.10045.3.1.7',
  sm2Curve: '1.2.156.10197.1.301',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  encryptedData: '1.2.840.113549.1.7.6',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA256: '1.2.840.113549.2.9',
  aes256CBC: '2.16.840.1.101.3.4.1.42',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export function bin(b: Buffer | Uint8Array): string {
  return Buffer.from(b).toString('binary');
}

export function buf(s: string): Buffer {
  return Buffer.from(s, 'binary');
}

export function der(node: Asn1): Buffer {
  return buf(asn1.toDer(node).getBytes());
}

/** Parse DER; trailing bytes (e.g. the zero padding of /Contents) are allowed. */
export function parse(b: Buffer): Asn1 {
  return asn1.fromDer(forge.util.createBuffer(bin(b)), { strict: true, parseAllBytes: false, decodeBitStrings: false } as unknown as boolean);
}

export const seq = (items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
export const set = (items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items);
export const oid = (o: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
export const nul = (): Asn1 => asn1.create(U, T.NULL, false, '');
export const octets = (b: Buffer): Asn1 => asn1.create(U, T.OCTETSTRING, false, bin(b));
export const bool = (v: boolean): Asn1 => asn1.create(U, T.BOOLEAN, false, v ? '\xff' : '\x00');
export const bitString = (b: Buffer, unusedBits = 0): Asn1 => asn1.create(U, T.BITSTRING, false, String.fromCharCode(unusedBits) + bin(b));
export const explicit = (tag: number, inner: Asn1): Asn1 => asn1.create(C, tag, true, [inner]);
export const implicitCons = (tag: number, items: Asn1[]): Asn1 => asn1.create(C, tag, true, items);
export const implicitPrim = (tag: number, b: Buffer): Asn1 => asn1.create(C, tag, false, bin(b));

/** A non-negative INTEGER from big-endian magnitude bytes (a 0x00 is prefixed when needed). */
export function uint(b: Buffer): Asn1 {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = b.subarray(i);
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return asn1.create(U, T.INTEGER, false, bin(v));
}

export function int(n: number): Asn1 {
  return asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
}

export function utf8(s: string): Asn1 {
  return asn1.create(U, T.UTF8, false, forge.util.encodeUtf8(s));
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280). */
export function time(d: Date): Asn1 {
  if (d.getUTCFullYear() < 2050) return asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(d));
  return asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
}

export function readTime(node: Asn1): Date | null {
  if (node.type === T.UTCTIME) return asn1.utcTimeToDate(node.value as string);
  if (node.type === T.GENERALIZEDTIME) return asn1.generalizedTimeToDate(node.value as string);
  return null;
}

export function readOid(node: Asn1 | undefined): string | null {
  return node && node.tagClass === U && node.type === T.OID ? asn1.derToOid(node.value as string) : null;
}

export function children(node: Asn1 | undefined): Asn1[] {
  return node && Array.isArray(node.value) ? (node.value as Asn1[]) : [];
}

/** The bytes of a primitive node (OCTET STRING, INTEGER, …); a constructed OCTET STRING is joined. */
export function bytesOf(node: Asn1): Buffer {
  if (Array.isArray(node.value)) return Buffer.concat((node.value as Asn1[]).map(bytesOf));
  return buf(node.value as string);
}

export function algId(o: string, withNull: boolean): Asn1 {
  return seq(withNull ? [oid(o), nul()] : [oid(o)]);
}

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST',
  '2.5.4.5': 'SERIALNUMBER', '2.5.4.12': 'T', '1.2.840.113549.1.9.1': 'E',
};

/** Decode a directory string by its own tag (UTF8String, BMPString, PrintableString, …). */
export function decodeDirectoryString(node: Asn1): string {
  const raw = buf(node.value as string);
  switch (node.type as number) {
    case T.UTF8: return raw.toString('utf8');
    case T.BMPSTRING: {
      const le = Buffer.alloc(raw.length);
      for (let i = 0; i + 1 < raw.length; i += 2) {
        le[i] = raw[i + 1];
        le[i + 1] = raw[i];
      }
      return le.toString('utf16le');
    }
    case 28: { // UniversalString (UTF-32BE)
      let s = '';
      for (let i = 0; i + 3 < raw.length; i += 4) s += String.fromCodePoint(raw.readUInt32BE(i));
      return s;
    }
    default: return raw.toString('latin1');
  }
}

export interface NameAttr {
  type: string;
  oid: string;
  value: string;
}

/** The attributes of an X.501 Name in DER order. */
export function readName(node: Asn1): NameAttr[] {
  const out: NameAttr[] = [];
  for (const rdn of children(node)) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv);
      const o = readOid(t);
      if (!o || !v) continue;
      out.push({ oid: o, type: NAME_OIDS[o] ?? o, value: decodeDirectoryString(v) });
    }
  }
  return out;
}

/** RFC 4514 style, most specific first: "CN=张三, O=锦州市数据局". */
export function nameToString(attrs: NameAttr[]): string {
  return [...attrs].reverse().map((a) => `${a.type}=${a.value.replace(/([,+"\\<>;])/g, '\\$1')}`).join(', ');
}
