import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateSigningKey, generateSm2Keys } from '../../main/services/crypto/keygen.js';
import { NameError } from '../../main/services/crypto/x509.js';
import { passphraseFrom } from '../report-output.js';
import type { KeygenOptions } from '../program.js';
import { UsageError } from '../usage.js';

/**
 * `keygen --out FILE.p12 --name NAME [--pass-env VAR] [--alg rsa|ecdsa] [--sm2 OUT_PREFIX]`:
 * a self-signed signing certificate in a PKCS#12 file; with --sm2 also an SM2 key pair
 * (OUT_PREFIX.key.pem, encrypted with the same passphrase, and OUT_PREFIX.pub.pem).
 * The passphrase comes only from the environment variable named (never an argument, which
 * other users could read in the process list).
 */
export async function runKeygen(values: KeygenOptions): Promise<number> {
  const { alg, years } = values;
  const password = passphraseFrom(values.passEnv);
  const out = resolve(values.out);
  const sm2Prefix = values.sm2 ? resolve(values.sm2) : null;
  const targets = [out, ...(sm2Prefix ? [`${sm2Prefix}.key.pem`, `${sm2Prefix}.pub.pem`] : [])];
  // Keys are never overwritten: a lost key cannot be recovered, a signed report would no longer verify against it.
  for (const t of targets) if (existsSync(t)) throw new UsageError(`${t} 已存在：keygen 不覆盖已有的文件（密钥丢失后无法找回）`);

  let key;
  try {
    key = generateSigningKey({ name: values.name, password, alg, years });
  } catch (e) {
    if (e instanceof NameError) throw new UsageError(`--name: ${e.message}`);
    throw e;
  }
  writeFileSync(out, key.p12, { mode: 0o600 });
  const written = [out];
  if (sm2Prefix) {
    const sm2 = generateSm2Keys(password);
    writeFileSync(`${sm2Prefix}.key.pem`, sm2.privateKeyPem, { mode: 0o600 });
    writeFileSync(`${sm2Prefix}.pub.pem`, sm2.publicKeyPem);
    written.push(`${sm2Prefix}.key.pem`, `${sm2Prefix}.pub.pem`);
  }
  process.stderr.write(
    `${alg === 'rsa' ? 'RSA-3072' : 'ECDSA P-256'} self-signed certificate: ${key.subject}\n`
    + `  SHA-256 fingerprint ${key.fingerprintSha256}\n`
    + `  valid until ${key.notAfter?.toISOString().slice(0, 10) ?? '?'}\n`,
  );
  process.stdout.write(written.join('\n') + '\n');
  return 0;
}
