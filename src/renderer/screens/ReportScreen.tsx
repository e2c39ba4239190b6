// 报告: build the report from the run and the decisions, see it page by page, sign it
// (main shows what is signed and asks), save it, verify it; earlier reports of the case.

import { BundleOpener } from '../components/BundleOpener.js';
import { ConclusionBadge } from '../components/Badges.js';
import { CopyButton } from '../components/CopyButton.js';
import { ReportPages } from '../components/ReportPages.js';
import { VerificationView } from '../components/VerificationView.js';
import { useT } from '../i18n/useT.js';
import { active } from '../model/decisions.js';
import { formatBytes, shortHash, shortTime } from '../model/format.js';
import { STATUSES } from '../../shared/report/labels.js';
import { useDeps, useDesk } from '../store/index.js';
import type { CurrentCase } from '../store/state.js';

export function ReportScreen({ current }: { current: CurrentCase }) {
  const t = useT();
  const { transport } = useDeps();
  const report = useDesk((s) => s.report);
  const reviewer = useDesk((s) => s.mainSettings?.reviewer ?? null);
  const key = useDesk((s) => s.key);
  const build = useDesk((s) => s.buildReport);
  const sign = useDesk((s) => s.signReport);
  const save = useDesk((s) => s.saveArtifact);
  const verify = useDesk((s) => s.verifyReport);
  const ds = active(current.decisions);
  const n = (k: string) => ds.filter((d) => d.kind === k).length;
  const built = report.built;

  return (
    <div className="report-screen">
      <section className="card" aria-labelledby="rep-h">
        <h2 id="rep-h">{t('report.heading')}</h2>
        <dl className="kv">
          <div><dt>{t('report.reviewer')}</dt><dd>{reviewer ? [reviewer.name, reviewer.title, reviewer.organisation].filter(Boolean).join('，') : <span className="muted">{t('report.noReviewer')}</span>}</dd></div>
          <div><dt>{t('report.key')}</dt><dd data-testid="report-key">{key ? t('report.keyInfo', { subject: key.subject, until: key.notAfter ? key.notAfter.slice(0, 10) : '—' }) : <span className="muted">{t('report.noKey')}</span>}</dd></div>
        </dl>
        <p className="small">{t('report.decisions', { o: n('override'), j: n('judgment'), c: n('comment'), r: n('rectification'), w: n('waiver'), n: current.log.length })}</p>
        {report.reviewGone ? (
          <div className="notice-box" role="note">
            <p>{t('report.reviewGone')}</p>
          </div>
        ) : (
          <div className="inline">
            <button type="button" className="primary" onClick={() => void build()} disabled={report.busy !== null} data-testid="build-report">
              {report.busy === 'build' ? t('report.building') : t('report.build')}
            </button>
            <button type="button" onClick={() => void save('findings')} disabled={report.busy !== null || !current.run.findingsArtifactId} data-testid="save-findings">{t('report.saveFindings')}</button>
          </div>
        )}
        {report.error && <p role="alert" className="error" data-testid="report-error">{report.error}</p>}
      </section>

      {report.reviewGone && (
        <BundleOpener heading={t('report.reopen')} headingId="open-reattach" reattachRunId={current.run.id} initialPath={transport === 'loopback' ? current.run.bundlePath : undefined} />
      )}

      {built && (
        <section className="card preview" aria-labelledby="prev-h" data-testid="report-preview" data-report-id={built.reportId}>
          <h2 id="prev-h">{t('report.preview')}</h2>
          <dl className="kv">
            <div><dt>{t('report.id')}</dt><dd className="mono" data-testid="report-id">{built.reportId}</dd></div>
            <div><dt>{t('report.file')}</dt><dd>{built.fileName} <span className="muted small">({formatBytes(built.bytes)})</span></dd></div>
            <div><dt>{t('report.sha')}</dt><dd className="mono break">{built.sha256} <CopyButton text={built.sha256} /></dd></div>
          </dl>
          <p className="conclusion-line">{t('report.final')}<ConclusionBadge conclusion={built.finalSummary.conclusion} /></p>
          <ul className="counts inline-counts">
            {STATUSES.map((s) => (
              <li key={s} className={`count st-border-${s}`}><span className="count-n">{built.finalSummary[s]}</span><span className="count-l">{t(`status.${s}`)}</span></li>
            ))}
          </ul>
          <ReportPages pdf={built.pdf} />
          <div className="inline">
            <button type="button" className="primary" onClick={() => void sign()} disabled={!key || report.busy !== null || report.signed !== null} data-testid="sign-report">
              {report.busy === 'sign' ? t('report.signing') : t('report.sign')}
            </button>
            <span className="muted small">{t('report.signConfirm')}</span>
          </div>
          {report.signed && <p className="ok-text" data-testid="signed">{t('report.signed', { file: report.signed.fileName })} · <span className="mono small">{shortHash(report.signed.sha256, 16)}</span></p>}
          <div className="inline">
            {report.signed && <button type="button" className="primary" onClick={() => void save('signed')} disabled={report.busy !== null} data-testid="save-signed">{t('report.save')}</button>}
            <button type="button" onClick={() => void save('unsigned')} disabled={report.busy !== null} data-testid="save-unsigned">{t('report.saveUnsigned')}</button>
            <button type="button" onClick={() => void verify({ artifactId: report.signed?.artifactId ?? built.artifactId })} disabled={report.busy !== null} data-testid="verify-own">{t('report.verifyOwn')}</button>
          </div>
          {report.savedPath && <p className="small" data-testid="saved-path">{t('report.saved', { path: report.savedPath })}</p>}
        </section>
      )}

      {report.verification && <div className="card"><VerificationView v={report.verification} /></div>}

      {current.reports.length > 0 && (
        <section className="card" aria-labelledby="hist-h">
          <h2 id="hist-h">{t('report.history')}</h2>
          <table className="plain-table" data-testid="report-history">
            <thead>
              <tr>
                <th scope="col">{t('report.col.id')}</th>
                <th scope="col">{t('report.col.at')}</th>
                <th scope="col">{t('report.col.signed')}</th>
                <th scope="col">{t('report.col.saved')}</th>
              </tr>
            </thead>
            <tbody>
              {current.reports.map((r) => (
                <tr key={r.id}>
                  <td className="mono">{r.id}</td>
                  <td>{shortTime(r.at)}</td>
                  <td>{r.signed ? <span className="mono small">{shortHash(r.signed.sha256, 12)}</span> : '—'}</td>
                  <td className="mono small break">{r.savedPath ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
