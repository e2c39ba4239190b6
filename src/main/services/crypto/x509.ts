// X.509 certificates with UTF-8 subjects: issued (self-signed, by an organisation's CA) with
// RSA, ECDSA P-256 or SM2 keys, read, described, and checked against their issuer. Names are
// kept as raw DER: re-encoding parsed names is how non-ASCII subjects get mangled.

import { createHash, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { ecPointHex, ecPrivateScalarHex, fingerprintOf, keyKindOf, spkiOf, type KeyKind } from './public-key.js';
import { signSm2Scalar, verifySm2Point } from './sm2.js';
import {
  DER_LIMITS, OID, algId, asn1, bitString, bool, bytesOf, children, der, explicit, implicitPrim, int, nameToString, octets,
  oid, parse, readName, readOid, readTime, seq, set, time, uint, utf8, type Asn1, type NameAttr,
} from './asn1.js';
import type { CertificateView } from '../../../shared/signatures/verdict.js';

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

export type KeyAlg = 'rsa' | 'ecdsa' | 'sm2';

export function keyAlgOf(key: KeyObject): KeyAlg {
  const kind = keyKindOf(createPublicKey(key));
  if (kind === 'rsa') return 'rsa';
  if (kind === 'ecdsa-p256') return 'ecdsa';
  if (kind === 'sm2') return 'sm2';
  throw new Error(`unsupported key type ${key.asymmetricKeyType ?? kind}`);
}

const SM2_WITH_SM3 = '1.2.156.10197.1.501';
const EXT_KEY_USAGE = '2.5.29.37';
/** id-kp-documentSigning (RFC 9336): the certificate signs documents, such as reports. */
export const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

/** Key usage bits, as RFC 5280 numbers them. */
export const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5, cRLSign: 6 } as const;
type KeyUsageName = keyof typeof KEY_USAGE;

/** A key that signs certificates, CRLs and documents: RSA and ECDSA through Node, SM2 through sm-crypto. */
export interface CertSigner {
  kind: Extract<KeyKind, 'rsa' | 'ecdsa-p256' | 'sm2'>;
  /** SubjectPublicKeyInfo, DER. */
  spki: Buffer;
  sign(data: Buffer): Buffer;
}

/** A signer for a private key Node holds: RSA and ECDSA through Node, SM2 (with SM3 and the standard user id) through sm-crypto. */
export function certSigner(key: KeyObject): CertSigner {
  const spki = spkiOf(createPublicKey(key));
  const kind = keyKindOf(spki);
  if (kind === 'sm2') {
    const scalar = ecPrivateScalarHex(key.export({ format: 'der', type: 'pkcs8' }));
    const point = ecPointHex(spki);
    return { kind, spki, sign: (d) => signSm2Scalar(d, scalar, point) };
  }
  if (kind !== 'rsa' && kind !== 'ecdsa-p256') throw new Error(`unsupported key type ${kind}`);
  return { kind, spki, sign: (d) => sign('sha256', d, key) };
}

export function signatureAlgId(kind: CertSigner['kind'] | KeyAlg): Asn1 {
  if (kind === 'rsa') return algId(OID.sha256WithRSA, true);
  if (kind === 'sm2') return algId(SM2_WITH_SM3, false);
  return algId(OID.ecdsaWithSHA256, false);
}

function keyId(spki: Buffer): Buffer {
  return createHash('sha1').update(bytesOf(children(parse(spki))[1]).subarray(1)).digest();
}

function keyUsageBits(names: KeyUsageName[]): Asn1 {
  let bits = 0;
  let last = 0;
  for (const n of names) {
    bits |= 0x80 >> KEY_USAGE[n];
    last = Math.max(last, KEY_USAGE[n]);
  }
  return bitString(Buffer.from([bits]), 7 - last);
}

export interface IssueInput {
  subject: { type: string; value: string }[];
  /** The subject key's SubjectPublicKeyInfo (DER). */
  subjectSpki: Buffer;
  /** The issuer's certificate; absent for a self-signed certificate. */
  issuer?: CertInfo;
  signer: CertSigner;
  ca: boolean;
  keyUsage: KeyUsageName[];
  /** Extended key usages (OIDs); none for a CA. */
  extendedKeyUsage?: string[];
  notBefore?: Date;
  years?: number;
  /** Overrides `years`: e.g. no later than the issuer's own expiry. */
  notAfter?: Date;
  serial?: Buffer;
}

/** A certificate (DER) for `subjectSpki`, signed by `signer` as `issuer` (or by itself). */
export function issueCertificate(i: IssueInput): Buffer {
  const notBefore = i.notBefore ?? new Date(Date.now() - 5 * 60_000);
  const notAfter = i.notAfter ?? new Date(notBefore);
  if (!i.notAfter) notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (i.years ?? 5));
  const serial = i.serial ?? randomBytes(16);
  if (!i.serial) serial[0] = (serial[0] & 0x7f) | 0x01;
  const ski = keyId(i.subjectSpki);
  const aki = i.issuer?.subjectKeyId ?? keyId(i.signer.spki);
  const ext: Asn1[] = [
    seq([oid(OID.basicConstraints), bool(true), octets(der(seq(i.ca ? [bool(true)] : [])))]),
    seq([oid(OID.keyUsage), bool(true), octets(der(keyUsageBits(i.keyUsage)))]),
    seq([oid(OID.subjectKeyIdentifier), octets(der(octets(ski)))]),
    seq([oid(OID.authorityKeyIdentifier), octets(der(seq([implicitPrim(0, aki)])))]),
  ];
  if (i.extendedKeyUsage?.length) ext.push(seq([oid(EXT_KEY_USAGE), octets(der(seq(i.extendedKeyUsage.map((o) => oid(o)))))]));
  const subject = nameAsn1(i.subject);
  const tbs = seq([
    explicit(0, int(2)),
    uint(serial),
    signatureAlgId(i.signer.kind),
    i.issuer ? parse(der(i.issuer.subject)) : subject,
    seq([time(notBefore), time(notAfter)]),
    nameAsn1(i.subject),
    parse(i.subjectSpki),
    explicit(3, seq(ext)),
  ]);
  const tbsDer = der(tbs);
  return der(seq([tbs, signatureAlgId(i.signer.kind), bitString(i.signer.sign(tbsDer))]));
}

/** A self-signed end-entity certificate for signing documents. */
export function selfSignedCertificate(o: {
  subject: { type: string; value: string }[];
  privateKey: KeyObject;
  notBefore?: Date;
  years?: number;
}): Buffer {
  const signer = certSigner(o.privateKey);
  return issueCertificate({
    subject: o.subject, subjectSpki: signer.spki, signer, ca: false, keyUsage: ['digitalSignature', 'nonRepudiation'],
    notBefore: o.notBefore, years: o.years,
  });
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
  spki: Buffer;
  keyKind: KeyKind;
  /** The signed part, and how and with what the issuer signed it. */
  tbsDer: Buffer;
  signatureAlgorithm: string;
  signatureValue: Buffer;
  /** basicConstraints cA (false when absent). */
  isCa: boolean;
  /** keyUsage bits by RFC 5280 number; null when the extension is absent (any use). */
  keyUsage: Set<number> | null;
  extendedKeyUsage: string[] | null;
  subjectKeyId: Buffer | null;
  authorityKeyId: Buffer | null;
}

function readExtensions(tbsFields: Asn1[]): Map<string, Asn1> {
  const out = new Map<string, Asn1>();
  const extWrapper = tbsFields.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
  for (const e of children(children(extWrapper)[0])) {
    const parts = children(e);
    const id = readOid(parts[0]);
    if (id) out.set(id, parse(bytesOf(parts[parts.length - 1])));
  }
  return out;
}

/** Read a certificate; throws unless its DER re-encodes byte for byte (it is then exactly what is embedded). */
export function readCertificate(certDer: Buffer): CertInfo {
  const node = parse(certDer, { ...DER_LIMITS, maxBytes: 64 * 1024 });
  const again = der(node);
  if (!again.equals(certDer.subarray(0, again.length)) || again.length !== certDer.length) {
    throw new Error('certificate is not in canonical DER');
  }
  const [tbs, sigAlg, sigValue] = children(node);
  const f = children(tbs);
  const hasVersion = f[0].tagClass === asn1.Class.CONTEXT_SPECIFIC && f[0].type === 0;
  const [serial, , issuer, validity, subject, spkiNode] = hasVersion ? f.slice(1) : f;
  const [nb, na] = children(validity);
  const spki = der(spkiNode);
  const ext = readExtensions(f);
  const bc = children(ext.get(OID.basicConstraints));
  const ku = ext.get(OID.keyUsage);
  let keyUsage: Set<number> | null = null;
  if (ku) {
    const raw = bytesOf(ku);
    keyUsage = new Set();
    for (let bit = 0; bit < (raw.length - 1) * 8; bit++) if (raw[1 + (bit >> 3)] & (0x80 >> (bit & 7))) keyUsage.add(bit);
  }
  const eku = ext.get(EXT_KEY_USAGE);
  const aki = children(ext.get(OID.authorityKeyIdentifier)).find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  const ski = ext.get(OID.subjectKeyIdentifier);
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
    publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    spki,
    keyKind: keyKindOf(spki),
    tbsDer: der(tbs),
    signatureAlgorithm: readOid(children(sigAlg)[0]) ?? '',
    signatureValue: bytesOf(sigValue).subarray(1),
    isCa: bc.length > 0 && bc[0].type === asn1.Type.BOOLEAN && bytesOf(bc[0])[0] !== 0,
    keyUsage,
    extendedKeyUsage: eku ? children(eku).map((n) => readOid(n) ?? '') : null,
    subjectKeyId: ski ? bytesOf(ski) : null,
    authorityKeyId: aki ? bytesOf(aki) : null,
  };
}

const SIG_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1', [OID.ecdsaWithSHA256]: 'sha256', [OID.ecdsaWithSHA384]: 'sha384', '1.2.840.10045.4.3.4': 'sha512',
};

/** `data` signed by the key of `spki` with the certificate signature algorithm `algorithm`. */
export function verifyWithAlgorithm(algorithm: string, spki: Buffer, data: Buffer, signature: Buffer): boolean {
  if (algorithm === SM2_WITH_SM3) return keyKindOf(spki) === 'sm2' && verifySm2Point(data, signature, ecPointHex(spki));
  const hash = SIG_HASHES[algorithm];
  if (!hash) return false;
  try {
    return verify(hash, data, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
  } catch {
    return false;
  }
}

/** `cert` names `issuer` as its issuer and carries the issuer's valid signature. */
export function isIssuedBy(cert: CertInfo, issuer: CertInfo): boolean {
  if (!der(cert.issuer).equals(der(issuer.subject))) return false;
  return verifyWithAlgorithm(cert.signatureAlgorithm, issuer.spki, cert.tbsDer, cert.signatureValue);
}

/** A serial number as OpenSSL prints it and as people type it: hex, uppercase, no leading zeros. */
export function normaliseSerial(hex: string): string {
  return hex.replace(/[\s:]/g, '').toUpperCase().replace(/^0+(?=.)/, '');
}

function hexSerial(cert: CertInfo): string {
  return normaliseSerial(bytesOf(cert.serial).toString('hex'));
}

/** What a reader compares: subject, issuer, serial, fingerprint, validity. */
export function describeCertificate(cert: CertInfo): CertificateView {
  return {
    subject: nameToString(cert.subjectAttrs),
    commonName: commonName(cert.subjectAttrs),
    issuer: nameToString(cert.issuerAttrs),
    serial: hexSerial(cert),
    fingerprintSha256: fingerprintOf(cert.der),
    notBefore: cert.notBefore?.toISOString() ?? null,
    notAfter: cert.notAfter?.toISOString() ?? null,
    selfSigned: isIssuedBy(cert, cert),
    keyType: KEY_TYPE_NAMES[cert.keyKind] ?? cert.keyKind,
  };
}

const KEY_TYPE_NAMES: Record<KeyKind, string> = { rsa: 'RSA', 'ecdsa-p256': 'ECDSA P-256', sm2: 'SM2', ed25519: 'Ed25519', other: '其他' };

export { hexSerial };

export function commonName(attrs: NameAttr[]): string | null {
  return attrs.find((a) => a.type === 'CN')?.value ?? null;
}

export { nameToString };
