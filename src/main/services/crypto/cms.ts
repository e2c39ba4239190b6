// CMS SignedData (PKCS#7) for detached PDF signatures, built with forge's ASN.1 rather
// than forge's PKCS#7 signer, which re-encodes the issuer name from parsed attributes and
// so double-encodes non-ASCII names: here the issuer and serial are the certificate's own
// DER. Signing itself is node's crypto (RSA PKCS#1 v1.5 or ECDSA, SHA-256).

import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import {
  DER_LIMITS, OID, algId, asn1, bytesOf, children, der, explicit, implicitCons, octets, oid, parse, readOid, readTime, seq, set,
  time, type Asn1,
} from './asn1.js';
import type { KeyAlg } from './x509.js';
import { readCertificate, type CertInfo } from './x509.js';

const C = asn1.Class.CONTEXT_SPECIFIC;

function attribute(type: string, value: Asn1): Asn1 {
  return seq([oid(type), set([value])]);
}

/** DER orders SET OF by the encodings; some verifiers re-encode signed attributes, so sort. */
function sortedSet(items: Asn1[]): Asn1[] {
  return items
    .map((n) => ({ n, d: der(n) }))
    .sort((a, b) => Buffer.compare(a.d, b.d))
    .map((x) => x.n);
}

export interface CmsSignInput {
  /** SHA-256 of the signed bytes (the PDF's ByteRange). */
  digest: Buffer;
  certDer: Buffer;
  chainDer?: Buffer[];
  privateKey: KeyObject;
  alg: KeyAlg;
  signingTime: Date;
}

/** A PDF report cannot be signed with this key; the message says what to use instead. */
export class SigningKeyError extends Error {}

export function buildSignedData(i: CmsSignInput): Buffer {
  const cert = readCertificate(i.certDer);
  return assembleSignedData({ ...i, cert, attrs: signedAttributes(cert, i.digest, i.signingTime) });
}

/** The signed attributes of a detached signature over `digest` by the holder of `cert`. */
export function signedAttributes(cert: CertInfo, digest: Buffer, signingTime: Date): Asn1[] {
  const certHash = createHash('sha256').update(cert.der).digest();
  const issuerSerial = seq([seq([explicit(4, cert.issuer)]), cert.serial]);
  return sortedSet([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.signingTime, time(signingTime)),
    attribute(OID.messageDigest, octets(digest)),
    // ESS signing-certificate-v2 binds the certificate to the signature (CAdES/PAdES B-B).
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(certHash), issuerSerial])])])),
  ]);
}

/** SignedData with `attrs` signed by `privateKey`, naming `cert` as the signer. */
export function assembleSignedData(i: { cert: CertInfo; attrs: Asn1[]; chainDer?: Buffer[]; privateKey: KeyObject; alg: KeyAlg }): Buffer {
  // PDF readers (Acrobat, poppler) verify RSA and ECDSA CMS only; SM2 goes in the sidecar.
  if (i.alg === 'sm2') throw new SigningKeyError('SM2 证书不能签署 PDF 报告（Acrobat 与 pdfsig 都无法验证）：请用 RSA 或 ECDSA 证书签署，SM2 签名请用 --sm2-key 另附。');
  const signature = sign('sha256', der(set(i.attrs)), i.privateKey);
  const signerInfo = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x01'),
    seq([i.cert.issuer, i.cert.serial]),
    algId(OID.sha256, true),
    implicitCons(0, i.attrs),
    i.alg === 'rsa' ? algId(OID.rsaEncryption, true) : algId(OID.ecdsaWithSHA256, false),
    octets(signature),
  ]);
  const certs = [i.cert.asn1, ...(i.chainDer ?? []).map((d) => parse(d))];
  const signedData = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x01'),
    set([algId(OID.sha256, true)]),
    seq([oid(OID.data)]),
    implicitCons(0, certs),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), explicit(0, signedData)]));
}

const HASHES: Record<string, string> = {
  [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512', [OID.sha1]: 'sha1',
  '1.2.156.10197.1.401': 'sm3',
};
const SIG_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1', [OID.ecdsaWithSHA256]: 'sha256', [OID.ecdsaWithSHA384]: 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

export interface CmsCheck {
  /** The digest algorithm (node name), null when unknown. */
  digestAlgorithm: string | null;
  /** messageDigest equals the digest of the signed bytes. */
  digestOk: boolean;
  /** The signature over the signed attributes verifies with the signer's certificate. */
  signatureOk: boolean;
  signer: CertInfo | null;
  certificates: CertInfo[];
  signingTime: Date | null;
  signatureAlgorithm: string | null;
  /**
   * The signed attributes bind the signature to its certificate (ESS signing-certificate):
   * ok, mismatch (they name another certificate), or absent (no such attribute).
   */
  essBinding: 'ok' | 'mismatch' | 'absent';
  /** The structure could be read and the signer identified. */
  formatOk: boolean;
  problems: string[];
}

const SIGNING_CERTIFICATE_V1 = '1.2.840.113549.1.9.16.2.12';
/** A signature's CMS is small; anything past this is not ours to parse. */
const CMS_LIMITS = { ...DER_LIMITS, maxBytes: 1024 * 1024, maxNodes: 20_000 };

/**
 * Whether an ESS signing-certificate attribute (v2, or v1 with SHA-1) names `signer`: the
 * hash of its DER and, when given, its issuer and serial.
 */
function essNames(attr: Asn1, v2: boolean, signer: CertInfo): boolean {
  // SET { SigningCertificate(V2) { certs SEQUENCE OF ESSCertID(v2), … } }: the first id is the signer's.
  const first = children(children(children(attr)[0])[0])[0];
  if (!first) return false;
  const parts = children(first);
  let at = 0;
  let hash = 'sha1';
  if (v2) {
    hash = 'sha256';
    if (parts[0]?.type === asn1.Type.SEQUENCE) hash = HASHES[readOid(children(parts[at++])[0]) ?? ''] ?? '';
  }
  const certHash = parts[at++];
  if (!hash || !certHash) return false;
  if (!bytesOf(certHash).equals(createHash(hash).update(signer.der).digest())) return false;
  const issuerSerial = parts[at];
  if (!issuerSerial) return true;
  const serial = children(issuerSerial)[1];
  return !!serial && bytesOf(serial).equals(bytesOf(signer.serial));
}

/** Check a detached CMS signature over `signed` (the PDF's ByteRange bytes). */
export function checkSignedData(cms: Buffer, signed: Buffer[]): CmsCheck {
  const out: CmsCheck = {
    digestAlgorithm: null, digestOk: false, signatureOk: false, signer: null, certificates: [], signingTime: null,
    signatureAlgorithm: null, essBinding: 'absent', formatOk: false, problems: [],
  };
  let ci: Asn1;
  try {
    ci = parse(cms, CMS_LIMITS);
  } catch (e) {
    out.problems.push(`签名数据不是有效的 DER 编码：${(e as Error).message}`);
    return out;
  }
  if (readOid(children(ci)[0]) !== OID.signedData) {
    out.problems.push('签名数据不是 CMS SignedData');
    return out;
  }
  const sd = children(children(ci)[1])[0];
  const parts = children(sd);
  const certNode = parts.find((p) => p.tagClass === C && p.type === 0);
  for (const c of children(certNode)) {
    try {
      out.certificates.push(readCertificate(der(c)));
    } catch {
      out.problems.push('签名中含有无法读取的证书');
    }
  }
  const signerInfos = children(parts[parts.length - 1]);
  if (signerInfos.length !== 1) {
    out.problems.push(`签名含有 ${signerInfos.length} 个签名者信息（应为 1 个）`);
    if (!signerInfos.length) return out;
  }
  const si = children(signerInfos[0]);
  const sid = si[1];
  if (sid.tagClass === C) {
    const skid = bytesOf(sid);
    out.signer = out.certificates.find((c) => {
      const ext = children(children(c.asn1)[0]).find((n) => n.tagClass === C && n.type === 3);
      return children(children(ext)[0]).some((e) => readOid(children(e)[0]) === OID.subjectKeyIdentifier
        && bytesOf(parse(bytesOf(children(e)[children(e).length - 1]))).equals(skid));
    }) ?? null;
  } else {
    const [issuer, serial] = children(sid);
    const want = Buffer.concat([der(issuer), der(serial)]);
    out.signer = out.certificates.find((c) => Buffer.concat([der(c.issuer), der(c.serial)]).equals(want)) ?? null;
  }
  if (!out.signer) {
    out.problems.push('签名中没有签名者的证书');
    return out;
  }
  out.formatOk = true;
  const digestOid = readOid(children(si[2])[0]) ?? '';
  const hash = HASHES[digestOid] ?? null;
  out.digestAlgorithm = hash;
  if (!hash) {
    out.problems.push(`不支持的摘要算法 ${digestOid}`);
    return out;
  }
  const h = createHash(hash);
  for (const part of signed) h.update(part);
  const actual = h.digest();
  let idx = 3;
  const signedAttrs = si[idx]?.tagClass === C && si[idx].type === 0 ? si[idx++] : null;
  const sigAlgOid = readOid(children(si[idx++])[0]) ?? '';
  out.signatureAlgorithm = sigAlgOid;
  const signature = bytesOf(si[idx]);
  let data: Buffer;
  if (signedAttrs) {
    let md: Buffer | null = null;
    for (const a of children(signedAttrs)) {
      const [t, vals] = children(a);
      const type = readOid(t);
      const v = children(vals)[0];
      if (type === OID.messageDigest && v) md = bytesOf(v);
      if (type === OID.signingTime && v) out.signingTime = readTime(v);
      if ((type === OID.signingCertificateV2 || type === SIGNING_CERTIFICATE_V1) && v && out.essBinding !== 'mismatch') {
        out.essBinding = essNames(vals, type === OID.signingCertificateV2, out.signer) ? 'ok' : 'mismatch';
      }
    }
    if (out.essBinding === 'mismatch') out.problems.push('签名属性（ESS signing-certificate）所指的证书不是签名中附带的签名证书');
    out.digestOk = !!md && md.equals(actual);
    if (!out.digestOk) out.problems.push('签名覆盖范围内的内容在签名后被改动（摘要不符）');
    // The signature is over the attributes as a SET (tag 0x31), not the [0] they travel in.
    const raw = der(signedAttrs);
    data = Buffer.concat([Buffer.from([0x31]), raw.subarray(1)]);
  } else {
    out.digestOk = true;
    data = Buffer.concat(signed);
  }
  const sigHash = SIG_HASH[sigAlgOid] ?? hash;
  try {
    out.signatureOk = verify(sigHash, data, out.signer.publicKey, signature);
  } catch (e) {
    out.problems.push(`无法验证签名值：${(e as Error).message}`);
  }
  if (!out.signatureOk) out.problems.push('签名值与签名者证书不符');
  return out;
}
