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
