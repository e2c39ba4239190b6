// Unreported-incident hunting (JZ-21-03): each episode (log deletion, bulk transfer,
// denied burst) with its events, the nearest incident and whether it covers it; the
// reviewer judges each (explained / needs an incident report, with a note), and the
// judgments fold into JZ-21-03's decision, recorded through the decision path.

import { Fragment, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { EPISODES_RULE_ID, type EpisodeView } from '../../shared/incidents/episodes.js';
import { foldEpisodeJudgments, latestJudgments, type EpisodeVerdict } from '../../shared/incidents/judgments.js';
import type { IncidentsTimelinesResponse } from '../../shared/ipc/contract.js';
import type { EpisodeJudgmentRecord } from '../db/index.js';
import { useT } from '../i18n/useT.js';
import { groupDigits, shortTime } from '../model/format.js';
import { episodeProposal } from '../model/incidents.js';
import { useDesk } from '../store/index.js';
import type { CurrentCase } from '../store/state.js';
import { StatusBadge } from './Badges.js';

const VERDICTS: EpisodeVerdict[] = ['explained', 'needs_incident_report'];

function apart(t: ReturnType<typeof useT>, min: number): string {
  if (min < 120) return t('incidents.minutes', { m: min });
  if (min < 2880) return t('episodes.hours', { n: Math.round((min / 60) * 10) / 10 });
  return t('episodes.days', { n: Math.round((min / 1440) * 10) / 10 });
}

function span(e: EpisodeView): string {
  const a = shortTime(e.first);
  const b = shortTime(e.last);
  return a === b ? a : a.slice(0, 10) === b.slice(0, 10) ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}

function JudgmentText({ j }: { j: EpisodeJudgmentRecord | undefined }) {
  const t = useT();
  if (!j) return null;
  return (
    <span className="episode-judgment">
      <span className={`badge ep-${j.verdict}`}>{t(`episodes.verdict.${j.verdict}`)}</span>
      <span className="ellipsis" title={j.note}>{j.note}</span>
    </span>
  );
}

function EpisodeDetail({ e, n, history, onSaved }: { e: EpisodeView; n: number; history: EpisodeJudgmentRecord[]; onSaved: () => void }) {
  const t = useT();
  const judge = useDesk((s) => s.judgeEpisode);
  const reviewer = useDesk((s) => s.mainSettings?.reviewer?.name?.trim() ?? '');
  const readOnly = useDesk((s) => s.current?.readOnly ?? false);
  const last = history.at(-1);
  // Nothing chosen for the reviewer: an earlier judgment is shown as it was, a new one starts empty.
  const [verdict, setVerdict] = useState<EpisodeVerdict | null>(last?.verdict ?? null);
  const [noVerdict, setNoVerdict] = useState(false);
  const [note, setNote] = useState(last?.note ?? '');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const kind = t(`episodes.kind.${e.kind}`);
  const ref = useRef<HTMLElement>(null);
  // Opened under its row: when it does not fit where it is, its row goes to the top of
  // the scrolling panel. Not scrollIntoView: that would also scroll the page's frame.
  useEffect(() => {
    const el = ref.current;
    const panel = el?.closest<HTMLElement>('.incidents-body');
    if (!el || !panel) return;
    const box = panel.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const row = (el.closest('tr')?.previousElementSibling as HTMLElement | null) ?? el;
    if (r.bottom > box.bottom || r.top < box.top) panel.scrollTop += row.getBoundingClientRect().top - box.top;
  }, []);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setNoVerdict(verdict === null);
    setMissing(!note.trim());
    if (verdict === null || !note.trim()) return;
    setBusy(true);
    const ok = await judge(e, verdict, note);
    setBusy(false);
    if (ok) onSaved();
  };
  return (
    <section ref={ref} className="episode-detail" aria-labelledby="ep-detail-h" data-testid="episode-detail" data-episode={e.key}>
      <h3 id="ep-detail-h">{t('episodes.detail', { n, kind, a: e.actor || '—' })}</h3>
      <p className="small">
        {span(e)} · {e.nearestIncident
          ? <>{e.covered ? t('episodes.covered') : t('episodes.uncovered')} · <span className="mono">{e.nearestIncident.id}</span> {t('episodes.apart', { t: apart(t, e.nearestIncident.minutesApart) })}</>
          : t('episodes.noIncident')}
      </p>
      <h4>{t('episodes.events', { n: groupDigits(e.eventCount) })}{e.eventCount > e.events.length ? t('episodes.eventsCapped', { shown: e.events.length }) : ''}</h4>
      <div className="episode-events" tabIndex={0} role="region" aria-label={t('episodes.events', { n: groupDigits(e.eventCount) })}>
        <table className="plain-table" data-testid="episode-events">
          <colgroup>
            <col className="ev-col-at" />
            <col className="ev-col-id" />
            <col className="ev-col-place" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('episodes.col.at')}</th>
              <th scope="col">{t('episodes.col.id')}</th>
              <th scope="col">{t('episodes.col.place')}</th>
              <th scope="col">{t('episodes.col.excerpt')}</th>
            </tr>
          </thead>
          <tbody>
            {e.events.map((x) => (
              <tr key={`${x.file}:${x.line}`} data-event={x.eventId}>
                <td className="mono nowrap">{shortTime(x.at)}</td>
                <td className="mono">{x.eventId || '—'}</td>
                <td className="mono nowrap ellipsis-cell" title={`${x.file}:${x.line}`}>{x.file}:{x.line}</td>
                <td className="mono small excerpt break">{x.excerpt ?? <span className="muted">{t('episodes.noExcerpt')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {readOnly ? <p className="notice-box" data-testid="episode-read-only">{t('case.readOnlyDecide')}</p> : (
      <form className="decide-form episode-form" onSubmit={(ev) => void submit(ev)}>
        <fieldset className="kinds">
          <legend>{t('episodes.judge')}</legend>
          {VERDICTS.map((v) => (
            <label key={v} className={`kind${verdict === v ? ' on' : ''}`}>
              <input type="radio" name="episode-verdict" value={v} checked={verdict === v} onChange={() => setVerdict(v)} data-testid={`episode-verdict-${v}`} />
              {t(`episodes.verdict.${v}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="episode-note">{t('episodes.note')}</label>
          <textarea id="episode-note" rows={3} maxLength={2000} value={note} onChange={(ev) => setNote(ev.target.value)} aria-invalid={missing || undefined} data-testid="episode-note" />
        </div>
        {noVerdict && <p role="alert" className="error small" data-testid="episode-no-verdict">{t('episodes.verdictMissing')}</p>}
        {missing && <p role="alert" className="error small">{t('episodes.noteMissing')}</p>}
        {!reviewer && <p role="alert" className="error small">{t('decide.noReviewer')}</p>}
        <div className="form-actions">
          <span />
          <button type="submit" className="primary" disabled={busy || !reviewer} data-testid="episode-save">{t('episodes.save')}</button>
        </div>
      </form>
      )}
      {history.length > 0 && (
        <>
          <h4>{t('episodes.history')}</h4>
          <ul className="history-list" data-testid="episode-history">
            {[...history].reverse().map((j) => (
              <li key={j.id}>
                <div className="history-head"><JudgmentText j={j} /><span className="small muted">{j.by} · {shortTime(j.at ?? '')}</span></div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function EpisodesPanel({ current, data }: { current: CurrentCase; data: IncidentsTimelinesResponse }) {
  const t = useT();
  const judgments = useDesk((s) => s.incidents.judgments);
  const record = useDesk((s) => s.recordEpisodeDecision);
  const [selected, setSelected] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ep = data.episodes;
  const latest = useMemo(() => latestJudgments(judgments), [judgments]);
  const fold = useMemo(() => foldEpisodeJudgments(ep.episodes, judgments, { total: ep.total }), [ep, judgments]);
  const rule = current.standing.rules.find((r) => r.result.ruleId === EPISODES_RULE_ID);
  const proposal = episodeProposal(fold, rule);

  if (!ep.available) return <p className="notice-box" lang="zh-CN">{t('episodes.unavailable', { note: ep.note ?? '' })}</p>;
  const open = ep.episodes.filter((e) => !e.covered).length;

  return (
    <div className="episodes">
      <section className="card" aria-labelledby="ep-h">
        <h2 id="ep-h">{t('episodes.table')}</h2>
        <p className="small">
          {t('episodes.summary', { total: groupDigits(ep.total), open: groupDigits(open) })}
          {ep.total > ep.episodes.length ? ` ${t('episodes.capped', { shown: ep.episodes.length })}` : ''}
        </p>
        {rule && <p className="small inline">{t('episodes.rule')}<StatusBadge status={rule.status} /></p>}
        {ep.episodes.length > 0 && (
          <table className="plain-table episodes-table" data-testid="episodes-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">{t('episodes.col.kind')}</th>
                <th scope="col">{t('episodes.col.time')}</th>
                <th scope="col" className="num">{t('episodes.col.events')}</th>
                <th scope="col">{t('episodes.col.nearest')}</th>
                <th scope="col">{t('episodes.col.covered')}</th>
                <th scope="col">{t('episodes.col.judgment')}</th>
                <th scope="col"><span className="sr-only">{t('episodes.col.action')}</span></th>
              </tr>
            </thead>
            <tbody>
              {ep.episodes.map((e, i) => {
                const j = latest.get(e.key) as EpisodeJudgmentRecord | undefined;
                return (
                  <Fragment key={e.key}>
                  <tr
                    data-episode={e.key}
                    data-kind={e.kind}
                    data-covered={e.covered ? 'true' : 'false'}
                    data-nearest={e.nearestIncident?.id ?? ''}
                    data-verdict={j?.verdict ?? ''}
                    className={e.key === selected ? 'selected' : undefined}
                  >
                    <td className="num">{i + 1}</td>
                    <td><strong>{t(`episodes.kind.${e.kind}`)}</strong><br /><span className="small muted">{t('episodes.actor', { a: e.actor || '—' })}</span></td>
                    <td className="small">{span(e)}</td>
                    <td className="num">{groupDigits(e.eventCount)}</td>
                    <td className="small">{e.nearestIncident
                      ? <><span className="mono">{e.nearestIncident.id}</span><br /><span className="muted">{t('episodes.apart', { t: apart(t, e.nearestIncident.minutesApart) })}</span></>
                      : <span className="muted">{t('episodes.noIncident')}</span>}</td>
                    <td>{e.covered ? <span className="badge ep-covered" data-testid="episode-covered">{t('episodes.covered')}</span> : <span className="badge ep-uncovered" data-testid="episode-uncovered">{t('episodes.uncovered')}</span>}</td>
                    <td className="episode-judgment-cell">{j ? <JudgmentText j={j} /> : <span className="muted small">{e.covered ? '—' : t('episodes.unjudged')}</span>}</td>
                    <td>
                      <button
                        type="button"
                        className="small"
                        aria-expanded={e.key === selected}
                        onClick={() => setSelected(e.key === selected ? null : e.key)}
                        data-testid="episode-open"
                      >
                        {e.covered || current.readOnly ? t('episodes.viewOne') : t('episodes.judgeOne')}
                        <span className="sr-only">{t('episodes.judgeLabel', { n: i + 1, kind: t(`episodes.kind.${e.kind}`), a: e.actor || '—' })}</span>
                      </button>
                    </td>
                  </tr>
                  {e.key === selected && (
                    <tr className="episode-detail-row">
                      <td colSpan={8}>
                        <EpisodeDetail
                          key={e.key}
                          e={e}
                          n={i + 1}
                          history={judgments.filter((x) => x.episodeKey === e.key)}
                          onSaved={() => setSelected(null)}
                        />
                      </td>
                    </tr>
                  )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="card fold-card" aria-labelledby="fold-h" data-testid="episode-fold" data-status={fold.status} data-proposal={proposal.state}>
        <h2 id="fold-h">{t('episodes.fold.heading')}</h2>
        {proposal.state === 'none' && !fold.decision && <p className="small">{fold.status === 'pass' ? t('episodes.fold.none') : ''}</p>}
        {proposal.state === 'open' && (
          <p className="small" data-testid="episode-fold-open">
            {t('episodes.fold.open', {
              reason: [
                fold.unjudged ? t('episodes.fold.unjudged', { n: fold.unjudged }) : '',
                fold.unlisted ? t('episodes.fold.unlisted', { n: fold.unlisted }) : '',
              ].filter(Boolean).join(' '),
            })}
          </p>
        )}
        {proposal.draft && (
          <>
            <p className="inline">{t('episodes.fold.result')} <StatusBadge status={proposal.draft.status!} /></p>
            <p className="small fold-reason" lang="zh-CN">{proposal.draft.reason}</p>
          </>
        )}
        {proposal.state === 'ready' && !current.readOnly && (
          <button
            type="button"
            className="primary"
            disabled={saving}
            onClick={() => {
              setSaving(true);
              void record().finally(() => setSaving(false));
            }}
            data-testid="record-episode-decision"
          >
            {t('episodes.fold.record')}
          </button>
        )}
        {proposal.state === 'recorded' && <p className="ok-text small" data-testid="episode-decision-recorded">{t('episodes.fold.recorded')}</p>}
        {proposal.state === 'same' && <p className="small">{t('episodes.fold.same', { status: t(`status.${proposal.draft!.status!}`) })}</p>}
        {fold.stale.length > 0 && <p className="small muted">{t('episodes.stale', { n: fold.stale.length })}</p>}
      </section>
    </div>
  );
}
