// 事件核查 (issue 8): the incident audit for security departments. Three views: every
// incident's timeline against its grade's deadlines; the logs around one incident, where
// the reviewer marks the relevant events; the signs of unreported incidents (JZ-21-03),
// which the reviewer judges one by one into the rule's decision.

import { useEffect } from 'react';
import { BundleOpener } from '../components/BundleOpener.js';
import { EpisodesPanel } from '../components/EpisodesPanel.js';
import { IncidentTimelineCard, TimelineLegend } from '../components/IncidentTimeline.js';
import { LogsAround } from '../components/LogsAround.js';
import { TabPanel, Tabs } from '../components/Tabs.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../i18n/useT.js';
import { useDeps, useDesk } from '../store/index.js';
import { INCIDENT_VIEWS, type IncidentView } from '../store/route.js';
import type { CurrentCase } from '../store/state.js';
import type { IncidentsTimelinesResponse } from '../../shared/ipc/contract.js';

function Timelines({ data, onShowLogs }: { data: IncidentsTimelinesResponse; onShowLogs: (id: string) => void }) {
  const t = useT();
  const d = data.deadlines;
  const grades = Object.entries(d.reportDeadlineMinutes).map(([g, m]) => {
    const key = `incidents.grade.${g}` as MessageKey;
    return t('incidents.gradeDeadline', { grade: t(key) !== key ? t(key) : g, m });
  }).join(t('incidents.gradeSep'));
  const late = data.timelines.filter((x) => x.verdict === 'late').length;
  const review = data.timelines.filter((x) => x.verdict === 'review').length;
  return (
    <div className="timelines">
      <section className="card tl-intro" aria-labelledby="tl-h">
        <h2 id="tl-h">{t('incidents.view.timelines')}</h2>
        <p className="small" data-testid="deadlines">{t('incidents.deadlines', { plan: d.planActivationMaxMinutes, grades })}</p>
        {data.timelines.length > 0 && (
          <div className="tl-intro-row">
            <p className="small" data-testid="timelines-summary">{t('incidents.summary', { n: data.timelines.length, late, review })}</p>
            <TimelineLegend />
          </div>
        )}
      </section>
      {data.timelines.length === 0 && <p className="muted">{t('incidents.none')}</p>}
      {data.timelines.map((tl, i) => (
        <IncidentTimelineCard key={`${tl.id}|${i}`} tl={tl} onShowLogs={tl.id ? () => onShowLogs(tl.id) : undefined} />
      ))}
    </div>
  );
}

export function IncidentsScreen({ current, view = 'timelines', incident }: { current: CurrentCase; view?: IncidentView; incident?: string }) {
  const t = useT();
  const { transport } = useDeps();
  const state = useDesk((s) => s.incidents);
  const load = useDesk((s) => s.loadIncidents);
  const navigate = useDesk((s) => s.navigate);
  const key = `${current.run.id}|${current.run.reviewId ?? ''}`;

  useEffect(() => {
    void load();
  }, [key, load]);

  const go = (v: IncidentView, id?: string) => navigate({ screen: 'case', caseId: current.caseRecord.id, tab: 'incidents', view: v, ...(id ? { incident: id } : {}) });
  const mine = state.key === key;
  const data = mine && state.status === 'ready' ? state.data : null;

  let body;
  if (mine && state.status === 'gone') {
    body = (
      <>
        <div className="notice-box" role="note" data-testid="incidents-gone"><p>{t('incidents.gone')}</p></div>
        <BundleOpener heading={t('report.reopen')} headingId="open-reattach-incidents" reattachRunId={current.run.id} initialPath={transport === 'loopback' ? current.run.bundlePath : undefined} />
      </>
    );
  } else if (mine && state.status === 'error') {
    body = (
      <div className="card" role="alert">
        <p className="error">{t('incidents.error', { message: state.error ?? '' })}</p>
        <button type="button" onClick={() => void load(true)}>{t('incidents.retry')}</button>
      </div>
    );
  } else if (!data) {
    body = <p className="muted" aria-busy="true" data-testid="incidents-loading">{t('incidents.loading')}</p>;
  } else if (view === 'around') {
    body = <LogsAround data={data} incidentId={incident} onPick={(id) => go('around', id)} />;
  } else if (view === 'episodes') {
    body = <EpisodesPanel current={current} data={data} />;
  } else {
    body = <Timelines data={data} onShowLogs={(id) => go('around', id)} />;
  }

  return (
    <div className={`incidents-screen view-${view}`} data-testid="incidents" data-view={view}>
      <Tabs<IncidentView>
        idPrefix="inc"
        label={t('incidents.views')}
        active={view}
        onChange={(v) => go(v, v === 'around' ? incident : undefined)}
        tabs={INCIDENT_VIEWS.map((id) => ({ id, label: t(`incidents.view.${id}`) }))}
        className="incident-tabs"
      />
      <TabPanel idPrefix="inc" active={view} className={`incidents-body view-${view}`}>
        {body}
      </TabPanel>
    </div>
  );
}
