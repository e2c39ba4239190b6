// The answer to "is this signed report genuine": signature, signer, signing time, whether
// the content changed after signing, and main's checks line by line.

import type { ReportVerification } from '../../shared/ipc/contract.js';
import { useT } from '../i18n/useT.js';
import { isoLocal } from '../model/format.js';

/** main states the signing time only inside its message lines (签名时间 …). */
export function signingTime(v: ReportVerification): string | null {
  for (const m of v.messages) {
    const x = /签名时间\s*([^\s，,；;]+)/.exec(m);
    if (x) return x[1];
  }
  return null;
}

export function VerificationView({ v }: { v: ReportVerification }) {
  const t = useT();
  const raw = signingTime(v);
  // Shown in local time with its offset; main states it in UTC.
  const parsed = raw ? new Date(raw) : null;
  const time = parsed && !Number.isNaN(parsed.getTime()) ? isoLocal(parsed).replace('T', ' ') : raw;
  return (
    <section className={`verification sig-${v.signature}`} aria-labelledby="ver-h" data-testid="verification" data-signature={v.signature} data-intact={v.contentIntact ? 'true' : 'false'}>
      <h2 id="ver-h">{t('verify.result')}</h2>
      <p className={`verdict verdict-${v.signature}`} data-testid="verdict">
        <span aria-hidden="true">{v.signature === 'valid' ? '✓' : v.signature === 'invalid' ? '✗' : '–'}</span> {t(`verify.sig.${v.signature}`)}
      </p>
      <dl className="kv">
        <div><dt>{t('verify.source')}</dt><dd className="mono break">{v.source}</dd></div>
        <div><dt>{t('verify.reportId')}</dt><dd className="mono">{v.reportId ?? '—'}</dd></div>
        <div><dt>{t('verify.signer')}</dt><dd data-testid="verify-signer">{v.signer ?? '—'}</dd></div>
        <div><dt>{t('verify.time')}</dt><dd className="mono" data-testid="verify-time">{time ?? '—'}</dd></div>
        <div>
          <dt>{t('verify.content')}</dt>
          <dd className={v.contentIntact ? 'ok-text' : 'bad-text'} data-testid="verify-content">{v.contentIntact ? t('verify.intact') : t('verify.changed')}</dd>
        </div>
      </dl>
      {v.messages.length > 0 && (
        <>
          <h3>{t('verify.details')}</h3>
          <ul className="plain small">{v.messages.map((m, i) => <li key={i}>{m}</li>)}</ul>
        </>
      )}
    </section>
  );
}
