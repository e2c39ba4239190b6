// One case: its header (operator, period, the run shown, conclusion) and its tabs. An earlier
// run is shown read-only, under a banner saying so. Alt+1…6 switch tabs (App handles the keys).

import { useEffect } from 'react';
import { ConclusionBadge } from '../components/Badges.js';
import { ReadOnlyBanner, RunPicker } from '../components/RunPicker.js';
import { TabPanel, Tabs } from '../components/Tabs.js';
import { useT } from '../i18n/useT.js';
import { shortTime } from '../model/format.js';
import { useDesk } from '../store/index.js';
import { CASE_TABS, type CaseTab, type IncidentView } from '../store/route.js';
import { CompareScreen } from './CompareScreen.js';
import { DecisionsScreen } from './DecisionsScreen.js';
import { FindingsScreen } from './FindingsScreen.js';
import { IncidentsScreen } from './IncidentsScreen.js';
import { OverviewScreen } from './OverviewScreen.js';
import { ReportScreen } from './ReportScreen.js';

export function CaseScreen({ caseId, tab, rule, view, incident }: { caseId: string; tab: CaseTab; rule?: string; view?: IncidentView; incident?: string }) {
  const t = useT();
  const current = useDesk((s) => s.current);
  const state = useDesk((s) => s.caseState);
  const openCase = useDesk((s) => s.openCase);
  const navigate = useDesk((s) => s.navigate);

  useEffect(() => {
    void openCase(caseId);
  }, [caseId, openCase]);

  if (state.error === 'not-found') {
    return (
      <div className="card">
        <p role="alert">{t('case.notFound')}</p>
        <button type="button" onClick={() => navigate({ screen: 'cases' })}>{t('case.back')}</button>
      </div>
    );
  }
  if (!current || current.caseRecord.id !== caseId) return <p className="muted" aria-busy="true">{t('common.loading')}</p>;

  const c = current.caseRecord;
  const seq = current.runs.find((r) => r.id === current.run.id)?.seq ?? 1;
  return (
    <div className={`case-screen tab-${tab}${current.readOnly ? ' read-only' : ''}`} data-testid="case" data-case={c.id} data-run={current.run.id} data-read-only={current.readOnly ? 'true' : 'false'}>
      <header className="case-head">
        <button type="button" className="link back" onClick={() => navigate({ screen: 'cases' })} aria-label={t('case.back')}>←</button>
        <h1 data-testid="case-title">{c.operatorName ?? t('cases.unnamed')}</h1>
        {c.operatorId && <span className="mono small muted">{c.operatorId}</span>}
        <span className="small">{t('case.period', { start: c.period.start, end: c.period.end })}</span>
        {current.runs.length > 1 ? <RunPicker current={current} /> : <span className="small muted">{t('case.run', { n: seq, at: shortTime(current.run.at) })}</span>}
        <span className="spacer" />
        <ConclusionBadge conclusion={current.standing.conclusion} />
      </header>
      {current.readOnly && <ReadOnlyBanner current={current} />}
      <Tabs<CaseTab>
        idPrefix="case"
        label={t('case.tabs')}
        active={tab}
        onChange={(id) => navigate({ screen: 'case', caseId, tab: id, ...(id === 'findings' && rule ? { rule } : {}) })}
        tabs={CASE_TABS.map((id) => ({ id, label: t(`case.tab.${id}`) }))}
        className="case-tabs"
      />
      <TabPanel idPrefix="case" active={tab} className="case-body">
        {tab === 'overview' && <OverviewScreen current={current} />}
        {tab === 'findings' && <FindingsScreen current={current} rule={rule} />}
        {tab === 'incidents' && <IncidentsScreen current={current} view={view} incident={incident} />}
        {tab === 'decisions' && <DecisionsScreen current={current} />}
        {tab === 'compare' && <CompareScreen current={current} />}
        {tab === 'report' && (current.readOnly ? <p className="notice-box" data-testid="report-read-only">{t('case.readOnlyReport')}</p> : <ReportScreen current={current} />)}
      </TabPanel>
    </div>
  );
}
