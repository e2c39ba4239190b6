// Verifying a report someone else signed: a typed path in the loopback host; a file
// dialog in the desktop app (a dropped PDF opens the dialog too: the page cannot read a
// dropped file's path).

import { useState, type DragEvent, type FormEvent } from 'react';
import type { ReportVerification } from '../../shared/ipc/contract.js';
import { VerificationView } from '../components/VerificationView.js';
import { useT } from '../i18n/useT.js';
import { useDeps, useDesk } from '../store/index.js';
import { roleOfSignature, SIGNATURE_ROLES } from '../../shared/signatures/roles.js';

export function VerifyScreen() {
  const t = useT();
  const { transport } = useDeps();
  const busy = useDesk((s) => s.report.busy === 'verify');
  const verifyReport = useDesk((s) => s.verifyReport);
  const countersign = useDesk((s) => s.countersign);
  const save = useDesk((s) => s.saveFile);
  const hasKey = useDesk((s) => !!s.key);
  const [result, setResult] = useState<{ verification: ReportVerification | null; error: string | null } | null>(null);
  const [crlPath, setCrlPath] = useState('');
  const [withCrl, setWithCrl] = useState(false);
  const [role, setRole] = useState<string>(roleOfSignature(1));
  const [signed, setSigned] = useState<{ artifactId: string; fileName: string } | null>(null);
  // The report last verified: a further signature goes on exactly that file.
  const [target, setTarget] = useState<{ path?: string; artifactId?: string } | null>(null);
  /** `countersigned`: the file verified is the one just signed here, which stays on offer to save. */
  const verify = async (o: { path?: string; artifactId?: string }, countersigned: { artifactId: string; fileName: string } | null = null) => {
    setResult(null);
    setSigned(countersigned);
    setTarget(o);
    const crl = transport === 'loopback' ? (crlPath.trim() ? { crlPath: crlPath.trim() } : {}) : withCrl ? { chooseCrl: true } : {};
    setResult(await verifyReport({ ...o, ...crl }));
  };
  const addSignature = async () => {
    if (!target) return;
    const res = await countersign({ ...target, role });
    if (!res) return;
    await verify({ artifactId: res.artifactId }, res);
  };
  const [path, setPath] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void verify({ path: path.trim() });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (transport === 'electron') {
      setNote(t('open.dropElectron'));
      void verify({});
    } else {
      setNote(t('open.dropLoopback'));
    }
  };
  return (
    <div className="verify-screen">
      <section className="card" aria-labelledby="verify-h">
        <h1 id="verify-h">{t('verify.heading')}</h1>
        <p className="muted">{t('verify.intro')}</p>
        <div className={`drop${over ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop} data-testid="verify-drop">
          {transport === 'loopback' ? (
            <form onSubmit={submit} className="path-form">
              <label htmlFor="verify-path">{t('verify.path')}</label>
              <div className="inline">
                <input id="verify-path" className="grow mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} data-testid="verify-path" placeholder="/path/to/report.pdf" />
                <button type="submit" className="primary" disabled={!path.trim() || busy} data-testid="verify-run">{t('verify.run')}</button>
              </div>
              <label htmlFor="verify-crl">{t('verify.crl')}</label>
              <input id="verify-crl" className="mono" value={crlPath} onChange={(e) => setCrlPath(e.target.value)} spellCheck={false} data-testid="verify-crl" placeholder="/path/to/ca.crl" />
              <p className="muted small">{t('open.pathHint')}</p>
            </form>
          ) : (
            <div className="inline">
              <button type="button" className="primary" onClick={() => void verify({})} data-testid="verify-pick">{t('verify.pick')}</button>
              <span className="muted small">{t('verify.drop')}</span>
              <label className="check"><input type="checkbox" checked={withCrl} onChange={(e) => setWithCrl(e.target.checked)} /> {t('verify.crlPick')}</label>
            </div>
          )}
          {note && <p className="small" role="status">{note}</p>}
        </div>
        {result?.error && <p role="alert" className="error" data-testid="verify-error">{result.error}</p>}
      </section>
      {result?.verification && <div className="card"><VerificationView v={result.verification} /></div>}
      {result?.verification?.signed && hasKey && target && (
        <section className="card" aria-labelledby="cosign-h" data-testid="countersign">
          <h2 id="cosign-h">{t('verify.countersign')}</h2>
          <p className="muted">{t('verify.countersignIntro')}</p>
          <div className="inline">
            <label htmlFor="cosign-role">{t('verify.role')}</label>
            <select id="cosign-role" value={role} onChange={(e) => setRole(e.target.value)} data-testid="countersign-role">
              {SIGNATURE_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <button type="button" className="primary" onClick={() => void addSignature()} data-testid="countersign-run">{t('verify.countersign')}</button>
          </div>
          {signed && (
            <p className="small" role="status" data-testid="countersigned">
              {t('verify.signedAs', { role, file: signed.fileName })}{' '}
              <button type="button" onClick={() => void save(signed.artifactId)} data-testid="countersigned-save">{t('verify.save')}</button>
            </p>
          )}
        </section>
      )}
    </div>
  );
}
