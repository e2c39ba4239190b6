// Every command with arguments and files that cannot be used: exit 2 with a message naming
// what to fix, never exit 3 (kept for bugs) and never a stack trace.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/testing.js';
import { sampleBundle } from '../fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-commands-'));
const at = (f: string) => join(dir, f);
let home: string | undefined;
beforeAll(() => {
  home = process.env.COMPLIANCE_DESK_HOME;
  process.env.COMPLIANCE_DESK_HOME = at('home');
  process.env.CD_CMD_PASS = 'pass';
  writeFileSync(at('garbage.bin'), Buffer.from('not what it claims to be \u0000\u0001'));
  writeFileSync(at('garbage.json'), '{"unterminated": ');
  mkdirSync(at('folder'));
});
afterAll(() => {
  process.env.COMPLIANCE_DESK_HOME = home;
  delete process.env.CD_CMD_PASS;
  rmSync(dir, { recursive: true, force: true });
});

const missing = () => at('missing');
const CASES: [string, () => string[]][] = [
  ['check: a missing bundle', () => ['check', missing()]],
  ['check: a garbage zip', () => ['check', at('garbage.bin')]],
  ['check: a missing profile', () => ['check', sampleBundle('clean'), '--profile', missing(), '--out', at('o1')]],
  ['check: a garbage profile', () => ['check', sampleBundle('clean'), '--profile', at('garbage.json'), '--out', at('o2')]],
  ['check: a missing signing key', () => ['check', sampleBundle('clean'), '--format', 'pdf', '--sign', missing(), '--out', at('o3'), '--quiet']],
  ['check: a garbage signing key', () => ['check', sampleBundle('clean'), '--format', 'pdf', '--sign', at('garbage.bin'), '--pass-env', 'CD_CMD_PASS', '--out', at('o4'), '--quiet']],
  ['verify: a folder that is no bundle', () => ['verify', at('folder')]],
  ['verify: a missing package', () => ['verify', at('missing.cdreview')]],
  ['verify: a missing --crl', () => ['verify', sampleBundle('clean'), '--crl', missing()]],
  ['verify: a garbage --crl', () => ['verify', sampleBundle('clean'), '--crl', at('garbage.bin')]],
  ['verify: a missing --trust file', () => ['verify', sampleBundle('clean'), '--trust', missing()]],
  ['sign: a missing report', () => ['sign', missing(), '--sign', at('garbage.bin'), '--out', at('s.pdf')]],
  ['sign: a report that is no PDF', () => ['sign', at('garbage.bin'), '--sign', at('garbage.bin'), '--out', at('s.pdf')]],
  ['keygen: --out in a missing folder', () => ['keygen', '--out', join(missing(), 'k.p12'), '--name', '张三', '--pass-env', 'CD_CMD_PASS']],
  ['incidents: a missing bundle', () => ['incidents', missing()]],
  ['bundle make: a missing folder', () => ['bundle', 'make', missing()]],
  ['bundle make: a garbage key', () => ['bundle', 'make', at('folder'), '--key', at('garbage.bin')]],
  ['bundle keygen: --out in a missing folder', () => ['bundle', 'keygen', '--out', join(missing(), 'k')]],
  ['package make: missing findings', () => ['package', 'make', '--findings', missing(), '--out', at('p.cdreview')]],
  ['package make: garbage findings', () => ['package', 'make', '--findings', at('garbage.json'), '--out', at('p.cdreview')]],
  ['package import: missing decisions', () => ['package', 'import', at('garbage.bin'), '--decisions', missing()]],
  ['trust add: a missing file', () => ['trust', 'add', missing()]],
  ['trust add: a garbage file', () => ['trust', 'add', at('garbage.bin')]],
  ['trust add: an operator key with a bad credit code', () => ['trust', 'add', at('garbage.bin'), '--operator', '123']],
  ['trust remove: nothing by that name', () => ['trust', 'remove', 'nobody']],
  ['trust export: --out in a missing folder', () => ['trust', 'export', '--out', join(missing(), 'x.pem')]],
  ['ca init: --out in a missing folder', () => ['ca', 'init', '--out', join(missing(), 'ca.p12'), '--name', 'CN=CA', '--pass-env', 'CD_CMD_PASS']],
  ['ca issue: a missing CA', () => ['ca', 'issue', '--ca', missing(), '--out', at('i.p12'), '--name', 'CN=张三']],
  ['ca issue: a garbage CA', () => ['ca', 'issue', '--ca', at('garbage.bin'), '--ca-pass-env', 'CD_CMD_PASS', '--out', at('i.p12'), '--name', 'CN=张三']],
  ['ca revoke: a garbage CA', () => ['ca', 'revoke', '--ca', at('garbage.bin'), '--ca-pass-env', 'CD_CMD_PASS', '--serial', '01', '--out', at('c.crl')]],
];

describe('every command refuses what it cannot use with exit 2', () => {
  it.each(CASES)('%s', async (_, args) => {
    const r = await runCli(args());
    expect(r.err, r.err).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
    expect(r.code, r.err).toBe(2);
    expect(r.err.trim().length).toBeGreaterThan(10);
  });
});

// Outputs that cannot be written, for every command with --out: a parent that is a regular
// file (ENOTDIR), a name longer than NAME_MAX (ENAMETOOLONG), a folder the file system
// refuses even to root (/sys/kernel), and a path that already exists as the wrong kind.
describe('an --out that cannot be written is exit 2 with a Chinese message naming it', () => {
  const made = { ca: '', key: '', findings: '', report: '' };
  beforeAll(async () => {
    made.ca = at('ca.p12');
    made.key = at('key.p12');
    expect((await runCli(['ca', 'init', '--out', made.ca, '--name', 'CN=测试根', '--alg', 'ecdsa', '--pass-env', 'CD_CMD_PASS'])).code).toBe(0);
    expect((await runCli(['keygen', '--out', made.key, '--name', '张三', '--alg', 'ecdsa', '--pass-env', 'CD_CMD_PASS'])).code).toBe(0);
    expect((await runCli(['check', sampleBundle('clean'), '--out', at('review'), '--format', 'json,pdf', '--quiet'])).code).toBe(0);
    made.findings = join(at('review'), 'findings.json');
    made.report = join(at('review'), 'report.pdf');
  }, 60_000);

  const commands: [string, (out: string) => string[]][] = [
    ['check', (out) => ['check', sampleBundle('clean'), '--out', out, '--format', 'json', '--quiet']],
    ['sign', (out) => ['sign', made.report, '--sign', made.key, '--pass-env', 'CD_CMD_PASS', '--out', out]],
    ['keygen', (out) => ['keygen', '--out', out, '--name', '张三', '--alg', 'ecdsa', '--pass-env', 'CD_CMD_PASS']],
    ['bundle keygen', (out) => ['bundle', 'keygen', '--out', out]],
    ['package make', (out) => ['package', 'make', '--findings', made.findings, '--sign', made.key, '--pass-env', 'CD_CMD_PASS', '--out', out]],
    ['trust export', (out) => ['trust', 'export', '--out', out]],
    ['ca init', (out) => ['ca', 'init', '--out', out, '--name', 'CN=CA', '--alg', 'ecdsa', '--pass-env', 'CD_CMD_PASS']],
    ['ca issue', (out) => ['ca', 'issue', '--ca', made.ca, '--ca-pass-env', 'CD_CMD_PASS', '--out', out, '--name', 'CN=李四', '--alg', 'ecdsa', '--pass-env', 'CD_CMD_PASS']],
    ['ca revoke', (out) => ['ca', 'revoke', '--ca', made.ca, '--ca-pass-env', 'CD_CMD_PASS', '--serial', '01', '--out', out]],
  ];
  const outs: [string, (command: string) => string][] = [
    ['whose parent is a regular file', () => join(at('garbage.json'), 'out')],
    ['with a name longer than NAME_MAX', () => at('长'.repeat(100))],
    ['under /sys, which root cannot write either', () => '/sys/kernel/cd-out'],
    // check writes into a folder, the others write a file: each is given the other kind.
    ['that already exists as the wrong kind', (command) => (command === 'check' ? at('garbage.json') : at('folder'))],
  ];
  const cases = commands.flatMap(([command, args]) => outs.map(([what, out]) => [command, what, args, out] as const));

  it.each(cases)('%s: --out %s', async (command, _, args, makeOut) => {
    const out = makeOut(command);
    const r = await runCli(args(out));
    expect(r.err, r.err).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(out);
    expect(r.err).toMatch(/无法|不存在|不是文件夹|名称过长|没有权限|不允许|是文件夹|已存在/);
  });

  it('check: an existing folder that root cannot write into is refused before the review', async () => {
    const r = await runCli(['check', sampleBundle('clean'), '--out', '/sys/kernel', '--format', 'json']);
    expect(r.code, r.err).toBe(2);
    // The refusal of prepareOutDir, not that of the first output written after the review.
    expect(r.err).toContain('--out /sys/kernel 无法写入');
    expect(r.err).not.toContain('findings.json');
  });
});
