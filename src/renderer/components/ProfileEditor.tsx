// The default review profile: each rule on or off, each parameter with its default beside
// it. Every change is saved at once; only differences from the defaults are kept.

import { useMemo, useState } from 'react';
import { paramValueText } from '../../shared/engine/figures.js';
import type { RuleMeta } from '../../shared/engine/types.js';
import { ruleTitle } from '../model/rules.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import { useT } from '../i18n/useT.js';
import { changeCount, formatParam, isEnabled, paramRows, parseParam, setEnabled, setParam, type ParamRow } from '../model/profile.js';
import { useDesk } from '../store/index.js';

function ParamInput({ meta, row }: { meta: RuleMeta; row: ParamRow }) {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const profile = useDesk((s) => s.profile);
  const setProfile = useDesk((s) => s.setProfile);
  const [text, setText] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  const id = `p-${meta.id}-${row.name}`;
  const shown = text ?? formatParam(row.spec, row.value, lang);
  const commit = (raw: string) => {
    const v = parseParam(row.spec, raw);
    if (v === null) {
      setBad(true);
      return;
    }
    setBad(false);
    setText(null);
    void setProfile(setParam(profile, meta, row.name, v));
  };
  const multiline = row.spec.type === 'string[]' || row.spec.type === 'record<number>';
  return (
    <div className={`param${row.changed ? ' changed' : ''}`} data-param={`${meta.id}.${row.name}`} data-changed={row.changed ? 'true' : 'false'}>
      <label htmlFor={id} className="small">
        {row.spec.label[lang]}{row.spec.unit ? `（${row.spec.unit[lang]}）` : ''}
      </label>
      {row.spec.type === 'boolean' ? (
        <input id={id} type="checkbox" checked={row.value === true} onChange={(e) => commit(String(e.target.checked))} />
      ) : multiline ? (
        <textarea id={id} rows={3} className="mono small" value={shown} onChange={(e) => setText(e.target.value)} onBlur={(e) => commit(e.target.value)} aria-invalid={bad || undefined} aria-describedby={`${id}-d`} />
      ) : (
        <input id={id} type="text" inputMode={row.spec.type === 'string' ? 'text' : 'decimal'} className="mono small param-input" value={shown} onChange={(e) => setText(e.target.value)} onBlur={(e) => commit(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') commit((e.target as HTMLInputElement).value); }} aria-invalid={bad || undefined} aria-describedby={`${id}-d`} />
      )}
      <div className="param-default small">
        <span id={`${id}-d`}>
          {row.changed && <strong className="changed-label">{t('settings.changed')} · </strong>}
          {t('settings.default', { value: paramValueText(row.spec, row.spec.default, lang) })}
          {bad && <span className="bad-text"> · {t(`settings.invalid.${row.spec.type}`)}</span>}
        </span>
        {row.changed && (
          <button type="button" className="link small" onClick={() => { setText(null); setBad(false); void setProfile(setParam(profile, meta, row.name, undefined)); }}>
            {t('settings.resetParam')}
          </button>
        )}
      </div>
      <p className="param-desc muted small">{row.spec.description}<span className="param-source"> {t('settings.source', { source: row.spec.source })}</span></p>
    </div>
  );
}

export function ProfileEditor() {
  const t = useT();
  const lang = useDesk((s) => s.lang);
  const profile = useDesk((s) => s.profile);
  const setProfile = useDesk((s) => s.setProfile);
  const [q, setQ] = useState('');
  const metas = useMemo(() => packById(DEFAULT_PACK_ID).rules.map((r) => r.meta).sort((a, b) => (a.id < b.id ? -1 : 1)), []);
  const shown = metas.filter((m) => !q.trim() || `${m.id} ${m.title} ${m.titleEn}`.toLowerCase().includes(q.trim().toLowerCase()));
  const c = changeCount(profile);
  return (
    <div className="profile-editor">
      <div className="inline">
        <input type="search" className="grow" placeholder={t('settings.filterRules')} aria-label={t('settings.filterRules')} value={q} onChange={(e) => setQ(e.target.value)} />
        <span className="small" data-testid="profile-summary">{t('settings.profileSummary', { params: c.params, disabled: c.disabled })}</span>
        <button type="button" onClick={() => void setProfile({})} disabled={!c.params && !c.disabled}>{t('settings.profileReset')}</button>
      </div>
      <ul className="rules-list">
        {shown.map((m) => {
          const rows = paramRows(m, profile);
          const on = isEnabled(profile, m.id);
          return (
            <li key={m.id} className={on ? '' : 'off'} data-rule={m.id}>
              <label className="rule-toggle">
                <input type="checkbox" checked={on} onChange={(e) => void setProfile(setEnabled(profile, m.id, e.target.checked))} aria-label={`${t('settings.enabled')} ${m.id}`} />
                <span className="mono">{m.id}</span> <span>{ruleTitle(m, lang)}</span> <span className="muted small">{t('article', { n: m.article })}</span>
              </label>
              {rows.length > 0 && <div className="params">{rows.map((r) => <ParamInput key={r.name} meta={m} row={r} />)}</div>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
