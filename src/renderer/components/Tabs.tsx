// A tab list with the keyboard behaviour people expect: arrows move between tabs and
// select them, Home and End jump; only the selected tab is in the tab order.

import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<K extends string> {
  id: K;
  label: ReactNode;
}

export function Tabs<K extends string>(props: { tabs: TabDef<K>[]; active: K; onChange: (id: K) => void; label: string; idPrefix: string; className?: string }) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const onKey = (e: KeyboardEvent) => {
    const i = props.tabs.findIndex((x) => x.id === props.active);
    let j: number;
    if (e.key === 'ArrowRight') j = (i + 1) % props.tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + props.tabs.length) % props.tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = props.tabs.length - 1;
    else return;
    e.preventDefault();
    const id = props.tabs[j].id;
    props.onChange(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div role="tablist" aria-label={props.label} className={`tabs ${props.className ?? ''}`} onKeyDown={onKey}>
      {props.tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) refs.current.set(tab.id, el);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`${props.idPrefix}-tab-${tab.id}`}
          aria-controls={`${props.idPrefix}-panel`}
          aria-selected={tab.id === props.active}
          tabIndex={tab.id === props.active ? 0 : -1}
          data-testid={`${props.idPrefix}-tab-${tab.id}`}
          onClick={() => props.onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ idPrefix, active, children, className }: { idPrefix: string; active: string; children: ReactNode; className?: string }) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${active}`} className={className}>
      {children}
    </div>
  );
}
