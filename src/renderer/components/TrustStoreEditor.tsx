// The trust store in settings: whose signatures the workbench calls trusted (roots and
// pinned certificates) and which manifest keys are registered for which operator. Main
// keeps the store; this lists it, adds a certificate file, and removes an entry only after
// the reviewer confirms, with the fingerprint in view.

import { useEffect, useState, type FormEvent } from 'react';
import type { TrustEntryView } from '../../shared/ipc/contract.js';
import { useT } from '../i18n/useT.js';
import { useDeps, useDesk } from '../store/index.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { CopyButton } from './CopyButton.js';

type KindChoice = '' | 'root' | 'certificate';

function AddForm() {
  const t = useT();
  const { transport } = useDeps();
  const addTrust = useDesk((s) => s.addTrust);
  const [path, setPath] = useState('');
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<KindChoice>('');
  const [password, setPassword] = useState('');
  const loopback = transport === 'loopback';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const added = await addTrust({
      label: label.trim(), ...(loopback ? { path: path.trim() } : {}), ...(kind ? { kind } : {}), ...(password ? { password } : {}),
    });
    if (added) {
      setPath('');
      setLabel('');
      setPassword('');
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" aria-label={t('trust.add')}>
      <div className="field-row">
        {loopback && (
          <div className="field grow">
            <label htmlFor="trust-path">{t('trust.path')}</label>
            <input id="trust-path" className="mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} data-testid="trust-path" />
          </div>
        )}
        <div className="field grow">
          <label htmlFor="trust-label">{t('trust.label')}</label>
          <input id="trust-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} required data-testid="trust-label" />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="trust-kind">{t('trust.kindChoice')}</label>
          <select id="trust-kind" value={kind} onChange={(e) => setKind(e.target.value as KindChoice)} data-testid="trust-kind">
            <option value="">{t('trust.kindAuto')}</option>
            <option value="root">{t('trust.kind.root')}</option>
            <option value="certificate">{t('trust.kind.certificate')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="trust-pass">{t('trust.password')}</label>
          <input id="trust-pass" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" data-testid="trust-password" />
        </div>
        <div className="field end">
          <button type="submit" className="primary" disabled={!label.trim() || (loopback && !path.trim())} data-testid="trust-add">
            {loopback ? t('trust.add') : t('trust.pick')}
          </button>
        </div>
      </div>
    </form>
  );
}

export function TrustStoreEditor() {
  const t = useT();
  const entries = useDesk((s) => s.trust);
  const loadTrust = useDesk((s) => s.loadTrust);
  const removeTrust = useDesk((s) => s.removeTrust);
  const [removing, setRemoving] = useState<TrustEntryView | null>(null);
  useEffect(() => {
    void loadTrust();
  }, [loadTrust]);
  return (
    <div className="stack">
      <p className="muted small">{t('trust.intro')}</p>
      {entries && entries.length === 0 && <p className="muted" data-testid="trust-empty">{t('trust.empty')}</p>}
      {entries && entries.length > 0 && (
        <div className="scroll-x">
          <table className="plain-table" data-testid="trust-list">
            <thead>
              <tr>
                <th scope="col">{t('trust.col.kind')}</th>
                <th scope="col">{t('trust.col.label')}</th>
                <th scope="col">{t('trust.col.subject')}</th>
                <th scope="col">{t('trust.col.fingerprint')}</th>
                <th scope="col">{t('trust.col.expires')}</th>
                <th scope="col"><span className="sr-only">{t('trust.remove')}</span></th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.fingerprintSha256 + e.kind} data-testid="trust-entry" data-kind={e.kind}>
                  <td>{t(`trust.kind.${e.kind}`)}</td>
                  <td>{e.label}</td>
                  <td className="break">{e.kind === 'operator-key' ? e.creditCode : e.subject}</td>
                  <td className="mono small break" data-testid="trust-fingerprint">{e.fingerprintSha256} <CopyButton text={e.fingerprintSha256} label={t('verify.copyFingerprint')} /></td>
                  <td className="mono nowrap">{e.notAfter?.slice(0, 10) ?? '—'}</td>
                  <td><button type="button" onClick={() => setRemoving(e)} data-testid="trust-remove">{t('trust.remove')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddForm />
      <ConfirmDialog
        open={removing !== null}
        title={removing ? t('trust.removeTitle', { label: removing.label }) : ''}
        confirmLabel={t('trust.remove')}
        danger
        onConfirm={() => {
          const e = removing;
          setRemoving(null);
          if (e) void removeTrust(e);
        }}
        onCancel={() => setRemoving(null)}
      >
        <p className="break">{removing ? t('trust.removeBody', { fingerprint: removing.fingerprintSha256 }) : ''}</p>
      </ConfirmDialog>
    </div>
  );
}
