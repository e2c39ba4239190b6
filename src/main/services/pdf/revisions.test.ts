// Real signed reports changed the ways an attacker or a careless editor would: an
// incremental update after signing (a page, an annotation, the attached findings.json),
// bytes after the last %%EOF, a page changed between two signatures, and the CMS itself
// edited. Each is named; only later signatures leave an earlier one intact. pdfsig agrees
// on every integrity verdict it can give.

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../../../test/tools.js';
import { testFindings, testMetas } from '../../../shared/report/testing.js';
import { assembleSignedData, signedAttributes } from '../crypto/cms.js';
import type { TrustContext } from '../crypto/judge.js';
import type { SigningKey } from '../crypto/p12.js';
import { testCa, testSigner, type TestIdentity } from '../crypto/testing.js';
import { appendUpdate } from './incremental.js';
import { Name, PdfDict, PdfFile, Ref, serialize } from './pdf-file.js';
import { renderReport } from './render.js';
import { signPdf } from './sign.js';
import { verifyReportBytes } from './verify.js';

let dir: string;
let ca: TestIdentity;
let zhang: TestIdentity;
let li: TestIdentity;
let trust: TrustContext;
let report: Buffer;

const keyOf = (who: TestIdentity): SigningKey => ({ privateKey: who.key, alg: who.alg, certDer: who.cert.der, chainDer: [ca.cert.der] });
const signAs = (pdf: Buffer, who: TestIdentity, role: string) => signPdf(pdf, keyOf(who), { reason: role, certify: role === '编制' });

/** `pdf` with one incremental update whose objects `build` returns (it may take new numbers from `next()`). */
function update(pdf: Buffer, build: (file: PdfFile, next: () => number) => Map<number, string>): Buffer {
  const file = new PdfFile(pdf);
  let size = file.trailer.get('Size') as number;
  const objects = build(file, () => size++);
  return appendUpdate(pdf, file, objects, size).out;
}

const stream = (dict: string, data: string) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;

/** Page `n` (1-based) gains a content stream that draws over it. */
function changePage(pdf: Buffer, n: number): Buffer {
  return update(pdf, (file, next) => {
    const ref = file.pages()[n - 1];
    const page = new PdfDict(file.dict(ref)!.map);
    const contents = page.get('Contents');
    const added = next();
    page.set('Contents', [...(Array.isArray(contents) ? contents : [contents!]), new Ref(added, 0)]);
    return new Map([[ref.num, serialize(page)], [added, stream('', '0 0 1 rg 50 50 200 40 re f')]]);
  });
}

function pdfsig(pdf: Buffer, name: string): string {
  const p = join(dir, name);
  writeFileSync(p, pdf);
  return runTool('pdfsig', [p]).stdout;
}

/** The CMS of the signature whose /ByteRange is `br`, and a copy of the PDF with another CMS in its place. */
function cmsOf(pdf: Buffer): { cms: Buffer; replace: (cms: Buffer) => Buffer; signed: Buffer[] } {
  const m = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'))!;
  const [b, c, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
  return {
    cms: Buffer.from(hex.replace(/(00)+$/, ''), 'hex'),
    signed: [pdf.subarray(0, b), pdf.subarray(c, c + d)],
    replace(cms) {
      const out = Buffer.from(pdf);
      const text = cms.toString('hex').toUpperCase();
      expect(text.length).toBeLessThanOrEqual(hex.length);
      out.write(text.padEnd(hex.length, '0'), b + 1, 'latin1');
      return out;
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-revisions-'));
  ca = testCa();
  zhang = testSigner({ name: 'CN=张三, O=锦州市数据局', ca });
  li = testSigner({ name: 'CN=李四, O=锦州市数据局', ca });
  trust = { anchors: [{ cert: ca.cert, label: '评估 CA', kind: 'root' }], crls: [] };
  const { pdf } = await renderReport({
    findings: testFindings({ bigEvidence: 60 }), rules: testMetas(), reportId: 'CD-20270106-REV', reportDate: '2027-01-06',
    reviewer: { name: '张三' },
  });
  report = signAs(pdf, zhang, '编制');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a report changed by an incremental update after signing', () => {
  it('is green as signed, and pdfsig calls it wholly signed', () => {
    const v = verifyReportBytes(report, { trust });
    expect(v.ok).toBe(true);
    expect(v.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', integrity: { state: 'intact' } });
    expect(pdfsig(report, 'signed.pdf')).toContain('Total document signed');
  });

  const CHANGES: [string, (pdf: Buffer) => Buffer, string, RegExp][] = [
    ['a page drawn over', (pdf) => changePage(pdf, 2), 'page-content', /第 2 页的内容被改动/],
    ['a new annotation', (pdf) => update(pdf, (file, next) => {
      const ref = file.pages()[0];
      const page = new PdfDict(file.dict(ref)!.map);
      const annots = file.resolve(page.get('Annots'));
      const note = next();
      page.set('Annots', [...(Array.isArray(annots) ? annots : []), new Ref(note, 0)]);
      const dict = new PdfDict([['Type', new Name('Annot')], ['Subtype', new Name('Text')], ['Rect', [100, 100, 120, 120]], ['P', ref]]);
      return new Map([[ref.num, serialize(page)], [note, serialize(dict)]]);
    }), 'annotation', /批注/],
    ['the attached findings.json replaced', (pdf) => update(pdf, (file) => {
      const names = file.dict(file.root().get('Names'))!;
      const [, spec] = file.nameTree(names.get('EmbeddedFiles')).find(([n]) => n === 'findings.json')!;
      const ef = file.dict(file.dict(spec)!.get('EF'))!;
      const ref = (ef.get('F') ?? ef.get('UF')) as Ref;
      const forged = JSON.stringify({ ...testFindings(), summary: { ...testFindings().summary, fail: 0 } });
      return new Map([[ref.num, stream('/Type /EmbeddedFile', forged)]]);
    }), 'attachment', /附件 findings\.json 被替换/],
  ];

  it.each(CHANGES)('%s: the signature holds, the report is modified after it, and what changed is named', (_, change, kind, detail) => {
    const changed = change(report);
    const v = verifyReportBytes(changed, { trust });
    expect(v.ok).toBe(false);
    const s = v.signatures[0];
    expect(s.indication).toBe('TOTAL_PASSED');
    expect(s.after.updates).toBe(1);
    expect(s.integrity.state).toBe('modified');
    expect(s.integrity.changes.map((c) => c.kind)).toContain(kind);
    expect(s.integrity.changes.map((c) => c.detail).join('\n')).toMatch(detail);
    expect(v.integrity.state).toBe('modified');
    // What the report states is read from the signed revision, not from the update.
    expect(v.attachment.matchesReport).toBe(true);
    const sig = pdfsig(changed, `${kind}.pdf`);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Not total document signed');
  });

  it('bytes after the last %%EOF are named as belonging to no update', () => {
    const v = verifyReportBytes(Buffer.concat([report, Buffer.from('% appended\n')]), { trust });
    expect(v.ok).toBe(false);
    expect(v.signatures[0].after.unparsedBytes).toBe(11);
    expect(v.integrity.changes.map((c) => c.detail).join()).toContain('不属于任何 PDF 更新');
  });
});

describe('a report signed by 编制, then 审核', () => {
  it('keeps the first signature intact when only the second followed it', () => {
    const both = signAs(report, li, '审核');
    const v = verifyReportBytes(both, { trust });
    expect(v.ok).toBe(true);
    expect(v.signatures.map((s) => [s.role, s.indication, s.integrity.state])).toEqual([['编制', 'TOTAL_PASSED', 'intact'], ['审核', 'TOTAL_PASSED', 'intact']]);
    const sig = pdfsig(both, 'both.pdf');
    expect(sig.match(/Signature is Valid/g)).toHaveLength(2);
  });

  it('names a page changed between the two signatures, against the first only', () => {
    const both = signAs(changePage(report, 2), li, '审核');
    const v = verifyReportBytes(both, { trust });
    expect(v.ok).toBe(false);
    const [first, second] = v.signatures;
    expect(first.indication).toBe('TOTAL_PASSED');
    expect(first.integrity.state).toBe('modified');
    expect(first.integrity.changes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'page-content', page: 2 })]));
    expect(second.integrity).toEqual({ state: 'intact', changes: [] });
  });
});

describe('the signature itself edited inside a real report', () => {
  it('a certificate subject changed from 张三 to 王五 in the CMS is TOTAL_FAILED', () => {
    const { cms, replace } = cmsOf(report);
    const at = cms.indexOf(Buffer.from('张三'));
    expect(at).toBeGreaterThan(0);
    const edited = Buffer.from(cms);
    Buffer.from('王五').copy(edited, at);
    const v = verifyReportBytes(replace(edited), { trust });
    expect(v.ok).toBe(false);
    expect(v.signatures[0].indication).toBe('TOTAL_FAILED');
    expect(v.signatures[0].signer?.commonName).toBe('王五');
  });

  it('an ESS attribute naming another certificate than the one that signed is TOTAL_FAILED / FORMAT_FAILURE', () => {
    const { signed, replace } = cmsOf(report);
    const digest = createHash('sha256').update(signed[0]).update(signed[1]).digest();
    // Made by 李四's key, carrying 李四's certificate, while its signed attributes name 张三's.
    const forged = assembleSignedData({ cert: li.cert, attrs: signedAttributes(zhang.cert, digest, new Date()), chainDer: [ca.cert.der], privateKey: li.key, alg: li.alg });
    const v = verifyReportBytes(replace(forged), { trust });
    expect(v.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', essBinding: 'mismatch' });
    expect(v.ok).toBe(false);
  });
});
