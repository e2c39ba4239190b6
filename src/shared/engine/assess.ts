// The engine: one pass over log events feeding every log rule, then the verdicts of every
// rule and the findings document (cli.md). Pure: the file side lives in src/main/services.

import { sourceOf, type Provenance } from '../import/provenance.js';
import { endBound, startBound } from '../bundle/time.js';
import type { BundleRecords, InputIssue, LogEvent } from '../bundle/types.js';
import type { ResolvedProfile } from './profile.js';
import { sha256Hex } from './sha256.js';
import type { Conclusion, LogRule, Outcome, Rule, RuleContext, RuleResult, Status } from './types.js';
import { inputIssue } from '../bundle/issue-messages.js';

export interface RulePack {
  id: string;
  version: string;
  rules: Rule[];
}

export function periodBounds(records: BundleRecords): { startMs: number; endMs: number } {
  return { startMs: startBound(records.period.start, records.timezone), endMs: endBound(records.period.end, records.timezone) };
}

/** The enabled rules in rule-id order with their contexts. */
export function contextsFor(
  pack: RulePack, records: BundleRecords, profile: ResolvedProfile, hash: (text: string) => string = sha256Hex,
): { rule: Rule; ctx: RuleContext }[] {
  const { startMs, endMs } = periodBounds(records);
  return pack.rules
    .filter((r) => profile.enabled.has(r.meta.id))
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0))
    .map((rule) => ({
      rule,
      ctx: {
        records, params: profile.params[rule.meta.id] ?? {}, maxEvidence: profile.maxEvidence, periodStartMs: startMs, periodEndMs: endMs, sha256Hex: hash,
      },
    }));
}

/** Plain data a worker sends back: the log rules' states and the counts. */
export interface PassState {
  states: unknown[];
  events: number;
  eventsInPeriod: number;
}

export interface LogPass {
  state: PassState;
  feed(ev: LogEvent): void;
  endFile(file: string): void;
}

export function logRulesOf(entries: { rule: Rule; ctx: RuleContext }[]): { rule: LogRule; ctx: RuleContext }[] {
  return entries.filter((e): e is { rule: LogRule; ctx: RuleContext } => e.rule.kind === 'log');
}

export function createLogPass(logRules: { rule: LogRule; ctx: RuleContext }[]): LogPass {
  const state: PassState = { states: logRules.map(({ rule, ctx }) => rule.init(ctx)), events: 0, eventsInPeriod: 0 };
  const n = logRules.length;
  const rules = logRules.map((e) => e.rule);
  const ctxs = logRules.map((e) => e.ctx);
  const startMs = n ? ctxs[0].periodStartMs : 0;
  const endMs = n ? ctxs[0].periodEndMs : 0;
  const states = state.states;
  return {
    state,
    feed(ev) {
      state.events++;
      const inPeriod = ev.t >= startMs && ev.t < endMs; // NaN compares false
      if (inPeriod) state.eventsInPeriod++;
      for (let i = 0; i < n; i++) rules[i].onEvent(states[i], ev, inPeriod, ctxs[i]);
    },
    endFile(file) {
      for (let i = 0; i < n; i++) rules[i].endFile?.(states[i], file, ctxs[i]);
    },
  };
}

/** Merge a pass over later files into an earlier one. */
export function mergePass(logRules: { rule: LogRule; ctx: RuleContext }[], into: PassState, later: PassState): void {
  logRules.forEach(({ rule, ctx }, i) => rule.merge(into.states[i], later.states[i], ctx));
  into.events += later.events;
  into.eventsInPeriod += later.eventsInPeriod;
}

export function conclusionOf(results: RuleResult[]): Conclusion {
  const failing = results.filter((r) => r.status === 'fail' && !r.waiver);
  if (failing.some((r) => r.severity === 'high')) return 'non_compliant';
  if (failing.length > 0 || results.some((r) => r.status === 'insufficient_evidence')) return 'basically_compliant';
  return 'compliant';
}

/** A rule that throws must not sink the review: its result says so. */
function safely(id: string, f: () => Outcome): Outcome {
  try {
    return f();
  } catch (e) {
    const why = (e as Error).message;
    return { status: 'insufficient_evidence', message: `规则 ${id} 执行出错，无法判断：${why}`, messageEn: `Rule ${id} failed and cannot decide: ${why}` };
  }
}

export function verdicts(entries: { rule: Rule; ctx: RuleContext }[], pass: PassState, profile: ResolvedProfile): RuleResult[] {
  let logIndex = 0;
  return entries.map(({ rule, ctx }) => {
    const outcome = rule.kind === 'log'
      ? ((i) => safely(rule.meta.id, () => rule.finish(pass.states[i], ctx)))(logIndex++)
      : safely(rule.meta.id, () => rule.evaluate(ctx));
    const evidence = outcome.evidence ?? { cap: ctx.maxEvidence, count: 0, items: [] };
    const waiver = outcome.status === 'fail' ? profile.waivers.find((w) => w.ruleId === rule.meta.id) ?? null : null;
    const result: RuleResult = {
      ruleId: rule.meta.id,
      article: rule.meta.article,
      severity: rule.meta.severity,
      status: outcome.status,
      title: rule.meta.title,
      titleEn: rule.meta.titleEn,
      message: outcome.message,
      messageEn: outcome.messageEn,
      evidenceCount: evidence.count,
      evidence: evidence.items.slice(0, ctx.maxEvidence),
      waiver,
    };
    if (outcome.figures) result.figures = outcome.figures;
    return result;
  });
}

export interface Findings {
  format: 'compliance-desk/findings/1';
  tool: { name: string; version: string };
  rulePack: { id: string; version: string };
  bundle: { source: string; operatorId: string | null; operatorName: string | null; manifestSha256: string | null };
  period: { start: string; end: string };
  generatedAt: string;
  profile: { changedParams: ResolvedProfile['changedParams']; disabledRules: string[]; waivers: ResolvedProfile['waivers']; maxEvidence: number };
  summary: Record<Status, number> & { conclusion: Conclusion };
  stats: { files: number; bytes: number; events: number; eventsInPeriod: number; inputIssues: number; seconds: number };
  results: RuleResult[];
  inputIssues: InputIssue[];
}

export function assemble(a: {
  tool: { name: string; version: string };
  pack: RulePack;
  records: BundleRecords;
  profile: ResolvedProfile;
  results: RuleResult[];
  pass: PassState;
  inputIssues: InputIssue[];
  generatedAt: string;
  seconds: number;
}): Findings {
  const summary = { pass: 0, fail: 0, needs_review: 0, not_applicable: 0, insufficient_evidence: 0 } as Record<Status, number>;
  for (const r of a.results) summary[r.status]++;
  const op = a.records.operator.value as { id?: unknown; name?: unknown } | undefined;
  const operatorId = typeof op?.id === 'string' ? op.id : a.records.manifest.operator_id ?? null;
  const outside = a.pass.events - a.pass.eventsInPeriod;
  const issues = [...a.inputIssues];
  if (outside > 0) {
    issues.push(inputIssue('logs/', null, 'info', 'log.outside-period', { n: outside, start: a.records.period.start, end: a.records.period.end }));
  }
  const allFiles = a.records.files;
  return {
    format: 'compliance-desk/findings/1',
    tool: a.tool,
    rulePack: { id: a.pack.id, version: a.pack.version },
    bundle: {
      source: a.records.source,
      operatorId: operatorId ? String(operatorId) : null,
      operatorName: typeof op?.name === 'string' ? op.name : null,
      manifestSha256: a.records.manifestSha256,
    },
    period: { start: a.records.period.start, end: a.records.period.end },
    generatedAt: a.generatedAt,
    profile: {
      changedParams: a.profile.changedParams,
      disabledRules: a.profile.disabledRules,
      waivers: a.profile.waivers,
      maxEvidence: a.profile.maxEvidence,
    },
    summary: { ...summary, conclusion: conclusionOf(a.results) },
    stats: {
      files: allFiles.length + 1,
      bytes: allFiles.reduce((s, f) => s + f.bytes, 0),
      events: a.pass.events,
      eventsInPeriod: a.pass.eventsInPeriod,
      inputIssues: issues.length,
      seconds: Math.round(a.seconds * 100) / 100,
    },
    results: a.records.provenance ? withSources(a.results, a.records.provenance) : a.results,
    inputIssues: issues,
  };
}

/** Each evidence item of an imported bundle with the export's file and row it came from. */
function withSources(results: RuleResult[], p: Provenance): RuleResult[] {
  return results.map((r) => ({
    ...r,
    evidence: r.evidence.map((e) => {
      const place = typeof e.line === 'number' ? sourceOf(p, e.file, e.line) : null;
      return place ? { ...e, source: place } : e;
    }),
  }));
}
