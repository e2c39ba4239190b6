// Status, conclusion and severity as small labels: tinted background, dark text (contrast
// above 4.5:1 for every status), the word always shown, never colour alone.

import type { Conclusion, Severity, Status } from '../../shared/engine/types.js';
import { useT } from '../i18n/useT.js';

export function StatusBadge({ status, strike = false }: { status: Status; strike?: boolean }) {
  const t = useT();
  return <span className={`badge st-${status}${strike ? ' strike' : ''}`} data-status={status}>{t(`status.${status}`)}</span>;
}

export function ConclusionBadge({ conclusion, large = false }: { conclusion: Conclusion; large?: boolean }) {
  const t = useT();
  return <span className={`badge cc-${conclusion}${large ? ' large' : ''}`} data-conclusion={conclusion}>{t(`conclusion.${conclusion}`)}</span>;
}

export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useT();
  return <span className={`sev sev-${severity}`}>{t(`severity.${severity}`)}</span>;
}
