// A running review: phase, bytes read of the total, events per second, time left, cancel.

import { useT } from '../i18n/useT.js';
import { formatBytes, formatDuration, groupDigits } from '../model/format.js';
import { useDesk } from '../store/index.js';
import type { RunState } from '../store/state.js';

export function ProgressPanel({ run }: { run: RunState }) {
  const t = useT();
  const cancel = useDesk((s) => s.cancelReview);
  const p = run.progress;
  const phase = p?.phase ?? 'starting';
  const known = p && p.bytesTotal > 0;
  const pct = known ? Math.min(100, Math.round((p.bytesDone / p.bytesTotal) * 100)) : null;
  return (
    <div className="progress-panel" data-testid="progress" data-phase={phase} aria-busy="true">
      <div className="progress-head">
        <strong>{t(`run.phase.${phase}`)}</strong>
        {pct !== null && <span className="mono">{pct}%</span>}
      </div>
      <progress
        aria-label={t('run.progress')}
        max={known ? p.bytesTotal : undefined}
        value={known ? p.bytesDone : undefined}
        data-testid="progress-bar"
      />
      <div className="progress-figures small" aria-live="polite">
        {known && <span data-testid="progress-bytes" data-done={p.bytesDone} data-total={p.bytesTotal}>{t('run.bytes', { done: formatBytes(p.bytesDone), total: formatBytes(p.bytesTotal) })}</span>}
        {p && <span data-testid="progress-events">{t('run.events', { n: groupDigits(p.events) })}</span>}
        {p && <span data-testid="progress-rate">{t('run.rate', { n: groupDigits(p.eventsPerSecond) })}</span>}
        {p && p.etaSeconds !== null && <span data-testid="progress-eta">{t('run.eta', { t: formatDuration(p.etaSeconds) })}</span>}
      </div>
      <button type="button" onClick={() => void cancel()} disabled={run.status === 'cancelling'} data-testid="cancel-review">
        {run.status === 'cancelling' ? t('run.cancelling') : t('run.cancel')}
      </button>
    </div>
  );
}
