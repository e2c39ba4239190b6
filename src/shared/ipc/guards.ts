// One guard per channel. Each is typed as a Guard of its contract request, so a guard can
// never admit more than the contract declares (it may admit less).

import {
  arr, bool, DEFAULT_LIMITS, inspectPayload, int, nullable, num, obj, oneOf, POLLUTION_KEYS, refine, str,
  type Guard, type PayloadLimits,
} from './check.js';
import type { EpisodeJudgment } from '../incidents/judgments.js';
import type { AroundWindow } from '../incidents/window.js';
import type { ReviewAction, ReviewLogEntry } from '../review/types.js';
import type { Channel, EventName, IpcEvents, IpcRequest, ParamValue, ReviewProfile } from './contract.js';
import { CHANNELS, REPORT_LOG_MAX } from './contract.js';

/** Ids minted by the renderer (run ids) or by main (review, artifact ids). */
export const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const RULE_ID_RE = /^[A-Z][A-Z0-9]{0,9}-\d{2}-\d{2}$/;

const id = str({ min: 1, max: 64, pattern: ID_RE, what: 'an id of letters, digits, - and _' });
const path = str({ min: 1, max: 4096 });
const date = str({ min: 10, max: 10, pattern: DATE_RE, what: 'a date YYYY-MM-DD' });
const when = str({ min: 10, max: 40, pattern: DATE_TIME_RE, what: 'a date or date-time' });
const ruleId = str({ min: 1, max: 32, pattern: RULE_ID_RE, what: 'a rule id such as JZ-06-01' });
const name = str({ min: 1, max: 100 });
const text = (max: number) => str({ min: 1, max });
const status = oneOf('pass', 'fail', 'needs_review', 'not_applicable', 'insufficient_evidence');

const reviewer = obj({ name }, { organisation: str({ max: 200 }), title: str({ max: 100 }) });

const decisions = obj({}, {
  overrides: arr(obj({ ruleId, to: status, reason: text(2000) }, { by: name, at: when }), 500),
  judgments: arr(obj({ ruleId, status, reason: text(2000) }, { by: name, at: when }), 500),
  comments: arr(obj({ text: text(5000) }, { ruleId, by: name, at: when }), 1000),
});

const waiver = obj(
  { ruleId, justification: text(2000), reviewer: name, expires: date },
  { approvalDoc: str({ max: 200 }) },
);

const rectification = obj({ ruleId, action: text(2000) }, { deadline: date, owner: str({ max: 200 }) });

/** An object used as a map: at most `maxKeys` keys, each matching `key`, each value passing `value`. */
function record<V>(key: RegExp, value: Guard<V>, maxKeys: number): Guard<Record<string, V>> {
  return ((v: unknown, p = '$') => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object`;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `${p}: not a plain object`;
    const keys = Object.keys(v);
    if (keys.length > maxKeys) return `${p}: more than ${maxKeys} keys`;
    for (const k of keys) {
      if (POLLUTION_KEYS.has(k)) return `${p}: forbidden key "${k}"`;
      if (!key.test(k)) return `${p}: key "${k.slice(0, 40)}" is not allowed here`;
      const why = value((v as Record<string, unknown>)[k], `${p}.${k}`);
      if (why) return why;
    }
    return null;
  }) as Guard<Record<string, V>>;
}

/** The first of `guards` that admits the value; else the reasons of all. */
function anyOf<T>(what: string, ...guards: Guard<T>[]): Guard<T> {
  return ((v: unknown, p = '$') => {
    for (const g of guards) if (g(v, p) === null) return null;
    return `${p}: expected ${what}`;
  }) as Guard<T>;
}

const PARAM_NAME_RE = /^[a-z][a-z0-9_]{0,63}$/;
const MAP_KEY_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const paramValue: Guard<ParamValue> = anyOf<ParamValue>(
  'a number, text, true/false, a list of texts or a map of numbers',
  num(-1e15, 1e15),
  str({ max: 1000 }),
  bool(),
  arr(str({ max: 200 }), 200),
  record(MAP_KEY_RE, num(-1e15, 1e15), 100),
);

const profile: Guard<ReviewProfile> = obj({}, {
  name: str({ max: 100 }),
  description: str({ max: 2000 }),
  rules: record(RULE_ID_RE, obj({}, { enabled: bool(), params: record(PARAM_NAME_RE, paramValue, 50) }), 500),
  waivers: arr(waiver, 500),
  maxEvidence: int(0, 1_000_000),
});

const period = refine(obj({ start: date, end: date }), (p) => p.start <= p.end, 'period starts after it ends');

const settingsPatch = obj({}, {
  reviewer: nullable(reviewer),
  workers: nullable(int(0, 16)),
  evidencePerRule: int(1, 1000),
  defaultDeadlineDays: int(1, 3650),
});

const empty = obj({}) as Guard<Record<string, never>>;

// ---------------------------------------------------------------- review log and incidents

const HASH_RE = /^[0-9a-f]{64}$/;
const hash = str({ min: 64, max: 64, pattern: HASH_RE, what: 'a SHA-256 in lower-case hex' });
/** The log's actions: the named ones, or `x-…` for those added later (ReviewAction). */
const ACTION_RE = /^(?:[a-z][a-z_]{0,39}|x-[a-z0-9][a-z0-9_-]{0,39})$/;
const action = str({ min: 1, max: 42, pattern: ACTION_RE, what: 'a log action' }) as Guard<ReviewAction>;
/** A rule id, or `*` for the review as a whole (REVIEW_WIDE). */
const logRuleId = str({ min: 1, max: 32, pattern: /^(?:\*|[A-Z][A-Z0-9]{0,9}-\d{2}-\d{2})$/, what: 'a rule id or *' });
/** before/after: any JSON value; inspectPayload has already bounded it and refused anything not plain. */
const jsonValue = ((_v: unknown) => null) as Guard<unknown>;

const logEntry: Guard<ReviewLogEntry> = obj(
  {
    seq: int(1, 1_000_000_000), at: str({ min: 1, max: 64 }), who: str({ max: 200 }), action,
    before: jsonValue, after: jsonValue, prevHash: hash, hash,
  },
  { ruleId: logRuleId },
);

/** Numbered one after another: the report may carry the tail of a longer log, never a gap. */
const reviewLog = refine(arr(logEntry, REPORT_LOG_MAX), (log) => log.every((e, i) => i === 0 || e.seq === log[i - 1].seq + 1), 'log entries are not numbered one after another');

const judgment: Guard<EpisodeJudgment> = obj(
  { episodeKey: str({ min: 1, max: 1000 }), verdict: oneOf('explained', 'needs_incident_report'), note: str({ max: 2000 }) },
  { by: name, at: when },
);

/** A year each way around detection, in whole minutes (as window.ts parses it). */
const WINDOW_MAX_MINUTES = 366 * 24 * 60;
const windowMinutes = int(-WINDOW_MAX_MINUTES, WINDOW_MAX_MINUTES);
const aroundWindow: Guard<AroundWindow> = refine(
  obj({ startMinutes: windowMinutes, endMinutes: windowMinutes }),
  (w) => w.startMinutes < w.endMinutes,
  'the window must start before it ends',
);

/** 编制, 审核, 批准 or another short role; shown on the signature and in the report's verification. */
const signatureRole = str({ min: 1, max: 40 });
const trustLabel = str({ min: 1, max: 200 });
/** A mapping's JSON text (mapping-v1.md); main parses and checks it. */
const mappingText = str({ min: 2, max: 1024 * 1024 });
/** SHA-256 as AA:BB:… (or plain hex). */
const fingerprint = refine(str({ min: 64, max: 95 }), (f) => /^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$/.test(f), 'not a SHA-256 fingerprint');

export const REQUEST_GUARDS: { [C in Channel]: Guard<IpcRequest<C>> } = {
  'bundle:open': obj({ runId: id }, { kind: oneOf('folder', 'zip'), path, importedId: id, period, profile }),
  'review:cancel': obj({ runId: id }),
  'report:build': obj({ reviewId: id }, {
    reviewer, decisions, waivers: arr(waiver, 500), rectification: arr(rectification, 500),
    reviewLog, incidents: obj({ judgments: arr(judgment, 5000) }),
  }),
  'incidents:timelines': obj({ reviewId: id }),
  'incidents:around': obj({ reviewId: id, incidentId: str({ min: 1, max: 200 }), window: aroundWindow }),
  'report:sign': refine(obj({ role: signatureRole }, { artifactId: id, path }), (r) => !(r.artifactId && r.path), 'give an artifact or a path, not both'),
  'report:verify': refine(obj({}, { artifactId: id, path, crlPath: path, chooseCrl: bool() }), (r) => !(r.artifactId && r.path), 'give an artifact or a path, not both'),
  'file:save': obj({ artifactId: id }),
  'key:import': obj({ password: str({ max: 1024 }) }, { path }),
  'key:get': empty,
  'settings:get': empty,
  'settings:set': obj({ patch: settingsPatch }),
  'trust:list': empty,
  'trust:add': obj({ label: trustLabel }, { path, kind: oneOf('root', 'certificate'), password: str({ max: 1024 }) }),
  'trust:remove': obj({ fingerprintSha256: fingerprint }),
  'trust:register-operator': obj({ reviewId: id, label: trustLabel }),
  'import:suggest': obj({}, { kind: oneOf('folder', 'zip'), path }),
  'import:check': obj({ importId: id, mapping: mappingText }),
  'import:run': obj({ importId: id, mapping: mappingText }),
  'import:save-mapping': obj({ mapping: mappingText }),
};

/**
 * Size limits per channel: small everywhere except report:build, which carries the
 * reviewer's decisions, up to REPORT_LOG_MAX log entries (each with its before and after)
 * and the judgments of the episodes.
 */
export const REPORT_BUILD_LIMITS: PayloadLimits = { ...DEFAULT_LIMITS, maxSize: 8 * 1024 * 1024, maxNodes: 500_000 };

/** A mapping written in the workbench: its text, up to 1 MiB. */
const IMPORT_LIMITS: PayloadLimits = { ...DEFAULT_LIMITS, maxSize: 1024 * 1024 + 1024 };

export const REQUEST_LIMITS: { [C in Channel]: PayloadLimits } = Object.fromEntries(
  CHANNELS.map((c) => [c, c === 'report:build' ? REPORT_BUILD_LIMITS : c.startsWith('import:') && c !== 'import:suggest' ? IMPORT_LIMITS : DEFAULT_LIMITS]),
) as { [C in Channel]: PayloadLimits };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(REQUEST_GUARDS, name);
}

export type Checked<C extends Channel> = { ok: true; value: IpcRequest<C> } | { ok: false; reason: string };

/** The single gate every request passes: known channel, plain bounded data, exact shape. */
export function checkRequest<C extends Channel>(channel: C, payload: unknown): Checked<C> {
  if (!isChannel(channel)) return { ok: false, reason: `unknown channel ${String(channel).slice(0, 40)}` };
  const why = inspectPayload(payload, REQUEST_LIMITS[channel]) ?? REQUEST_GUARDS[channel](payload, '$');
  return why ? { ok: false, reason: why } : { ok: true, value: payload as IpcRequest<C> };
}

const nonNegative = num(0, Number.MAX_SAFE_INTEGER);
const progress: Guard<IpcEvents['review:progress']> = obj({
  runId: id,
  phase: oneOf('records', 'logs', 'verdicts', 'done'),
  bytesDone: nonNegative,
  bytesTotal: nonNegative,
  events: nonNegative,
  eventsPerSecond: nonNegative,
  etaSeconds: nullable(num(0, 1e9)),
});

/** For events arriving over the loopback host's event stream. */
export const EVENT_GUARDS: { [E in EventName]: Guard<IpcEvents[E]> } = {
  'review:progress': progress,
  'menu:command': obj({ command: oneOf('open-folder', 'open-zip', 'verify-report', 'settings') }),
};
