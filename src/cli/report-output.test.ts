import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../test/tools.js';
import { generateSigningKey, generateSm2Keys } from '../main/services/crypto/keygen.js';
import { verifyReport } from '../main/services/pdf/verify.js';
import { testFindings } from '../shared/report/testing.js';
import { formatReportVerification, writeReport } from './report-output.js';
import { UsageError } from './usage.js';

let dir: string;
let p12Path: string;
let sm2Key: string;
let sm2Pub: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-report-out-'));
  process.env.CD_REPORT_PASS = '口令';
  p12Path = join(dir, 'key.p12');
  writeFileSync(p12Path, generateSigningKey({ name: 'CN=张三, O=锦州市数据局', password: '口令', alg: 'ecdsa' }).p12);
  const sm2 = generateSm2Keys('口令');
  sm2Key = join(dir, 'sm2.key.pem');
  sm2Pub = join(dir, 'sm2.pub.pem');
  writeFileSync(sm2Key, sm2.privateKeyPem);
  writeFileSync(sm2Pub, sm2.publicKeyPem);
});
afterAll(() => {
  delete process.env.CD_REPORT_PASS;
  rmSync(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('writes a signed report and its SM2 sidecar; verify names the certificate holder as signer and reviewer', async () => {
    const out = join(dir, 'out');
    const paths = await writeReport(testFindings(), out, { signP12Path: p12Path, passEnv: 'CD_REPORT_PASS', sm2KeyPath: sm2Key });
    expect(paths).toEqual([join(out, 'report.pdf'), join(out, 'report.pdf.sm2.sig')]);
    const v = await verifyReport(paths[0], { sm2PublicKeyPem: readFileSync(sm2Pub, 'utf8') });
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.signatures[0].signer?.commonName).toBe('张三');
    const text = formatReportVerification(v);
    expect(text).toContain('CN=张三, O=锦州市数据局');
    expect(text).toContain('SM2 sidecar: valid');
    expect(text).toMatch(/^OK: /m);
    const pdfText = runTool('pdftotext', ['-enc', 'UTF-8', paths[0], '-']).stdout;
    expect(pdfText).toContain('锦州市公共数据资源授权运营管理办法');
    expect(pdfText).toContain('签署人：张三');
    expect(pdfText).toContain('锦州市数据局');
  });

  it('writes an unsigned report without a key; verify says it is not signed', async () => {
    const out = join(dir, 'plain');
    const paths = await writeReport(testFindings(), out, { reviewer: '王五' });
    expect(paths).toEqual([join(out, 'report.pdf')]);
    const v = await verifyReport(paths[0]);
    expect(v.ok).toBe(false);
    expect(v.attachment.matchesReport).toBe(true);
    expect(formatReportVerification(v)).toContain('not signed');
  });

  it('refuses a wrong passphrase or a missing variable as a usage error', async () => {
    process.env.CD_WRONG = 'nope';
    await expect(writeReport(testFindings(), join(dir, 'x'), { signP12Path: p12Path, passEnv: 'CD_WRONG' })).rejects.toThrow(UsageError);
    await expect(writeReport(testFindings(), join(dir, 'x'), { signP12Path: p12Path, passEnv: 'CD_UNSET_VAR' })).rejects.toThrow(/not set/);
    delete process.env.CD_WRONG;
  });
});
