// One signature judged: its structure, the signed bytes, the signature value and the
// signer's certificate, then the path to an anchor. Reports (CMS in a PDF) and review
// packages (a signature over their manifest) are judged alike, so their answers agree.

import { verdictOf, type CertificateView, type TrustAnswer, type Verdict } from '../../../shared/signatures/verdict.js';
import { validateChain, type Anchor } from './chain.js';
import type { CmsCheck } from './cms.js';
import type { Crl } from './crl.js';
import { fingerprintOf } from './public-key.js';
import { describeCertificate, type CertInfo } from './x509.js';

export interface TrustContext {
  anchors: Anchor[];
  crls: Crl[];
  /** SHA-256 fingerprints of signer certificates trusted for themselves alone (`--trust AB:CD:…`). */
  pins?: string[];
}

export interface SignatureJudgement extends Verdict {
  signer: CertificateView | null;
  trust: TrustAnswer;
  /** The certificate's own signature verifies (true), fails (false), or could not be checked (null). */
  certificateSignatureOk: boolean | null;
}

const NO_TRUST: TrustAnswer = { state: 'untrusted', anchor: null, chain: [], revocation: { checked: false, revokedAt: null, crl: null }, problems: [] };

export interface SignatureFacts {
  formatOk: boolean;
  digestOk: boolean;
  signatureOk: boolean;
  signer: CertInfo | null;
  carried: CertInfo[];
  signingTime: Date | null;
}

export function judgeSignature(f: SignatureFacts, ctx: TrustContext): SignatureJudgement {
  if (!f.signer) {
    return { ...verdictOf({ formatOk: false, digestOk: f.digestOk, cryptoOk: false, trust: 'untrusted' }), signer: null, trust: NO_TRUST, certificateSignatureOk: null };
  }
  const fingerprint = fingerprintOf(f.signer.der);
  const pinned: Anchor[] = ctx.pins?.includes(fingerprint) ? [{ cert: f.signer, label: `--trust ${fingerprint}`, kind: 'certificate' }] : [];
  const chain = validateChain({ signer: f.signer, carried: f.carried, anchors: [...ctx.anchors, ...pinned], at: f.signingTime, crls: ctx.crls });
  const { certificateSignatureOk, ...trust } = chain;
  const verdict = verdictOf({ formatOk: f.formatOk, digestOk: f.digestOk, cryptoOk: f.signatureOk && certificateSignatureOk !== false, trust: trust.state });
  return { ...verdict, signer: describeCertificate(f.signer), trust, certificateSignatureOk };
}

/** The facts of a CMS check: an ESS attribute naming another certificate is a format failure. */
export function cmsFacts(c: CmsCheck): SignatureFacts {
  return {
    formatOk: c.formatOk && c.essBinding !== 'mismatch', digestOk: c.digestOk, signatureOk: c.signatureOk,
    signer: c.signer, carried: c.certificates, signingTime: c.signingTime,
  };
}
