// End to end: render, sign, and check with the tools a reader would use (poppler's
// pdfsig / pdffonts / pdftotext / pdfdetach, OpenSSL) as well as verifyReport.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../../../test/tools.js';
import { TEST_RULES, testFindings, testMetas } from '../../../shared/report/testing.js';
import type { ReportInput } from '../../../shared/report/types.js';
import { generateSigningKey, generateSm2Keys } from '../crypto/keygen.js';
import { readP12, type SigningKey } from '../crypto/p12.js';
import { PdfFile, type PdfString } from './pdf-file.js';
import { renderReport } from './render.js';
import { signPdf } from './sign.js';
import { signSm2, verifySm2 } from '../crypto/sm2.js';
import { verifyReport, verifyReportBytes } from './verify.js';
import { readCertificate } from '../crypto/x509.js';
import type { TrustContext } from '../crypto/judge.js';

const run = runTool;

const PASS = '测试口令-pass';
let dir: string;
let rsaKey: SigningKey;
let ecKey: SigningKey;
/** The reader trusts the RSA signer's certificate itself (pinned). */
let trust: TrustContext;

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    findings: testFindings(),
    rules: testMetas(),
    reportId: 'CD-20270106-TEST',
    reportDate: '2027-01-06',
    reviewer: { name: '张三', organisation: '锦州市数据局', title: '复核员' },
    regulation: { title: '锦州市公共数据资源授权运营管理办法(试行)', docNo: '锦政规〔2025〕4号' },
    files: [{ path: 'manifest.json', bytes: 2048, sha256: '0123456789abcdef'.repeat(4) }],
    ...over,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-report-'));
  const rsa = generateSigningKey({ name: 'CN=张三, O=锦州市数据局, C=CN', password: PASS, alg: 'rsa' });
  rsaKey = readP12(rsa.p12, PASS);
  trust = { anchors: [{ cert: readCertificate(rsa.certDer), label: '张三', kind: 'certificate' }], crls: [] };
  const ec = generateSigningKey({ name: 'CN=李四, O=锦州市数据局', password: PASS, alg: 'ecdsa' });
  ecKey = readP12(ec.p12, PASS);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rendered and signed report', () => {
  let signedPath: string;
  let signed: Buffer;

  beforeAll(async () => {
    const { pdf } = await renderReport(input());
    signed = signPdf(pdf, rsaKey, { reason: '合规评估报告签发', location: '锦州', signingTime: new Date('2027-01-06T01:02:03Z') });
    signedPath = join(dir, 'report.pdf');
    writeFileSync(signedPath, signed);
  });

  it('pdfsig: the signature of a key with a Chinese subject is valid and covers the whole file', () => {
    const { out } = run('pdfsig', [signedPath]);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Signer Certificate Common Name: 张三');
    expect(out).toContain('O=锦州市数据局');
    expect(out).toContain('Total document signed');
    expect(out).toContain('adbe.pkcs7.detached');
  });

  it('pdfsig: an ECDSA P-256 signature is valid too', async () => {
    const { pdf } = await renderReport(input());
    const p = join(dir, 'ecdsa.pdf');
    writeFileSync(p, signPdf(pdf, ecKey));
    const { out } = run('pdfsig', [p]);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Common Name: 李四');
  });

  it('pdffonts: every font is embedded (and subset)', () => {
    const { out } = run('pdffonts', [signedPath]);
    const rows = out.split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      // name type encoding emb sub uni object gen: emb is the 4th column from the right of "yes yes yes N 0".
      expect(cols.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
    expect(out).toContain('NotoSansSC');
  });

  it('pdftotext: operator, conclusion, article headings and evidence ids are real text', () => {
    const { out } = run('pdftotext', ['-enc', 'UTF-8', signedPath, '-']);
    expect(out).toContain('锦州数据运营有限公司');
    expect(out).toContain('不合格');
    for (const h of ['第六条', '第七条', '第十条', '第十二条', '第十七条', '第二十一条']) expect(out).toContain(h);
    expect(out).toContain('E00000001');
    expect(out).toContain('E00000012');
    expect(out).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    expect(out).toContain('CD-20270106-TEST');
  });

  it('has bookmarks, metadata, PDF/A identification and the attached findings.json', () => {
    const info = run('pdfinfo', [signedPath]).out;
    expect(info).toContain('Title:           公共数据资源授权运营合规评估报告（锦州数据运营有限公司）');
    expect(info).toContain('Author:          张三（锦州市数据局）');
    expect(info).toMatch(/Keywords:.*summary pass=1;fail=3/);
    expect(info).toContain('Page size:       595.28 x 841.89 pts (A4)');
    const raw = signed.toString('latin1');
    expect(raw).toContain('/Outlines');
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('/AFRelationship /Source');
    // The XMP packet (pdfkit's plus the report's own fields) is well-formed XML.
    const file = new PdfFile(signed);
    const xmp = file.streamData(file.root().get('Metadata'))!.toString('utf8');
    expect(XMLValidator.validate(xmp)).toBe(true);
    expect(xmp).toContain('<cdr:finalSummary>pass=1;fail=3;');
    // Bookmarks: one per section, the articles under 二、逐条评估结果.
    const outline: string[] = [];
    const walk = (node: unknown, depth: number) => {
      let cur = file.dict(node as never)?.get('First');
      while (cur) {
        const d = file.dict(cur)!;
        outline.push('  '.repeat(depth) + (file.resolve(d.get('Title')) as PdfString).text());
        walk(cur, depth + 1);
        cur = d.get('Next');
      }
    };
    walk(file.root().get('Outlines'), 0);
    expect(outline.filter((t) => !t.startsWith(' '))).toEqual(['封面', '一、评估概要', '二、逐条评估结果', '三、复核意见', '四、豁免事项', '五、整改清单', '附录']);
    const arts = outline.slice(outline.indexOf('二、逐条评估结果') + 1, outline.indexOf('三、复核意见'));
    expect(arts).toEqual(['  第六条', '  第七条', '  第十条', '  第十二条', '  第十七条', '  第二十一条']);
    const list = run('pdfdetach', ['-list', signedPath]).out;
    expect(list).toContain('findings.json');
    const saved = join(dir, 'attached.json');
    run('pdfdetach', ['-save', '1', '-o', saved, signedPath]);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(testFindings());
  });

  it('verifyReport: valid, names the signer and the time, and the attachment matches the report', async () => {
    const v = await verifyReport(signedPath, { trust });
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.signatures).toHaveLength(1);
    const s = v.signatures[0];
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.signer?.commonName).toBe('张三');
    expect(s.signer?.subject).toContain('O=锦州市数据局');
    expect(s.signingTime).toBe('2027-01-06T01:02:03.000Z');
    expect(s.signer?.selfSigned).toBe(true);
    expect(s.signer?.keyType).toBe('RSA');
    expect(s.integrity.state).toBe('intact');
    // The same file without trusting the signer: intact, but not green.
    const unpinned = await verifyReport(signedPath);
    expect(unpinned.ok).toBe(false);
    expect(unpinned.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(v.attachment.matchesReport).toBe(true);
    expect(v.meta?.reportId).toBe('CD-20270106-TEST');
    expect(v.meta?.finalSummary?.conclusion).toBe('non_compliant');
  });

  it('one flipped byte: pdfsig and verifyReport both fail', async () => {
    for (const at of [2000, Math.floor(signed.length / 2), signed.length - 100]) {
      const b = Buffer.from(signed);
      b[at] ^= 0x01;
      const p = join(dir, `flip-${at}.pdf`);
      writeFileSync(p, b);
      const { out } = run('pdfsig', [p]);
      expect(out).not.toContain('Signature is Valid');
      const v = await verifyReport(p, { trust });
      expect(v.ok).toBe(false);
      expect(v.signatures.every((s) => s.indication === 'TOTAL_PASSED' && s.integrity.state === 'intact')).toBe(false);
    }
  });

  it('bytes appended after signing are reported', () => {
    const v = verifyReportBytes(Buffer.concat([signed, Buffer.from('\n1 0 obj\n<< >>\nendobj\n')]), { trust });
    expect(v.ok).toBe(false);
    expect(v.signatures[0].digestOk).toBe(true);
    expect(v.signatures[0].after.appendedBytes).toBeGreaterThan(0);
    expect(v.signatures[0].integrity.state).toBe('modified');
  });

  it('an unsigned report is not ok', async () => {
    const { pdf } = await renderReport(input());
    const v = verifyReportBytes(pdf);
    expect(v.signed).toBe(false);
    expect(v.ok).toBe(false);
    expect(v.attachment.matchesReport).toBe(true);
  });

  it('an attachment that does not say what the report says is caught', async () => {
    const other = testFindings();
    other.summary.fail = 0;
    other.summary.pass = 4;
    const { pdf } = await renderReport(input(), { findingsJson: JSON.stringify(other) });
    const v = verifyReportBytes(signPdf(pdf, rsaKey), { trust });
    expect(v.signatures[0].indication).toBe('TOTAL_PASSED');
    expect(v.attachment.countsConsistent).toBe(false);
    expect(v.attachment.matchesReport).toBe(false);
    expect(v.ok).toBe(false);
  });
});

describe('sizes of report', () => {
  it('1,000 failing evidence items render into a few pages, as does a report with no results', async () => {
    const big = await renderReport(input({ findings: testFindings({ bigEvidence: 1000 }) }));
    const bigPath = join(dir, 'big.pdf');
    writeFileSync(bigPath, signPdf(big.pdf, rsaKey));
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [bigPath]).out)![1]);
    expect(pages).toBeLessThan(15);
    expect(run('pdftotext', ['-enc', 'UTF-8', bigPath, '-']).out).toContain('共 1,000 条，此处列出前 20 条');
    expect(run('pdfsig', [bigPath]).out).toContain('Signature is Valid');

    const empty = await renderReport(input({ findings: testFindings({ empty: true }), reviewer: null, files: undefined }));
    const emptyPath = join(dir, 'empty.pdf');
    writeFileSync(emptyPath, signPdf(empty.pdf, rsaKey));
    const text = run('pdftotext', ['-enc', 'UTF-8', emptyPath, '-']).out;
    expect(text).toContain('本次评估没有启用任何规则');
    expect(run('pdfsig', [emptyPath]).out).toContain('Signature is Valid');
    expect((await verifyReport(emptyPath, { trust })).ok).toBe(true);
  });

  it('a character missing from the font is shown as its code point, not an empty box', async () => {
    const f = testFindings();
    f.results[0].evidence[0].excerpt = 'emoji 🚀 here';
    const { pdf } = await renderReport(input({ findings: f }));
    const p = join(dir, 'emoji.pdf');
    writeFileSync(p, pdf);
    expect(run('pdftotext', ['-enc', 'UTF-8', p, '-']).out).toContain('[U+1F680]');
  });

  it('every test rule appears in the text', async () => {
    const { pdf } = await renderReport(input());
    const p = join(dir, 'rules.pdf');
    writeFileSync(p, pdf);
    const text = run('pdftotext', ['-enc', 'UTF-8', p, '-']).out;
    for (const r of TEST_RULES) expect(text).toContain(r.id);
  });
});

describe('SM2 sidecar', () => {
  it('OpenSSL verifies the SM2/SM3 signature over the PDF with the standard user id', async () => {
    const keys = generateSm2Keys(PASS);
    expect(keys.privateKeyPem).toContain('ENCRYPTED PRIVATE KEY');
    const { pdf } = await renderReport(input());
    const signedPdf = signPdf(pdf, rsaKey);
    const pdfPath = join(dir, 'sm2.pdf');
    const sigPath = `${pdfPath}.sm2.sig`;
    const pubPath = join(dir, 'sm2.pub.pem');
    writeFileSync(pdfPath, signedPdf);
    writeFileSync(pubPath, keys.publicKeyPem);
    writeFileSync(sigPath, signSm2(signedPdf, keys.privateKeyPem, PASS));
    const ok = run('openssl', ['dgst', '-sm3', '-verify', pubPath, '-sigopt', 'distid:1234567812345678', '-signature', sigPath, pdfPath]);
    expect(ok.out).toContain('Verified OK');
    expect(ok.code).toBe(0);

    const changed = Buffer.from(signedPdf);
    changed[100] ^= 1;
    const changedPath = join(dir, 'sm2-changed.pdf');
    writeFileSync(changedPath, changed);
    const bad = run('openssl', ['dgst', '-sm3', '-verify', pubPath, '-sigopt', 'distid:1234567812345678', '-signature', sigPath, changedPath]);
    expect(bad.code).not.toBe(0);

    expect(verifySm2(signedPdf, readFileSync(sigPath), keys.publicKeyPem)).toBe(true);
    expect(verifySm2(changed, readFileSync(sigPath), keys.publicKeyPem)).toBe(false);
    const v = await verifyReport(pdfPath, { sm2PublicKeyPem: keys.publicKeyPem, trust });
    expect(v.sm2).toEqual({ checked: true, valid: true });
    expect(v.ok).toBe(true);
  });

  it('OpenSSL reads the encrypted SM2 private key with the passphrase', () => {
    const keys = generateSm2Keys(PASS);
    const p = join(dir, 'sm2.key.pem');
    writeFileSync(p, keys.privateKeyPem);
    const r = run('openssl', ['pkey', '-in', p, '-passin', `pass:${PASS}`, '-pubout']);
    expect(r.code).toBe(0);
    expect(r.out.replace(/\s+/g, '')).toContain(keys.publicKeyPem.replace(/\s+/g, ''));
  });
});
