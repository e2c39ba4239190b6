// A date typed and shown as YYYY-MM-DD whatever the browser's locale (the browser's own
// date control shows mm/dd/yyyy in an English locale). What people commonly type
// (2027/3/1, 2027年3月1日, 20270301) is rewritten on leaving the field; ↑/↓ move a day.

import type { KeyboardEvent } from 'react';
import { addDays } from '../../shared/bundle/time.js';
import { useT } from '../i18n/useT.js';
import { typedDate } from '../model/format.js';

interface Props {
  id: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  invalid?: boolean;
  testId?: string;
}

export function DateField({ id, value, onChange, required, invalid, testId }: Props) {
  const t = useT();
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const day = typedDate(value);
    if (!day) return;
    e.preventDefault();
    onChange(addDays(day, e.key === 'ArrowUp' ? 1 : -1));
  };
  return (
    <>
      <input
        type="text"
        id={id}
        className="date-field mono"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('date.placeholder')}
        maxLength={20}
        value={value}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          const day = typedDate(value);
          if (day && day !== value) onChange(day);
        }}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="muted small">{t('date.hint')}</span>
    </>
  );
}
