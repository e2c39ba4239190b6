// Whom a signature is from, as a reviewer finds out on the command line: an organisation's
// CA and an evaluator under it, an impostor with the same name, an expired certificate, a
// revoked one with the CA's CRL. Reports (`verify --json`) and review packages (`package
// verify --json`) give each exactly its ETSI verdict, and only the trusted one exits 0.

import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCa } from '../src/main/services/crypto/ca.js';
import { writeP12 } from '../src/main/services/crypto/p12.js';
import { testSigner } from '../src/main/services/crypto/testing.js';
import { runCli, type CliRun } from '../src/cli/testing.js';
import { appendUpdate } from '../src/main/services/pdf/incremental.js';
import { Name, PdfDict, PdfFile, Ref, serialize } from '../src/main/services/pdf/pdf-file.js';
import { runTool } from './tools.js';
import { sampleBundle } from './fixtures.js';

const DAY = 86_400_000;
const PASS_ENV = 'CD_TRUST_TEST_PASS';
let dir: string;
let home: string | undefined;
const at = (f: string) => join(dir, f);

async function cli(args: string[], exit = 0): Promise<CliRun> {
  const r = await runCli(args);
  expect(r.code, `${args.join(' ')}\n${r.out}\n${r.err}`).toBe(exit);
  return r;
}

/** A report of the clean sample signed with `p12`, and a review package of its findings signed with it. */
async function signedBy(who: string, p12: string): Promise<{ report: string; pkg: string }> {
  const out = at(`out-${who}`);
  await cli(['check', sampleBundle('clean'), '--out', out, '--format', 'json,pdf', '--sign', p12, '--pass-env', PASS_ENV, '--quiet']);
  const pkg = at(`${who}.cdreview`);
  await cli(['package', 'make', '--findings', join(out, 'findings.json'), '--sign', p12, '--pass-env', PASS_ENV, '--out', pkg]);
  return { report: join(out, 'report.pdf'), pkg };
}

const serialOf = (r: CliRun) => /序列号 ([0-9A-F]+)/.exec(r.err)![1];

const files: Record<string, { report: string; pkg: string }> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd-trust-verdicts-'));
  home = process.env.COMPLIANCE_DESK_HOME;
  process.env.COMPLIANCE_DESK_HOME = dir;
  process.env[PASS_ENV] = '测试口令';
  await cli(['ca', 'init', '--out', at('ca.p12'), '--name', 'CN=锦州市数据局评估 CA, O=锦州市数据局', '--alg', 'ecdsa', '--pass-env', PASS_ENV]);
  const issue = (file: string, name: string) => cli(['ca', 'issue', '--ca', at('ca.p12'), '--ca-pass-env', PASS_ENV, '--out', at(file), '--name', name, '--alg', 'ecdsa', '--pass-env', PASS_ENV]);
  await issue('zhang.p12', 'CN=张三, O=锦州市数据局');
  const li = await issue('li.p12', 'CN=李四, O=锦州市数据局');
  // Someone else's self-made key with the same name as the evaluator.
  await cli(['keygen', '--out', at('impostor.p12'), '--name', 'CN=张三, O=锦州市数据局', '--alg', 'ecdsa', '--pass-env', PASS_ENV]);
  // Issued by the real CA, but its validity ended yesterday.
  const ca = openCa(readFileSync(at('ca.p12')), '测试口令');
  const expired = testSigner({ name: 'CN=王五, O=锦州市数据局', ca: { cert: ca.cert, key: ca.key, alg: 'ecdsa' }, from: new Date(Date.now() - 400 * DAY), until: new Date(Date.now() - DAY) });
  writeFileSync(at('expired.p12'), writeP12({ privateKey: expired.key, certDer: expired.cert.der, chainDer: [ca.cert.der], password: '测试口令', friendlyName: '王五' }));
  await cli(['ca', 'revoke', '--ca', at('ca.p12'), '--ca-pass-env', PASS_ENV, '--serial', serialOf(li), '--out', at('ca.crl')]);
  for (const who of ['zhang', 'li', 'impostor', 'expired']) files[who] = await signedBy(who, at(`${who}.p12`));
}, 120_000);

afterAll(async () => {
  process.env.COMPLIANCE_DESK_HOME = home;
  delete process.env[PASS_ENV];
  await rm(dir, { recursive: true, force: true });
});

const CASES = [
  { who: 'zhang', crl: false, indication: 'TOTAL_PASSED', sub: null, exit: 0 },
  { who: 'impostor', crl: false, indication: 'INDETERMINATE', sub: 'NO_CERTIFICATE_CHAIN_FOUND', exit: 1 },
  { who: 'expired', crl: false, indication: 'INDETERMINATE', sub: 'OUT_OF_BOUNDS_NO_POE', exit: 1 },
  { who: 'li', crl: false, indication: 'TOTAL_PASSED', sub: null, exit: 0 },
  { who: 'li', crl: true, indication: 'TOTAL_FAILED', sub: 'REVOKED', exit: 1 },
] as const;

describe('verify --json of a report, trusting the CA', () => {
  it.each(CASES)('$who (CRL: $crl) is $indication $sub', async (c) => {
    const trust = ['--trust', at('ca.pem'), ...(c.crl ? ['--crl', at('ca.crl')] : [])];
    const r = await cli(['verify', files[c.who].report, '--json', ...trust], c.exit);
    const v = JSON.parse(r.out);
    expect(v.signatures).toHaveLength(1);
    expect(v.signatures[0]).toMatchObject({ indication: c.indication, subIndication: c.sub, integrity: { state: 'intact' } });
    expect(v.ok).toBe(c.exit === 0);
    // pdfsig agrees that the signed bytes are intact, whoever signed them.
    expect(runTool('pdfsig', [files[c.who].report]).stdout).toContain('Signature is Valid');
    // The text names the signer's fingerprint for comparing out of band whenever it is not green.
    const text = (await cli(['verify', files[c.who].report, ...trust], c.exit)).out;
    if (c.exit) expect(text).toContain(v.signatures[0].signer.fingerprintSha256);
  });

  it('trusts nobody without an anchor: the evaluator too is NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const v = JSON.parse((await cli(['verify', files.zhang.report, '--json'], 1)).out);
    expect(v.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
  });

  it('the CA in the trust store serves as well as --trust', async () => {
    await cli(['trust', 'add', at('ca.pem'), '--label', '锦州市数据局评估 CA']);
    expect(JSON.parse((await cli(['verify', files.zhang.report, '--json'])).out).ok).toBe(true);
    await cli(['trust', 'remove', '锦州市数据局评估 CA']);
  });

  it('an annotation added after signing: intact signature, report modified after it, exit 1', async () => {
    const pdf = readFileSync(files.zhang.report);
    const file = new PdfFile(pdf);
    const size = file.trailer.get('Size') as number;
    const page = file.pages()[0];
    const pageDict = new PdfDict(file.dict(page)!.map);
    const annots = file.resolve(pageDict.get('Annots'));
    const note = new PdfDict([['Type', new Name('Annot')], ['Subtype', new Name('Text')], ['Rect', [100, 100, 120, 120]]]);
    pageDict.set('Annots', [...(Array.isArray(annots) ? annots : []), new Ref(size, 0)]);
    const objects = new Map([[size, serialize(note)], [page.num, serialize(pageDict)]]);
    const changed = at('annotated.pdf');
    writeFileSync(changed, appendUpdate(pdf, file, objects, size + 1).out);
    const v = JSON.parse((await cli(['verify', changed, '--json', '--trust', at('ca.pem')], 1)).out);
    expect(v.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', integrity: { state: 'modified' } });
    expect(v.integrity.changes.map((x: { kind: string }) => x.kind)).toContain('annotation');
    const sig = runTool('pdfsig', [changed]).stdout;
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Not total document signed');
  });
});

describe('package verify --json of a review package, trusting the CA', () => {
  it.each(CASES)('$who (CRL: $crl) is $indication $sub', async (c) => {
    const trust = ['--trust', at('ca.pem'), ...(c.crl ? ['--crl', at('ca.crl')] : [])];
    const v = JSON.parse((await cli(['package', 'verify', files[c.who].pkg, '--json', ...trust], c.exit)).out);
    expect(v.integrity).toBe('intact');
    expect(v.judgement).toMatchObject({ indication: c.indication, subIndication: c.sub });
    // An untrusted package is refused on import too.
    if (c.exit) await cli(['package', 'import', files[c.who].pkg, ...trust], 1);
  });
});
