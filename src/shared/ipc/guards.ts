// One guard per channel. Each is typed as a Guard of its contract request, so a guard can
// never admit more than the contract declares (it may admit less).

import {
  arr, DEFAULT_LIMITS, inspectPayload, int, nullable, num, obj, oneOf, refine, str,
  type Guard, type PayloadLimits,
} from './check.js';
import type { Channel, EventName, IpcEvents, IpcRequest } from './contract.js';
import { CHANNELS } from './contract.js';

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

const period = refine(obj({ start: date, end: date }), (p) => p.start <= p.end, 'period starts after it ends');

const settingsPatch = obj({}, {
  reviewer: nullable(reviewer),
  workers: nullable(int(0, 16)),
  evidencePerRule: int(1, 1000),
  defaultDeadlineDays: int(1, 3650),
});

const empty = obj({}) as Guard<Record<string, never>>;

export const REQUEST_GUARDS: { [C in Channel]: Guard<IpcRequest<C>> } = {
  'bundle:open': obj({ runId: id }, { kind: oneOf('folder', 'zip'), path, period }),
  'review:cancel': obj({ runId: id }),
  'report:build': obj({ reviewId: id }, { reviewer, decisions, waivers: arr(waiver, 500), rectification: arr(rectification, 500) }),
  'report:sign': obj({ artifactId: id }),
  'report:verify': refine(obj({}, { artifactId: id, path }), (r) => !(r.artifactId && r.path), 'give an artifact or a path, not both'),
  'file:save': obj({ artifactId: id }),
  'key:import': obj({ password: str({ max: 1024 }) }, { path }),
  'key:get': empty,
  'settings:get': empty,
  'settings:set': obj({ patch: settingsPatch }),
};

/** Size limits per channel: small everywhere except the reviewer's decisions. */
export const REQUEST_LIMITS: { [C in Channel]: PayloadLimits } = Object.fromEntries(
  CHANNELS.map((c) => [c, c === 'report:build' ? { ...DEFAULT_LIMITS, maxSize: 2 * 1024 * 1024, maxNodes: 100_000 } : DEFAULT_LIMITS]),
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
