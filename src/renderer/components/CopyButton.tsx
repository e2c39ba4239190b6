// Copies text to the clipboard; falls back to a selected textarea where the Clipboard
// API is refused (an origin the browser does not treat as secure).

import { useState } from 'react';
import { useT } from '../i18n/useT.js';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'offscreen';
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

export function CopyButton({ text, label, className = '' }: { text: string; label?: string; className?: string }) {
  const t = useT();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className={`btn-icon ${className}`}
      aria-label={label ?? t('common.copy')}
      title={label ?? t('common.copy')}
      data-copied={done ? 'true' : undefined}
      onClick={(e) => {
        e.stopPropagation();
        // copyText reports failure by its result, never by rejecting.
        void copyText(text).then((copied) => {
          if (!copied) return;
          setDone(true);
          setTimeout(() => setDone(false), 1200);
        });
      }}
    >
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        {done ? (
          <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.8" />
        ) : (
          <>
            <rect x="5.5" y="5.5" width="8" height="8" rx="1" fill="none" stroke="currentColor" strokeWidth="1.3" />
            <path d="M3.5 10.5h-1v-8h8v1" fill="none" stroke="currentColor" strokeWidth="1.3" />
          </>
        )}
      </svg>
    </button>
  );
}
