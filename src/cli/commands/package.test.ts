import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readPackageEntries } from '../../main/services/review-package/index.js';
import { appendLogEntry } from '../../shared/review/log.js';
import { decision, makeFindings } from '../../shared/review/testing.js';
import { expectRefused, runCli } from '../testing.js';
import { runVerifyPackage } from './package.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'main', 'services', 'review-package', 'fixtures');
let dir: string;
let stdout: string;
let stderr: string;
let home: string | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-pkg-cli-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  process.env.CD_TEST_P12 = 'test-only';
  // A trust store of this test's own, empty at each test.
  home = process.env.COMPLIANCE_DESK_HOME;
  process.env.COMPLIANCE_DESK_HOME = dir;
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CD_TEST_P12;
  process.env.COMPLIANCE_DESK_HOME = home;
  rmSync(dir, { recursive: true, force: true });
});

async function makeAs(who: 'a' | 'b', decisions: ReturnType<typeof decision>[]): Promise<string> {
  const findings = join(dir, `findings-${who}.json`);
  writeFileSync(findings, JSON.stringify(makeFindings()));
  const d = join(dir, `decisions-${who}.json`);
  writeFileSync(d, JSON.stringify(decisions));
  const log = join(dir, `log-${who}.json`);
  writeFileSync(log, JSON.stringify(decisions.reduce((l, x) => appendLogEntry(l, { at: x.at, who: x.reviewer, action: 'decision_add', ruleId: x.ruleId, after: x }), appendLogEntry([], { at: '2027-01-07T09:00:00+08:00', who: x0(decisions), action: 'case_open' }))));
  const out = join(dir, `${who}.cdreview`);
  const p12 = join(FIXTURES, who === 'a' ? 'reviewer-a-rsa.p12' : 'reviewer-b-ecdsa.p12');
  expect(await pkgCli(['make', '--findings', findings, '--decisions', d, '--log', log, '--sign', p12, '--pass-env', 'CD_TEST_P12', '--out', out])).toBe(0);
  return out;
}
/** `package …` through the command line, its output added to what the test has seen. */
async function pkgCli(args: string[]): Promise<number> {
  const r = await runCli(['package', ...args]);
  stdout += r.out;
  stderr += r.err;
  return r.code;
}
const x0 = (ds: { reviewer: string }[]) => ds[0]?.reviewer ?? 'x';

describe('compliance-desk package', () => {
  it('makes, verifies and imports beside one\'s own decisions', async () => {
    const pkg = await makeAs('a', [decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reason: '有合理解释', reviewer: '审查员甲' })]);
    // Not yet trusted: the signature holds, but the signer is unknown to this reviewer.
    stdout = '';
    expect(await runVerifyPackage(pkg)).toBe(1);
    expect(stdout).toContain('签名人不在信任列表中');
    expect(stdout).toContain('未通过：签名人不可信或无法确认');
    stderr = '';
    expect(await pkgCli(['import', pkg])).toBe(1);
    expect(stderr).toContain('拒绝导入');
    expect((await runCli(['trust', 'add', join(FIXTURES, 'reviewer-a-rsa.p12'), '--pass-env', 'CD_TEST_P12', '--label', '审查员甲'])).code).toBe(0);
    stdout = '';
    expect(await runVerifyPackage(pkg)).toBe(0);
    expect(stdout).toContain('签名人：审查员甲');
    expect(stdout).toContain('TOTAL-PASSED');
    expect(stdout).toContain('通过：审查包与签名一致，签名人可信。');

    const mine = join(dir, 'mine.json');
    writeFileSync(mine, JSON.stringify([decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'fail', reason: '集中度过高', reviewer: '审查员乙' })]));
    stdout = '';
    expect(await pkgCli(['import', pkg, '--decisions', mine, '--json'])).toBe(0);
    const r = JSON.parse(stdout);
    const pair = r.pairs.find((p: any) => p.ruleId === 'JZ-12-02');
    expect(pair.mine.verdict.reviewer).toBe('审查员乙');
    expect(pair.theirs.verdict.reviewer).toBe('审查员甲');
    expect(pair.agreement).toBe('disagree');

    stdout = '';
    expect(await pkgCli(['import', pkg, '--decisions', mine])).toBe(0);
    expect(stdout).toMatch(/JZ-12-02\s+disagree\s+mine: 不符合（审查员乙：集中度过高）\s+\|\s+theirs: 符合（审查员甲：有合理解释）/);
  });

  it('verify refuses a changed package with exit 1 and names the entry', async () => {
    const pkg = await makeAs('b', [decision({ ruleId: 'JZ-06-01', kind: 'comment', reason: '证据充分', reviewer: '审查员乙' })]);
    const entries = await readPackageEntries(pkg);
    entries.set('findings.json', Buffer.from(entries.get('findings.json')!.toString().replace('"fail"', '"pass"')));
    const zip = new yazl.ZipFile();
    for (const [n, b] of entries) zip.addBuffer(b, n);
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
    const changed = join(dir, 'changed.cdreview');
    writeFileSync(changed, Buffer.concat(chunks));
    stdout = '';
    expect(await runVerifyPackage(changed)).toBe(1);
    expect(stdout).toMatch(/被改动\s+findings\.json/);
    expect(stdout).toContain('findings.json 在签名后被改动');
    expect(stdout).toContain('未通过：审查包在签名后被改动');
    stderr = '';
    expect(await pkgCli(['import', changed])).toBe(1);
    expect(stderr).toContain('拒绝导入');
    // Not a zip at all.
    const junk = join(dir, 'junk.cdreview');
    writeFileSync(junk, 'junk');
    expect(await runVerifyPackage(junk, { json: true })).toBe(1);
    expect(JSON.parse(stdout.slice(stdout.lastIndexOf('{\n  "ok"'))).ok).toBe(false);
  });

  it('refuses bad arguments and a wrong password', async () => {
    await expectRefused(['package', 'make', '--findings', 'x.json'], /--out/);
    await expectRefused(['package', 'make', '--findings', 'x', '--out', 'y'], /--sign/);
    const f = join(dir, 'f.json');
    writeFileSync(f, JSON.stringify(makeFindings()));
    process.env.CD_TEST_P12 = 'wrong';
    await expectRefused(['package', 'make', '--findings', f, '--out', join(dir, 'o.cdreview'), '--sign', join(FIXTURES, 'reviewer-a-rsa.p12'), '--pass-env', 'CD_TEST_P12'], /口令错误/);
    await expectRefused(['package', 'unpack'], /unknown command 'unpack'/);
    expect(readFileSync(f, 'utf8')).toContain('compliance-desk/findings/1');
  });
});
