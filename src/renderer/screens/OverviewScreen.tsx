// Where the operator stands: the conclusion after review (and the tool's), counts by
// status, the article × status matrix leading into the findings, the bundle's integrity,
// the bundle itself, the profile used, and the input issues with file and line.

import { useMemo } from 'react';
import { paramValueText } from '../../shared/engine/figures.js';
import type { Status } from '../../shared/engine/types.js';
import { STATUSES } from '../../shared/report/labels.js';
import { ArticleMatrix } from '../components/ArticleMatrix.js';
import { ConclusionBadge } from '../components/Badges.js';
import { CopyButton } from '../components/CopyButton.js';
import { InputIssuesTable } from '../components/InputIssuesTable.js';
import { IntegrityPanel } from '../components/IntegrityPanel.js';
import { useT } from '../i18n/useT.js';
import { formatBytes, groupDigits } from '../model/format.js';
import { integrityOf } from '../model/integrity.js';
import { articleMatrix } from '../model/matrix.js';
import { metasOf } from '../model/rules.js';
import { useDesk } from '../store/index.js';
import type { CurrentCase } from '../store/state.js';

export function OverviewScreen({ current }: { current: CurrentCase }) {
  const t = useT();
  const navigate = useDesk((s) => s.navigate);
  const setFilter = useDesk((s) => s.setFilter);
  const f = current.findings;
  const st = current.standing;
  const matrix = useMemo(() => articleMatrix(st.rules), [st.rules]);
  const integrity = useMemo(() => integrityOf(f), [f]);
  const pick = (article: number, status: Status | null) => {
    setFilter({ article, statuses: status ? [status] : [], severities: [], text: '' });
    const first = st.rules.find((e) => e.result.article === article && (!status || e.status === status));
    navigate({ screen: 'case', caseId: current.caseRecord.id, tab: 'findings', ...(first ? { rule: first.result.ruleId } : {}) });
  };
  const lang = useDesk((s) => s.lang);
  // Each changed parameter by its label and its value in words (a parameter this pack no longer has keeps its name).
  const metas = metasOf(f.rulePack.id);
  const changed = Object.entries(f.profile.changedParams).flatMap(([rule, ps]) => Object.entries(ps).map(([name, value]) => {
    const spec = metas.get(rule)?.params[name];
    return { rule, key: name, name: spec ? spec.label[lang] : name, value: spec ? paramValueText(spec, value, lang) : JSON.stringify(value) };
  }));

  return (
    <div className="overview" data-testid="overview">
      <section className="card conclusion-card" aria-labelledby="ov-conclusion">
        <h2 id="ov-conclusion">{t('overview.conclusion')}</h2>
        <div className="conclusion-line">
          <ConclusionBadge conclusion={st.conclusion} large />
          <span className="muted small">{t('overview.afterDecisions')}</span>
        </div>
        <p className="muted small" data-testid="tool-conclusion">{t('overview.tool', { c: t(`conclusion.${st.toolConclusion}`) })}</p>
      </section>

      <section className="card counts-card" aria-labelledby="ov-counts">
        <h2 id="ov-counts">{t('overview.counts')}</h2>
        <ul className="counts" data-testid="status-counts">
          {STATUSES.map((s) => (
            <li key={s} className={`count st-border-${s}`} data-status={s} data-count={st.counts[s]}>
              <button type="button" className="count-btn" onClick={() => {
                setFilter({ statuses: [s], article: null, severities: [], text: '' });
                navigate({ screen: 'case', caseId: current.caseRecord.id, tab: 'findings' });
              }}>
                <span className="count-n">{st.counts[s]}</span>
                <span className="count-l">{t(`status.${s}`)}</span>
                {st.counts[s] !== st.toolCounts[s] && <span className="count-tool muted">{t('overview.countsTool', { n: st.toolCounts[s] })}</span>}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="card integrity-card" aria-labelledby="ov-integrity">
        <h2 id="ov-integrity">{t('overview.integrity')}</h2>
        <IntegrityPanel view={integrity} operator={{ id: f.bundle.operatorId ?? null, name: f.bundle.operatorName ?? null }} />
      </section>

      <section className="card matrix-card" aria-labelledby="ov-matrix">
        <h2 id="ov-matrix">{t('overview.matrix')} <span className="muted small">{t('overview.matrixHint')}</span></h2>
        <ArticleMatrix rows={matrix} onPick={pick} />
      </section>

      <section className="card bundle-card" aria-labelledby="ov-bundle">
        <h2 id="ov-bundle">{t('overview.bundle')}</h2>
        <dl className="kv">
          <div><dt>{t('overview.operator')}</dt><dd>{f.bundle.operatorName ?? '—'}</dd></div>
          <div><dt>{t('overview.operatorId')}</dt><dd className="mono">{f.bundle.operatorId ?? '—'}</dd></div>
          <div><dt>{t('overview.source')}</dt><dd className="mono break">{current.run.bundlePath}</dd></div>
          <div>
            <dt>{t('overview.manifest')}</dt>
            <dd className="mono break" data-testid="manifest-hash">{f.bundle.manifestSha256 ?? '—'} {f.bundle.manifestSha256 && <CopyButton text={f.bundle.manifestSha256} />}</dd>
          </div>
        </dl>
        <p className="small muted">
          {t('overview.stats', {
            files: groupDigits(f.stats.files), bytes: formatBytes(f.stats.bytes), events: groupDigits(f.stats.events),
            inPeriod: groupDigits(f.stats.eventsInPeriod), seconds: f.stats.seconds,
          })}
        </p>
        <h3>{t('overview.profile')}</h3>
        {changed.length === 0 && f.profile.disabledRules.length === 0 ? <p className="small">{t('overview.profile.default')}</p> : (
          <ul className="plain small">
            {changed.map((c) => <li key={`${c.rule}.${c.key}`} data-testid="changed-param">{t('overview.profile.changed', { rule: c.rule, name: c.name, value: c.value })}</li>)}
            {f.profile.disabledRules.length > 0 && <li>{t('overview.profile.disabled', { rules: f.profile.disabledRules.join('、') })}</li>}
          </ul>
        )}
      </section>

      <section className="card issues-card" aria-labelledby="ov-issues">
        <h2 id="ov-issues">{t('overview.issues', { n: f.inputIssues.length })}</h2>
        <InputIssuesTable issues={f.inputIssues} />
      </section>
    </div>
  );
}
