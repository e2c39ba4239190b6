// Choosing a bundle to review: in the desktop app a native dialog (folder or zip; a drop
// also opens the dialog, since a page cannot learn a dropped file's path); in the loopback
// host a typed path. While the review runs, its progress and a cancel button. A re-evaluation
// refused (another operator or period) says whose each is and offers a new case instead.

import { useState, type DragEvent, type FormEvent } from 'react';
import { useT } from '../i18n/useT.js';
import type { CaseIdentity } from '../model/case-identity.js';
import { changeCount } from '../model/profile.js';
import { useDeps, useDesk } from '../store/index.js';
import type { RunState } from '../store/state.js';
import { ProgressPanel } from './ProgressPanel.js';

export interface BundleOpenerProps {
  /** Re-evaluation into this case. */
  caseId?: string;
  /** Reload this run's bundle (main lost its review). */
  reattachRunId?: string;
  initialPath?: string;
  heading: string;
  headingId: string;
}

function Who({ who }: { who: CaseIdentity }) {
  const t = useT();
  return <>{t('run.refused.who', { name: who.operatorName ?? t('cases.unnamed'), code: who.operatorId ?? t('cases.noCredit'), start: who.period.start, end: who.period.end })}</>;
}

/** A re-evaluation refused: whose case, whose bundle, and a new case for the bundle instead. */
function Refused({ refused }: { refused: NonNullable<RunState['refused']> }) {
  const t = useT();
  const newCase = useDesk((s) => s.newCaseFromRefused);
  const clear = useDesk((s) => s.clearRun);
  return (
    <div className="refused" role="alert" data-testid="run-refused">
      <p className="refused-title">{t('run.refused.title')}</p>
      <dl className="refused-who">
        <dt>{t('run.refused.case')}</dt>
        <dd data-testid="refused-case"><Who who={refused.caseIdentity} /></dd>
        <dt>{t('run.refused.bundle')}</dt>
        <dd data-testid="refused-bundle"><Who who={refused.bundleIdentity} /></dd>
      </dl>
      <p className="small">{t('run.refused.why')}</p>
      <div className="inline">
        <button type="button" className="primary" onClick={() => void newCase()} data-testid="refused-new-case">{t('run.refused.newCase')}</button>
        <button type="button" onClick={clear} data-testid="refused-dismiss">{t('run.refused.dismiss')}</button>
      </div>
    </div>
  );
}

export function BundleOpener(p: BundleOpenerProps) {
  const t = useT();
  const { transport } = useDeps();
  const run = useDesk((s) => s.run);
  const start = useDesk((s) => s.startReview);
  const profile = useDesk((s) => s.profile);
  const [path, setPath] = useState(p.initialPath ?? '');
  const [dropNote, setDropNote] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const mine = (run.caseId ?? undefined) === p.caseId && (run.reattachRunId ?? undefined) === p.reattachRunId;
  const running = run.status === 'running' || run.status === 'cancelling';
  const go = (kind: 'folder' | 'zip', typed?: string) => {
    setDropNote(null);
    void start({ kind, ...(typed ? { path: typed } : {}), ...(p.caseId ? { caseId: p.caseId } : {}), ...(p.reattachRunId ? { reattachRunId: p.reattachRunId } : {}) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = path.trim();
    if (typed) go(/\.zip$/i.test(typed) ? 'zip' : 'folder', typed);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (running) return;
    const f = e.dataTransfer.files[0];
    if (transport === 'electron') {
      setDropNote(t('open.dropElectron'));
      go(f && /\.zip$/i.test(f.name) ? 'zip' : 'folder');
    } else {
      setDropNote(t('open.dropLoopback'));
    }
  };
  const changes = changeCount(profile);

  return (
    <section className="opener card" aria-labelledby={p.headingId}>
      <h2 id={p.headingId}>{p.heading}</h2>
      <div
        className={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="bundle-drop"
      >
        {transport === 'loopback' ? (
          <form onSubmit={submit} className="path-form">
            <label htmlFor={`${p.headingId}-path`}>{t('open.path')}</label>
            <div className="inline">
              <input
                id={`${p.headingId}-path`}
                className="grow mono"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                placeholder="/path/to/bundle  ·  bundle.zip"
                spellCheck={false}
                disabled={running}
                data-testid="bundle-path"
              />
              <button type="submit" className="primary" disabled={running || !path.trim()} data-testid="run">{t('open.run')}</button>
            </div>
            <p className="muted small">{t('open.pathHint')}</p>
          </form>
        ) : (
          <div className="inline">
            <button type="button" className="primary" onClick={() => go('folder')} disabled={running} data-testid="open-folder">{t('open.folder')}</button>
            <button type="button" onClick={() => go('zip')} disabled={running} data-testid="open-zip">{t('open.zip')}</button>
            <span className="muted small">{t('open.drop')}</span>
          </div>
        )}
        <p className="muted small">
          {changes.params || changes.disabled ? t('open.profile', { params: changes.params, disabled: changes.disabled }) : t('open.profileDefault')}
        </p>
        {dropNote && <p className="small" role="status">{dropNote}</p>}
      </div>
      {mine && running && <ProgressPanel run={run} />}
      {mine && (run.status === 'failed' || run.status === 'mismatch') && (
        <p role="alert" className="error" data-testid="run-error">{run.status === 'failed' ? t('run.failed', { message: run.message ?? '' }) : run.message}</p>
      )}
      {mine && run.status === 'cancelled' && <p role="status" className="muted" data-testid="run-cancelled">{t('run.cancelled')}</p>}
      {mine && run.status === 'refused' && run.refused && <Refused refused={run.refused} />}
    </section>
  );
}
