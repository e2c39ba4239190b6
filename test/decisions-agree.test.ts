// One truth for decisions: random sequences of overrides, judgments, waivers (some expired),
// comments and rectifications over random results, and every output — the workbench's
// standing, the report, xlsx, csv, junit and OSCAL — must give each rule the same final
// status, the same waiver in force and the same conclusion. Seeded, so a failure repeats.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildXlsx, SHEETS } from '../src/main/services/export/xlsx.js';
import type { Conclusion, RuleResult, Status } from '../src/shared/engine/types.js';
import { parseCsv } from '../src/shared/bundle/csv.js';
import { toCsv } from '../src/shared/export/csv.js';
import { toJunit } from '../src/shared/export/junit.js';
import { toOscal } from '../src/shared/export/oscal.js';
import { countsOf, effectiveResults } from '../src/shared/report/build.js';
import { CONCLUSION_ZH, STATUS_ZH, STATUSES } from '../src/shared/report/labels.js';
import { testMetas } from '../src/shared/report/testing.js';
import { standingOf, toReportDecisions } from '../src/shared/review/effective.js';
import { makeFindings } from '../src/shared/review/testing.js';
import { DECISION_KINDS, type Decision } from '../src/shared/review/types.js';

const SEQUENCES = 1000;
const SEED = 20261205;

/** mulberry32: a small, well-known seeded generator. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

type Rng = ReturnType<typeof random>;

const DAY = (d: number) => new Date(Date.UTC(2027, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

function results(rng: Rng): RuleResult[] {
  const base = makeFindings().results;
  return base.map((r) => {
    const status = rng.pick(STATUSES);
    const profileWaiver = status === 'fail' && rng.int(5) === 0
      ? { ruleId: r.ruleId, justification: '配置豁免', reviewer: '数据局', expires: DAY(rng.int(60) - 30) }
      : null;
    return { ...r, status, waiver: profileWaiver };
  });
}

function decisions(rng: Rng, ids: string[]): Decision[] {
  const n = rng.int(12);
  const out: Decision[] = [];
  for (let i = 0; i < n; i++) {
    const kind = rng.pick(DECISION_KINDS);
    // Times may tie and come out of order: the order of the list must not decide.
    const at = new Date(Date.UTC(2027, 0, 1, 8, rng.int(30))).toISOString();
    const d: Decision = { ruleId: rng.pick(ids), kind, reason: `理由 ${i}`, reviewer: rng.pick(['审查员甲', '审查员乙']), at };
    if (kind === 'override' || kind === 'judgment') d.status = rng.pick(STATUSES);
    if (kind === 'waiver') d.expires = DAY(rng.int(60) - 30);
    if (kind === 'rectification') d.deadline = DAY(90);
    out.push(d);
  }
  return out;
}

interface Verdict {
  status: Status;
  waived: boolean;
}

function fromStatusText(text: string): Status {
  // Longest names first: 不符合 before 符合.
  const s = [...STATUSES].sort((a, b) => STATUS_ZH[b].length - STATUS_ZH[a].length).find((x) => text.startsWith(STATUS_ZH[x]));
  if (!s) throw new Error(`no status in "${text}"`);
  return s;
}

async function xlsxVerdicts(buffer: Buffer): Promise<{ rules: Record<string, Status>; conclusion: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const rules: Record<string, Status> = {};
  wb.getWorksheet(SHEETS.findings)!.eachRow((row, n) => {
    if (n > 1) rules[String(row.getCell(1).value)] = fromStatusText(String(row.getCell(5).value));
  });
  let conclusion = '';
  wb.getWorksheet(SHEETS.summary)!.eachRow((row) => {
    if (row.getCell(1).value === '复核后结论') conclusion = String(row.getCell(2).value);
  });
  return { rules, conclusion };
}

describe('the status after decisions is one truth', () => {
  it(`${SEQUENCES} random decision sequences: workbench, report, xlsx, csv, junit and OSCAL agree`, async () => {
    const rng = random(SEED);
    const metas = testMetas();
    for (let i = 0; i < SEQUENCES; i++) {
      const rs = results(rng);
      const ds = decisions(rng, rs.map((r) => r.ruleId));
      const asOf = DAY(rng.int(20) - 10);
      const findings = { ...makeFindings({ results: rs }), generatedAt: `${asOf}T09:00:00+08:00` };
      const where = `sequence ${i} (seed ${SEED}): ${JSON.stringify({ statuses: rs.map((r) => [r.ruleId, r.status, r.waiver?.expires]), ds, asOf })}`;

      const standing = standingOf(rs, ds, asOf);
      const truth: Record<string, Verdict> = Object.fromEntries(standing.rules.map((e) => [e.result.ruleId, { status: e.status, waived: e.waiver !== null }]));

      const report = effectiveResults({ findings, rules: metas, reportId: 'CD-P', reportDate: asOf, ...toReportDecisions(ds) });
      expect(Object.fromEntries(report.map((e) => [e.result.ruleId, { status: e.status, waived: e.waiver !== null }])), `report, ${where}`).toEqual(truth);
      expect(countsOf(report).conclusion, `report conclusion, ${where}`).toBe(standing.conclusion);

      const [header, ...rows] = parseCsv(toCsv(findings, { decisions: ds, asOf }).replace(/^\ufeff/, '')).records.map((r) => r.fields);
      const col = (name: string) => header.indexOf(name);
      expect(Object.fromEntries(rows.map((c) => [c[col('rule_id')], { status: c[col('status')] as Status, waived: c[col('waived_until')] !== '' }])), `csv, ${where}`).toEqual(truth);

      const junit = toJunit(findings, ds, asOf);
      const cases = [...junit.matchAll(/<testcase classname="[^"]*" name="(JZ-\d\d-\d\d)[^"]*">([\s\S]*?)<\/testcase>/g)];
      expect(Object.fromEntries(cases.map(([, id, body]) => [id, /<failure /.test(body)])), `junit, ${where}`)
        .toEqual(Object.fromEntries(Object.entries(truth).map(([id, v]) => [id, v.status === 'fail' && !v.waived])));

      type Prop = { name: string; value: string };
      const ar = toOscal(findings, { decisions: ds }).assessmentResults as { 'assessment-results': { results: { props: Prop[]; findings: { props: Prop[]; target: { status: { remarks: string } } }[] }[] } };
      const result = ar['assessment-results'].results[0];
      expect(result.props.find((p) => p.name === 'conclusion')?.value, `OSCAL conclusion, ${where}`).toBe(standing.conclusion);
      expect(Object.fromEntries(result.findings.map((f) => {
        const remarks = f.target.status.remarks;
        return [f.props.find((p) => p.name === 'rule-id')!.value, { status: fromStatusText(remarks), waived: remarks.includes('已豁免') }];
      })), `OSCAL, ${where}`).toEqual(truth);

      // The workbook is the slowest output: every tenth sequence, a thousand-odd cells in all.
      if (i % 10 === 0) {
        const x = await xlsxVerdicts(await buildXlsx(findings, { decisions: ds, asOf }));
        expect(x.rules, `xlsx, ${where}`).toEqual(Object.fromEntries(Object.entries(truth).map(([id, v]) => [id, v.status])));
        expect(x.conclusion, `xlsx conclusion, ${where}`).toBe(CONCLUSION_ZH[standing.conclusion as Conclusion]);
      }
    }
  }, 120_000);
});
