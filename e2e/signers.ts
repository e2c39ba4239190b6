// Signed reports from the people a reviewer meets, made with the command line as they
// would make them: an organisation's CA (`ca init`), an evaluator, a colleague and a
// second reviewer under it (`ca issue`), an impostor's self-made key with the evaluator's
// name (`keygen`), an expired certificate, the colleague revoked in the CA's CRL (`ca revoke`); a report of
// the clean sample signed by each (`check --sign`), a copy changed after signing, a copy
// with a flipped byte; and an operator's bundle whose manifest is signed (`bundle make`).

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCa } from '../src/main/services/crypto/ca.js';
import { writeP12 } from '../src/main/services/crypto/p12.js';
import { testSigner } from '../src/main/services/crypto/testing.js';
import { appendUpdate } from '../src/main/services/pdf/incremental.js';
import { Name, PdfDict, PdfFile, Ref, serialize } from '../src/main/services/pdf/pdf-file.js';
import { CLEAN, ROOT } from './fixtures.js';

const BIN = join(ROOT, 'bin', 'compliance-desk.js');
const PASS_ENV = 'CD_E2E_SIGNER_PASS';
export const SIGNER_PASSWORD = 'e2e-口令';

export interface Signers {
  dir: string;
  caPem: string;
  caFingerprint: string;
  crl: string;
  /** PKCS#12 files (password SIGNER_PASSWORD). */
  keys: { zhang: string; zhao: string };
  reports: { zhang: string; li: string; impostor: string; expired: string; annotated: string; flipped: string };
  /** A copy of the clean sample whose manifest is signed by the operator's key. */
  signedBundle: string;
}

function cli(args: string[], home: string): { out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8', timeout: 120_000, env: { ...process.env, [PASS_ENV]: SIGNER_PASSWORD, COMPLIANCE_DESK_HOME: home },
  });
  if (r.status !== 0 && !(args[0] === 'check' && r.status === 1)) throw new Error(`compliance-desk ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { out: r.stdout, err: r.stderr };
}

/** A Text annotation added to page 1 by an incremental update: the signature still covers what it signed. */
function annotate(pdf: Buffer): Buffer {
  const file = new PdfFile(pdf);
  const size = file.trailer.get('Size') as number;
  const ref = file.pages()[0];
  const page = new PdfDict(file.dict(ref)!.map);
  const annots = file.resolve(page.get('Annots'));
  page.set('Annots', [...(Array.isArray(annots) ? annots : []), new Ref(size, 0)]);
  const note = new PdfDict([['Type', new Name('Annot')], ['Subtype', new Name('Text')], ['Rect', [100, 100, 120, 120]], ['P', ref]]);
  return appendUpdate(pdf, file, new Map([[ref.num, serialize(page)], [size, serialize(note)]]), size + 1).out;
}

export function makeSigners(): Signers {
  const dir = mkdtempSync(join(tmpdir(), 'cd-e2e-signers-'));
  const at = (f: string) => join(dir, f);
  const home = at('home');
  const ca = cli(['ca', 'init', '--out', at('ca.p12'), '--name', 'CN=锦州市数据局评估 CA, O=锦州市数据局', '--alg', 'ecdsa', '--pass-env', PASS_ENV], home);
  const caFingerprint = /SHA-256 指纹 ([0-9A-F:]+)/.exec(ca.err)![1];
  const issue = (file: string, name: string) => cli(['ca', 'issue', '--ca', at('ca.p12'), '--ca-pass-env', PASS_ENV, '--out', at(file), '--name', name, '--alg', 'ecdsa', '--pass-env', PASS_ENV], home);
  issue('zhang.p12', 'CN=张三, O=锦州市数据局');
  const li = issue('li.p12', 'CN=李四, O=锦州市数据局');
  issue('zhao.p12', 'CN=赵六, O=锦州市数据局');
  cli(['keygen', '--out', at('impostor.p12'), '--name', 'CN=张三, O=锦州市数据局', '--alg', 'ecdsa', '--pass-env', PASS_ENV], home);
  const caKey = openCa(readFileSync(at('ca.p12')), SIGNER_PASSWORD);
  const day = 86_400_000;
  const expired = testSigner({ name: 'CN=王五, O=锦州市数据局', ca: { cert: caKey.cert, key: caKey.key, alg: 'ecdsa' }, from: new Date(Date.now() - 400 * day), until: new Date(Date.now() - day) });
  writeFileSync(at('expired.p12'), writeP12({ privateKey: expired.key, certDer: expired.cert.der, chainDer: [caKey.cert.der], password: SIGNER_PASSWORD, friendlyName: '王五' }));
  cli(['ca', 'revoke', '--ca', at('ca.p12'), '--ca-pass-env', PASS_ENV, '--serial', /序列号 ([0-9A-F]+)/.exec(li.err)![1], '--out', at('ca.crl')], home);

  const report = (who: string) => {
    cli(['check', CLEAN, '--out', at(`out-${who}`), '--format', 'pdf', '--sign', at(`${who}.p12`), '--pass-env', PASS_ENV, '--quiet'], home);
    return at(`out-${who}/report.pdf`);
  };
  const zhang = report('zhang');
  const signed = readFileSync(zhang);
  writeFileSync(at('annotated.pdf'), annotate(signed));
  const flipped = Buffer.from(signed);
  const id = flipped.indexOf('CD-');
  flipped[id + 3] = flipped[id + 3] === 0x31 ? 0x32 : 0x31;
  writeFileSync(at('flipped.pdf'), flipped);

  const signedBundle = at('bundle');
  cpSync(CLEAN, signedBundle, { recursive: true });
  cli(['bundle', 'keygen', '--out', at('operator.key')], home);
  cli(['bundle', 'make', signedBundle, '--key', at('operator.key'), '--quiet'], home);

  return {
    dir, caPem: at('ca.pem'), caFingerprint, crl: at('ca.crl'),
    keys: { zhang: at('zhang.p12'), zhao: at('zhao.p12') },
    reports: { zhang, li: report('li'), impostor: report('impostor'), expired: report('expired'), annotated: at('annotated.pdf'), flipped: at('flipped.pdf') },
    signedBundle,
  };
}
