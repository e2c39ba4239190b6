// The default review profile edited in the settings: only what differs from the pack's
// defaults is kept (the shape bundle:open takes), each parameter shown beside its default.

import type { ParamSpec, RuleMeta } from '../../shared/engine/types.js';
import { NAMES, nameOf, type Lang, type Words } from '../../shared/names.js';
import type { ParamValue, ReviewProfile } from '../../shared/ipc/contract.js';

export interface ParamRow {
  ruleId: string;
  name: string;
  spec: ParamSpec;
  value: unknown;
  changed: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}

export function paramRows(meta: RuleMeta, profile: ReviewProfile): ParamRow[] {
  const set = profile.rules?.[meta.id]?.params ?? {};
  return Object.entries(meta.params).map(([name, spec]) => {
    const has = Object.hasOwn(set, name);
    const value = has ? set[name] : spec.default;
    return { ruleId: meta.id, name, spec, value, changed: has && !same(value, spec.default) };
  });
}

export function isEnabled(profile: ReviewProfile, ruleId: string): boolean {
  return profile.rules?.[ruleId]?.enabled !== false;
}

function withRule(profile: ReviewProfile, ruleId: string, f: (r: { enabled?: boolean; params?: Record<string, ParamValue> }) => void): ReviewProfile {
  const rules = { ...(profile.rules ?? {}) };
  const rule = { ...(rules[ruleId] ?? {}) };
  if (rule.params) rule.params = { ...rule.params };
  f(rule);
  if (rule.params && Object.keys(rule.params).length === 0) delete rule.params;
  if (rule.enabled !== false) delete rule.enabled;
  if (Object.keys(rule).length === 0) delete rules[ruleId];
  else rules[ruleId] = rule;
  const out: ReviewProfile = { ...profile, rules };
  if (Object.keys(rules).length === 0) delete out.rules;
  return out;
}

export function setEnabled(profile: ReviewProfile, ruleId: string, enabled: boolean): ReviewProfile {
  return withRule(profile, ruleId, (r) => {
    r.enabled = enabled;
  });
}

/** Sets a parameter; a value equal to the default (or undefined) removes it. */
export function setParam(profile: ReviewProfile, meta: RuleMeta, name: string, value: ParamValue | undefined): ReviewProfile {
  const spec = meta.params[name];
  return withRule(profile, meta.id, (r) => {
    if (value === undefined || (spec && same(value, spec.default))) {
      if (r.params) delete r.params[name];
    } else {
      r.params = { ...(r.params ?? {}), [name]: value };
    }
  });
}

export function changeCount(profile: ReviewProfile): { params: number; disabled: number } {
  let params = 0;
  let disabled = 0;
  for (const r of Object.values(profile.rules ?? {})) {
    params += Object.keys(r.params ?? {}).length;
    if (r.enabled === false) disabled++;
  }
  return { params, disabled };
}

/** A parameter as text in its input. */
/** A key or list word by its name in the parameter's name table (特别重大, 开发+审批). */
function named(spec: ParamSpec, word: string, lang: Lang): string {
  if (!spec.keys) return word;
  return word.split('+').map((w) => nameOf(spec.keys!, w.trim(), lang)).join('+');
}

/** A name typed back into its key: the Chinese or English name, or the key itself. */
function unnamed(spec: ParamSpec, word: string): string {
  if (!spec.keys) return word;
  const names = NAMES[spec.keys] as Record<string, Words>;
  return word.split('+').map((w) => {
    const t = w.trim();
    return Object.entries(names).find(([k, n]) => k === t || n.zh === t || n.en.toLowerCase() === t.toLowerCase())?.[0] ?? t;
  }).join('+');
}

/** A value as the input shows it: list items and record keys by their names, one per line. */
export function formatParam(spec: ParamSpec, value: unknown, lang: Lang): string {
  switch (spec.type) {
    case 'string[]':
      return Array.isArray(value) ? value.map((v) => named(spec, String(v), lang)).join('\n') : '';
    case 'record<number>':
      return value && typeof value === 'object' ? Object.entries(value).map(([k, v]) => `${named(spec, k, lang)}=${v}`).join('\n') : '';
    default:
      return String(value ?? '');
  }
}

/** Text from an input as the parameter's type; null when it is not one. */
export function parseParam(spec: ParamSpec, text: string): ParamValue | null {
  const t = text.trim();
  switch (spec.type) {
    case 'integer':
      return /^-?\d+$/.test(t) ? Number(t) : null;
    case 'number':
      return t !== '' && Number.isFinite(Number(t)) ? Number(t) : null;
    case 'string':
      return t;
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : null;
    case 'string[]':
      return t.split(/\n|,|，/).map((s) => unnamed(spec, s.trim())).filter(Boolean);
    case 'record<number>': {
      const out: Record<string, number> = {};
      for (const line of t.split(/\n|,|，/).map((s) => s.trim()).filter(Boolean)) {
        const m = /^([^=:：]+?)\s*[=:：]\s*(-?\d+(\.\d+)?)$/.exec(line);
        if (!m) return null;
        out[unnamed(spec, m[1])] = Number(m[2]);
      }
      return out;
    }
  }
}
