// Issue 4's acceptance through the command: a signed report of the full sample that
// poppler verifies, with every font embedded and the findings in its text.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleBundle, sampleExpected } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'compliance-desk.js');
const env = { ...process.env, CD_TEST_PASS: '口令-passphrase' };

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function poppler(tool: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('check --format json,pdf --sign', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-report-'));
  const pdf = join(dir, 'out', 'report.pdf');
  let expected: { rules: Record<string, { eventIds: string[]; rowIds: string[] }> };

  beforeAll(() => {
    const key = cli(['keygen', '--out', join(dir, 'k.p12'), '--name', 'CN=张审查,O=锦州市数据局', '--pass-env', 'CD_TEST_PASS']);
    expect(key.code, key.stderr).toBe(0);
    const r = cli(['check', sampleBundle('full'), '--out', join(dir, 'out'), '--format', 'json,pdf',
      '--sign', join(dir, 'k.p12'), '--pass-env', 'CD_TEST_PASS', '--reviewer', '张审查', '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    expected = JSON.parse(readFileSync(sampleExpected('full'), 'utf8'));
  });

  it('is a signature pdfsig calls valid, by the Chinese-named signer', () => {
    const r = poppler('pdfsig', [pdf]);
    expect(r.out).toContain('Signature is Valid');
    expect(r.out).toContain('张审查');
    expect(r.out).toContain('Total document signed');
  });

  it('embeds every font', () => {
    const lines = poppler('pdffonts', [pdf]).out.trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.split(/\s+/).slice(-5)[0], l).toBe('yes');
  });

  it('holds the operator, the conclusion, each article heading and the evidence ids as text', () => {
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('锦州数据运营有限公司');
    expect(text).toContain('不合格');
    for (const heading of ['第六条', '第七条', '第十条', '第十一条', '第十七条', '第二十一条', '第二十五条']) expect(text).toContain(heading);
    // The report prints the first evidence items of each rule; each of those ids must be there.
    for (const id of ['E00002168', 'E00006303', 'PR04', 'S06', 'INC-2026-002', 'u001', 'POL-03']) expect(text).toContain(id);
    expect(Object.keys(expected.rules)).toHaveLength(47);
  });

  it('verifies with the command once the signer is trusted, and a one-byte change fails both pdfsig and verify', () => {
    // A self-made key is nobody's until the reader pins its fingerprint, compared out of band.
    const untrusted = cli(['verify', pdf]);
    expect(untrusted.code).toBe(1);
    const asJson = JSON.parse(cli(['verify', pdf, '--json']).stdout) as { signatures: { subIndication: string; signer: { fingerprintSha256: string } }[] };
    expect(asJson.signatures[0].subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
    const fingerprint = asJson.signatures[0].signer.fingerprintSha256;
    expect(untrusted.stdout).toContain(fingerprint);
    const ok = cli(['verify', pdf, '--trust', fingerprint]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^通过：/m);
    const bytes = readFileSync(pdf);
    const changed = join(dir, 'changed.pdf');
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at] ^ 0x01;
    writeFileSync(changed, bytes);
    expect(poppler('pdfsig', [changed]).out).not.toContain('Signature is Valid');
    const bad = cli(['verify', changed, '--trust', fingerprint]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^未通过：签名无效/m);
  });
});
