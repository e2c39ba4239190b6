// The demo bundle is also a fixture: the engine must find exactly the breaches planted in
// it (samples/jinzhou-demo/BREACHES.md) and nothing else.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReview } from '../src/main/services/engine/run-review.js';
import type { Findings } from '../src/shared/engine/assess.js';
import { DEFAULT_PACK_ID, packById } from '../src/shared/rules/packs.js';

const BUNDLE = join(import.meta.dirname, '..', 'samples', 'jinzhou-demo', 'bundle');
const FAIL = ['JZ-06-01', 'JZ-07-03', 'JZ-10-02', 'JZ-10-03', 'JZ-11-01', 'JZ-15-01', 'JZ-17-01', 'JZ-17-02', 'JZ-21-02'];

describe('the demo bundle', () => {
  let f: Findings;
  beforeAll(async () => {
    f = await runReview(BUNDLE, { pack: packById(DEFAULT_PACK_ID), tool: { name: 'compliance-desk', version: 'test' }, workers: 0 });
  });

  it('gives every rule the status BREACHES.md documents', () => {
    const status = Object.fromEntries(f.results.map((r) => [r.ruleId, r.status]));
    for (const [id, s] of Object.entries(status)) {
      const want = FAIL.includes(id) ? 'fail' : id === 'JZ-21-03' ? 'needs_review' : id === 'JZ-24-01' ? 'not_applicable' : 'pass';
      expect(s, id).toBe(want);
    }
    expect(f.summary.conclusion).toBe('non_compliant');
  });

  it('points at the planted events and rows', () => {
    const ids = (id: string) => f.results.find((r) => r.ruleId === id)!.evidence.map((e) => e.eventId ?? e.rowId);
    expect(ids('JZ-06-01')).toEqual(['JZ2603-01151']);
    expect(ids('JZ-07-03')).toEqual(['JZ2607-01165']);
    expect(ids('JZ-10-02')).toEqual(['JZ2605-01508']);
    expect(ids('JZ-10-03')).toEqual(['JZ2606-01128']);
    expect(ids('JZ-11-01')).toEqual(['JZ2604-00455', 'JZ2604-00461', 'JZ2604-00470']);
    expect(ids('JZ-15-01')).toEqual(['U1021']);
    expect(ids('JZ-21-02')).toEqual(['INC-2026-02']);
    expect(f.results.find((r) => r.ruleId === 'JZ-21-03')!.evidenceCount).toBe(25);
    const gap = f.results.find((r) => r.ruleId === 'JZ-17-01')!;
    expect(gap.evidence).toHaveLength(1);
    expect(gap.evidence[0]).toMatchObject({ file: 'logs/2026-08.csv', line: 262 });
  });

  it('reports the two broken lines as input errors with file and line', () => {
    const errors = f.inputIssues.filter((i) => i.severity === 'error').map((i) => [i.file, i.line]);
    expect(errors).toEqual([['logs/2026-05.csv', 1796], ['logs/2026-10.jsonl', 797]]);
  });
});
