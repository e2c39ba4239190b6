// One signature's answers put into words for a reader, the same for the command line, the
// workbench and review packages: what the indication is, who signed, whom that leads to,
// whether the document is as signed, and what the reader should do. Only "intact, valid,
// trusted" has the tone `ok`; nothing that failed is ever worded as reassurance.

import { INDICATION_TEXT, SUB_INDICATION_TEXT, type CertificateView, type Indication, type SubIndication, type TrustAnswer } from './verdict.js';

export type Lang = 'zh' | 'en';
export type Tone = 'ok' | 'warn' | 'bad';

export interface SignatureAnswers {
  indication: Indication;
  subIndication: SubIndication | null;
  signer: CertificateView | null;
  trust: TrustAnswer;
  /** Was the signed document (report, package) changed after this signature? */
  integrity: { state: 'intact' | 'modified'; changes: { detail: string }[] };
}

export function toneOf(a: SignatureAnswers): Tone {
  if (a.indication === 'TOTAL_FAILED') return 'bad';
  if (a.indication === 'TOTAL_PASSED' && a.integrity.state === 'intact') return 'ok';
  return 'warn';
}

const T = {
  zh: {
    signer: '签名人', subject: '主体', issuer: '签发者', serial: '序列号', fingerprint: 'SHA-256 指纹', validity: '有效期', to: '至',
    trust: '信任', integrity: '完整性', intact: '签名后未被改动', modified: '签名后被改动', action: '请',
    trusted: (label: string, kind: string) => `通过信任列表中的「${label}」（${kind === 'root' ? '根证书' : '钉住的证书'}）`,
    untrusted: '不在信任列表中', revoked: (at: string | null) => `证书已被吊销${at ? `（${at.slice(0, 10)}）` : ''}`,
    revokedNoPoe: (at: string | null) => `证书已于 ${at?.slice(0, 10) ?? '?'} 被吊销，无法证明签名更早`,
    expired: '签名时证书已过期', notYet: '签名时证书尚未生效', constraints: '证书链不满足约束（CA 标志或密钥用途）',
    crl: (c: string) => `已对照 ${c} 检查吊销状态`, noCrl: '未检查吊销状态（没有提供 CRL）',
    etsi: 'ETSI EN 319 102-1',
  },
  en: {
    signer: 'Signer', subject: 'subject', issuer: 'issuer', serial: 'serial', fingerprint: 'SHA-256 fingerprint', validity: 'valid', to: 'to',
    trust: 'Trust', integrity: 'Integrity', intact: 'unchanged since signing', modified: 'changed after signing', action: 'Please',
    trusted: (label: string, kind: string) => `through “${label}” in the trust store (${kind === 'root' ? 'root' : 'pinned certificate'})`,
    untrusted: 'not in the trust store', revoked: (at: string | null) => `certificate revoked${at ? ` (${at.slice(0, 10)})` : ''}`,
    revokedNoPoe: (at: string | null) => `certificate revoked on ${at?.slice(0, 10) ?? '?'}; nothing proves the signature came first`,
    expired: 'the certificate had expired at signing', notYet: 'the certificate was not yet valid at signing', constraints: 'the chain breaks a constraint (CA flag or key usage)',
    crl: (c: string) => `revocation checked against ${c}`, noCrl: 'revocation not checked (no CRL given)',
    etsi: 'ETSI EN 319 102-1',
  },
} as const;

/** The ETSI name as DSS prints it: TOTAL-PASSED, INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND. */
export function etsiName(a: Pick<SignatureAnswers, 'indication' | 'subIndication'>): string {
  return `${a.indication.replace('_', '-')}${a.subIndication ? `/${a.subIndication}` : ''}`;
}

export function trustText(t: TrustAnswer, lang: Lang): string {
  const w = T[lang];
  switch (t.state) {
    case 'trusted': return t.anchor ? w.trusted(t.anchor.label, t.anchor.kind) : w.untrusted;
    case 'untrusted': return w.untrusted;
    case 'revoked': return w.revoked(t.revocation.revokedAt);
    case 'revoked-no-poe': return w.revokedNoPoe(t.revocation.revokedAt);
    case 'expired': return w.expired;
    case 'not-yet-valid': return w.notYet;
    case 'constraints': return w.constraints;
  }
}

/** The headline, then the facts a reader checks, then what to do. */
export interface SignatureWords {
  tone: Tone;
  headline: string;
  /** Who signed: name, then subject, issuer, serial, fingerprint, validity. */
  signer: string[];
  trust: string;
  integrity: string;
  /** Everything above in order, as the command line prints it. */
  lines: string[];
  action: string | null;
}

export function describeSignature(a: SignatureAnswers, lang: Lang): SignatureWords {
  const w = T[lang];
  const tone = toneOf(a);
  const base = INDICATION_TEXT[a.indication][lang];
  const sub = a.subIndication ? SUB_INDICATION_TEXT[a.subIndication] : null;
  const [c, sc, open, close] = lang === 'zh' ? ['：', '；', '（', '）'] : [': ', '; ', ' (', ')'];
  const headline = `${tone === 'ok' ? '✓' : tone === 'bad' ? '✗' : '!'} ${base}${sub ? `${c}${sub[lang]}` : ''}${open}${w.etsi}${c}${etsiName(a)}${close}`;
  const s = a.signer;
  const signer = s ? [
    `${w.signer}${c}${s.commonName ?? s.subject}`,
    `  ${w.subject} ${s.subject}${sc}${w.issuer} ${s.issuer}${sc}${w.serial} ${s.serial}`,
    `  ${w.fingerprint} ${s.fingerprintSha256}`,
    `  ${w.validity} ${s.notBefore?.slice(0, 10) ?? '?'} ${w.to} ${s.notAfter?.slice(0, 10) ?? '?'}${open}${s.keyType}${close}`,
  ] : [];
  const trust = `${w.trust}${c}${trustText(a.trust, lang)}${sc}${a.trust.revocation.crl ? w.crl(a.trust.revocation.crl) : w.noCrl}`;
  const changes = a.integrity.changes.map((x) => x.detail).join(sc);
  const integrity = `${w.integrity}${c}${a.integrity.state === 'intact' ? w.intact : `${w.modified}${changes ? `${c}${changes}` : ''}`}`;
  const lines = [...signer, trust, integrity];
  const action = sub ? sub.action[lang]
    : a.integrity.state === 'modified' ? (lang === 'zh' ? '签名之后的改动未经签名：请以签名时的版本为准，并向签发方核实。' : 'What was added after signing is unsigned: rely on the signed version and check with the signer.')
      : null;
  return { tone, headline, signer, trust, integrity, lines, action };
}
