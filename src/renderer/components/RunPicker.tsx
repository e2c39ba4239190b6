// The runs of a case, told apart by number, time, bundle, manifest hash and conclusion; the
// picker on the case's header shows any of them (an earlier one read-only).

import type { T } from '../i18n/translate.js';
import { useT } from '../i18n/useT.js';
import { bundleName, shortHash, shortTime } from '../model/format.js';
import { useDesk } from '../store/index.js';
import type { CurrentCase, RunMeta } from '../store/state.js';

export function runLabel(t: T, r: RunMeta): string {
  return t('case.runOption', { n: r.seq, at: shortTime(r.at), bundle: bundleName(r.bundlePath), hash: shortHash(r.manifestSha256, 12), conclusion: t(`conclusion.${r.conclusion}`) });
}

export function RunPicker({ current }: { current: CurrentCase }) {
  const t = useT();
  const viewRun = useDesk((s) => s.viewRun);
  const latest = current.caseRecord.latestRunId;
  return (
    <span className="run-picker">
      <label htmlFor="run-picker" className="small muted">{t('case.runPicker')}</label>
      <select id="run-picker" value={current.run.id} onChange={(e) => void viewRun(e.target.value)} data-testid="run-picker">
        {[...current.runs].reverse().map((r) => (
          <option key={r.id} value={r.id} data-seq={r.seq}>{r.id === latest ? t('case.runCurrent', { label: runLabel(t, r) }) : runLabel(t, r)}</option>
        ))}
      </select>
    </span>
  );
}

/** Shown above every tab while an earlier run is on the screen. */
export function ReadOnlyBanner({ current }: { current: CurrentCase }) {
  const t = useT();
  const viewRun = useDesk((s) => s.viewRun);
  const latest = current.runs.find((r) => r.id === current.caseRecord.latestRunId);
  const seq = current.runs.find((r) => r.id === current.run.id)?.seq ?? 1;
  return (
    <div className="readonly-banner" role="status" data-testid="read-only" data-seq={seq}>
      <strong className="readonly-mark">{t('case.readOnly', { n: seq })}</strong>
      <span className="small readonly-note">{t('case.readOnlyNote', { at: shortTime(current.run.at), bundle: bundleName(current.run.bundlePath) })}</span>
      {latest && <button type="button" className="small" onClick={() => void viewRun(latest.id)} data-testid="back-to-current">{t('case.backToCurrent', { n: latest.seq })}</button>}
    </div>
  );
}
