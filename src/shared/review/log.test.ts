import { describe, expect, it } from 'vitest';
import { appendLogEntry, entryHash, verifyLog } from './log.js';
import { GENESIS_HASH, type ReviewLogEntry } from './types.js';

function sampleLog(): ReviewLogEntry[] {
  let log: ReviewLogEntry[] = [];
  log = appendLogEntry(log, { at: '2027-01-07T09:00:00+08:00', who: '审查员甲', action: 'case_open' });
  log = appendLogEntry(log, {
    at: '2027-01-07T09:05:00+08:00', who: '审查员甲', action: 'decision_add', ruleId: 'JZ-12-02',
    before: null, after: { kind: 'judgment', status: 'pass', reason: 'HHI 偏高但有合理解释' },
  });
  log = appendLogEntry(log, { at: '2027-01-07T09:10:00+08:00', who: '审查员甲', action: 'report_issue', after: { reportId: 'R-1' } });
  return log;
}

describe('review log hash chain', () => {
  it('chains entries from the genesis hash and verifies', () => {
    const log = sampleLog();
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(log[0].prevHash).toBe(GENESIS_HASH);
    expect(log[1].prevHash).toBe(log[0].hash);
    expect(log[2].prevHash).toBe(log[1].hash);
    expect(log[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyLog(log)).toEqual({ ok: true, entries: 3, head: log[2].hash });
  });

  it('does not change the log it appends to', () => {
    const log = sampleLog();
    const copy = JSON.parse(JSON.stringify(log));
    appendLogEntry(log, { at: '2027-01-08T00:00:00+08:00', who: '乙', action: 'x-note' });
    expect(log).toEqual(copy);
  });

  it('survives a JSON round trip (what is hashed is what is saved)', () => {
    const log = appendLogEntry(sampleLog(), { at: '2027-01-08T00:00:00+08:00', who: '乙', action: 'x-note', after: { a: undefined, b: [1, undefined] } });
    expect(verifyLog(JSON.parse(JSON.stringify(log))).ok).toBe(true);
  });

  it('hashes the canonical form: key order does not matter', () => {
    const [e] = sampleLog();
    const reordered = { hash: e.hash, prevHash: e.prevHash, after: e.after, before: e.before, action: e.action, who: e.who, at: e.at, seq: e.seq };
    expect(entryHash(reordered)).toBe(e.hash);
  });

  it('names the entry that was changed', () => {
    const log = sampleLog();
    (log[1].after as { status: string }).status = 'fail';
    const v = verifyLog(log);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.seq).toBe(2);
      expect(v.problem).toContain('第 2 条');
      expect(v.problem).toContain('改动');
    }
  });

  it('detects a dropped entry and a re-hashed entry that no longer chains', () => {
    const log = sampleLog();
    const dropped = [log[0], log[2]];
    const v1 = verifyLog(dropped);
    expect(v1.ok).toBe(false);
    if (!v1.ok) expect(v1.seq).toBe(2);

    // Recomputing one entry's own hash is not enough: the next entry's prevHash gives it away.
    const forged = sampleLog();
    forged[0] = { ...forged[0], who: '他人' };
    forged[0].hash = entryHash(forged[0]);
    const v2 = verifyLog(forged);
    expect(v2.ok).toBe(false);
    if (!v2.ok) {
      expect(v2.seq).toBe(2);
      expect(v2.problem).toContain('prevHash');
    }
  });

  it('refuses entries that are not objects or lack members', () => {
    expect(verifyLog([null]).ok).toBe(false);
    expect(verifyLog([{ seq: 1 }]).ok).toBe(false);
    expect(verifyLog([]).ok).toBe(true);
  });
});

describe('a segment of the log (its latest entries)', () => {
  it('verifies the tail of a longer log, from its first entry\'s prevHash', async () => {
    const { verifyLogSegment } = await import('./log.js');
    const log = sampleLog();
    expect(verifyLogSegment(log.slice(1))).toEqual({ ok: true, entries: 2, head: log[2].hash });
    // A whole log is checked as verifyLog checks it, from the genesis hash.
    expect(verifyLogSegment(log)).toEqual(verifyLog(log));
    expect(verifyLogSegment([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('names a changed entry, a gap and a broken link inside the tail', async () => {
    const { verifyLogSegment } = await import('./log.js');
    const changed = sampleLog().slice(1);
    (changed[1].after as { reportId: string }).reportId = 'R-2';
    expect(verifyLogSegment(changed)).toMatchObject({ ok: false, seq: 3, problem: expect.stringContaining('hash 与内容不符') });
    const log = sampleLog();
    const extra = appendLogEntry(log, { at: '2027-01-08T00:00:00+08:00', who: '乙', action: 'x-note' });
    expect(verifyLogSegment([extra[1], extra[3]])).toMatchObject({ ok: false, seq: 3, problem: expect.stringContaining('序号') });
    const relinked = sampleLog().slice(1);
    relinked[1] = { ...relinked[1], prevHash: GENESIS_HASH };
    expect(verifyLogSegment(relinked)).toMatchObject({ ok: false, seq: 3, problem: expect.stringContaining('prevHash') });
    // A first entry without a usable seq cannot be placed.
    expect(verifyLogSegment([{ ...sampleLog()[1], seq: 0 }])).toMatchObject({ ok: false });
  });
});
