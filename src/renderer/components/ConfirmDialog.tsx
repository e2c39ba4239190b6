// A modal question on the native <dialog>: focus stays inside, Esc cancels.

import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/useT.js';

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onCancel={(e) => {
      e.preventDefault();
      props.onCancel();
    }} data-testid="confirm-dialog">
      <h2 id="dialog-title">{props.title}</h2>
      <div className="dialog-body">{props.children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>{t('common.cancel')}</button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm} data-testid="confirm">{props.confirmLabel}</button>
      </div>
    </dialog>
  );
}
