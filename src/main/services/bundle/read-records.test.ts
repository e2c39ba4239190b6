import { deflateSync } from 'node:zlib';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sm2 } from 'sm-crypto-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/bundle/integrity.js';
import { parseBool, splitMulti } from '../../../shared/bundle/normalise.js';
import type { InputIssue } from '../../../shared/bundle/types.js';
import { policyPath } from '../../../shared/rules/jz-2025-4/support.js';
import { checkPdfInflation, docxXmlText, readRecords, sm2PublicKeyHex, verifyManifestSignature } from './read-records.js';
import { BundleError, openSource } from './source.js';
import { encodeGb18030, makeZip } from './test-zip.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd-records-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const buf = (d: string | Buffer) => (typeof d === 'string' ? Buffer.from(d, 'utf8') : d);

type Files = Record<string, string | Buffer>;

/** A manifest listing `files` (all of them unless `listed` says otherwise). */
function manifestFor(files: Files, extra: Record<string, unknown> = {}, listed?: string[]): Record<string, unknown> {
  return {
    format: 'evidence-bundle/1',
    operator_id: '91210700MA0TEST01X',
    created_at: '2027-01-05T10:00:00+08:00',
    period: { start: '2026-01-01', end: '2026-12-31' },
    timezone: 'Asia/Shanghai',
    files: (listed ?? Object.keys(files)).sort().map((p) => ({ path: p, sha256: sha(buf(files[p])), bytes: buf(files[p]).length })),
    ...extra,
  };
}

async function writeFolder(files: Files, manifest: unknown | null, name = 'bundle'): Promise<string> {
  const root = join(dir, name);
  const all: Files = { ...files };
  if (manifest !== null) all['manifest.json'] = typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2);
  for (const [p, d] of Object.entries(all)) {
    await mkdir(join(root, p, '..'), { recursive: true });
    await writeFile(join(root, p), buf(d));
  }
  return root;
}

async function read(path: string, opts?: Parameters<typeof readRecords>[2]) {
  const src = await openSource(path);
  const issues: InputIssue[] = [];
  try {
    const records = await readRecords(src, issues, opts);
    return { records, issues };
  } finally {
    await src.close();
  }
}

async function readError(path: string, opts?: Parameters<typeof readRecords>[2]): Promise<BundleError> {
  const err = await read(path, opts).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BundleError);
  return err as BundleError;
}

// ---------------------------------------------------------------- documents made by hand

function docx(paragraphs: string[]): Buffer {
  const body = paragraphs
    .map((p) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${p}</w:p>`)
    .join('');
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return makeZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'word/document.xml', data: xml },
  ]);
}

const HELVETICA = ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
// A non-embedded Chinese font through the predefined UniGB-UCS2-H CMap, as many
// Chinese PDF writers produce: text extraction needs pdfjs's CMap files.
const STSONG = [
  '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
  '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
  '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
];

/** A minimal PDF 1.4: one page, font F1 (Helvetica unless given), the content stream given. */
function pdf(content: string, font = HELVETICA): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    ...font,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------- a bundle with a bit of everything

const POLICIES = [
  'id,type,title,version,approved_at,last_reviewed_at,reported_at,file',
  'POL-01,data_management,数据管理制度,1,2025-11-30,2026-10-15,2026-10-25,policies/data_management.md',
  'POL-02,internal_review,内部审核办法,1,2025-11-30,2026-10-15,2026-10-25,internal_review.docx',
  'POL-03,incident_response,应急预案,1,2025-11-30,2026-10-15,2026-10-25,policies/incident_response.pdf',
  'POL-04,record_keeping,记录保存,1,2025-11-30,2026-10-15,2026-10-25,policies/scan.pdf',
  'POL-05,quality_control,质量管控,1,2025-11-30,2026-10-15,2026-10-25,policies/missing.md',
  'POL-06,operation_rules,操作细则,1,2025-11-30,2026-10-15,2026-10-25,policies/old.doc',
  'POL-07,security_management,安全管理,1,2025-11-30,2026-10-15,2026-10-25,.\\policies\\security.txt',
  'POL-08,partner_supervision,应用单位监督,1,2025-11-30,2026-10-15,2026-10-25,policies/partner.pdf',
].join('\n');

function richFiles(): Files {
  return {
    // GB18030 as Excel on Chinese Windows writes it, Chinese headers, a 4-byte character.
    'datasets.csv': encodeGb18030('数据编号,数据名称,提供部门,分类分级,含个人信息\r\nDS-01,交通𠀀数据,市交通局,重要数据,是\r\nDS-02,气象数据,市气象局,一般,否\r\n'),
    // UTF-8 with BOM, CRLF, a quoted field with a newline and doubled quotes, multi-values.
    'products.csv': Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      buf('产品编号,产品名称,产品形态,数据来源,状态,价格公开\r\nPR01,"信用""评分""\r\n模型",数据模型,DS-01；DS-02|DS-03,已交付,yes\r\nPR02,核验,verification,DS-01,approved,0\r\n'),
    ]),
    'staff.csv': 'user_id,name,org,roles\nu001,张三,91210700MA0TEST01X,developer;approver\n',
    'policies.csv': POLICIES,
    'policies/data_management.md': '# 数据管理制度\n分类分级、访问控制。\n',
    'policies/internal_review.docx': docx([
      '<w:r><w:t>提交</w:t></w:r><w:r><w:t xml:space="preserve">、记录 &amp; 审核</w:t></w:r>',
      '<w:r><w:t>反馈</w:t></w:r><w:r><w:tab/><w:t>结束</w:t></w:r>',
      '<w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del>',
    ]),
    'policies/incident_response.pdf': pdf('BT /F1 12 Tf 72 720 Td (Incident response plan) Tj 0 -20 Td (Report within one hour) Tj ET'),
    'policies/scan.pdf': pdf('0 0 1 rg 72 72 200 200 re f'),
    // 提交记录 (U+63D0 U+4EA4 U+8BB0 U+5F55)
    'policies/partner.pdf': pdf('BT /F1 12 Tf 72 720 Td <63D04EA48BB05F55> Tj ET', STSONG),
    'policies/old.doc': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]),
    'policies/security.txt': encodeGb18030('网络与数据安全管理办法'),
    'operator.json': JSON.stringify({ id: '91210700MA0TEST01X', name: '测试运营公司' }),
    'agreement.json': '[1,2]',
    'incidents.json': JSON.stringify([{ id: 'INC-1', type: 'leak' }, { id: 'INC-2', type: 'loss' }], null, 2),
    'evaluations.json': JSON.stringify([
      { year: 2024, items: [{ id: 'EV-2024-01', article: 15 }] },
      { year: 2025, items: [{ id: 'EV-2025-01', article: 20 }, { id: 'EV-2025-02', article: 21 }] },
    ], null, 2),
    'logs/2026-01.jsonl': '{"event_id":"E1"}\n',
    'logs/2026-02.CSV.gz': gzipSync(Buffer.from('event_id\nE2\n')),
    'logs/README.txt': 'not a log',
    'assessments.csv': Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(50, 0)]),
  };
}

describe('readRecords on a folder bundle', () => {
  it('reads tables in any of the allowed encodings, with aliases, enums, booleans and multi-values', async () => {
    const files = richFiles();
    const { records, issues } = await read(await writeFolder(files, manifestFor(files)));
    const ds = records.datasets;
    expect(ds.present).toBe(true);
    expect(ds.columns).toEqual(['id', 'name', 'provider', 'classification', 'contains_personal_info']);
    expect(ds.rows.map((r) => [r.id, r.cells.name, r.cells.classification, parseBool(r.cells.contains_personal_info)])).toEqual([
      ['DS-01', '交通𠀀数据', 'important', true],
      ['DS-02', '气象数据', 'general', false],
    ]);
    expect(ds.rows.map((r) => r.line)).toEqual([2, 3]);

    const pr = records.products.rows;
    expect(pr[0].cells.name).toBe('信用"评分"\r\n模型');
    expect(pr[0].cells.type).toBe('model');
    expect(pr[0].cells.status).toBe('delivered');
    expect(splitMulti(pr[0].cells.source_datasets)).toEqual(['DS-01', 'DS-02', 'DS-03']);
    expect(parseBool(pr[0].cells.price_public)).toBe(true);
    expect(pr[1].line).toBe(4); // the quoted newline made record 1 span lines 2–3
    expect(parseBool(pr[1].cells.price_public)).toBe(false);
    expect(records.staff.rows[0].id).toBe('u001');
    expect(splitMulti(records.staff.rows[0].cells.roles)).toEqual(['developer', 'approver']);

    expect(records.scenarios).toEqual({ file: 'scenarios.csv', present: false, columns: [], rows: [] });
    // A binary file where a CSV is expected: present but unreadable, and said so.
    expect(records.assessments).toEqual({ file: 'assessments.csv', present: true, columns: [], rows: [] });
    expect(issues).toContainEqual(expect.objectContaining({ file: 'assessments.csv', severity: 'error', message: expect.stringContaining('二进制') }));
  });

  it('reads JSON documents and locates the items of incidents.json and evaluations.json', async () => {
    const files = richFiles();
    const { records, issues } = await read(await writeFolder(files, manifestFor(files)));
    expect(records.operator).toEqual({ file: 'operator.json', present: true, value: { id: '91210700MA0TEST01X', name: '测试运营公司' } });
    expect(records.platform).toEqual({ file: 'platform.json', present: false, value: undefined });
    expect(records.agreement.value).toBeUndefined();
    expect(issues).toContainEqual(expect.objectContaining({ file: 'agreement.json', severity: 'error' }));
    expect(records.incidents.items.map((i) => [i.id, i.line])).toEqual([['INC-1', 3], ['INC-2', 7]]);
    expect(records.evaluations.present).toBe(true);
    expect(records.evaluations.years.map((y) => y.value.year)).toEqual([2024, 2025]);
    expect(records.evaluations.items.map((i) => i.id)).toEqual(['EV-2024-01', 'EV-2025-01', 'EV-2025-02']);
    expect(records.evaluations.items.every((i) => typeof i.line === 'number' && i.line > 1)).toBe(true);
  });

  it('extracts policy texts from Markdown, text, DOCX and text-layer PDF, keyed as the rules look them up', async () => {
    const files = richFiles();
    const { records, issues } = await read(await writeFolder(files, manifestFor(files)));
    const t = records.policyTexts;
    for (const row of records.policies.rows) expect(t[policyPath(row)], row.id).toBeDefined();
    expect(t['policies/data_management.md'].text).toContain('分类分级');
    expect(t['policies/internal_review.docx'].text).toBe('提交、记录 & 审核\n反馈\t结束');
    expect(t['policies/security.txt'].text).toBe('网络与数据安全管理办法');
    const pdfText = t['policies/incident_response.pdf'].text ?? '';
    expect(pdfText).toContain('Incident response plan');
    expect(pdfText).toContain('Report within one hour');
    expect(t['policies/partner.pdf'].text).toContain('提交记录');
    expect(t['policies/scan.pdf']).toEqual({ file: 'policies/scan.pdf', text: null, error: '无文本层' });
    expect(t['policies/missing.md'].text).toBeNull();
    expect(t['policies/old.doc'].text).toBeNull();
    expect(issues.filter((i) => i.file === 'policies.csv').map((i) => i.line)).toEqual([6]);
    expect(issues.some((i) => i.file === 'policies/old.doc' && i.message.includes('.doc'))).toBe(true);
    expect(issues.some((i) => i.file === 'policies/scan.pdf' && i.message.includes('文本层'))).toBe(true);
  });

  it('lists log files apart, warns about other files under logs/, and hashes every other file', async () => {
    const files = richFiles();
    const { records, issues } = await read(await writeFolder(files, manifestFor(files)));
    expect(records.logFiles).toEqual([
      { path: 'logs/2026-01.jsonl', bytes: 18, format: 'jsonl', gzip: false },
      { path: 'logs/2026-02.CSV.gz', bytes: buf(files['logs/2026-02.CSV.gz']).length, format: 'csv', gzip: true },
    ]);
    expect(issues).toContainEqual(expect.objectContaining({ file: 'logs/README.txt', severity: 'warning' }));
    const paths = records.files.map((f) => f.path);
    expect(paths).toEqual(Object.keys(files).filter((p) => !p.endsWith('.jsonl') && !p.endsWith('.gz')).sort());
    for (const f of records.files) expect(f, f.path).toEqual({ path: f.path, sha256: sha(buf(files[f.path])), bytes: buf(files[f.path]).length });
    expect(records.integrity).toEqual({ missing: [], changed: [], unlisted: [], signature: 'absent' });
    expect(records.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(records.timezone).toBe('Asia/Shanghai');
    expect(records.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('reports missing, changed and unlisted files (logs left to the engine)', async () => {
    const files: Files = { 'datasets.csv': 'id\nDS-1\n', 'staff.csv': 'user_id\nu1\n', 'logs/a.jsonl': '{}\n' };
    const listed: Files = { ...files, 'gone.csv': 'x', 'staff.csv': 'user_id\nu2\n', 'logs/a.jsonl': 'other', 'logs/gone.jsonl': 'y' };
    const manifest = manifestFor(listed, {}, ['datasets.csv', 'gone.csv', 'staff.csv', 'logs/a.jsonl', 'logs/gone.jsonl']);
    const { records } = await read(await writeFolder({ ...files, 'notes.txt': '补充说明' }, manifest));
    expect(records.integrity.missing).toEqual(['gone.csv', 'logs/gone.jsonl']);
    expect(records.integrity.changed.map((c) => c.path)).toEqual(['staff.csv']);
    expect(records.integrity.unlisted).toEqual(['notes.txt']);
  });

  it('uses manifest.timezone and falls back to Asia/Shanghai', async () => {
    const files: Files = {};
    expect((await read(await writeFolder(files, manifestFor(files, { timezone: 'Europe/Berlin' }), 'a'))).records.timezone).toBe('Europe/Berlin');
    const noTz = manifestFor(files);
    delete noTz.timezone;
    expect((await read(await writeFolder(files, noTz, 'b'))).records.timezone).toBe('Asia/Shanghai');
  });

  it('takes the period from the options over the manifest, and needs one of them', async () => {
    const files: Files = {};
    const m = manifestFor(files);
    delete m.period;
    const root = await writeFolder(files, m);
    const e = await readError(root);
    expect(e.message).toContain('--period');
    const { records } = await read(root, { period: { start: '2026/03/01', end: '2026-03-31' } });
    expect(records.period).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    await readError(root, { period: { start: '2026-04-01', end: '2026-03-31' } });
  });

  it('refuses a bundle without manifest.json, with an invalid one, or with an unknown zone', async () => {
    const e1 = await readError(await writeFolder({ 'datasets.csv': 'id\n' }, null, 'a'));
    expect(e1.message).toContain('manifest.json');
    const e2 = await readError(await writeFolder({}, '{"format": "evidence-bundle/1",', 'b'));
    expect(e2.message).toContain('manifest.json');
    expect(e2.message).toContain('JSON');
    await readError(await writeFolder({}, '[1]', 'c'));
    const e3 = await readError(await writeFolder({}, manifestFor({}, { timezone: 'Mars/Olympus' }), 'd'));
    expect(e3.message).toContain('Mars/Olympus');
    await readError(await writeFolder({}, manifestFor({}, { period: { start: '2026-02-30', end: '2026-12-31' } }), 'e'));
  });

  it('reads the same bundle from a zip as from the folder', async () => {
    const files = richFiles();
    const manifest = manifestFor(files);
    const folder = await read(await writeFolder(files, manifest));
    const zipPath = join(dir, 'bundle.zip');
    const all = { ...files, 'manifest.json': JSON.stringify(manifest, null, 2) };
    await writeFile(zipPath, makeZip(Object.entries(all).map(([name, data]) => ({ name: `export/${name}`, data: buf(data) }))));
    const zipped = await read(zipPath);
    expect({ ...zipped.records, source: '' }).toEqual({ ...folder.records, source: '' });
    expect(zipped.issues).toEqual(folder.issues);
  });
});

describe('manifest signatures', () => {
  const base = () => ({ format: 'evidence-bundle/1', period: { start: '2026-01-01', end: '2026-12-31' }, files: [{ path: 'a.csv', sha256: 'a'.repeat(64), bytes: 1 }] });
  const message = (m: object) => Buffer.from(canonicalJson(m), 'utf8');

  it('verifies Ed25519 (Base64 and hex) and rejects a changed manifest', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const m = base();
    const sig = sign(null, message(m), privateKey);
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyManifestSignature({ ...m, signature: { alg: 'ed25519', public_key_pem: pem, value: sig.toString('base64') } }).signature).toBe('valid');
    expect(verifyManifestSignature({ ...m, signature: { alg: 'Ed25519', public_key_pem: pem, value: sig.toString('hex') } }).signature).toBe('valid');
    const changed = { ...m, period: { start: '2026-01-02', end: '2026-12-31' } };
    expect(verifyManifestSignature({ ...changed, signature: { alg: 'ed25519', public_key_pem: pem, value: sig.toString('base64') } }).signature).toBe('invalid');
  });

  it('verifies ECDSA P-256 with DER or raw r||s signatures', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const m = base();
    const der = sign('sha256', message(m), privateKey);
    const raw = sign('sha256', message(m), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    expect(raw.length).toBe(64);
    for (const value of [der.toString('base64'), raw.toString('hex'), raw.toString('base64')]) {
      expect(verifyManifestSignature({ ...m, signature: { alg: 'ecdsa-p256-sha256', public_key_pem: pem, value } }).signature).toBe('valid');
    }
    const flipped = Buffer.from(raw);
    flipped[10] ^= 1;
    expect(verifyManifestSignature({ ...m, signature: { alg: 'ecdsa-p256-sha256', public_key_pem: pem, value: flipped.toString('hex') } }).signature).toBe('invalid');
    // An Ed25519 key under the ECDSA algorithm is not accepted.
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyManifestSignature({ ...m, signature: { alg: 'ecdsa-p256-sha256', public_key_pem: ed, value: der.toString('base64') } }).signature).toBe('invalid');
  });

  it('verifies SM2-SM3 with the default user id, from a PEM public key', () => {
    const keys = sm2.generateKeyPairHex();
    const spki = Buffer.from(`3059301306072a8648ce3d020106082a811ccf5501822d034200${keys.publicKey}`, 'hex');
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`;
    expect(sm2PublicKeyHex(pem)).toBe(keys.publicKey.toLowerCase());
    const m = base();
    const derHex = sm2.doSignature(message(m), keys.privateKey, { hash: true, der: true, userId: '1234567812345678' });
    const rawHex = sm2.doSignature(message(m), keys.privateKey, { hash: true, userId: '1234567812345678' });
    expect(verifyManifestSignature({ ...m, signature: { alg: 'sm2-sm3', public_key_pem: pem, value: derHex } }).signature).toBe('valid');
    expect(verifyManifestSignature({ ...m, signature: { alg: 'sm2-sm3', public_key_pem: pem, value: Buffer.from(rawHex, 'hex').toString('base64') } }).signature).toBe('valid');
    // Another user id gives another Z value: the signature no longer verifies.
    const otherId = sm2.doSignature(message(m), keys.privateKey, { hash: true, der: true, userId: 'someone-else' });
    expect(verifyManifestSignature({ ...m, signature: { alg: 'sm2-sm3', public_key_pem: pem, value: otherId } }).signature).toBe('invalid');
    const changed = { ...m, files: [] };
    expect(verifyManifestSignature({ ...changed, signature: { alg: 'sm2-sm3', public_key_pem: pem, value: derHex } }).signature).toBe('invalid');
  });

  it('reports absent, unsupported and malformed signatures', () => {
    expect(verifyManifestSignature(base())).toEqual({ signature: 'absent' });
    expect(verifyManifestSignature({ ...base(), signature: { alg: 'rsa-sha1', public_key_pem: 'x', value: 'ab' } }).signature).toBe('unsupported');
    expect(verifyManifestSignature({ ...base(), signature: { alg: 'ed25519', value: 'ab' } }).signature).toBe('invalid');
    expect(verifyManifestSignature({ ...base(), signature: { alg: 'ed25519', public_key_pem: 'not a key', value: 'abcd' } }).signature).toBe('invalid');
  });

  it('verifies the signature of a manifest read from a bundle', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const files: Files = { 'datasets.csv': 'id\n' };
    const m = manifestFor(files);
    const value = sign(null, message(m), privateKey).toString('base64');
    const signed = { ...m, signature: { alg: 'ed25519', public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), value } };
    const { records } = await read(await writeFolder(files, signed, 'ok'));
    expect(records.integrity.signature).toBe('valid');
    expect(records.integrity.signatureAlg).toBe('ed25519');
    const tampered = { ...signed, operator_id: 'someone-else' };
    expect((await read(await writeFolder(files, tampered, 'bad'))).records.integrity.signature).toBe('invalid');
  });
});

describe('docxXmlText', () => {
  it('keeps runs, paragraphs, tabs, breaks and entities; skips deleted text', () => {
    const xml = '<w:body><w:p><w:r><w:t>A&lt;B</w:t><w:br/><w:t xml:space="preserve"> C&#x4E2D;</w:t></w:r></w:p><w:p/><w:p><w:r><w:delText>gone</w:delText><w:tab/><w:t>D</w:t></w:r></w:p></w:body>';
    expect(docxXmlText(xml)).toBe('A<B\n C中\n\n\tD');
  });

  it('does not take the tab stops of a paragraph’s properties for tabs', () => {
    const xml = '<w:body><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p></w:body>';
    expect(docxXmlText(xml)).toBe('x');
  });

  it('refuses XML that is not well formed, such as a megabyte of unclosed <w:t tags, in one pass', () => {
    expect(() => docxXmlText(`<w:body>${'<w:t '.repeat(200_000)}`)).toThrow(Error);
    expect(() => docxXmlText('<w:body><w:p><w:t>x</w:p></w:body>')).toThrow(/close tag/);
  });
});

describe('checkPdfInflation', () => {
  const pdfWith = (inflated: number) => Buffer.concat([
    Buffer.from('%PDF-1.7\n1 0 obj << /Filter /FlateDecode >>\nstream\n'), deflateSync(Buffer.alloc(inflated)), Buffer.from('\nendstream\nendobj\n%%EOF\n'),
  ]);

  it('passes streams that inflate within the budget and refuses a bomb past it, naming the limit', () => {
    expect(() => checkPdfInflation(pdfWith(512 * 1024), 1024 * 1024)).not.toThrow();
    expect(() => checkPdfInflation(pdfWith(4 * 1024 * 1024), 1024 * 1024)).toThrow('压缩流解压后超过 1 MB 的上限');
  });

  it('counts every stream against one budget', () => {
    const two = Buffer.concat([pdfWith(600 * 1024), pdfWith(600 * 1024)]);
    expect(() => checkPdfInflation(two, 1024 * 1024)).toThrow(/上限/);
  });
});
