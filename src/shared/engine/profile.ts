// Profiles tailor a review: rules on or off, parameters, waivers, the evidence cap.
// Everything is validated; an error names the exact place in the profile.

import type { ParamSpec, ParamType, Params, Rule, Waiver } from './types.js';

export class ProfileError extends Error {}

export interface ResolvedProfile {
  enabled: Set<string>;
  params: Record<string, Params>;
  /** Only the parameters that differ from their defaults, per rule. */
  changedParams: Record<string, Params>;
  disabledRules: string[];
  waivers: Waiver[];
  maxEvidence: number;
}

export const DEFAULT_MAX_EVIDENCE = 1000;

function typeOk(type: ParamType, v: unknown): boolean {
  switch (type) {
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'string[]': return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'record<number>':
      return !!v && typeof v === 'object' && !Array.isArray(v)
        && Object.values(v as object).every((x) => typeof x === 'number' && Number.isFinite(x));
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Resolve a profile (parsed JSON, or undefined for the defaults) against the rule pack.
 * `today` (YYYY-MM-DD) decides which waivers have expired.
 */
export function resolveProfile(raw: unknown, rules: Rule[], today: string): { profile: ResolvedProfile; notes: string[] } {
  const notes: string[] = [];
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const enabled = new Set(rules.map((r) => r.meta.id));
  const params: Record<string, Params> = {};
  const changedParams: Record<string, Params> = {};
  for (const r of rules) {
    params[r.meta.id] = Object.fromEntries(Object.entries(r.meta.params).map(([k, spec]) => [k, spec.default]));
  }
  let maxEvidence = DEFAULT_MAX_EVIDENCE;
  const waivers: Waiver[] = [];
  if (raw === undefined || raw === null) {
    return { profile: { enabled, params, changedParams, disabledRules: [], waivers, maxEvidence }, notes };
  }
  if (!isPlainObject(raw)) throw new ProfileError('profile: the top level must be a JSON object');
  for (const key of Object.keys(raw)) {
    if (!['rules', 'waivers', 'maxEvidence', 'name', 'description'].includes(key)) {
      throw new ProfileError(`profile: unknown key "${key}" (allowed: rules, waivers, maxEvidence, name, description)`);
    }
  }
  if (raw.maxEvidence !== undefined) {
    const m = raw.maxEvidence;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 0 || m > 1_000_000) {
      throw new ProfileError('profile: maxEvidence must be an integer from 0 to 1000000');
    }
    maxEvidence = m;
  }
  if (raw.rules !== undefined) {
    if (!isPlainObject(raw.rules)) throw new ProfileError('profile: "rules" must be an object keyed by rule id');
    for (const [id, cfg] of Object.entries(raw.rules)) {
      const rule = byId.get(id);
      if (!rule) throw new ProfileError(`profile: rules.${id}: no such rule in the pack (see \`compliance-desk rules\`)`);
      if (!isPlainObject(cfg)) throw new ProfileError(`profile: rules.${id} must be an object`);
      for (const key of Object.keys(cfg)) {
        if (key !== 'enabled' && key !== 'params') throw new ProfileError(`profile: rules.${id}: unknown key "${key}" (allowed: enabled, params)`);
      }
      if (cfg.enabled !== undefined) {
        if (typeof cfg.enabled !== 'boolean') throw new ProfileError(`profile: rules.${id}.enabled must be true or false`);
        if (!cfg.enabled) enabled.delete(id);
      }
      if (cfg.params !== undefined) {
        if (!isPlainObject(cfg.params)) throw new ProfileError(`profile: rules.${id}.params must be an object`);
        for (const [name, value] of Object.entries(cfg.params)) {
          const spec: ParamSpec | undefined = rule.meta.params[name];
          if (!spec) {
            const known = Object.keys(rule.meta.params);
            throw new ProfileError(`profile: rules.${id}.params.${name}: unknown parameter (${known.length ? `known: ${known.join(', ')}` : 'this rule has none'})`);
          }
          if (!typeOk(spec.type, value)) {
            throw new ProfileError(`profile: rules.${id}.params.${name} must be ${spec.type}, got ${JSON.stringify(value)}`);
          }
          if (spec.type === 'record<number>') {
            // A partial map (one grade) overrides only the keys it names.
            params[id][name] = { ...(spec.default as object), ...(value as object) };
          } else {
            params[id][name] = value;
          }
          if (!sameValue(params[id][name], spec.default)) {
            (changedParams[id] ??= {})[name] = params[id][name];
          }
        }
      }
    }
  }
  if (raw.waivers !== undefined) {
    if (!Array.isArray(raw.waivers)) throw new ProfileError('profile: "waivers" must be an array');
    raw.waivers.forEach((w, i) => {
      const where = `profile: waivers[${i}]`;
      if (!isPlainObject(w)) throw new ProfileError(`${where} must be an object`);
      const ruleId = String(w.ruleId ?? w.rule ?? '');
      if (!byId.has(ruleId)) throw new ProfileError(`${where}.ruleId: no such rule "${ruleId}"`);
      for (const f of ['justification', 'reviewer', 'expires'] as const) {
        if (typeof w[f] !== 'string' || !(w[f] as string).trim()) throw new ProfileError(`${where}.${f} is required (a non-empty string)`);
      }
      const expires = String(w.expires).trim();
      if (!DATE_RE.test(expires)) throw new ProfileError(`${where}.expires must be a date YYYY-MM-DD`);
      const approvalDoc = w.approvalDoc ?? w.approval_doc;
      if (approvalDoc !== undefined && typeof approvalDoc !== 'string') throw new ProfileError(`${where}.approvalDoc must be a string`);
      const waiver: Waiver = {
        ruleId, justification: String(w.justification).trim(), reviewer: String(w.reviewer).trim(), expires,
        ...(approvalDoc ? { approvalDoc: String(approvalDoc).trim() } : {}),
      };
      // A waiver covers its expiry day; from the next day it no longer applies.
      if (expires < today) notes.push(`waiver for ${ruleId} expired on ${expires} and no longer applies`);
      else waivers.push(waiver);
    });
  }
  const disabledRules = rules.map((r) => r.meta.id).filter((id) => !enabled.has(id));
  return { profile: { enabled, params, changedParams, disabledRules, waivers, maxEvidence }, notes };
}
