// The one-line notice: what was just saved, or what went wrong. Announced politely;
// an info notice goes away by itself, an error stays until dismissed.

import { useEffect } from 'react';
import { useT } from '../i18n/useT.js';
import { useDesk } from '../store/index.js';

export function Notice() {
  const t = useT();
  const notice = useDesk((s) => s.notice);
  const dismiss = useDesk((s) => s.dismissNotice);
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const id = setTimeout(dismiss, 4000);
    return () => clearTimeout(id);
  }, [notice, dismiss]);
  return (
    <div className="notice-area" role="status" aria-live="polite">
      {notice && (
        <p className={`notice notice-${notice.kind}`} data-testid="notice" data-kind={notice.kind}>
          <span>{notice.text}</span>
          <button type="button" className="btn-icon" onClick={dismiss} aria-label={t('common.close')}>×</button>
        </p>
      )}
    </div>
  );
}
