import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../engine/sha256.js';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-07-03.js';

type Ev = Record<string, string>;
const ZERO = '0'.repeat(64);

const ev = (id: string, extra: Ev = {}): Ev => ({
  event_id: id, ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action: 'login', resource_type: 'system', resource: 'PLATFORM',
  result: 'success', ...extra,
});

const digest = (prev: string, e: Ev) => sha256Hex([prev, e.event_id, e.ts, e.actor, e.action, e.resource, e.result].join('|'));

/** Link events into a valid chain (bundle-v1.md logs/). */
function chain(events: Ev[]): Ev[] {
  let prev = ZERO;
  return events.map((e) => {
    const hash = digest(prev, e);
    const out = { ...e, prev_hash: prev, hash };
    prev = hash;
    return out;
  });
}

const ids = (out: ReturnType<typeof runRule>) => out.evidence?.items.map((i) => [i.file, i.line, i.eventId]);

describe('JZ-07-03', () => {
  it('hashes the fields exactly as written (known vector)', () => {
    expect(chain([ev('E1')])[0].hash).toBe('a03452080c73b68aa2a81ed801d27931bc15192d0b26860717c7fdeded9fe9ec');
  });

  it('passes when every hashed file verifies, and reports files without hashes as unchecked', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': chain([
          ev('E1'),
          // Fields are hashed as written: padded actor, Chinese action, slash date, empty ts, failed and old events.
          ev('E2', { actor: ' u2 ', action: '查询', ts: '2026/03/01 11:00:00' }),
          ev('E3', { ts: '' }),
          ev('E4', { result: 'failure', ts: '2025-01-01T00:00:00+08:00' }),
        ]),
        'logs/b.jsonl': chain([ev('E5'), ev('E6')]),
        'logs/legacy.jsonl': [ev('L1'), ev('L2')],
      },
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({
      hashedFiles: ['logs/a.jsonl', 'logs/b.jsonl'], unhashedFiles: ['logs/legacy.jsonl'], checkedEvents: 6, breaks: 0,
    });
    expect(out.message).toContain('logs/legacy.jsonl');
  });

  it('fails on a tampered event, a deleted event and an unparseable line, naming each break once', () => {
    const a = chain([ev('E1'), ev('E2'), ev('E3'), ev('E4')]);
    a[1] = { ...a[1], actor: 'intruder' }; // fields edited after hashing: E2's own hash no longer matches
    const b = chain([ev('E5'), ev('E6'), ev('E7'), ev('E8')]);
    b.splice(1, 1); // E6 deleted: E7's prev_hash points at a missing event
    const c: (Ev | string)[] = chain([ev('E9'), ev('E10'), ev('E11')]);
    c[1] = '{"event_id": "E10", broken'; // a line that does not parse breaks the chain at the next event
    const out = runRule(rule, { logs: { 'logs/a.jsonl': a, 'logs/b.jsonl': b, 'logs/c.jsonl': c } });
    expect(out.status).toBe('fail');
    expect(ids(out)).toEqual([
      ['logs/a.jsonl', 2, 'E2'],
      ['logs/b.jsonl', 2, 'E7'],
      ['logs/c.jsonl', 3, 'E11'],
    ]);
    expect(out.figures).toMatchObject({ breaks: 3, hashMismatch: 1, prevHashMismatch: 2, missingHash: 0 });
  });

  it('restarts the chain at 64 zeros in every file', () => {
    const a = chain([ev('E1'), ev('E2')]);
    const b = chain([ev('E3'), ev('E4')]);
    // b continues a's chain instead of starting at zeros: its first event breaks.
    const prev = a[1].hash;
    const b1 = { ...ev('E3'), prev_hash: prev, hash: digest(prev, ev('E3')) };
    const out = runRule(rule, { logs: { 'logs/a.jsonl': a, 'logs/b.jsonl': [b1, { ...b[1], prev_hash: b1.hash, hash: digest(b1.hash, ev('E4')) }] } });
    expect(out.status).toBe('fail');
    expect(ids(out)).toEqual([['logs/b.jsonl', 1, 'E3']]);
  });

  it('treats events without hash in a hash-chained file as breaks, including leading ones', () => {
    const linked = chain([ev('E1'), ev('E2'), ev('E3'), ev('E4')]);
    const { hash: _h, prev_hash: _p, ...bare1 } = linked[0];
    const { hash: _h2, ...noHash3 } = linked[2];
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [bare1, linked[1], noHash3, linked[3]] } });
    expect(out.status).toBe('fail');
    // E1 lacks its hash; E3 lacks its hash; E4's prev_hash has nothing to match. E2's prev_hash is E1's real hash, but E1 wrote none.
    expect(ids(out)).toEqual([
      ['logs/a.jsonl', 1, 'E1'],
      ['logs/a.jsonl', 2, 'E2'],
      ['logs/a.jsonl', 3, 'E3'],
      ['logs/a.jsonl', 4, 'E4'],
    ]);
    expect(out.figures).toMatchObject({ missingHash: 2, checkedEvents: 4 });
  });

  it('is case-sensitive: an upper-case hash does not verify', () => {
    const a = chain([ev('E1')]);
    a[0] = { ...a[0], hash: a[0].hash.toUpperCase() };
    expect(ids(runRule(rule, { logs: { 'logs/a.jsonl': a } }))).toEqual([['logs/a.jsonl', 1, 'E1']]);
  });

  it('needs review when no log file carries hashes', () => {
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [ev('E1')], 'logs/b.jsonl': [ev('E2')] } });
    expect(out.status).toBe('needs_review');
    expect(out.figures).toMatchObject({ unhashedFiles: ['logs/a.jsonl', 'logs/b.jsonl'] });
  });

  it('lacks evidence without logs', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
