// `bundle make` and `bundle keygen`: the operator's side — write a bundle's manifest.json
// with every file's SHA-256 and sign it (bundle-v1.md), and make a key to sign with.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  KeyError, MANIFEST_ALGS, generateSigningKey, loadSigningKey, makeManifest, publicKeyFingerprint, type ManifestAlg, type SigningKey,
} from '../../main/services/bundle/make-manifest.js';
import { passphraseFrom } from '../report-output.js';
import { parse, parsePeriod, UsageError } from '../usage.js';

export const BUNDLE_USAGE = `compliance-desk bundle make <folder> [--key FILE] [--alg ${MANIFEST_ALGS.join('|')}] [--pass-env VAR]
    [--operator ID] [--period START..END] [--timezone TZ] [--quiet]
        write <folder>/manifest.json (every file's SHA-256 and size), signed with --key
compliance-desk bundle keygen --out FILE [--alg ${MANIFEST_ALGS.join('|')}] [--pass-env VAR] [--force]
        a key for signing manifests (FILE) and its public key (FILE → *.pub.pem)
`;

function alg(value: string | undefined): ManifestAlg | undefined {
  if (value === undefined) return undefined;
  if (!(MANIFEST_ALGS as readonly string[]).includes(value)) throw new UsageError(`--alg must be one of ${MANIFEST_ALGS.join(', ')}, got "${value}"`);
  return value as ManifestAlg;
}

/** The passphrase of a PEM key: from --pass-env, or from the default variable when the key is encrypted. */
function pemPassphrase(envName: string | undefined, pem: Buffer | string): string | undefined {
  if (envName !== undefined || /ENCRYPTED/.test(String(pem))) return passphraseFrom(envName);
  return undefined;
}

function period(text: string | undefined): { start: string; end: string } | undefined {
  return text === undefined ? undefined : parsePeriod(text);
}

/** Where keygen puts the public key: op.key / op.pem → op.pub.pem, else FILE.pub.pem. */
export function publicKeyPath(privatePath: string): string {
  return /\.(key|pem)$/i.test(privatePath) ? privatePath.replace(/\.(key|pem)$/i, '.pub.pem') : `${privatePath}.pub.pem`;
}

async function make(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    key: { type: 'string' },
    alg: { type: 'string' },
    'pass-env': { type: 'string' },
    operator: { type: 'string' },
    period: { type: 'string' },
    timezone: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('bundle make needs exactly one bundle folder');
  const folder = resolve(positionals[0]);
  const wantAlg = alg(values.alg);
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
      key = loadSigningKey(pem, { passphrase: pemPassphrase(values['pass-env'], pem), alg: wantAlg, file: values.key });
    } catch (e) {
      if (e instanceof KeyError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (values.operator !== undefined && !values.operator.trim()) throw new UsageError('--operator needs the operator id');
  const made = await makeManifest(folder, {
    operatorId: values.operator?.trim(),
    period: period(values.period),
    timezone: values.timezone,
    key,
  });
  if (!values.quiet) {
    for (const n of made.notes) process.stderr.write(`  ${n}\n`);
    const signed = key ? `signed ${key.alg} (public key SHA-256 ${publicKeyFingerprint(key.publicKeyPem)})` : 'not signed (no --key)';
    process.stderr.write(`${made.path}: ${made.files} files, ${made.bytes} bytes, ${signed}\n`);
  }
  process.stdout.write(made.path + '\n');
  return 0;
}

async function keygen(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    alg: { type: 'string' },
    'pass-env': { type: 'string' },
    force: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('bundle keygen takes no positional arguments (use --out FILE)');
  if (!values.out) throw new UsageError('bundle keygen needs --out FILE');
  const out = resolve(values.out);
  const pub = publicKeyPath(out);
  for (const p of [out, pub]) {
    if (existsSync(p) && !values.force) throw new UsageError(`${p} exists: refusing to overwrite a key (use --force)`);
  }
  const chosen = alg(values.alg) ?? 'ed25519';
  const { privateKeyPem, publicKeyPem } = generateSigningKey(chosen, values['pass-env'] !== undefined ? passphraseFrom(values['pass-env']) : undefined);
  await writeFile(out, privateKeyPem, { mode: 0o600 });
  await writeFile(pub, publicKeyPem, { mode: 0o644 });
  process.stderr.write(`${chosen} key written; public key SHA-256 ${publicKeyFingerprint(publicKeyPem)}\n`);
  process.stdout.write(`${out}\n${pub}\n`);
  return 0;
}

/** `bundle make …` / `bundle keygen …`; exit 0 done, 2 bad arguments or bundle (thrown). */
export async function runBundle(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'make') return make(rest);
  if (sub === 'keygen') return keygen(rest);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(BUNDLE_USAGE);
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown bundle command "${sub}" (make, keygen)`);
}
