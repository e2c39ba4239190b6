import { describe, expect, it } from 'vitest';
import { appendLogEntry } from '../review/log.js';
import type { ReviewLogEntry } from '../review/types.js';
import { inspectPayload, DEFAULT_LIMITS } from './check.js';
import { CHANNELS, REPORT_LOG_MAX, type Channel } from './contract.js';
import { checkRequest, EVENT_GUARDS, isChannel, REQUEST_GUARDS } from './guards.js';

/** A real hash-chained log: a case opened, a review run, a decision and an episode judgment. */
function logOf(n: number): ReviewLogEntry[] {
  let log: ReviewLogEntry[] = [];
  log = appendLogEntry(log, { at: '2027-01-06T09:00:00+08:00', who: '张三', action: 'case_open', after: { operatorId: 'X', period: { start: '2026-01-01', end: '2026-12-31' } } });
  for (let i = 1; i < n; i++) {
    log = i % 2
      ? appendLogEntry(log, {
        at: '2027-01-06T10:00:00+08:00', who: '张三', action: 'decision_add', ruleId: 'JZ-06-01',
        before: { status: 'fail', toolStatus: 'fail', verdict: null, waived: false },
        after: { id: i, ruleId: 'JZ-06-01', kind: 'override', status: 'pass', reason: `已整改 ${i}`, reviewer: '张三', at: '2027-01-06T10:00:00+08:00' },
      })
      : appendLogEntry(log, { at: '2027-01-06T10:05:00+08:00', who: '张三', action: 'x-episode_judgment', ruleId: 'JZ-21-03', after: { episodeKey: 'log_delete|u006|logs/2026-08.jsonl:868', verdict: 'explained', note: '例行归档' } });
  }
  return log;
}
const LOG = logOf(4);

/** One valid request per channel: every hostile case below is a small change of one. */
const VALID: { [C in Channel]: unknown } = {
  'bundle:open': {
    runId: 'run-1', kind: 'zip', path: '/tmp/b.zip', period: { start: '2026-01-01', end: '2026-12-31' },
    profile: {
      name: '默认',
      rules: {
        'JZ-17-01': { params: { max_log_gap_hours: 48 } },
        'JZ-15-01': { params: { conflicting_roles: ['developer+approver'] } },
        'JZ-21-02': { params: { report_deadline_minutes: { major: 120 } } },
        'JZ-24-01': { enabled: false },
      },
      waivers: [{ ruleId: 'JZ-08-01', justification: '试运行', reviewer: '李四', expires: '2027-06-30' }],
      maxEvidence: 500,
    },
  },
  'review:cancel': { runId: 'run-1' },
  'report:build': {
    reviewId: 'r-abc',
    reviewer: { name: '张三', organisation: '锦州市数据局', title: '复核员' },
    decisions: {
      overrides: [{ ruleId: 'JZ-06-01', to: 'pass', reason: '已整改', by: '张三', at: '2027-01-06' }],
      judgments: [{ ruleId: 'JZ-10-05', status: 'fail', reason: '材料不全' }],
      comments: [{ text: '总体意见' }, { ruleId: 'JZ-07-01', text: '见附件', at: '2027-01-06T09:00:00+08:00' }],
    },
    waivers: [{ ruleId: 'JZ-08-01', justification: '试运行', reviewer: '李四', expires: '2027-06-30', approvalDoc: '批复〔2026〕1号' }],
    rectification: [{ ruleId: 'JZ-06-01', action: '补充审批记录', deadline: '2027-03-31', owner: '运营单位' }],
    reviewLog: LOG,
    incidents: { judgments: [{ episodeKey: 'log_delete|u006|logs/2026-08.jsonl:868', verdict: 'needs_incident_report', note: '未见审批', by: '张三', at: '2027-01-06T10:05:00+08:00' }] },
  },
  'incidents:timelines': { reviewId: 'r-abc' },
  'incidents:around': { reviewId: 'r-abc', incidentId: 'INC-2026-002', window: { startMinutes: -1440, endMinutes: 4320 } },
  'report:sign': { artifactId: 'a-1', role: '审核' },
  'report:verify': { artifactId: 'a-1', crlPath: '/tmp/ca.crl' },
  'file:save': { artifactId: 'a-1' },
  'key:import': { password: 'secret', path: '/tmp/k.p12' },
  'key:get': {},
  'settings:get': {},
  'settings:set': { patch: { reviewer: null, workers: 2, evidencePerRule: 10, defaultDeadlineDays: 30 } },
  'trust:list': {},
  'trust:add': { label: '锦州市数据局评估 CA', path: '/tmp/ca.pem', kind: 'root' },
  'trust:remove': { fingerprintSha256: 'AB:'.repeat(31) + 'AB' },
  'trust:register-operator': { reviewId: 'r-abc', label: '锦州数联' },
  'import:suggest': { kind: 'zip', path: '/tmp/raw.zip' },
  'import:check': { importId: 'i-abc', mapping: '{"format":"bundle-mapping/1","sources":[]}' },
  'import:run': { importId: 'i-abc', mapping: '{"format":"bundle-mapping/1","sources":[]}' },
  'import:save-mapping': { mapping: '{"format":"bundle-mapping/1","sources":[]}' },
};

function refused(channel: Channel, payload: unknown): string {
  const r = checkRequest(channel, payload);
  expect(r.ok, `${channel} accepted ${JSON.stringify(payload)?.slice(0, 200)}`).toBe(false);
  return r.ok ? '' : r.reason;
}

describe('the valid requests pass', () => {
  it.each(CHANNELS)('%s', (channel) => {
    expect(checkRequest(channel, VALID[channel])).toEqual({ ok: true, value: VALID[channel] });
  });

  it('optional fields may be absent or undefined', () => {
    expect(checkRequest('bundle:open', { runId: 'x' }).ok).toBe(true);
    expect(checkRequest('bundle:open', { runId: 'x', path: undefined }).ok).toBe(true);
    expect(checkRequest('report:verify', {}).ok).toBe(true);
    expect(checkRequest('key:import', { password: '' }).ok).toBe(true);
  });
});

describe('payloads of the wrong shape are refused on every channel', () => {
  const notObjects: unknown[] = [undefined, null, 0, 'x', true, [], [VALID['review:cancel']]];
  it.each(CHANNELS)('%s: not an object', (channel) => {
    for (const p of notObjects) refused(channel, p);
  });

  it.each(CHANNELS)('%s: an unexpected key', (channel) => {
    expect(refused(channel, { ...(VALID[channel] as object), extra: 1 })).toMatch(/unexpected key "extra"/);
  });

  it.each([
    ['bundle:open', { kind: 'zip' }, /missing "runId"/],
    ['bundle:open', { runId: '' }, /shorter than 1/],
    ['bundle:open', { runId: 'a'.repeat(65) }, /longer than 64/],
    ['bundle:open', { runId: '../x' }, /an id/],
    ['bundle:open', { runId: 'x', kind: 'dir' }, /one of folder, zip/],
    ['bundle:open', { runId: 'x', path: '' }, /shorter/],
    ['bundle:open', { runId: 'x', path: '/tmp/a\u0000b' }, /NUL/],
    ['bundle:open', { runId: 'x', path: 'p'.repeat(4097) }, /longer than 4096/],
    ['bundle:open', { runId: 'x', path: 42 }, /expected a string/],
    ['bundle:open', { runId: 'x', period: { start: '2026-12-31', end: '2026-01-01' } }, /starts after it ends/],
    ['bundle:open', { runId: 'x', period: { start: '2026/01/01', end: '2026-12-31' } }, /a date/],
    ['bundle:open', { runId: 'x', profile: 'default' }, /expected an object/],
    ['bundle:open', { runId: 'x', profile: { rules: { 'rm -rf': { enabled: false } } } }, /key "rm -rf" is not allowed/],
    ['bundle:open', { runId: 'x', profile: { rules: { 'JZ-06-01': { enabled: 'no' } } } }, /true or false/],
    ['bundle:open', { runId: 'x', profile: { rules: { 'JZ-06-01': { weight: 2 } } } }, /unexpected key "weight"/],
    ['bundle:open', { runId: 'x', profile: { rules: { 'JZ-17-01': { params: { 'Max Gap': 1 } } } } }, /not allowed/],
    ['bundle:open', { runId: 'x', profile: { rules: { 'JZ-17-01': { params: { max_log_gap_hours: { a: 'x' } } } } } }, /expected a number, text/],
    ['bundle:open', { runId: 'x', profile: { rules: { 'JZ-17-01': { params: { max_log_gap_hours: [1, 2] } } } } }, /expected a number, text/],
    ['bundle:open', { runId: 'x', profile: { maxEvidence: -1 } }, /outside 0\.\.1000000/],
    ['bundle:open', { runId: 'x', profile: { waivers: [{ ruleId: 'JZ-06-01', justification: 'x', reviewer: 'y' }] } }, /missing "expires"/],
    ['bundle:open', { runId: 'x', profile: { extends: 'other' } }, /unexpected key "extends"/],
    ['review:cancel', { runId: 7 }, /expected a string/],
    ['report:build', { reviewId: 'r', decisions: { overrides: [{ ruleId: 'JZ-06-01', to: 'maybe', reason: 'x' }] } }, /expected one of/],
    ['report:build', { reviewId: 'r', decisions: { overrides: [{ ruleId: 'rm -rf', to: 'pass', reason: 'x' }] } }, /a rule id/],
    ['report:build', { reviewId: 'r', decisions: { comments: [{ text: '' }] } }, /shorter than 1/],
    ['report:build', { reviewId: 'r', waivers: [{ ruleId: 'JZ-06-01', justification: 'x', reviewer: 'y' }] }, /missing "expires"/],
    ['report:build', { reviewId: 'r', reviewer: { name: '' } }, /shorter than 1/],
    ['report:build', { reviewId: 'r', decisions: { overrides: 'all' } }, /expected a list/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], hash: 'ABCD'.repeat(16) }] }, /SHA-256 in lower-case hex/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], prevHash: undefined }] }, /missing "prevHash"/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], seq: 0 }] }, /outside 1\.\./],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], seq: 1.5 }] }, /whole number/],
    ['report:build', { reviewId: 'r', reviewLog: [LOG[0], LOG[2]] }, /not numbered one after another/],
    ['report:build', { reviewId: 'r', reviewLog: [LOG[1], LOG[0]] }, /not numbered one after another/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], action: 'rm -rf' }] }, /a log action/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], action: 'x-' }] }, /a log action/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[1], ruleId: 'JZ-06-01; DROP' }] }, /a rule id or \*/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], signature: 'x' }] }, /unexpected key "signature"/],
    ['report:build', { reviewId: 'r', reviewLog: [{ ...LOG[0], who: 'w'.repeat(201) }] }, /longer than 200/],
    ['report:build', { reviewId: 'r', reviewLog: LOG[0] }, /expected a list/],
    ['report:build', { reviewId: 'r', incidents: { judgments: [{ episodeKey: 'k', verdict: 'maybe', note: '' }] } }, /one of explained, needs_incident_report/],
    ['report:build', { reviewId: 'r', incidents: { judgments: [{ episodeKey: '', verdict: 'explained', note: '' }] } }, /shorter than 1/],
    ['report:build', { reviewId: 'r', incidents: { judgments: [{ episodeKey: 'k', verdict: 'explained', note: 'n'.repeat(2001) }] } }, /longer than 2000/],
    ['report:build', { reviewId: 'r', incidents: { judgments: [{ episodeKey: 'k', verdict: 'explained', note: '', at: 'yesterday 10am' }] } }, /a date or date-time/],
    // The page cannot hand main timelines to print: main draws them from the bundle it holds.
    ['report:build', { reviewId: 'r', incidents: { judgments: [], timelines: [{ id: 'INC-FAKE', verdict: 'on_time' }] } }, /unexpected key "timelines"/],
    ['report:build', { reviewId: 'r', incidents: {} }, /missing "judgments"/],
    ['incidents:timelines', { reviewId: '../r' }, /an id/],
    ['incidents:timelines', {}, /missing "reviewId"/],
    ['incidents:around', { reviewId: 'r', incidentId: 'INC-1' }, /missing "window"/],
    ['incidents:around', { reviewId: 'r', incidentId: '', window: { startMinutes: -60, endMinutes: 60 } }, /shorter than 1/],
    ['incidents:around', { reviewId: 'r', incidentId: 'I'.repeat(201), window: { startMinutes: -60, endMinutes: 60 } }, /longer than 200/],
    ['incidents:around', { reviewId: 'r', incidentId: 'INC-1', window: { startMinutes: 60, endMinutes: 60 } }, /start before it ends/],
    ['incidents:around', { reviewId: 'r', incidentId: 'INC-1', window: { startMinutes: 120, endMinutes: -60 } }, /start before it ends/],
    ['incidents:around', { reviewId: 'r', incidentId: 'INC-1', window: { startMinutes: -600_000, endMinutes: 60 } }, /outside/],
    ['incidents:around', { reviewId: 'r', incidentId: 'INC-1', window: { startMinutes: -1.5, endMinutes: 60 } }, /whole number/],
    ['incidents:around', { reviewId: 'r', incidentId: 'INC-1', window: { startMinutes: '-24h', endMinutes: 60 } }, /whole number/],
    ['incidents:around', { reviewId: 'r', incidentId: 'INC-1', window: { startMinutes: -60, endMinutes: 60, maxRows: 1e9 } }, /unexpected key "maxRows"/],
    ['report:verify', { artifactId: 'a', path: '/tmp/x.pdf' }, /not both/],
    ['key:import', { path: '/tmp/k.p12' }, /missing "password"/],
    ['key:import', { password: 'p'.repeat(1025) }, /longer than 1024/],
    ['settings:set', { patch: { workers: 17 } }, /outside 0\.\.16/],
    ['settings:set', { patch: { workers: 1.5 } }, /whole number/],
    ['settings:set', { patch: { evidencePerRule: '10' } }, /whole number/],
    ['settings:set', {}, /missing "patch"/],
  ] as [Channel, unknown, RegExp][])('%s refuses %j', (channel, payload, why) => {
    expect(refused(channel, payload)).toMatch(why);
  });
});

describe('oversize payloads are refused', () => {
  it('a long string beyond the channel limit', () => {
    expect(refused('settings:set', { patch: { reviewer: { name: '张', organisation: 'x'.repeat(DEFAULT_LIMITS.maxSize) } } })).toMatch(/larger than/);
  });

  it('too many items, before any guard runs', () => {
    const comments = Array.from({ length: 2000 }, () => ({ text: 'x' }));
    expect(refused('report:build', { reviewId: 'r', decisions: { comments } })).toMatch(/more than 1000 items/);
    expect(refused('review:cancel', { runId: 'x', pad: Array.from({ length: 30_000 }, () => 0) })).toMatch(/too many values|larger than/);
  });

  it('deep nesting', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(refused('settings:set', { patch: deep })).toMatch(/nested deeper/);
  });

  it('report:build has room for a real review with a full log but not for megabytes more', () => {
    const overrides = Array.from({ length: 400 }, (_, i) => ({ ruleId: 'JZ-06-01', to: 'pass', reason: `理由 ${i} `.repeat(100) }));
    const full = logOf(REPORT_LOG_MAX);
    const judgments = Array.from({ length: 300 }, (_, i) => ({ episodeKey: `bulk_transfer|u${i}|logs/a.csv:${i}`, verdict: 'explained', note: '说明'.repeat(200) }));
    expect(checkRequest('report:build', { reviewId: 'r', decisions: { overrides }, reviewLog: full, incidents: { judgments } }).ok).toBe(true);
    // Its tail is fine too; one entry more than the cap is not.
    expect(checkRequest('report:build', { reviewId: 'r', reviewLog: full.slice(100) }).ok).toBe(true);
    expect(refused('report:build', { reviewId: 'r', reviewLog: [...full, ...logOf(REPORT_LOG_MAX + 1).slice(REPORT_LOG_MAX)] })).toMatch(new RegExp(`more than ${REPORT_LOG_MAX} items`));
    const huge = Array.from({ length: 5000 }, (_, i) => ({ episodeKey: `k${i}`, verdict: 'explained', note: 'x'.repeat(2000) }));
    expect(refused('report:build', { reviewId: 'r', incidents: { judgments: huge } })).toMatch(/larger than/);
  });
});

describe('prototype-pollution keys are refused at any depth', () => {
  const cases: [string, unknown][] = [
    ['__proto__ from JSON.parse', JSON.parse('{"runId":"x","__proto__":{"polluted":true}}')],
    ['nested __proto__', JSON.parse('{"patch":{"reviewer":{"name":"a","__proto__":{"admin":true}}}}')],
    ['constructor', { runId: 'x', constructor: { prototype: { polluted: true } } }],
    ['prototype', { patch: { prototype: {} } }],
    ['inside a list', JSON.parse('{"reviewId":"r","waivers":[{"__proto__":{}}]}')],
  ];
  it('in a profile\'s rule map and parameter map', () => {
    expect(refused('bundle:open', JSON.parse('{"runId":"x","profile":{"rules":{"__proto__":{"enabled":false}}}}'))).toMatch(/forbidden key/);
    expect(refused('bundle:open', JSON.parse('{"runId":"x","profile":{"rules":{"JZ-06-01":{"params":{"constructor":1}}}}}'))).toMatch(/forbidden key/);
    expect(({} as Record<string, unknown>).enabled).toBeUndefined();
  });
  it.each(cases)('%s', (_label, payload) => {
    for (const channel of ['review:cancel', 'settings:set', 'report:build'] as Channel[]) {
      expect(refused(channel, payload)).toMatch(/forbidden key/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('only plain data passes', () => {
  it.each([
    ['a Date', { runId: new Date() }],
    ['a Map', { runId: new Map() }],
    ['a typed array', { runId: new Uint8Array(4) }],
    ['a class instance', { runId: new (class X { a = 1 })() }],
    ['NaN', { patch: { workers: NaN } }],
    ['Infinity', { patch: { workers: Infinity } }],
    ['a bigint', { runId: 1n }],
    ['a function', { runId: () => 'x' }],
    ['a symbol key', { runId: 'x', [Symbol('s')]: 1 }],
    ['a getter', Object.defineProperty({ runId: 'x' }, 'other', { get: () => 1, enumerable: true })],
  ])('%s', (_label, payload) => {
    expect(inspectPayload(payload)).not.toBeNull();
  });

  it('a cycle', () => {
    const a: Record<string, unknown> = { runId: 'x' };
    a.self = a;
    expect(inspectPayload(a)).toMatch(/itself|deeper/);
  });

  it('a null-prototype object is plain', () => {
    const o = Object.assign(Object.create(null) as object, { runId: 'x' });
    expect(checkRequest('review:cancel', o).ok).toBe(true);
  });
});

describe('channels', () => {
  it('only the contract channels exist, not inherited names', () => {
    for (const c of CHANNELS) expect(isChannel(c)).toBe(true);
    for (const c of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'bundle:Open', 'shell:openExternal', '', null]) {
      expect(isChannel(c)).toBe(false);
    }
    expect(Object.keys(REQUEST_GUARDS).sort()).toEqual([...CHANNELS].sort());
  });

  it('checkRequest refuses an unknown channel', () => {
    expect(checkRequest('constructor' as Channel, {}).ok).toBe(false);
  });
});

describe('event guards', () => {
  it('accept a progress event and refuse a forged one', () => {
    const ok = { runId: 'r', phase: 'logs', bytesDone: 10, bytesTotal: 20, events: 5, eventsPerSecond: 100, etaSeconds: null };
    expect(EVENT_GUARDS['review:progress'](ok)).toBeNull();
    expect(EVENT_GUARDS['review:progress']({ ...ok, phase: 'pwned' })).not.toBeNull();
    expect(EVENT_GUARDS['review:progress']({ ...ok, bytesDone: -1 })).not.toBeNull();
    expect(EVENT_GUARDS['menu:command']({ command: 'open-folder' })).toBeNull();
    expect(EVENT_GUARDS['menu:command']({ command: 'eval' })).not.toBeNull();
  });
});
