// The bundle's integrity from JZ-17-03: listed files present and unchanged, nothing
// unlisted, and the manifest signature.

import { useT } from '../i18n/useT.js';
import type { IntegrityView } from '../model/integrity.js';
import { shortHash } from '../model/format.js';
import { StatusBadge } from './Badges.js';

export function IntegrityPanel({ view }: { view: IntegrityView }) {
  const t = useT();
  if (!view.checked) return <p className="muted" data-testid="integrity">{t('overview.integrity.unchecked')}</p>;
  const sigKey = (['valid', 'invalid', 'absent', 'unsupported'] as const).find((s) => s === view.signature) ?? 'absent';
  const sigOk = view.signature === 'valid';
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
        <li className={sigOk ? 'ok' : view.signature === 'absent' ? 'warn' : 'bad'}>
          <span aria-hidden="true">{sigOk ? '✓' : view.signature === 'absent' ? '–' : '✗'}</span> {t(`overview.integrity.sig.${sigKey}`)}{view.signatureAlg ? `（${view.signatureAlg}）` : ''}
        </li>
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
