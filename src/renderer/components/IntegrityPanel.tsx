// The bundle's integrity from JZ-17-03: listed files present and unchanged, nothing
// unlisted, and the manifest signature.

import { useState } from 'react';
import { useT } from '../i18n/useT.js';
import type { IntegrityView } from '../model/integrity.js';
import { shortHash } from '../model/format.js';
import { useDesk } from '../store/index.js';
import { StatusBadge } from './Badges.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { CopyButton } from './CopyButton.js';

/** Who signed the manifest, and — when it is not the registered key — registering it after comparing the fingerprint. */
function SignerKey({ view, operator }: { view: Extract<IntegrityView, { checked: true }>; operator: { id: string | null; name: string | null } }) {
  const t = useT();
  const register = useDesk((s) => s.registerOperatorKey);
  const canRegister = useDesk((s) => !!s.current?.run.reviewId);
  const [asking, setAsking] = useState(false);
  const [label, setLabel] = useState(operator.name ?? operator.id ?? '');
  const key = view.signerKey;
  if (!key) return null;
  const tone = key.registration === 'registered' ? 'ok' : key.registration === 'other-key-registered' ? 'bad' : 'warn';
  const text = key.registration === 'registered' ? t('integrity.key.registered', { label: key.label ?? '' })
    : key.registration === 'other-key-registered' ? t('integrity.key.other') : t('integrity.key.unregistered');
  return (
    <li className={tone} data-testid="integrity-key" data-registration={key.registration}>
      <span aria-hidden="true">{tone === 'ok' ? '✓' : tone === 'bad' ? '✗' : '!'}</span> {t('integrity.signerKey')}{t('common.colon')}{text}
      <div className="mono small break">{key.fingerprintSha256} <CopyButton text={key.fingerprintSha256} label={t('verify.copyFingerprint')} /></div>
      {key.registration !== 'registered' && operator.id && canRegister && (
        <button type="button" className="small" onClick={() => setAsking(true)} data-testid="register-key">{t('integrity.register')}</button>
      )}
      <ConfirmDialog
        open={asking}
        title={t('integrity.registerTitle', { operator: operator.name ? `${operator.name}（${operator.id}）` : operator.id ?? '' })}
        confirmLabel={t('integrity.register').replace(/…$/, '')}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          if (label.trim()) void register(label.trim());
        }}
      >
        <p>{t('integrity.registerBody')}</p>
        <p className="mono break" data-testid="register-fingerprint">{key.fingerprintSha256}</p>
        <label htmlFor="reg-label">{t('integrity.registerLabel')}</label>
        <input id="reg-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} data-testid="register-label" />
      </ConfirmDialog>
    </li>
  );
}

export function IntegrityPanel({ view, operator }: { view: IntegrityView; operator: { id: string | null; name: string | null } }) {
  const t = useT();
  if (!view.checked) return <p className="muted" data-testid="integrity">{t('overview.integrity.unchecked')}</p>;
  const sigKey = (['valid', 'invalid', 'absent', 'unsupported'] as const).find((s) => s === view.signature) ?? 'absent';
  const sigOk = view.signature === 'valid';
  // A valid signature is green only when the registered key made it: by another key it is a failure, by an unregistered one a warning.
  const registration = view.signerKey?.registration;
  const sigTone = !sigOk ? (view.signature === 'absent' ? 'warn' : 'bad') : registration === 'other-key-registered' ? 'bad' : registration === 'unregistered' ? 'warn' : 'ok';
  return (
    <div className="integrity" data-testid="integrity" data-intact={view.filesIntact ? 'true' : 'false'} data-signature={view.signature}>
      <p className="integrity-head"><StatusBadge status={view.status} /> <span className="mono small">JZ-17-03</span></p>
      <ul className="checks">
        <li className={view.filesIntact ? 'ok' : 'bad'}>
          <span aria-hidden="true">{view.filesIntact ? '✓' : '✗'}</span> {view.filesIntact ? t('overview.integrity.intact', { n: view.listed }) : [
            view.missing.length ? t('overview.integrity.missing', { n: view.missing.length }) : '',
            view.changed.length ? t('overview.integrity.changed', { n: view.changed.length }) : '',
            view.unlisted.length ? t('overview.integrity.unlisted', { n: view.unlisted.length }) : '',
          ].filter(Boolean).join(t('common.sep'))}
        </li>
        <li className={sigTone}>
          <span aria-hidden="true">{sigTone === 'ok' ? '✓' : sigTone === 'bad' ? '✗' : view.signature === 'absent' ? '–' : '!'}</span> {t(`overview.integrity.sig.${sigKey}`)}{view.signatureAlg ? `（${view.signatureAlg}）` : ''}
        </li>
        <SignerKey view={view} operator={operator} />
      </ul>
      {!view.filesIntact && (
        <ul className="files small">
          {view.missing.slice(0, 20).map((p) => <li key={`m-${p}`}><span className="mono">{p}</span> — {t('overview.integrity.file.missing')}</li>)}
          {view.changed.slice(0, 20).map((c) => <li key={`c-${c.path}`}><span className="mono">{c.path}</span> — {shortHash(c.expected)} → {shortHash(c.actual)}</li>)}
          {view.unlisted.slice(0, 20).map((p) => <li key={`u-${p}`}><span className="mono">{p}</span> — {t('overview.integrity.file.unlisted')}</li>)}
        </ul>
      )}
    </div>
  );
}
