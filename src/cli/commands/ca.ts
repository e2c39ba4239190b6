// `ca init | issue | revoke`: an offline CA for an organisation that has none. The root stays
// in a PKCS#12 file on the machine that runs it; evaluators get certificates for signing
// reports; revocations go into a CRL file that reviewers pass to `verify --crl`.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { initCa, issueSigningCertificate, openCa, revokeCertificates, type IssuedFile } from '../../main/services/crypto/ca.js';
import { toPem } from '../../main/services/crypto/pem.js';
import { NameError } from '../../main/services/crypto/x509.js';
import type { CaInitOptions, CaIssueOptions, CaRevokeOptions } from '../program.js';
import { passphraseFrom } from '../report-output.js';
import { terminalText } from '../terminal.js';
import { UsageError } from '../usage.js';

/** The certificate's PEM goes beside the P12: it is what colleagues add to their trust store. */
const pemPath = (p12: string) => p12.replace(/\.(p12|pfx)$/i, '') + '.pem';

async function writeNew(path: string, data: Buffer | string, mode: number): Promise<void> {
  // Keys are never overwritten: a lost CA key cannot be recovered.
  if (existsSync(path)) throw new UsageError(`${path} 已存在：不覆盖已有的文件`);
  await writeFile(path, data, { mode });
}

function describe(kind: string, f: IssuedFile): string[] {
  return [
    `${kind}：${f.subject}`,
    `  序列号 ${f.serial}`,
    `  SHA-256 指纹 ${f.fingerprintSha256}`,
    `  有效期至 ${f.notAfter?.toISOString().slice(0, 10) ?? '?'}`,
  ];
}

function issueWith<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof NameError) throw new UsageError(`--name: ${e.message}`);
    throw e;
  }
}

export async function runCaInit(o: CaInitOptions): Promise<number> {
  const out = resolve(o.out);
  const password = passphraseFrom(o.passEnv);
  const ca = issueWith(() => initCa({ name: o.name, alg: o.alg, years: o.years, password }));
  await writeNew(out, ca.p12, 0o600);
  await writeNew(pemPath(out), toPem('CERTIFICATE', ca.certDer), 0o644);
  process.stderr.write(terminalText([...describe('根证书', ca), `把 ${pemPath(out)} 发给审查人员，用 "compliance-desk trust add" 加入信任列表。`]));
  process.stdout.write(`${out}\n${pemPath(out)}\n`);
  return 0;
}

async function openCaFile(path: string, passEnv: string | undefined) {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read --ca ${path}: ${(e as Error).message}`);
  }
  try {
    return openCa(bytes, passphraseFrom(passEnv));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--ca ${path}: ${(e as Error).message}`);
  }
}

export async function runCaIssue(o: CaIssueOptions): Promise<number> {
  const ca = await openCaFile(o.ca, o.caPassEnv);
  const out = resolve(o.out);
  const password = passphraseFrom(o.passEnv);
  const issued = issueWith(() => issueSigningCertificate(ca, { name: o.name, alg: o.alg, years: o.years, password }));
  await writeNew(out, issued.p12, 0o600);
  await writeNew(pemPath(out), toPem('CERTIFICATE', issued.certDer), 0o644);
  process.stderr.write(terminalText(describe('签名证书', issued)));
  process.stdout.write(`${out}\n${pemPath(out)}\n`);
  return 0;
}

export async function runCaRevoke(o: CaRevokeOptions): Promise<number> {
  const ca = await openCaFile(o.ca, o.caPassEnv);
  let previous: Buffer | undefined;
  if (o.crl) {
    try {
      previous = await readFile(o.crl);
    } catch (e) {
      throw new UsageError(`cannot read --crl ${o.crl}: ${(e as Error).message}`);
    }
  }
  let crl: Buffer;
  try {
    crl = revokeCertificates(ca, { serials: o.serial, previous, days: o.days });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  await writeFile(resolve(o.out), crl);
  process.stderr.write(terminalText([`吊销列表已写入 ${o.out}：吊销 ${o.serial.join('、')}，${o.days} 天内有效。`]));
  process.stdout.write(`${resolve(o.out)}\n`);
  return 0;
}
