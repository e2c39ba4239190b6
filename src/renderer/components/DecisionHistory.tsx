// The decisions on one rule, oldest first; one in force can be withdrawn with a reason (not on
// an earlier, read-only run).

import { useState } from 'react';
import { useT } from '../i18n/useT.js';
import type { CaseDecision } from '../model/decisions.js';
import { shortTime } from '../model/format.js';
import { useDesk } from '../store/index.js';
import { StatusBadge } from './Badges.js';

function Extras({ d }: { d: CaseDecision }) {
  const t = useT();
  const parts: string[] = [];
  if (d.deadline) parts.push(`${t('decide.deadline')} ${d.deadline}`);
  if (d.owner) parts.push(`${t('decide.owner')}：${d.owner}`);
  if (d.approver) parts.push(`${t('decide.approver')} ${d.approver}`);
  if (d.approvalDoc) parts.push(`${t('decide.doc')} ${d.approvalDoc}`);
  if (d.expires) parts.push(`${t('decide.expires')} ${d.expires}`);
  return parts.length ? <p className="muted small">{parts.join(' · ')}</p> : null;
}

export function DecisionHistory({ decisions, readOnly = false }: { decisions: CaseDecision[]; readOnly?: boolean }) {
  const t = useT();
  const withdraw = useDesk((s) => s.withdrawDecision);
  const [open, setOpen] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  return (
    <section className="history" aria-labelledby="history-h">
      <h3 id="history-h">{t('decide.history')}</h3>
      {decisions.length === 0 ? <p className="muted">{t('decide.noHistory')}</p> : (
        <ol className="history-list" data-testid="decision-history">
          {decisions.map((d) => (
            <li key={d.id} className={d.withdrawnAt ? 'withdrawn' : ''} data-kind={d.kind} data-withdrawn={d.withdrawnAt ? 'true' : 'false'}>
              <div className="history-head">
                <strong>{t(`decide.kind.${d.kind}`)}</strong>
                {d.status && <StatusBadge status={d.status} />}
                <span className="muted small">{d.reviewer} · {shortTime(d.at)}</span>
                {!readOnly && !d.withdrawnAt && open !== d.id && (
                  <button type="button" className="link small" onClick={() => { setOpen(d.id); setReason(''); }}>{t('decide.withdraw')}</button>
                )}
              </div>
              <p className="history-reason">{d.reason}</p>
              <Extras d={d} />
              {d.withdrawnAt && <p className="muted small">{t('decide.withdrawn', { who: d.withdrawnBy ?? '', at: shortTime(d.withdrawnAt), reason: d.withdrawReason ?? '' })}</p>}
              {open === d.id && (
                <form className="withdraw" onSubmit={(e) => {
                  e.preventDefault();
                  // The store shows a failure as a notice and resolves false.
                  void withdraw(d.id, reason).then((ok) => { if (ok) setOpen(null); });
                }}>
                  <label htmlFor={`wd-${d.id}`} className="sr-only">{t('decide.withdrawReason')}</label>
                  <input id={`wd-${d.id}`} type="text" placeholder={t('decide.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
                  <button type="submit" disabled={!reason.trim()}>{t('decide.withdraw')}</button>
                  <button type="button" onClick={() => setOpen(null)}>{t('common.cancel')}</button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
