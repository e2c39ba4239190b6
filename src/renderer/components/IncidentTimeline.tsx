// One incident's timeline (Art. 21/23): detected → plan activated → reported → closed,
// each step a lane drawn in SVG against its deadline (dashed), the part past the deadline
// red with the minutes, beside the same facts in words. Lanes use percentages of their
// cell, so nothing is measured and every lane of an incident shares one scale.

import type { ReactNode } from 'react';
import type { IncidentTimeline as Timeline, TimelineStep } from '../../shared/incidents/timeline.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../i18n/useT.js';
import { axisTicks, laneShape, timelineAxis, type Axis, type Tone } from '../model/incidents.js';
import { shortTime } from '../model/format.js';

const LANE_H = 20;

export function useSpanText() {
  const t = useT();
  return (min: number) => {
    const m = Math.round(min * 10) / 10;
    if (Math.abs(m) >= 2880) return t('incidents.minutesDays', { m, d: Math.round((m / 1440) * 10) / 10 });
    if (Math.abs(m) >= 120) return t('incidents.minutesHours', { m, h: Math.round((m / 60) * 10) / 10 });
    return t('incidents.minutes', { m });
  };
}

export function gradeLabel(t: ReturnType<typeof useT>, tl: Pick<Timeline, 'grade' | 'gradeKey' | 'gradeKnown'>): string {
  if (!tl.grade) return t('incidents.grade.empty');
  const key = `incidents.grade.${tl.gradeKey}` as MessageKey;
  const known = t(key);
  return known !== key ? known : tl.gradeKnown ? tl.grade : t('incidents.grade.unknown', { g: tl.grade });
}

function tickLabel(t: ReturnType<typeof useT>, min: number, step: number): string {
  if (min === 0) return '0';
  if (step < 60) return t('incidents.tick.min', { n: min });
  if (step % 1440 === 0) return t('incidents.tick.day', { n: min / 1440 });
  return t('incidents.tick.hour', { n: Math.round((min / 60) * 10) / 10 });
}

function AxisSvg({ axis }: { axis: Axis }) {
  const t = useT();
  const ticks = axisTicks(axis);
  return (
    <svg className="tl-axis" width="100%" height="18" aria-hidden="true" focusable="false" overflow="visible">
      {ticks.map((k, i) => (
        <text
          key={k.minutes}
          x={`${k.at}%`}
          y="12"
          textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
          className="tl-tick"
        >
          {tickLabel(t, k.minutes, axis.step)}
        </text>
      ))}
    </svg>
  );
}

function LaneSvg({ step, axis }: { step: TimelineStep; axis: Axis }) {
  const shape = laneShape(step, axis);
  const mid = LANE_H / 2;
  return (
    <svg className="tl-lane" width="100%" height={LANE_H} aria-hidden="true" focusable="false" overflow="visible">
      <rect className="tl-track" x="0" y={mid - 2} width="100%" height="4" rx="2" />
      {axisTicks(axis).map((k) => <line key={k.minutes} className="tl-grid" x1={`${k.at}%`} x2={`${k.at}%`} y1="1" y2={LANE_H - 1} />)}
      {shape.bars.map((b, i) => (
        <rect key={i} className={`tl-bar tone-${b.tone}`} x={`${b.from}%`} y={mid - 4} width={`${Math.max(0.3, b.to - b.from)}%`} height="8" />
      ))}
      {shape.limit !== null && <line className="tl-limit" x1={`${shape.limit}%`} x2={`${shape.limit}%`} y1="0" y2={LANE_H} />}
      {shape.mark && (shape.mark.beyond
        ? <Arrow tone={shape.mark.tone} />
        : <circle className={`tl-dot tone-${shape.mark.tone}`} cx={`${shape.mark.at}%`} cy={mid} r="5" />)}
    </svg>
  );
}

/** Past the right edge of the scale: an arrow head at the edge (a nested svg places it in percent). */
function Arrow({ tone }: { tone: Tone }) {
  return (
    <svg x="100%" y="0" overflow="visible">
      <polygon className={`tl-dot tone-${tone}`} points={`-2,${LANE_H / 2 - 6} 8,${LANE_H / 2} -2,${LANE_H / 2 + 6}`} />
    </svg>
  );
}

function StepText({ s }: { s: TimelineStep }) {
  const t = useT();
  const span = useSpanText();
  if (s.step === 'detected') {
    return s.at ? <span>{shortTime(s.at)}</span> : <span className="tone-text-review">{s.state === 'missing' ? t('incidents.step.missing') : t('incidents.step.unreadable', { text: s.text })}</span>;
  }
  if (s.state === 'missing') {
    if (s.step === 'closed') return <span className="muted">{t('incidents.step.closedMissing')}</span>;
    return (
      <span>
        <strong className="tone-text-late">{t('incidents.step.missingLate')}</strong>
        {s.limitMinutes !== null && <span className="muted"> · {t('incidents.step.limit', { m: s.limitMinutes })}</span>}
      </span>
    );
  }
  if (s.state === 'unreadable') return <span className="tone-text-review">{t('incidents.step.unreadable', { text: s.text })}</span>;
  const parts: ReactNode[] = [<span key="at">{s.at ? shortTime(s.at) : ''}</span>];
  if (s.minutes !== null) parts.push(<span key="m"> · {t('incidents.step.after', { m: s.step === 'closed' ? span(s.minutes) : t('incidents.minutes', { m: s.minutes }) })}</span>);
  if (s.limitMinutes !== null) {
    parts.push(<span key="l" className="muted"> · {s.limitIsFallback ? t('incidents.step.limitFallback', { m: s.limitMinutes }) : t('incidents.step.limit', { m: s.limitMinutes })}</span>);
  }
  if (s.state === 'late') parts.push(<span key="s"> · <strong className="tone-text-late" data-testid="late-minutes">{t('incidents.step.late', { m: s.lateMinutes ?? 0 })}</strong></span>);
  else if (s.state === 'ok' && s.step !== 'closed') parts.push(<span key="s" className="tone-text-ok"> · {t('incidents.step.onTime')}</span>);
  else if (s.state === 'unmeasured' && s.step !== 'closed') parts.push(<span key="s" className="tone-text-review"> · {t('incidents.step.unmeasured')}</span>);
  return <span>{parts}</span>;
}

export function IncidentTimelineCard({ tl, onShowLogs }: { tl: Timeline; onShowLogs?: () => void }) {
  const t = useT();
  const id = tl.id || t('incidents.noId');
  const headingId = `tl-${encodeURIComponent(tl.id || `line-${tl.line ?? 0}`).replace(/%/g, '_')}`;
  const typeKey = `incidents.type.${tl.type}` as MessageKey;
  const type = tl.type ? (t(typeKey) !== typeKey ? t(typeKey) : tl.type) : '';
  const axis = tl.detectedMs !== null ? timelineAxis(tl) : null;
  return (
    <section className="card tl-card" aria-labelledby={headingId} data-testid="incident-timeline" data-incident={tl.id} data-verdict={tl.verdict}>
      <header className="tl-head">
        <h3 id={headingId}><span className="mono">{id}</span></h3>
        <span className="tag">{gradeLabel(t, tl)}</span>
        {type && <span className="tag">{type}</span>}
        <span className={`badge verdict-${tl.verdict}`} data-testid="incident-verdict">{t(`incidents.verdict.${tl.verdict}`)}</span>
        <span className="spacer" />
        {onShowLogs && tl.id && <button type="button" className="small" onClick={onShowLogs} data-testid="show-logs">{t('incidents.showLogs')}</button>}
      </header>
      {tl.inPeriod === false && <p className="small muted">{t('incidents.outOfPeriod')}</p>}
      <dl className="tl-facts">
        {tl.summary && <div><dt>{t('incidents.summaryLabel')}</dt><dd lang="zh-CN">{tl.summary}</dd></div>}
        <div>
          <dt>{t('incidents.datasets')}</dt>
          <dd data-testid="incident-datasets">{tl.datasets.length ? tl.datasets.map((d) => <span key={d} className="tag mono">{d}</span>) : <span className="muted">{t('incidents.noDatasets')}</span>}</dd>
        </div>
      </dl>
      {axis ? (
        <table className="tl-table">
          <caption className="sr-only">{t('incidents.chart', { id })}</caption>
          <colgroup>
            <col className="tl-col-step" />
            <col className="tl-col-lane" />
            <col className="tl-col-text" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('incidents.col.step')}</th>
              <th scope="col" className="tl-axis-cell"><span className="sr-only">{t('incidents.col.axis')}</span><AxisSvg axis={axis} /></th>
              <th scope="col">{t('incidents.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {tl.steps.map((s) => (
              <tr
                key={s.step}
                data-step={s.step}
                data-state={s.state}
                data-minutes={s.minutes ?? ''}
                data-limit={s.limitMinutes ?? ''}
                data-late-minutes={s.lateMinutes ?? ''}
                className={s.state === 'late' ? 'late' : undefined}
              >
                <th scope="row">{t(`incidents.step.${s.step}`)}</th>
                <td className="tl-lane-cell"><LaneSvg step={s} axis={axis} /></td>
                <td className="tl-text"><StepText s={s} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="tone-text-review">{t('incidents.undated')}</p>
      )}
      {tl.problems.length > 0 && (
        <p className={`small ${tl.verdict === 'late' ? 'tone-text-late' : 'tone-text-review'}`}>{t('incidents.problems')}<span lang="zh-CN">{tl.problems.join('；')}。</span></p>
      )}
      {tl.notes.length > 0 && <p className="small muted">{t('incidents.notes')}<span lang="zh-CN">{tl.notes.join('；')}。</span></p>}
    </section>
  );
}

export function TimelineLegend() {
  const t = useT();
  const item = (tone: Tone, key: MessageKey) => (
    <li key={tone}>
      <svg width="16" height="10" aria-hidden="true" focusable="false"><rect className={`tl-bar tone-${tone}`} x="0" y="1" width="16" height="8" /></svg>
      {t(key)}
    </li>
  );
  return (
    <ul className="tl-legend" aria-label={t('incidents.legend')}>
      {item('ok', 'incidents.legend.ok')}
      {item('late', 'incidents.legend.late')}
      {item('review', 'incidents.legend.review')}
      {item('closed', 'incidents.legend.closed')}
      <li>
        <svg width="10" height="14" aria-hidden="true" focusable="false"><line className="tl-limit" x1="5" x2="5" y1="0" y2="14" /></svg>
        {t('incidents.legend.limit')}
      </li>
    </ul>
  );
}
