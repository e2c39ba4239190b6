// Raw exports made from both samples in three shapes (raw-exports.ts) import, by mappings
// written by hand (test/fixtures/import/*.mapping.json), into bundles whose review gives the
// sample's expected statuses and evidence, each evidence item pointing at the export's own
// file and row. JZ-17-03 judges the bundle's own manifest, which an import writes anew: the
// full sample's tampered manifest cannot survive an import, so that rule is compared apart.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importBundle } from '../../src/main/services/import/import-bundle.js';
import type { ImportReport } from '../../src/shared/import/report.js';
import { runReview } from '../../src/main/services/engine/run-review.js';
import type { Findings } from '../../src/shared/engine/assess.js';
import type { Mapping } from '../../src/shared/import/mapping.js';
import { sourcePlaceText, type Provenance } from '../../src/shared/import/provenance.js';
import { buildReport } from '../../src/shared/report/build.js';
import { DEFAULT_PACK_ID, packById } from '../../src/shared/rules/packs.js';
import { REPO, SAMPLE_NAMES, sampleExpected } from '../fixtures.js';
import { makeRawExport, SHAPES } from './raw-exports.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Expected { events: number; rules: Record<string, { status: string; eventIds: string[]; rowIds: string[] }> }

const mapping = (shape: string) => JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'import', `${shape}.mapping.json`), 'utf8')) as Mapping;

describe.each(SHAPES.flatMap((shape) => SAMPLE_NAMES.map((sample) => [shape, sample] as const)))('the %s export of sample "%s"', (shape, sample) => {
  const expected = JSON.parse(readFileSync(sampleExpected(sample), 'utf8')) as Expected;
  let report: ImportReport;
  let findings: Findings;

  it('imports with every row mapped, every value named and every time read', async () => {
    const raw = await makeRawExport(sample, shape, dir);
    report = await importBundle(raw, mapping(shape), { out: join(dir, `${sample}-${shape}-bundle`) });
    expect(report.unmatched).toEqual([]);
    expect(report.unused).toEqual([]);
    // The sample's own bad times (unreadable on purpose) are the only problems an import may report.
    const problems = report.problems.filter((p) => !/的时间 “/.test(p.message));
    expect(problems).toEqual([]);
    findings = await runReview(report.out!, { pack: packById(DEFAULT_PACK_ID), tool: { name: 'compliance-desk', version: 'test' }, workers: 0, now: new Date('2027-01-06T01:00:00Z') });
  }, 120_000);

  it('gives every rule the sample\'s status, and points at the same events and rows', () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const r of findings.results) {
      if (r.ruleId === 'JZ-17-03') continue;
      const w = expected.rules[r.ruleId];
      got.push(`${r.ruleId} ${r.status} ${[...new Set(r.evidence.map((e) => e.eventId).filter(Boolean))].sort().join(',')} | ${[...new Set(r.evidence.map((e) => e.rowId).filter(Boolean))].sort().join(',')}`);
      want.push(`${r.ruleId} ${w?.status} ${[...(w?.eventIds ?? [])].sort().join(',')} | ${[...(w?.rowIds ?? [])].sort().join(',')}`);
    }
    expect(got).toEqual(want);
    expect(findings.stats.events).toBe(expected.events);
  });

  it('carries the export\'s own file and row on every evidence item from an imported log or table', () => {
    const imported = findings.results.flatMap((r) => r.evidence).filter((e) => e.line && (e.file.startsWith('logs/') || /\.csv$/.test(e.file) || e.file === 'incidents.json'));
    if (sample === 'full') {
      expect(imported.length).toBeGreaterThan(0);
      // The report prints it under the bundle's file, in Chinese.
      const { doc } = buildReport({ findings, rules: packById(DEFAULT_PACK_ID).rules.map((r) => r.meta), reportId: 'CD-TEST', reportDate: '2027-01-06' });
      expect(JSON.stringify(doc.content)).toContain(sourcePlaceText(imported[0].source!, 'zh'));
    }
    const without = imported.filter((e) => !e.source);
    expect(without.map((e) => `${e.file}:${e.line}`)).toEqual([]);
    // Every row written is in provenance.json: its runs add up to the rows each bundle file received.
    const provenance = JSON.parse(readFileSync(join(report.out!, 'provenance.json'), 'utf8')) as Provenance;
    const covered = Object.fromEntries(Object.entries(provenance.files).map(([f, segs]) => [f, segs.reduce((n, s) => n + s.lines[1] - s.lines[0] + 1, 0)]));
    expect(covered).toEqual(report.targets);
  });
});
