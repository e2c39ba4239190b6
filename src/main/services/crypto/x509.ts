// Self-signed X.509 certificates with UTF-8 subjects (RSA or ECDSA P-256), and reading
// the parts of a certificate that signing and verification need. Names are kept as raw
// DER: re-encoding parsed names is how non-ASCII subjects get mangled.

import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  OID, algId, asn1, bitString, bool, bytesOf, children, der, explicit, implicitPrim, int, nameToString, octets,
  oid, parse, readName, readTime, seq, set, time, uint, utf8, type Asn1, type NameAttr,
} from './asn1.js';

const T = asn1.Type;
const U = asn1.Class.UNIVERSAL;

const ATTR_OIDS: Record<string, string> = {
  CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6', L: '2.5.4.7', ST: '2.5.4.8',
  SERIALNUMBER: '2.5.4.5', T: '2.5.4.12', TITLE: '2.5.4.12', E: '1.2.840.113549.1.9.1', EMAIL: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
};

export class NameError extends Error {}

/**
 * "张三" → CN=张三; "CN=张三, O=锦州市数据局, C=CN" (RFC 4514 order, most specific first;
 * "\," escapes a comma) → those attributes.
 */
export function parseSubject(text: string): { type: string; value: string }[] {
  const t = text.trim();
  if (!t) throw new NameError('the name is empty');
  if (!/^[A-Za-z][A-Za-z.]*\s*=/.test(t)) return [{ type: 'CN', value: t }];
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '\\' && i + 1 < t.length) {
      cur += t[++i];
    } else if (ch === ',' || ch === '，') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const out: { type: string; value: string }[] = [];
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new NameError(`"${p.trim()}" is not TYPE=value`);
    const type = p.slice(0, eq).trim().toUpperCase();
    const value = p.slice(eq + 1).trim();
    if (!ATTR_OIDS[type]) throw new NameError(`unknown name attribute "${type}" (use CN, O, OU, C, L, ST, E, T, SERIALNUMBER)`);
    if (!value) throw new NameError(`${type} has no value`);
    if (type === 'C' && !/^[A-Z]{2}$/.test(value)) throw new NameError('C must be a two-letter country code, e.g. CN');
    out.push({ type: type === 'TITLE' ? 'T' : type.startsWith('EMAIL') ? 'E' : type, value });
  }
  if (!out.some((a) => a.type === 'CN')) throw new NameError('the name needs a CN (common name)');
  return out;
}

/** DER Name: RFC 4514 order reversed into X.501 order; UTF8String values except C and E. */
export function nameAsn1(attrs: { type: string; value: string }[]): Asn1 {
  return seq([...attrs].reverse().map((a) => {
    const o = ATTR_OIDS[a.type];
    const value = a.type === 'C' ? asn1.create(U, T.PRINTABLESTRING, false, a.value)
      : a.type === 'E' ? asn1.create(U, T.IA5STRING, false, a.value)
        : utf8(a.value);
    return set([seq([oid(o), value])]);
  }));
}

export type KeyAlg = 'rsa' | 'ecdsa';

export function keyAlgOf(key: KeyObject): KeyAlg {
  if (key.asymmetricKeyType === 'rsa') return 'rsa';
  if (key.asymmetricKeyType === 'ec') return 'ecdsa';
  throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
}

export function signatureAlgId(alg: KeyAlg): Asn1 {
  return alg === 'rsa' ? algId(OID.sha256WithRSA, true) : algId(OID.ecdsaWithSHA256, false);
}

/** A self-signed end-entity certificate for signing documents. */
export function selfSignedCertificate(o: {
  subject: { type: string; value: string }[];
  privateKey: KeyObject;
  notBefore?: Date;
  years?: number;
}): Buffer {
  const alg = keyAlgOf(o.privateKey);
  const spkiDer = createPublicKey(o.privateKey).export({ format: 'der', type: 'spki' });
  const spki = parse(spkiDer);
  const keyBits = bytesOf(children(spki)[1]).subarray(1);
  const ski = createHash('sha1').update(keyBits).digest();
  const notBefore = o.notBefore ?? new Date(Date.now() - 5 * 60_000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (o.years ?? 5));
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  const name = nameAsn1(o.subject);
  const extensions = seq([
    seq([oid(OID.basicConstraints), bool(true), octets(der(seq([])))]),
    // digitalSignature + nonRepudiation (contentCommitment): a document signing key.
    seq([oid(OID.keyUsage), bool(true), octets(der(bitString(Buffer.from([0xc0]), 6)))]),
    seq([oid(OID.subjectKeyIdentifier), octets(der(octets(ski)))]),
    seq([oid(OID.authorityKeyIdentifier), octets(der(seq([implicitPrim(0, ski)])))]),
  ]);
  const tbs = seq([
    explicit(0, int(2)),
    uint(serial),
    signatureAlgId(alg),
    name,
    seq([time(notBefore), time(notAfter)]),
    nameAsn1(o.subject),
    spki,
    explicit(3, extensions),
  ]);
  const tbsDer = der(tbs);
  const signature = sign('sha256', tbsDer, o.privateKey);
  return der(seq([tbs, signatureAlgId(alg), bitString(signature)]));
}

export interface CertInfo {
  der: Buffer;
  asn1: Asn1;
  serial: Asn1;
  issuer: Asn1;
  subject: Asn1;
  subjectAttrs: NameAttr[];
  issuerAttrs: NameAttr[];
  notBefore: Date | null;
  notAfter: Date | null;
  publicKey: KeyObject;
}

/** Read a certificate; throws unless its DER re-encodes byte for byte (it is then exactly what is embedded). */
export function readCertificate(certDer: Buffer): CertInfo {
  const node = parse(certDer);
  const again = der(node);
  if (!again.equals(certDer.subarray(0, again.length)) || again.length !== certDer.length) {
    throw new Error('certificate is not in canonical DER');
  }
  const tbs = children(node)[0];
  const f = children(tbs);
  const hasVersion = f[0].tagClass === asn1.Class.CONTEXT_SPECIFIC && f[0].type === 0;
  const [serial, , issuer, validity, subject, spki] = hasVersion ? f.slice(1) : f;
  const [nb, na] = children(validity);
  return {
    der: certDer,
    asn1: node,
    serial,
    issuer,
    subject,
    subjectAttrs: readName(subject),
    issuerAttrs: readName(issuer),
    notBefore: nb ? readTime(nb) : null,
    notAfter: na ? readTime(na) : null,
    publicKey: createPublicKey({ key: der(spki), format: 'der', type: 'spki' }),
  };
}

export function commonName(attrs: NameAttr[]): string | null {
  return attrs.find((a) => a.type === 'CN')?.value ?? null;
}

export { nameToString };
