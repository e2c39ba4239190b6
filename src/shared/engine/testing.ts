// Small in-memory bundles for rule tests: CSV and JSON text in, the engine's view out,
// parsed by the real readers.

import { JsonlLogParser } from '../bundle/logs.js';
import { absentDoc, emptyTable, locateItems, readJsonDoc, readTable } from '../bundle/tables.js';
import { endBound, startBound } from '../bundle/time.js';
import type { BundleRecords, InputIssue, LogEvent, PolicyText, Table } from '../bundle/types.js';
import { codeWordsIn } from '../code-words.js';
import { figureProblems } from './figures.js';
import { sha256Hex } from './sha256.js';
import type { LogRule, Outcome, Params, Rule, RuleContext } from './types.js';

export interface TestBundle {
  period?: { start: string; end: string };
  timezone?: string;
  operatorId?: string;
  operator?: object;
  agreement?: object;
  platform?: object;
  incidents?: object[];
  evaluations?: object[];
  /** CSV texts, header first. */
  datasets?: string;
  products?: string;
  scenarios?: string;
  requests?: string;
  partners?: string;
  staff?: string;
  policies?: string;
  assessments?: string;
  qualityIssues?: string;
  /** Policy documents by bundle path (policies/x.md) → text, or null for unreadable. */
  policyTexts?: Record<string, string | null>;
  /** Log files by path → event objects (JSONL lines) or raw lines. */
  logs?: Record<string, (object | string)[]>;
  integrity?: Partial<BundleRecords['integrity']>;
}

const TABLE_FILES: Record<string, string> = {
  datasets: 'datasets.csv', products: 'products.csv', scenarios: 'scenarios.csv', requests: 'requests.csv',
  partners: 'partners.csv', staff: 'staff.csv', policies: 'policies.csv', assessments: 'assessments.csv',
  qualityIssues: 'quality-issues.csv',
};

export function makeRecords(b: TestBundle, issues: InputIssue[] = []): BundleRecords {
  const tz = b.timezone ?? 'Asia/Shanghai';
  const period = b.period ?? { start: '2026-01-01', end: '2026-12-31' };
  const table = (key: keyof typeof TABLE_FILES): Table => {
    const text = b[key as keyof TestBundle] as string | undefined;
    const file = TABLE_FILES[key];
    return text === undefined ? emptyTable(file) : readTable(key === 'qualityIssues' ? 'quality-issues' : key, file, text, issues);
  };
  const doc = (file: string, v: object | undefined) => (v === undefined ? absentDoc<Record<string, unknown>>(file) : readJsonDoc(file, JSON.stringify(v, null, 2), issues));
  const incidentsText = b.incidents ? JSON.stringify(b.incidents, null, 2) : '';
  const evaluationsText = b.evaluations ? JSON.stringify(b.evaluations, null, 2) : '';
  const evalYears = b.evaluations ? locateItems('evaluations.json', evaluationsText, b.evaluations, 'year') : [];
  const evalItems = b.evaluations
    ? locateItems('evaluations.json', evaluationsText, b.evaluations.flatMap((y) => ((y as { items?: object[] }).items ?? [])))
    : [];
  const policyTexts: Record<string, PolicyText> = {};
  for (const [file, text] of Object.entries(b.policyTexts ?? {})) {
    policyTexts[file] = text === null ? { file, text: null, error: `${file} 无法读取` } : { file, text };
  }
  const operator = b.operator ?? (b.operatorId ? { id: b.operatorId } : undefined);
  return {
    source: 'test-bundle',
    provenance: null,
    manifest: { format: 'evidence-bundle/1', operator_id: b.operatorId ?? 'OP-1', period, timezone: tz, files: [] },
    manifestSha256: null,
    timezone: tz,
    period,
    operator: doc('operator.json', operator),
    agreement: doc('agreement.json', b.agreement),
    platform: doc('platform.json', b.platform),
    incidents: { file: 'incidents.json', present: b.incidents !== undefined, items: b.incidents ? locateItems('incidents.json', incidentsText, b.incidents) : [] },
    evaluations: { file: 'evaluations.json', present: b.evaluations !== undefined, years: evalYears, items: evalItems },
    datasets: table('datasets'),
    products: table('products'),
    scenarios: table('scenarios'),
    requests: table('requests'),
    partners: table('partners'),
    staff: table('staff'),
    policies: table('policies'),
    assessments: table('assessments'),
    qualityIssues: table('qualityIssues'),
    policyTexts,
    logFiles: Object.keys(b.logs ?? {}).map((path) => ({ path, bytes: 0, format: 'jsonl' as const, gzip: false })),
    files: [],
    integrity: { missing: [], changed: [], unlisted: [], signature: 'absent', ...b.integrity },
  };
}

export function makeContext(records: BundleRecords, rule: Rule, params: Params = {}, maxEvidence = 1000): RuleContext {
  const defaults: Params = {};
  for (const [name, spec] of Object.entries(rule.meta.params)) defaults[name] = spec.default;
  return {
    records,
    params: { ...defaults, ...params },
    maxEvidence,
    periodStartMs: startBound(records.period.start, records.timezone),
    periodEndMs: endBound(records.period.end, records.timezone),
    sha256Hex,
  };
}

/** Parse the test bundle's logs with the real JSONL reader. */
export function eventsOf(b: TestBundle, issues: InputIssue[] = []): { file: string; events: LogEvent[] }[] {
  const tz = b.timezone ?? 'Asia/Shanghai';
  return Object.entries(b.logs ?? {}).map(([file, lines]) => {
    const events: LogEvent[] = [];
    const p = new JsonlLogParser(file, tz, (e) => events.push(e), (i) => issues.push(i));
    p.push(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
    p.end();
    return { file, events };
  });
}

/**
 * Run one rule over a test bundle as the engine does. Log rules are also run with each
 * file in its own state and the states merged, as the workers do; both must agree.
 */
export function runRule(rule: Rule, b: TestBundle, params: Params = {}, maxEvidence = 1000): Outcome {
  const records = makeRecords(b);
  const ctx = makeContext(records, rule, params, maxEvidence);
  if (rule.kind === 'record') return checkedOutcome(rule, rule.evaluate(ctx));
  const files = eventsOf(b);
  const whole = runLog(rule, ctx, files, false);
  const split = runLog(rule, ctx, files, true);
  if (JSON.stringify(whole) !== JSON.stringify(split)) {
    throw new Error(`${rule.meta.id}: merging per-file states gives another result than one state:\n${JSON.stringify(whole)}\n${JSON.stringify(split)}`);
  }
  return checkedOutcome(rule, whole);
}

/**
 * Every outcome a rule test sees is also checked for what a reviewer reads: figures that fit
 * the rule's declarations, a message in both languages, no words of code in the Chinese one.
 */
function checkedOutcome(rule: Rule, outcome: Outcome): Outcome {
  const problems = figureProblems(outcome.figures, rule.meta.figures);
  if (!outcome.messageEn?.trim()) problems.push('no English message');
  const code = codeWordsIn(outcome.message);
  if (code.length) problems.push(`code words in the message: ${code.join(', ')} — ${outcome.message}`);
  if (problems.length) throw new Error(`${rule.meta.id}: ${problems.join('; ')}`);
  return outcome;
}

function runLog(rule: LogRule, ctx: RuleContext, files: { file: string; events: LogEvent[] }[], split: boolean): Outcome {
  const feed = (state: unknown, f: { file: string; events: LogEvent[] }) => {
    for (const ev of f.events) {
      const inPeriod = !Number.isNaN(ev.t) && ev.t >= ctx.periodStartMs && ev.t < ctx.periodEndMs;
      rule.onEvent(state, ev, inPeriod, ctx);
    }
    rule.endFile?.(state, f.file, ctx);
  };
  if (!split) {
    const state = rule.init(ctx);
    for (const f of files) feed(state, f);
    return rule.finish(state, ctx);
  }
  const states = files.map((f) => {
    const s = rule.init(ctx);
    feed(s, f);
    // A worker sends its state by structured clone: the merge must work on a copy.
    return cloneState(s);
  });
  const first = states.length ? states[0] : rule.init(ctx);
  for (let i = 1; i < states.length; i++) rule.merge(first, states[i], ctx);
  return rule.finish(first, ctx);
}

/** A deep copy as structured clone makes it (Maps, Sets, arrays, plain objects). */
function cloneState<T>(v: T): T {
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, cloneState(x)])) as T;
  if (v instanceof Set) return new Set([...v].map((x) => cloneState(x))) as T;
  if (Array.isArray(v)) return v.map((x) => cloneState(x)) as T;
  if (v && typeof v === 'object') {
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
      throw new Error('log rule state must be plain data (objects, arrays, Maps, Sets)');
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneState(x);
    return out as T;
  }
  return v;
}
