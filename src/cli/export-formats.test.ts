import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReview } from '../main/services/engine/run-review.js';
import { parseCsv } from '../shared/bundle/csv.js';
import type { Findings } from '../shared/engine/assess.js';
import { toJunit } from '../shared/export/junit.js';
import { AP_FILE, AR_FILE } from '../shared/export/oscal.js';
import { DEFAULT_PACK_ID, packById } from '../shared/rules/packs.js';
import { decision } from '../shared/review/testing.js';
import { writeFormats } from './export-formats.js';
import { sampleBundle } from '../../test/fixtures.js';

const BUNDLE = sampleBundle('full');
let findings: Findings;
let out: string;

beforeAll(async () => {
  findings = await runReview(BUNDLE, { pack: packById(DEFAULT_PACK_ID), tool: { name: 'compliance-desk', version: 'test' }, workers: 0, now: new Date('2027-01-06T01:00:00Z') });
  out = mkdtempSync(join(tmpdir(), 'cd-export-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('writeFormats on the full sample', () => {
  it('writes oscal, xlsx and csv, leaves json/junit/pdf to the caller', async () => {
    const written = await writeFormats(findings, out, ['json', 'oscal', 'xlsx', 'csv', 'junit', 'pdf'], {
      reviewer: '审查员甲', bundlePath: BUNDLE,
      decisions: [decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reason: '有合理解释' })],
    });
    expect(written).toEqual([join(out, AR_FILE), join(out, AP_FILE), join(out, 'findings.xlsx'), join(out, 'findings.csv')]);
    expect(await writeFormats(findings, out, ['json', 'junit'])).toEqual([]);
  });

  it('CSV: one row per rule', () => {
    const text = readFileSync(join(out, 'findings.csv'), 'utf8');
    const { records, errors } = parseCsv(text.replace(/^\ufeff/, ''));
    expect(errors).toEqual([]);
    expect(records.slice(1).map((r) => r.fields[0])).toEqual(findings.results.map((r) => r.ruleId));
    expect(records.slice(1).find((r) => r.fields[0] === 'JZ-12-02')!.fields[3]).toBe('pass');
  });

  it('JUnit: one test case per rule', () => {
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testcase' }).parse(toJunit(findings));
    expect(doc.testsuites.testsuite.testcase).toHaveLength(findings.results.length);
  });

  it('Excel: the rule and evidence sheets hold every rule and item', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'findings.xlsx'));
    expect(wb.getWorksheet('检查结果')!.rowCount).toBe(1 + findings.results.length);
    expect(wb.getWorksheet('证据')!.rowCount).toBe(1 + findings.results.reduce((n, r) => n + r.evidence.length, 0));
  });

  it('OSCAL: evidence carries the SHA-256 of the bundle file it is in', () => {
    const ar = JSON.parse(readFileSync(join(out, AR_FILE), 'utf8'))['assessment-results'];
    const obs = ar.results[0].observations.find((o: any) => o.props.some((p: any) => p.name === 'rule-id' && p.value === 'JZ-06-01'));
    const ev = obs['relevant-evidence'][0];
    const file = ev.props.find((p: any) => p.name === 'file').value as string;
    const sha = ev.props.find((p: any) => p.name === 'file-sha256').value as string;
    expect(sha).toBe(createHash('sha256').update(readFileSync(join(BUNDLE, file))).digest('hex'));
    const ap = readFileSync(join(out, AP_FILE), 'utf8');
    const res = ar['back-matter'].resources.find((r: any) => `#${r.uuid}` === ar['import-ap'].href);
    expect(res.rlinks[0].hashes[0].value).toBe(createHash('sha256').update(ap).digest('hex'));
  });
});
