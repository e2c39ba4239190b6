// `bundle make` and `bundle keygen`: the operator's side — write a bundle's manifest.json
// with every file's SHA-256 and sign it (bundle-v1.md), and make a key to sign with.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  KeyError, generateSigningKey, loadSigningKey, makeManifest, type SigningKey,
} from '../../main/services/bundle/make-manifest.js';
import { keyFingerprint } from '../../main/services/crypto/public-key.js';
import { passphraseFrom } from '../report-output.js';
import type { BundleKeygenOptions, BundleMakeOptions } from '../program.js';
import { UsageError } from '../usage.js';

/** The passphrase of a PEM key: from --pass-env, or from the default variable when the key is encrypted. */
function pemPassphrase(envName: string | undefined, pem: Buffer | string): string | undefined {
  if (envName !== undefined || /ENCRYPTED/.test(String(pem))) return passphraseFrom(envName);
  return undefined;
}

/** Where keygen puts the public key: op.key / op.pem → op.pub.pem, else FILE.pub.pem. */
export function publicKeyPath(privatePath: string): string {
  return /\.(key|pem)$/i.test(privatePath) ? privatePath.replace(/\.(key|pem)$/i, '.pub.pem') : `${privatePath}.pub.pem`;
}

/** `bundle make <folder>`: exit 0 written; unusable folder or key throws (exit 2). */
export async function runBundleMake(folderArg: string, values: BundleMakeOptions): Promise<number> {
  const folder = resolve(folderArg);
  const wantAlg = values.alg;
  if (wantAlg && !values.key) throw new UsageError('--alg needs --key: the algorithm is that of the key (make one with "bundle keygen")');
  let key: SigningKey | undefined;
  if (values.key) {
    let pem: Buffer;
    try {
      pem = await readFile(values.key);
    } catch (e) {
      throw new UsageError(`cannot read key ${values.key}: ${(e as Error).message}`);
    }
    try {
      key = loadSigningKey(pem, { passphrase: pemPassphrase(values.passEnv, pem), alg: wantAlg, file: values.key });
    } catch (e) {
      if (e instanceof KeyError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (values.operator !== undefined && !values.operator.trim()) throw new UsageError('--operator needs the operator id');
  const made = await makeManifest(folder, {
    operatorId: values.operator?.trim(),
    period: values.period,
    timezone: values.timezone,
    key,
  });
  if (!values.quiet) {
    for (const n of made.notes) process.stderr.write(`  ${n}\n`);
    const signed = key ? `signed ${key.alg} (public key SHA-256 ${keyFingerprint(key.publicKeyPem)})` : 'not signed (no --key)';
    process.stderr.write(`${made.path}: ${made.files} files, ${made.bytes} bytes, ${signed}\n`);
  }
  process.stdout.write(made.path + '\n');
  return 0;
}

/** `bundle keygen --out FILE`: a manifest signing key and its public key. */
export async function runBundleKeygen(values: BundleKeygenOptions): Promise<number> {
  const out = resolve(values.out);
  const pub = publicKeyPath(out);
  for (const p of [out, pub]) {
    if (existsSync(p) && !values.force) throw new UsageError(`${p} 已存在：不覆盖已有的密钥（确要覆盖，加 --force）`);
  }
  const chosen = values.alg;
  const { privateKeyPem, publicKeyPem } = generateSigningKey(chosen, values.passEnv !== undefined ? passphraseFrom(values.passEnv) : undefined);
  await writeFile(out, privateKeyPem, { mode: 0o600 });
  await writeFile(pub, publicKeyPem, { mode: 0o644 });
  process.stderr.write(`${chosen} key written; public key SHA-256 ${keyFingerprint(publicKeyPem)}\n`);
  process.stdout.write(`${out}\n${pub}\n`);
  return 0;
}
