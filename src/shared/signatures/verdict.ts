// Whom a signature is from and whether to rely on it, answered the way ETSI EN 319 102-1
// (and the EU's DSS, which implements it) answers: an indication with a sub-indication,
// computed once here from the separate findings (the signature itself, the signer's
// certificate, trust) for reports, review packages and bundle manifests alike. Whether a
// document was changed after a valid signature is its own answer (integrity), as in DSS.

/** The overall answer: only TOTAL_PASSED may be shown as green. */
export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';

export type SubIndication =
  // TOTAL_FAILED
  | 'FORMAT_FAILURE' // the signature's structure cannot be read, or does not bind its certificate
  | 'HASH_FAILURE' // the signed content no longer matches its digest
  | 'SIG_CRYPTO_FAILURE' // the signature value, or the certificate's own signature, does not verify
  | 'REVOKED' // the certificate was revoked before the signing time
  | 'NOT_YET_VALID' // signed before the certificate was valid
  // INDETERMINATE
  | 'NO_CERTIFICATE_CHAIN_FOUND' // no path from the signer to a trusted anchor
  | 'OUT_OF_BOUNDS_NO_POE' // the certificate had expired at the (claimed) signing time
  | 'REVOKED_NO_POE' // revoked after the claimed signing time, which nothing proves
  | 'CHAIN_CONSTRAINTS_FAILURE'; // a certificate in the path may not sign what it signed (CA flag, key usage)

/** Facts about one certificate, as a reader compares them out of band. */
export interface CertificateView {
  subject: string;
  commonName: string | null;
  issuer: string;
  /** Hex, as printed by OpenSSL. */
  serial: string;
  fingerprintSha256: string;
  notBefore: string | null;
  notAfter: string | null;
  selfSigned: boolean;
  keyType: string;
}

export type TrustState = 'trusted' | 'untrusted' | 'revoked' | 'revoked-no-poe' | 'expired' | 'not-yet-valid' | 'constraints';

export interface TrustAnswer {
  state: TrustState;
  /** The store entry (or --trust file) the path ends in. */
  anchor: { label: string; fingerprintSha256: string; kind: 'root' | 'certificate' } | null;
  /** Signer first, then each issuer up to the anchor (or as far as a path was found). */
  chain: CertificateView[];
  revocation: { checked: boolean; revokedAt: string | null; crl: string | null };
  /** Why, for people (Chinese). */
  problems: string[];
}

/** What was checked, in the order an indication is decided. */
export interface VerdictInput {
  /** The CMS (or signature record) could be read and its signed attributes bind the certificate. */
  formatOk: boolean;
  /** The signed bytes still give the signed digest. */
  digestOk: boolean;
  /** The signature value verifies with the certificate's key, and the certificate's own signature verifies. */
  cryptoOk: boolean;
  trust: TrustState;
}

export interface Verdict {
  indication: Indication;
  subIndication: SubIndication | null;
}

export function verdictOf(v: VerdictInput): Verdict {
  const failed = (s: SubIndication): Verdict => ({ indication: 'TOTAL_FAILED', subIndication: s });
  const indeterminate = (s: SubIndication): Verdict => ({ indication: 'INDETERMINATE', subIndication: s });
  if (!v.formatOk) return failed('FORMAT_FAILURE');
  if (!v.digestOk) return failed('HASH_FAILURE');
  if (!v.cryptoOk) return failed('SIG_CRYPTO_FAILURE');
  if (v.trust === 'revoked') return failed('REVOKED');
  if (v.trust === 'not-yet-valid') return failed('NOT_YET_VALID');
  if (v.trust === 'revoked-no-poe') return indeterminate('REVOKED_NO_POE');
  if (v.trust === 'expired') return indeterminate('OUT_OF_BOUNDS_NO_POE');
  if (v.trust === 'constraints') return indeterminate('CHAIN_CONSTRAINTS_FAILURE');
  if (v.trust === 'untrusted') return indeterminate('NO_CERTIFICATE_CHAIN_FOUND');
  return { indication: 'TOTAL_PASSED', subIndication: null };
}

/** The words a reader sees for each answer, and what each asks of them. */
export const INDICATION_TEXT: Record<Indication, { zh: string; en: string }> = {
  TOTAL_PASSED: { zh: '签名有效且可信', en: 'Signature valid and trusted' },
  INDETERMINATE: { zh: '无法确认', en: 'Indeterminate' },
  TOTAL_FAILED: { zh: '签名无效', en: 'Signature failed' },
};

export const SUB_INDICATION_TEXT: Record<SubIndication, { zh: string; en: string; action: { zh: string; en: string } }> = {
  FORMAT_FAILURE: {
    zh: '签名结构无法读取，或签名属性未绑定签名证书', en: 'The signature cannot be read, or its attributes do not bind its certificate',
    action: { zh: '不要采信此签名，请向签发方索取原件。', en: 'Do not rely on it; ask the signer for the original.' },
  },
  HASH_FAILURE: {
    zh: '签名覆盖的内容在签名后被改动（摘要不符）', en: 'The signed content was changed after signing (digest mismatch)',
    action: { zh: '不要采信此文件，请向签发方索取原件。', en: 'Do not rely on this file; ask the signer for the original.' },
  },
  SIG_CRYPTO_FAILURE: {
    zh: '签名值或签名证书自身的签名验证失败', en: 'The signature value, or the certificate’s own signature, does not verify',
    action: { zh: '不要采信此签名：证书或签名已被改动。', en: 'Do not rely on it: the certificate or the signature was altered.' },
  },
  REVOKED: {
    zh: '签名证书在签名时间之前已被吊销', en: 'The signing certificate was revoked before the signing time',
    action: { zh: '不要采信此签名，并告知发证机构。', en: 'Do not rely on it, and tell the issuing authority.' },
  },
  NOT_YET_VALID: {
    zh: '签名时间早于签名证书生效时间', en: 'Signed before the certificate was valid',
    action: { zh: '不要采信此签名，请向签发方核实签名时间。', en: 'Do not rely on it; check the signing time with the signer.' },
  },
  NO_CERTIFICATE_CHAIN_FOUND: {
    zh: '签名人不在信任列表中（找不到通往受信任根证书的证书链）', en: 'The signer is not trusted (no certificate chain to a trusted anchor)',
    action: {
      zh: '请通过电话或当面等可靠途径向签名人核对证书指纹；核对无误后可将其证书或签发机构加入信任列表。',
      en: 'Compare the certificate fingerprint with the signer by a channel you trust; if it matches, add the certificate or its issuer to the trust store.',
    },
  },
  OUT_OF_BOUNDS_NO_POE: {
    zh: '签名时签名证书已过期', en: 'The certificate had expired at the signing time',
    action: { zh: '请要求签名人以有效证书重新签名。', en: 'Ask the signer to sign again with a valid certificate.' },
  },
  REVOKED_NO_POE: {
    zh: '签名证书已被吊销，无法证明签名早于吊销', en: 'The certificate is revoked, and nothing proves the signature came first',
    action: { zh: '请向签名人和发证机构核实。', en: 'Check with the signer and the issuing authority.' },
  },
  CHAIN_CONSTRAINTS_FAILURE: {
    zh: '证书链中的证书无权签发或签署（CA 标志或密钥用途不符）', en: 'A certificate in the chain may not sign what it signed (CA flag or key usage)',
    action: { zh: '不要采信此签名，请向发证机构核实。', en: 'Do not rely on it; check with the issuing authority.' },
  },
};
