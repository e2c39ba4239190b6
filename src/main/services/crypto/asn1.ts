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

/** DER that an attacker may have written is refused past these bounds before it is decoded. */
export interface DerLimits {
  /** Bytes of the outermost element. */
  maxBytes: number;
  /** Nesting of constructed elements. */
  maxDepth: number;
  /** Elements in all. */
  maxNodes: number;
}

export const DER_LIMITS: DerLimits = { maxBytes: 8 * 1024 * 1024, maxDepth: 32, maxNodes: 100_000 };

/** DER past a limit, or not DER at all: the message says which, for a person. */
export class DerError extends Error {}

/**
 * Walks the first element of `b` without recursion and checks it against `limits`: forge's
 * decoder recurses on every constructed element and allocates as it goes, so a few kilobytes
 * nested 10,000 deep, or a length field claiming gigabytes, must never reach it.
 * Returns the byte length of the element.
 */
export function checkDer(b: Buffer, limits: DerLimits = DER_LIMITS): number {
  // Each open constructed element: where it ends.
  const ends: number[] = [];
  let pos = 0;
  let nodes = 0;
  let outerEnd = -1;
  do {
    while (ends.length && pos === ends[ends.length - 1]) ends.pop();
    if (outerEnd >= 0 && ends.length === 0) break;
    if (pos >= b.length) throw new DerError('DER 数据不完整（在元素结束前截断）');
    if (++nodes > limits.maxNodes) throw new DerError(`DER 数据含有超过 ${limits.maxNodes} 个元素，拒绝解析`);
    const id = b[pos++];
    if ((id & 0x1f) === 0x1f) {
      // High tag numbers: at most 4 bytes of tag, as no structure we read uses more.
      let n = 0;
      while (pos < b.length && b[pos] & 0x80) if (++n > 3) throw new DerError('DER 标签过长'); else pos++;
      pos++;
    }
    if (pos >= b.length) throw new DerError('DER 数据不完整（缺少长度）');
    const first = b[pos++];
    let len: number;
    if (first < 0x80) len = first;
    else if (first === 0x80) throw new DerError('DER 不允许不定长度编码');
    else {
      const n = first & 0x7f;
      if (n > 4) throw new DerError('DER 长度字段超过 4 字节');
      len = 0;
      for (let i = 0; i < n; i++) {
        if (pos >= b.length) throw new DerError('DER 数据不完整（长度字段被截断）');
        len = len * 256 + b[pos++];
      }
    }
    const end = pos + len;
    if (outerEnd < 0) {
      if (len > limits.maxBytes) throw new DerError(`DER 元素长 ${len} 字节，超过上限 ${limits.maxBytes} 字节`);
      outerEnd = end;
    }
    if (end > b.length) throw new DerError('DER 元素的长度超出数据末尾');
    if (ends.length && end > ends[ends.length - 1]) throw new DerError('DER 元素超出其所在结构的末尾');
    if (id & 0x20) {
      if (ends.length + 1 > limits.maxDepth) throw new DerError(`DER 嵌套超过 ${limits.maxDepth} 层，拒绝解析`);
      if (len > 0) ends.push(end);
    } else {
      pos = end;
    }
  } while (ends.length || pos < outerEnd);
  return outerEnd;
}

/** Parse DER within `limits`; trailing bytes (e.g. the zero padding of /Contents) are allowed. */
export function parse(b: Buffer, limits: DerLimits = DER_LIMITS): Asn1 {
  checkDer(b, limits);
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
