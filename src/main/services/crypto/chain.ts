// Whom to trust: a path from a signer's certificate, through the certificates a signature
// carries, to an anchor the reviewer chose (an organisation's or a 政务 CA's root, or a pinned
// certificate), checked at the signing time for validity, CA flags and key usage, and
// against the CRLs the reviewer was given. Offline: nothing is fetched.

import type { TrustAnswer, TrustState } from '../../../shared/signatures/verdict.js';
import { der } from './asn1.js';
import { crlIssuedBy, type Crl } from './crl.js';
import { KEY_USAGE, describeCertificate, isIssuedBy, type CertInfo } from './x509.js';
import { fingerprintOf } from './public-key.js';

export interface Anchor {
  cert: CertInfo;
  label: string;
  /** A root vouches for what it issued; a pinned certificate only for itself. */
  kind: 'root' | 'certificate';
}

export interface ChainInput {
  signer: CertInfo;
  /** Certificates the signature carries (issuers, possibly the signer again). */
  carried: CertInfo[];
  anchors: Anchor[];
  /** The signing time the signature claims; null: now. */
  at: Date | null;
  crls: Crl[];
}

export interface ChainResult extends TrustAnswer {
  /**
   * The signer's certificate carries a valid signature of its issuer (or of itself when
   * self-issued): true, false when the named issuer's signature fails (the certificate was
   * altered after it was issued), null when no issuer was found to check it with.
   */
  certificateSignatureOk: boolean | null;
}

/** Paths longer than this are not followed (no real document-signing chain is). */
const MAX_PATH = 8;

/** `a` names `b` as its issuer. */
const sameName = (a: CertInfo, b: CertInfo) => der(a.issuer).equals(der(b.subject));

export function validateChain(i: ChainInput): ChainResult {
  const problems: string[] = [];
  const fp = (c: CertInfo) => fingerprintOf(c.der);
  const chain: CertInfo[] = [i.signer];
  const candidates = [...i.anchors.filter((a) => a.kind === 'root').map((a) => a.cert), ...i.carried];
  const namedIssuers = (c: CertInfo) => candidates.filter((x) => sameName(c, x));

  // The signer's own certificate first: was it altered after it was issued?
  const selfIssued = sameName(i.signer, i.signer);
  const named = namedIssuers(i.signer);
  const certificateSignatureOk = selfIssued ? isIssuedBy(i.signer, i.signer)
    : named.some((x) => isIssuedBy(i.signer, x)) ? true : named.length ? false : null;
  if (certificateSignatureOk === false) problems.push('签名证书自身的签名验证失败：证书在签发后被改动');

  let anchor: Anchor | undefined;
  for (let current = i.signer; chain.length <= MAX_PATH;) {
    // A pinned certificate vouches only for itself; a root for everything it issued.
    anchor = i.anchors.find((a) => fp(a.cert) === fp(current) && (a.kind === 'root' || current === i.signer));
    if (anchor || sameName(current, current)) break;
    const issuer = namedIssuers(current).find((x) => !chain.some((c) => fp(c) === fp(x)) && isIssuedBy(current, x));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }

  const views = chain.map(describeCertificate);
  const answer = (state: TrustState, revokedAt: string | null = null, crl: string | null = null): ChainResult => ({
    state,
    anchor: anchor ? { label: anchor.label, fingerprintSha256: fp(anchor.cert), kind: anchor.kind } : null,
    chain: views,
    revocation: { checked: crl !== null, revokedAt, crl },
    problems,
    certificateSignatureOk,
  });

  if (!anchor) {
    problems.push(`签名证书（SHA-256 指纹 ${views[0].fingerprintSha256}）不在信任列表中，也找不到通往受信任根证书的证书链`);
    return answer('untrusted');
  }

  const at = i.at ?? new Date();
  let state: TrustState = 'trusted';
  const worse = (s: TrustState) => {
    const order: TrustState[] = ['trusted', 'revoked-no-poe', 'constraints', 'expired', 'not-yet-valid', 'revoked'];
    if (order.indexOf(s) > order.indexOf(state)) state = s;
  };
  for (const [n, c] of chain.entries()) {
    const v = views[n];
    if (c.notBefore && at < c.notBefore) {
      worse('not-yet-valid');
      problems.push(`签名时间 ${at.toISOString()} 早于证书「${v.subject}」的生效时间 ${v.notBefore}`);
    }
    if (c.notAfter && at > c.notAfter) {
      worse('expired');
      problems.push(`签名时间 ${at.toISOString()} 晚于证书「${v.subject}」的到期时间 ${v.notAfter}`);
    }
    if (n > 0) {
      if (!c.isCa) {
        worse('constraints');
        problems.push(`证书「${v.subject}」不是 CA 证书，却签发了证书`);
      } else if (c.keyUsage && !c.keyUsage.has(KEY_USAGE.keyCertSign)) {
        worse('constraints');
        problems.push(`证书「${v.subject}」的密钥用途不含签发证书（keyCertSign）`);
      }
    } else if (c.keyUsage && !c.keyUsage.has(KEY_USAGE.digitalSignature) && !c.keyUsage.has(KEY_USAGE.nonRepudiation)) {
      worse('constraints');
      problems.push(`签名证书的密钥用途不含数字签名（digitalSignature / nonRepudiation）`);
    }
  }

  // Revocation: each certificate against a CRL of its issuer that the issuer really signed.
  let revokedAt: string | null = null;
  let crlUsed: string | null = null;
  for (let n = 0; n + 1 < chain.length; n++) {
    const issuer = chain[n + 1];
    for (const crl of i.crls.filter((c) => crlIssuedBy(c, issuer))) {
      crlUsed = `CRL ${describeCertificate(issuer).subject}${crl.thisUpdate ? `，${crl.thisUpdate.toISOString().slice(0, 10)}` : ''}`;
      const serial = views[n].serial;
      if (!crl.revoked.has(serial)) continue;
      const when = crl.revoked.get(serial) ?? null;
      revokedAt = when?.toISOString() ?? null;
      if (!when || when <= at) {
        worse('revoked');
        problems.push(`证书「${views[n].subject}」已于 ${revokedAt ?? '（未注明日期）'} 被吊销，早于签名时间`);
      } else {
        worse('revoked-no-poe');
        problems.push(`证书「${views[n].subject}」已于 ${revokedAt} 被吊销；签名时间由签名人自报，无法证明签名早于吊销`);
      }
    }
  }
  if (i.crls.length && crlUsed === null) problems.push('所给的 CRL 都不是此证书链中签发者签发的（或其签名无效），未能检查吊销状态');
  return answer(state, revokedAt, crlUsed);
}
