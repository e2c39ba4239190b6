// End to end over the shared sample bundles: the engine must give exactly the statuses
// and evidence ids of each sample's expected.json.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runReview } from '../src/main/services/engine/run-review.js';
import { DEFAULT_PACK_ID, packById } from '../src/shared/rules/packs.js';
import type { Findings } from '../src/shared/engine/assess.js';
import { codeWordsIn } from '../src/shared/code-words.js';
import { figureProblems } from '../src/shared/engine/figures.js';
import { SAMPLE_NAMES, sampleBundle, sampleExpected, type SampleName } from './fixtures.js';

interface Expected {
  events: number;
  period: [string, string];
  rules: Record<string, { status: string; eventIds: string[]; rowIds: string[]; files?: string[] }>;
}

const cache = new Map<string, Promise<Findings>>();
export function review(name: SampleName): Promise<Findings> {
  if (!cache.has(name)) {
    cache.set(name, runReview(sampleBundle(name), {
      pack: packById(DEFAULT_PACK_ID), tool: { name: 'compliance-desk', version: 'test' }, workers: 0,
      now: new Date('2027-01-06T01:00:00Z'),
    }));
  }
  return cache.get(name)!;
}

for (const name of SAMPLE_NAMES) {
  describe(`sample "${name}"`, () => {
    const expected = JSON.parse(readFileSync(sampleExpected(name), 'utf8')) as Expected;

    it('reads exactly the expected number of events', async () => {
      const f = await review(name);
      expect(f.stats.events).toBe(expected.events);
      expect([f.period.start, f.period.end]).toEqual(expected.period);
    });

    it('gives every rule its expected status', async () => {
      const f = await review(name);
      const got = Object.fromEntries(f.results.map((r) => [r.ruleId, r.status]));
      const want = Object.fromEntries(Object.entries(expected.rules).map(([id, r]) => [id, r.status]));
      expect(got).toEqual(want);
    });

    it('points at exactly the expected events, rows and files', async () => {
      const f = await review(name);
      const mismatches: string[] = [];
      for (const r of f.results) {
        const want = expected.rules[r.ruleId];
        if (!want) continue;
        expect(r.evidence.length).toBe(Math.min(r.evidenceCount, 1000));
        const eventIds = [...new Set(r.evidence.map((e) => e.eventId).filter(Boolean))].sort();
        const rowIds = [...new Set(r.evidence.map((e) => e.rowId).filter(Boolean))].sort();
        if (JSON.stringify(eventIds) !== JSON.stringify([...want.eventIds].sort())) mismatches.push(`${r.ruleId} events ${JSON.stringify(eventIds)} != ${JSON.stringify(want.eventIds)}`);
        if (JSON.stringify(rowIds) !== JSON.stringify([...want.rowIds].sort())) mismatches.push(`${r.ruleId} rows ${JSON.stringify(rowIds)} != ${JSON.stringify(want.rowIds)}`);
        if (want.files) {
          const files = [...new Set(r.evidence.map((e) => e.file))].sort();
          if (JSON.stringify(files) !== JSON.stringify([...want.files].sort())) mismatches.push(`${r.ruleId} files ${JSON.stringify(files)} != ${JSON.stringify(want.files)}`);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('gives every rule figures that fit its declarations and messages written for people', async () => {
      const f = await review(name);
      const rules = new Map(packById(DEFAULT_PACK_ID).rules.map((r) => [r.meta.id, r]));
      const problems: string[] = [];
      for (const r of f.results) {
        const figures = figureProblems(r.figures, rules.get(r.ruleId)!.meta.figures);
        if (figures.length) problems.push(`${r.ruleId}: ${figures.join('; ')}`);
        const code = codeWordsIn(r.message);
        if (code.length) problems.push(`${r.ruleId} message: ${code.join(', ')}`);
        if (!r.messageEn.trim()) problems.push(`${r.ruleId}: no English message`);
      }
      for (const i of f.inputIssues) {
        const code = codeWordsIn(i.message);
        if (code.length) problems.push(`${i.file}:${i.line ?? ''} input issue: ${code.join(', ')}`);
      }
      expect(problems).toEqual([]);
    });
  });
}
