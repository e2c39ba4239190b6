// Deciding on one rule: override or manual judgment (status with a required reason),
// comment, rectification requirement (failures), waiver (failures). Saved at once into
// the case, with its log entry; the rule's earlier decisions below, each withdrawable. On an
// earlier run (read-only) only its decisions, to be read.

import { useId, useState, type FormEvent } from 'react';
import type { Status } from '../../shared/engine/types.js';
import { STATUSES } from '../../shared/report/labels.js';
import type { EffectiveRule } from '../../shared/review/effective.js';
import { DEFAULT_DEADLINE_DAYS, type DecisionKind } from '../../shared/review/types.js';
import { addDays } from '../../shared/bundle/time.js';
import { useT } from '../i18n/useT.js';
import { localDay, typedDate } from '../model/format.js';
import { kindsFor, LIMITS, type CaseDecision, type DraftProblem, type NewDecision } from '../model/decisions.js';
import { useDesk } from '../store/index.js';
import { DateField } from './DateField.js';
import { DecisionHistory } from './DecisionHistory.js';

interface Draft {
  status: Status | '';
  reason: string;
  deadline: string;
  owner: string;
  approver: string;
  approvalDoc: string;
  expires: string;
}

const EMPTY: Draft = { status: '', reason: '', deadline: '', owner: '', approver: '', approvalDoc: '', expires: '' };

export function DecisionPanel({ rule, decisions }: { rule: EffectiveRule; decisions: CaseDecision[] }) {
  const t = useT();
  const id = useId();
  const reviewer = useDesk((s) => s.mainSettings?.reviewer?.name ?? '');
  const addDecision = useDesk((s) => s.addDecision);
  const readOnly = useDesk((s) => s.current?.readOnly ?? false);
  const navigate = useDesk((s) => s.navigate);
  const route = useDesk((s) => s.route);
  const kinds = kindsFor(rule.toolStatus, rule.status);
  const [kind, setKind] = useState<DecisionKind>(kinds[0]);
  const deadlineDays = useDesk((s) => s.mainSettings?.defaultDeadlineDays ?? DEFAULT_DEADLINE_DAYS);
  // A rectification deadline starts at the settings' default; the reviewer may change it.
  const fresh = (): Draft => ({ ...EMPTY, deadline: addDays(localDay(new Date()), deadlineDays) });
  const [draft, setDraft] = useState<Draft>(fresh);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const current = kinds.includes(kind) ? kind : kinds[0];
  const field = (k: keyof Draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value })),
    id: `${id}-${k}`,
    'data-testid': `decide-${k}`,
  });

  if (readOnly) {
    return (
      <div className="decide">
        <p className="notice-box" data-testid="decide-read-only">{t('case.readOnlyDecide')}</p>
        <DecisionHistory decisions={decisions} readOnly />
      </div>
    );
  }

  if (!reviewer.trim()) {
    return (
      <div className="notice-box" role="note">
        <p>{t('decide.noReviewer')}</p>
        <button type="button" onClick={() => navigate({ screen: 'settings', ...(route.screen === 'case' ? { back: route } : {}) })} data-testid="go-settings">{t('decide.goSettings')}</button>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d: NewDecision = {
      ruleId: rule.result.ruleId, kind: current, reason: draft.reason,
      ...(draft.status ? { status: draft.status } : {}),
      // A date typed another way (2027/3/1) and saved with Enter, before the field rewrote it.
      deadline: typedDate(draft.deadline) ?? draft.deadline, owner: draft.owner, approver: draft.approver, approvalDoc: draft.approvalDoc,
      expires: typedDate(draft.expires) ?? draft.expires,
    };
    setSaving(true);
    const found = await addDecision(d);
    setSaving(false);
    setProblems(found);
    if (!found.length) setDraft(fresh());
  };

  const reasonLabel = current === 'comment' ? t('decide.comment') : current === 'rectification' ? t('decide.action') : current === 'waiver' ? t('decide.justification') : t('decide.reason');
  const hint = current === 'override' ? t('decide.hint.override') : current === 'judgment' ? t('decide.hint.judgment') : current === 'rectification' ? t('decide.hint.rectification') : current === 'waiver' ? t('decide.hint.waiver') : null;

  return (
    <div className="decide">
      <form onSubmit={(e) => void submit(e)} className="decide-form" aria-describedby={`${id}-who`} noValidate>
        <fieldset className="kinds">
          <legend>{t('decide.kind')}</legend>
          {kinds.map((k) => (
            <label key={k} className={`kind${k === current ? ' on' : ''}`}>
              <input type="radio" name={`${id}-kind`} value={k} checked={k === current} onChange={() => { setKind(k); setProblems([]); }} data-testid={`decide-kind-${k}`} />
              {t(`decide.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        {hint && <p className="muted small">{hint}</p>}
        {(current === 'override' || current === 'judgment') && (
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('decide.status')}</label>
            <select {...field('status')} required>
              <option value="">{t('decide.choose')}</option>
              {STATUSES.filter((s) => s !== rule.status).map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
          <textarea {...field('reason')} rows={3} required maxLength={current === 'comment' ? LIMITS.comment : LIMITS.reason} aria-invalid={problems.includes('reason') || undefined} />
        </div>
        {current === 'rectification' && (
          <div className="field-row top">
            <div className="field">
              <label htmlFor={`${id}-deadline`}>{t('decide.deadline')}</label>
              <DateField id={`${id}-deadline`} value={draft.deadline} onChange={(v) => setDraft((d) => ({ ...d, deadline: v }))} required invalid={problems.includes('deadline')} testId="decide-deadline" />
            </div>
            <div className="field grow">
              <label htmlFor={`${id}-owner`}>{t('decide.owner')}</label>
              <input type="text" {...field('owner')} maxLength={LIMITS.owner} />
            </div>
          </div>
        )}
        {current === 'waiver' && (
          <div className="field-row top">
            <div className="field">
              <label htmlFor={`${id}-approver`}>{t('decide.approver')}</label>
              <input type="text" {...field('approver')} required maxLength={LIMITS.name} aria-invalid={problems.includes('approver') || undefined} />
            </div>
            <div className="field grow">
              <label htmlFor={`${id}-approvalDoc`}>{t('decide.doc')}</label>
              <input type="text" {...field('approvalDoc')} maxLength={LIMITS.doc} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-expires`}>{t('decide.expires')}</label>
              <DateField id={`${id}-expires`} value={draft.expires} onChange={(v) => setDraft((d) => ({ ...d, expires: v }))} required invalid={problems.some((p) => p === 'expires' || p === 'expired')} testId="decide-expires" />
            </div>
          </div>
        )}
        {problems.length > 0 && (
          // The alert around the list: a role on the <ul> itself would hide that it is a list.
          <div role="alert" data-testid="decide-problems">
            <ul className="problems">{problems.map((p) => <li key={p}>{t(`decide.problem.${p}`)}</li>)}</ul>
          </div>
        )}
        <div className="form-actions">
          <span id={`${id}-who`} className="muted small">{t('decide.who', { name: reviewer })}</span>
          <button type="submit" className="primary" disabled={saving} data-testid="decide-submit">{t('decide.submit')}</button>
        </div>
      </form>
      <DecisionHistory decisions={decisions} />
    </div>
  );
}
