import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../test/tools.js';
import { generateSigningKey, generateSm2Keys } from '../main/services/crypto/keygen.js';
import { readP12, writeP12 } from '../main/services/crypto/p12.js';
import { testCa, testSigner } from '../main/services/crypto/testing.js';
import { readCertificate } from '../main/services/crypto/x509.js';
import { verifyReport } from '../main/services/pdf/verify.js';
import { testFindings } from '../shared/report/testing.js';
import { formatReportVerification, writeReport } from './report-output.js';
import { UsageError } from './usage.js';

/** The certificate inside a PKCS#12 file written by this test. */
function readSigningKeyCert(path: string): Buffer {
  return readP12(readFileSync(path), '口令').certDer;
}

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
    const paths = await writeReport(testFindings(), out, { signP12Paths: [p12Path], passEnvs: ['CD_REPORT_PASS'], sm2KeyPath: sm2Key });
    expect(paths).toEqual([join(out, 'report.pdf'), join(out, 'report.pdf.sm2.sig')]);
    const signerCert = readCertificate(readSigningKeyCert(p12Path));
    const trust = { anchors: [{ cert: signerCert, label: '张三', kind: 'certificate' as const }], crls: [] };
    const v = await verifyReport(paths[0], { sm2PublicKeyPem: readFileSync(sm2Pub, 'utf8'), trust });
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.signatures[0].signer?.commonName).toBe('张三');
    const text = formatReportVerification(v);
    expect(text).toContain('张三');
    expect(text).toContain('SM2 旁路签名：有效');
    expect(text).toMatch(/^通过：/m);
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
    expect(formatReportVerification(v)).toContain('未签名');
  });

  it('refuses a wrong passphrase or a missing variable as a usage error', async () => {
    process.env.CD_WRONG = 'nope';
    await expect(writeReport(testFindings(), join(dir, 'x'), { signP12Paths: [p12Path], passEnvs: ['CD_WRONG'] })).rejects.toThrow(UsageError);
    await expect(writeReport(testFindings(), join(dir, 'x'), { signP12Paths: [p12Path], passEnvs: ['CD_UNSET_VAR'] })).rejects.toThrow(/not set/);
    delete process.env.CD_WRONG;
  });

  it('two signers in turn (编制, then 审核) under one CA: both signatures trusted and intact, and pdfsig agrees', async () => {
    const ca = testCa('CN=锦州市数据局评估 CA, O=锦州市数据局');
    const p12Of = (name: string, file: string) => {
      const who = testSigner({ name, ca });
      const path = join(dir, file);
      writeFileSync(path, writeP12({ privateKey: who.key, certDer: who.cert.der, chainDer: [ca.cert.der], password: '口令', friendlyName: name }));
      return path;
    };
    const out = join(dir, 'two');
    const [pdfPath] = await writeReport(testFindings(), out, {
      signP12Paths: [p12Of('CN=张三, O=锦州市数据局', 'a.p12'), p12Of('CN=李四, O=锦州市数据局', 'b.p12')], passEnvs: ['CD_REPORT_PASS'],
    });
    const v = await verifyReport(pdfPath, { trust: { anchors: [{ cert: ca.cert, label: '评估 CA', kind: 'root' }], crls: [] } });
    expect(v.ok).toBe(true);
    expect(v.signatures.map((s) => [s.role, s.signer?.commonName, s.indication, s.integrity.state, s.certified])).toEqual([
      ['编制', '张三', 'TOTAL_PASSED', 'intact', 2],
      ['审核', '李四', 'TOTAL_PASSED', 'intact', null],
    ]);
    // The first signature is followed by the second one only, which a certification with P=2 allows.
    expect(v.signatures[0].after).toMatchObject({ updates: 1, onlyLaterSignatures: true, changes: [] });
    const pdfsig = runTool('pdfsig', [pdfPath]).stdout;
    expect(pdfsig.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(formatReportVerification(v)).toMatch(/签名 1（编制）[\s\S]*签名 2（审核）[\s\S]*^通过：/m);
  });
});
