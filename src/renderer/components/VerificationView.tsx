// The answer to "is this signed report genuine, and whom is it from": one verdict for the
// whole report (green only when every signature is valid, trusted and intact, and the
// attached findings match), then each signature's separate answers — signature, signer,
// trust, integrity — worded by shared/signatures/describe.ts as the command line words them.

import type { ReportVerification, SignatureView } from '../../shared/ipc/contract.js';
import { describeSignature } from '../../shared/signatures/describe.js';
import { useDesk } from '../store/index.js';
import { useT } from '../i18n/useT.js';
import { isoLocal } from '../model/format.js';
import { CopyButton } from './CopyButton.js';

type Tone = 'ok' | 'warn' | 'bad';

/** The report's one verdict: only "signed, valid, trusted, intact, findings as stated" is ok. */
export function reportTone(v: ReportVerification): Tone {
  if (v.ok) return 'ok';
  if (!v.signed || !v.contentMatches || v.signatures.some((s) => s.indication === 'TOTAL_FAILED')) return 'bad';
  return 'warn';
}

function when(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : isoLocal(d).replace('T', ' ');
}

function SignatureCard({ s, n }: { s: SignatureView; n: number }) {
  const t = useT();
  const lang = useDesk((st) => st.lang);
  const d = describeSignature(s, lang);
  return (
    <li className={`sig-card tone-${d.tone}`} data-testid="signature" data-indication={s.indication} data-sub={s.subIndication ?? ''} data-integrity={s.integrity.state}>
      <h3>
        {t('verify.signatureN', { n })}
        {s.role ? `（${s.role}）` : ''}
        {s.certified ? <span className="badge small">{t('verify.certified')}</span> : null}
      </h3>
      <p className={`verdict verdict-${d.tone}`} data-testid="signature-verdict">{d.headline}</p>
      <dl className="kv">
        {s.signer && (
          <>
            <div><dt>{t('verify.signer')}</dt><dd data-testid="verify-signer">{s.signer.commonName ?? s.signer.subject}</dd></div>
            <div><dt>{t('verify.subject')}</dt><dd className="break">{s.signer.subject}</dd></div>
            <div><dt>{t('verify.issuer')}</dt><dd className="break">{s.signer.issuer}{s.signer.selfSigned ? `（${t('verify.selfSigned')}）` : ''}</dd></div>
            <div><dt>{t('verify.serial')}</dt><dd className="mono break">{s.signer.serial}</dd></div>
            <div>
              <dt>{t('verify.fingerprint')}</dt>
              <dd className="mono break" data-testid="verify-fingerprint">{s.signer.fingerprintSha256} <CopyButton text={s.signer.fingerprintSha256} label={t('verify.copyFingerprint')} /></dd>
            </div>
            <div><dt>{t('verify.validity')}</dt><dd className="mono">{s.signer.notBefore?.slice(0, 10) ?? '?'} — {s.signer.notAfter?.slice(0, 10) ?? '?'}（{s.signer.keyType}）</dd></div>
          </>
        )}
        <div><dt>{t('verify.time')}</dt><dd className="mono" data-testid="verify-time">{when(s.signingTime) ?? '—'}</dd></div>
      </dl>
      <ul className="plain small answers">
        <li data-testid="signature-trust">{d.trust}</li>
        <li data-testid="signature-integrity">{d.integrity}</li>
      </ul>
      {d.action && <p className={`action ${d.tone === 'bad' ? 'bad-text' : 'warn-text'}`} data-testid="signature-action">{d.action}</p>}
    </li>
  );
}

export function VerificationView({ v }: { v: ReportVerification }) {
  const t = useT();
  const tone = reportTone(v);
  const headline = v.ok ? t('verify.ok')
    : !v.signed ? t('verify.unsigned')
      : tone === 'bad' ? t('verify.failed')
        : v.integrity.state === 'modified' ? t('verify.modified') : t('verify.untrusted');
  return (
    <section className={`verification tone-${tone}`} aria-labelledby="ver-h" data-testid="verification" data-ok={v.ok ? 'true' : 'false'} data-integrity={v.integrity.state}>
      <h2 id="ver-h">{t('verify.result')}</h2>
      <p className={`verdict verdict-${tone}`} data-testid="verdict" role="status">
        <span aria-hidden="true">{tone === 'ok' ? '✓' : tone === 'bad' ? '✗' : '!'}</span> {headline}
      </p>
      <dl className="kv">
        <div><dt>{t('verify.source')}</dt><dd className="mono break">{v.source}</dd></div>
        <div><dt>{t('verify.reportId')}</dt><dd className="mono">{v.reportId ?? '—'}</dd></div>
        <div>
          <dt>{t('verify.content')}</dt>
          {/* Never green beside a failed signature: the content claim is shown in the verdict's tone. */}
          <dd className={v.contentMatches && tone === 'ok' ? 'ok-text' : v.contentMatches ? '' : 'bad-text'} data-testid="verify-content">
            {v.contentMatches ? t('verify.contentMatches') : t('verify.contentDiffers')}
          </dd>
        </div>
        <div>
          <dt>{t('verify.afterLast')}</dt>
          <dd className={v.integrity.state === 'intact' ? '' : 'bad-text'} data-testid="verify-integrity">
            {v.integrity.state === 'intact' ? t('verify.intactSince') : v.integrity.changes.map((c) => c.detail).join('；') || t('verify.modified')}
          </dd>
        </div>
      </dl>
      {v.signatures.length > 0 && <ol className="plain sig-list">{v.signatures.map((s, i) => <SignatureCard key={i} s={s} n={i + 1} />)}</ol>}
      {v.messages.length > 0 && (
        <>
          <h3>{t('verify.details')}</h3>
          <ul className="plain small">{v.messages.map((m, i) => <li key={i}>{m}</li>)}</ul>
        </>
      )}
    </section>
  );
}
