// CMS SignedData (PKCS#7) for detached PDF signatures, built with forge's ASN.1 rather
// than forge's PKCS#7 signer, which re-encodes the issuer name from parsed attributes and
// so double-encodes non-ASCII names: here the issuer and serial are the certificate's own
// DER. Signing itself is node's crypto (RSA PKCS#1 v1.5 or ECDSA, SHA-256).

import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import {
  OID, algId, asn1, bytesOf, children, der, explicit, implicitCons, octets, oid, parse, readOid, readTime, seq, set,
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

export function buildSignedData(i: CmsSignInput): Buffer {
  const cert = readCertificate(i.certDer);
  const certHash = createHash('sha256').update(i.certDer).digest();
  const issuerSerial = seq([seq([explicit(4, cert.issuer)]), cert.serial]);
  const attrs = sortedSet([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.signingTime, time(i.signingTime)),
    attribute(OID.messageDigest, octets(i.digest)),
    // ESS signing-certificate-v2 binds the certificate to the signature (CAdES/PAdES B-B).
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(certHash), issuerSerial])])])),
  ]);
  const signedAttrsDer = der(set(attrs));
  const signature = sign('sha256', signedAttrsDer, i.privateKey);
  const signerInfo = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x01'),
    seq([cert.issuer, cert.serial]),
    algId(OID.sha256, true),
    implicitCons(0, attrs),
    i.alg === 'rsa' ? algId(OID.rsaEncryption, true) : algId(OID.ecdsaWithSHA256, false),
    octets(signature),
  ]);
  const certs = [cert.asn1, ...(i.chainDer ?? []).map((d) => parse(d))];
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
  problems: string[];
}

/** Check a detached CMS signature over `signed` (the PDF's ByteRange bytes). */
export function checkSignedData(cms: Buffer, signed: Buffer[]): CmsCheck {
  const out: CmsCheck = {
    digestAlgorithm: null, digestOk: false, signatureOk: false, signer: null, certificates: [], signingTime: null,
    signatureAlgorithm: null, problems: [],
  };
  let ci: Asn1;
  try {
    ci = parse(cms);
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
    }
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
