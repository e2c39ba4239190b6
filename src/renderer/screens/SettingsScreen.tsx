// 设置: the reviewer (name, organisation, title) and report options, kept by main; the
// signing key (PKCS#12, imported into main, never read here); the trust store (main's); the language and the
// default review profile, kept in this workbench's database.

import { useEffect, useState, type FormEvent } from 'react';
import { ProfileEditor } from '../components/ProfileEditor.js';
import { TrustStoreEditor } from '../components/TrustStoreEditor.js';
import { useT } from '../i18n/useT.js';
import { useDeps, useDesk } from '../store/index.js';
import type { CaseRoute } from '../store/route.js';

function ReviewerForm() {
  const t = useT();
  const settings = useDesk((s) => s.mainSettings);
  const save = useDesk((s) => s.saveMainSettings);
  const notify = useDesk((s) => s.notify);
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [title, setTitle] = useState('');
  useEffect(() => {
    setName(settings?.reviewer?.name ?? '');
    setOrg(settings?.reviewer?.organisation ?? '');
    setTitle(settings?.reviewer?.title ?? '');
  }, [settings?.reviewer]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const reviewer = name.trim() ? { name: name.trim(), ...(org.trim() ? { organisation: org.trim() } : {}), ...(title.trim() ? { title: title.trim() } : {}) } : null;
    if (await save({ reviewer })) notify('info', t('settings.savedReviewer'));
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack">
      <div className="field-row">
        <div className="field"><label htmlFor="rv-name">{t('settings.name')}</label><input id="rv-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid="reviewer-name" autoComplete="name" /></div>
        <div className="field grow"><label htmlFor="rv-org">{t('settings.org')}</label><input id="rv-org" value={org} onChange={(e) => setOrg(e.target.value)} maxLength={200} data-testid="reviewer-org" autoComplete="organization" /></div>
        <div className="field"><label htmlFor="rv-title">{t('settings.title')}</label><input id="rv-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} /></div>
      </div>
      <div><button type="submit" className="primary" data-testid="save-reviewer">{t('settings.saveReviewer')}</button></div>
    </form>
  );
}

function KeyForm() {
  const t = useT();
  const { transport } = useDeps();
  const key = useDesk((s) => s.key);
  const importKey = useDesk((s) => s.importKey);
  const [path, setPath] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await importKey({ password, ...(transport === 'loopback' ? { path: path.trim() } : {}) })) setPassword('');
  };
  return (
    <div className="stack">
      {key ? (
        <dl className="kv" data-testid="key-info">
          <div><dt>{t('settings.keyCurrent', { subject: '' })}</dt><dd>{key.subject}</dd></div>
          <div><dt>{t('settings.keyFingerprint')}</dt><dd className="mono small break">{key.fingerprintSha256}</dd></div>
          <div><dt>{t('settings.keyExpires')}</dt><dd>{key.notAfter ? key.notAfter.slice(0, 10) : '—'}</dd></div>
          <div><dt /><dd className="muted small">{key.persisted ? t('settings.keyPersisted') : t('settings.keyMemory')}</dd></div>
        </dl>
      ) : <p className="muted">{t('settings.keyNone')}</p>}
      <form onSubmit={(e) => void submit(e)} className="field-row">
        {transport === 'loopback' && (
          <div className="field grow"><label htmlFor="key-path">{t('settings.keyPath')}</label><input id="key-path" className="mono" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} data-testid="key-path" /></div>
        )}
        <div className="field"><label htmlFor="key-pass">{t('settings.keyPassword')}</label><input id="key-pass" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" data-testid="key-password" /></div>
        <div className="field end">
          <button type="submit" className="primary" disabled={transport === 'loopback' && !path.trim()} data-testid="import-key">
            {transport === 'loopback' ? t('settings.importKey') : t('settings.pickKey')}
          </button>
        </div>
      </form>
    </div>
  );
}

function ReportOptions() {
  const t = useT();
  const settings = useDesk((s) => s.mainSettings);
  const save = useDesk((s) => s.saveMainSettings);
  const notify = useDesk((s) => s.notify);
  const [per, setPer] = useState('');
  const [days, setDays] = useState('');
  const [workers, setWorkers] = useState('');
  useEffect(() => {
    setPer(String(settings?.evidencePerRule ?? ''));
    setDays(String(settings?.defaultDeadlineDays ?? ''));
    setWorkers(settings?.workers === null || settings?.workers === undefined ? '' : String(settings.workers));
  }, [settings]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = (s: string, lo: number, hi: number) => (/^\d+$/.test(s.trim()) ? Math.min(hi, Math.max(lo, Number(s))) : undefined);
    const patch = { evidencePerRule: n(per, 1, 1000), defaultDeadlineDays: n(days, 1, 3650), workers: workers.trim() === '' ? null : n(workers, 0, 16) ?? null };
    if (await save(patch)) notify('info', t('settings.savedReport'));
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="field-row">
      <div className="field"><label htmlFor="o-per">{t('settings.evidencePerRule')}</label><input id="o-per" inputMode="numeric" value={per} onChange={(e) => setPer(e.target.value)} /></div>
      <div className="field"><label htmlFor="o-days">{t('settings.deadlineDays')}</label><input id="o-days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} /></div>
      <div className="field"><label htmlFor="o-workers">{t('settings.workers')}</label><input id="o-workers" inputMode="numeric" value={workers} onChange={(e) => setWorkers(e.target.value)} /></div>
      <div className="field end"><button type="submit">{t('settings.saveReport')}</button></div>
    </form>
  );
}

/** Settings opened from a case: a way back to the very rule (button, or Esc outside a field). */
function BackToCase({ back }: { back: CaseRoute }) {
  const t = useT();
  const navigate = useDesk((s) => s.navigate);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (e.key === 'Escape' && !typing && !document.querySelector('dialog[open]')) navigate(back);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back, navigate]);
  return (
    <p className="back-bar">
      <button type="button" onClick={() => navigate(back)} data-testid="settings-back">
        {back.rule ? t('settings.backToRule', { rule: back.rule }) : t('settings.backToCase')}
      </button>
      <span className="muted small">{t('settings.backHint')}</span>
    </p>
  );
}

export function SettingsScreen() {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const setLang = useDesk((s) => s.setLang);
  const route = useDesk((s) => s.route);
  const back = route.screen === 'settings' ? route.back : undefined;
  // Sent here from a decision to fill in the reviewer: start in that field.
  useEffect(() => {
    if (back) document.getElementById('rv-name')?.focus();
  }, [back]);
  return (
    <div className="settings-screen">
      {back && <BackToCase back={back} />}
      <h1 className="page-title">{t('settings.heading')}</h1>
      <section className="card" aria-labelledby="set-rv"><h2 id="set-rv">{t('settings.reviewer')}</h2><ReviewerForm /></section>
      <section className="card" aria-labelledby="set-key"><h2 id="set-key">{t('settings.key')}</h2><KeyForm /></section>
      <section className="card" aria-labelledby="set-trust" data-testid="trust"><h2 id="set-trust">{t('trust.heading')}</h2><TrustStoreEditor /></section>
      <section className="card" aria-labelledby="set-lang">
        <h2 id="set-lang">{t('settings.language')}</h2>
        <div className="inline" role="radiogroup" aria-labelledby="set-lang">
          <label className="check"><input type="radio" name="lang" checked={lang === 'zh'} onChange={() => void setLang('zh')} /> 中文</label>
          <label className="check"><input type="radio" name="lang" checked={lang === 'en'} onChange={() => void setLang('en')} /> English</label>
        </div>
      </section>
      <section className="card" aria-labelledby="set-report"><h2 id="set-report">{t('settings.report')}</h2><ReportOptions /></section>
      <section className="card" aria-labelledby="set-profile">
        <h2 id="set-profile">{t('settings.profile')}</h2>
        <p className="muted small">{t('settings.profileHint')}</p>
        <ProfileEditor />
      </section>
    </div>
  );
}
