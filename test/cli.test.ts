// The command as users run it: the compiled bin, real processes, real files.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runTool } from './tools.js';
import { SPEC, sampleBundle } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'compliance-desk.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cd-cli-'));
}

const schema = JSON.parse(readFileSync(join(SPEC, 'findings.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('compliance-desk check', () => {
  it('reviews the full sample: exit 1, findings.json in the schema, JUnit with one case per rule', () => {
    const out = tmp();
    const r = cli(['check', sampleBundle('full'), '--out', out, '--format', 'json,junit']);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([join(out, 'findings.json'), join(out, 'findings.junit.xml')]);
    expect(r.stderr).toMatch(/logs .*100%.*events.*ev\/s/);
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(validate(findings), JSON.stringify(validate.errors)).toBe(true);
    expect(findings.results).toHaveLength(47);
    expect(findings.stats.events).toBe(10770);
    expect(findings.summary.conclusion).toBe('non_compliant');
    const xml = readFileSync(join(out, 'findings.junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases).toHaveLength(47);
    expect(cases.filter((c: object) => 'failure' in c)).toHaveLength(findings.summary.fail);
    expect(cases.filter((c: object) => 'skipped' in c)).toHaveLength(findings.summary.needs_review + findings.summary.insufficient_evidence);
  });

  it('reviews the clean sample with exit 0 and no progress when quiet', () => {
    const out = tmp();
    const r = cli(['check', sampleBundle('clean'), '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')).summary.conclusion).toBe('compliant');
  });

  it('applies a profile: changed parameters listed, a disabled rule gone, a waived fail not counted', () => {
    const out = tmp();
    const profile = join(out, 'profile.json');
    writeFileSync(profile, JSON.stringify({
      rules: { 'JZ-17-01': { params: { max_log_gap_hours: 200 } }, 'JZ-06-02': { enabled: false } },
      waivers: [{ ruleId: 'JZ-16-02', justification: '制度修订中', reviewer: '王审查', approvalDoc: '锦数函〔2026〕8号', expires: '2099-12-31' }],
    }));
    const r = cli(['check', sampleBundle('full'), '--out', out, '--profile', profile, '--quiet']);
    expect(r.code).toBe(1);
    const f = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(f.profile.changedParams).toEqual({ 'JZ-17-01': { max_log_gap_hours: 200 } });
    expect(f.results.map((x: { ruleId: string }) => x.ruleId)).not.toContain('JZ-06-02');
    const waived = f.results.find((x: { ruleId: string }) => x.ruleId === 'JZ-16-02');
    expect(waived.status).toBe('fail');
    expect(waived.waiver).toMatchObject({ reviewer: '王审查', approvalDoc: '锦数函〔2026〕8号' });
  });

  it.each([
    [['check'], /missing required argument 'bundle'/],
    [['check', '/nonexistent/bundle'], /nonexistent/],
    [['check', sampleBundle('clean'), '--format', 'json,docx'], /--format docx/],
    [['check', sampleBundle('clean'), '--period', '2026-13-01..2026-12-31'], /--period/],
    [['check', sampleBundle('clean'), '--bogus'], /bogus/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a profile with a wrong parameter type, naming it', () => {
    const dir = tmp();
    const profile = join(dir, 'p.json');
    writeFileSync(profile, JSON.stringify({ rules: { 'JZ-17-01': { params: { max_log_gap_hours: 'two days' } } } }));
    const r = cli(['check', sampleBundle('clean'), '--out', dir, '--profile', profile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.JZ-17-01\.params\.max_log_gap_hours must be (integer|number), got "two days"/);
  });
});

describe('compliance-desk verify <bundle>', () => {
  it('names the changed and unlisted files of the full sample (exit 1)', () => {
    const r = cli(['verify', sampleBundle('full')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/被改动\s+agreement\.json/);
    expect(r.stdout).toMatch(/未列入清单\s+notes\.txt/);
    expect(r.stdout).toMatch(/^未通过：证据包与其清单不符。$/m);
  });

  it('passes the clean sample (exit 0)', () => {
    const r = cli(['verify', sampleBundle('clean')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^通过：每个文件都与清单一致。$/m);
  });
});

describe('compliance-desk rules', () => {
  it('lists all 47 rules with articles, severities and parameter defaults', () => {
    const r = cli(['rules', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rules).toHaveLength(47);
    const gap = out.rules.find((x: { id: string }) => x.id === 'JZ-17-01');
    expect(gap).toMatchObject({ article: 17, severity: 'high' });
    expect(gap.params.max_log_gap_hours.default).toBe(72);
    const text = cli(['rules']);
    expect(text.stdout).toContain('JZ-21-02  第21条  high');
    expect(text.stdout).toMatch(/report_deadline_minutes = \{"especially_major":240/);
  });
});

describe('npm run demo', () => {
  it('reviews the bundled sample: findings.json in the schema and a signed report', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'demo.js')], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    const findings = JSON.parse(readFileSync(join(ROOT, 'review-out', 'findings.json'), 'utf8'));
    expect(validate(findings), JSON.stringify(validate.errors)).toBe(true);
    expect(findings.bundle.operatorName).toBe('锦州数智运营有限公司');
    expect(findings.results).toHaveLength(47);
    const sig = runTool('pdfsig', [join(ROOT, 'review-out', 'report.pdf')]);
    expect(sig.stdout).toContain('Signature is Valid');
  });
});
