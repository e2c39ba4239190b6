// The operator's side of bundle-v1.md: write manifest.json with every file's SHA-256 and
// size, and sign its canonical form with the operator's key (Ed25519, ECDSA P-256 or
// SM2/SM3), so that readRecords / verifyBundle can check both on the reviewer's side.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { ecPointHex, ecPrivateScalarHex, keyKindOf, spkiOf } from '../crypto/public-key.js';
import { signSm2Scalar } from '../crypto/sm2.js';
import { canonicalJson } from '../../../shared/bundle/integrity.js';
import { formatLocal, isKnownTimeZone, normaliseDate } from '../../../shared/bundle/time.js';
import type { Manifest, ManifestAlg, ManifestFile, ManifestSignature, Period } from '../../../shared/bundle/types.js';
import { BundleError, openSource } from './source.js';
import { parseJson } from '../../../shared/bundle/json.js';

export { MANIFEST_ALGS, type ManifestAlg } from '../../../shared/bundle/types.js';

const DEFAULT_TIMEZONE = 'Asia/Shanghai';

// ---------------------------------------------------------------- keys

export interface SigningKey {
  alg: ManifestAlg;
  publicKeyPem: string;
  /** The signature value as written in the manifest (Base64 of DER, or of the raw Ed25519 signature). */
  sign(message: Buffer): string;
}

/** Whether a key file is refused, and why (the message names the file when given). */
export class KeyError extends Error {}

/** The manifest algorithm of a key, by the algorithm and curve its public key names. */
function algOf(key: KeyObject): ManifestAlg | null {
  const kind = keyKindOf(createPublicKey(key));
  return kind === 'ed25519' ? 'ed25519' : kind === 'ecdsa-p256' ? 'ecdsa-p256-sha256' : kind === 'sm2' ? 'sm2-sm3' : null;
}

/**
 * A signing key from a PEM private key (PKCS#8 or the algorithm's traditional form, optionally
 * encrypted). `alg`, when given, must agree with the key.
 */
export function loadSigningKey(pem: string | Buffer, opts: { passphrase?: string; alg?: ManifestAlg; file?: string } = {}): SigningKey {
  const where = opts.file ? `密钥文件 ${opts.file}` : '密钥';
  let key: KeyObject;
  try {
    key = createPrivateKey(opts.passphrase !== undefined ? { key: pem, format: 'pem', passphrase: opts.passphrase } : { key: pem, format: 'pem' });
  } catch (e) {
    const m = (e as Error).message;
    const encrypted = /ENCRYPTED/.test(String(pem));
    throw new KeyError(encrypted || /passphrase|decrypt/i.test(m)
      ? `${where} 已加密，口令缺失或错误：请用 --pass-env 指定存放口令的环境变量。`
      : `${where} 不是 PEM 格式的私钥（${m}）。`);
  }
  const alg = algOf(key);
  if (!alg) throw new KeyError(`${where} 的类型（${key.asymmetricKeyType ?? '未知'}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''}）不受支持：应为 Ed25519、ECDSA P-256 或 SM2 私钥。`);
  if (opts.alg && opts.alg !== alg) throw new KeyError(`${where} 是 ${alg} 密钥，与 --alg ${opts.alg} 不符。`);
  const publicKey = createPublicKey(key);
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  if (alg === 'ed25519') return { alg, publicKeyPem, sign: (m) => sign(null, m, key).toString('base64') };
  if (alg === 'ecdsa-p256-sha256') return { alg, publicKeyPem, sign: (m) => sign('sha256', m, { key, dsaEncoding: 'der' }).toString('base64') };
  // SM2 with SM3 and the standard signer id: OpenSSL through Node cannot set that id, sm-crypto can.
  const d = ecPrivateScalarHex(key.export({ format: 'der', type: 'pkcs8' }));
  const point = ecPointHex(spkiOf(publicKey));
  if (sm2.getPublicKeyFromPrivateKey(d) !== point) throw new KeyError(`${where} 的 SM2 私钥与其公钥不符。`);
  return { alg, publicKeyPem, sign: (m) => signSm2Scalar(m, d, point).toString('base64') };
}

/** A new key pair as PEM (private PKCS#8, encrypted with AES-256 when a passphrase is given). */
export function generateSigningKey(alg: ManifestAlg, passphrase?: string): { privateKeyPem: string; publicKeyPem: string } {
  const pair = alg === 'ed25519' ? generateKeyPairSync('ed25519')
    : generateKeyPairSync('ec', { namedCurve: alg === 'sm2-sm3' ? 'SM2' : 'prime256v1' });
  const privateKeyPem = pair.privateKey.export(passphrase !== undefined
    ? { format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase }
    : { format: 'pem', type: 'pkcs8' }).toString();
  return { privateKeyPem, publicKeyPem: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}


/** The manifest with `signature` over its canonical form without one (bundle-v1.md). */
export function signManifest<T extends Record<string, unknown>>(manifest: T, key: SigningKey): T & { signature: ManifestSignature } {
  const { signature: _drop, ...rest } = manifest;
  const value = key.sign(Buffer.from(canonicalJson(rest), 'utf8'));
  return { ...(rest as T), signature: { alg: key.alg, public_key_pem: key.publicKeyPem, value } };
}

// ---------------------------------------------------------------- the manifest

export interface MakeManifestOptions {
  /** Override the existing manifest's operator_id. */
  operatorId?: string;
  period?: Period;
  timezone?: string;
  key?: SigningKey;
  /** For tests: the clock of created_at. */
  now?: Date;
  onFile?: (path: string, bytes: number) => void;
}

export interface MadeManifest {
  path: string;
  manifest: Manifest;
  files: number;
  bytes: number;
  /** What was kept, taken or dropped, in Chinese. */
  notes: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

async function readJsonObject(path: string): Promise<{ value: Record<string, unknown> | null; error: string | null; present: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { value: null, error: null, present: false };
  }
  try {
    const v = parseJson(text.replace(/^\ufeff/, ''));
    return isObject(v) ? { value: v, error: null, present: true } : { value: null, error: '不是 JSON 对象', present: true };
  } catch (e) {
    return { value: null, error: (e as Error).message, present: true };
  }
}

/**
 * Hash every file of the bundle folder (as the reader lists it) and write manifest.json,
 * signed when a key is given. operator_id, period and timezone come from the options, else
 * from the existing manifest (operator_id else from operator.json); other members of an
 * existing manifest are kept, its files, created_at and signature replaced.
 */
export async function makeManifest(folder: string, opts: MakeManifestOptions = {}): Promise<MadeManifest> {
  const notes: string[] = [];
  const source = await openSource(folder);
  const manifestPath = join(folder, 'manifest.json');
  try {
    if (source.kind !== 'folder') {
      throw new BundleError('not-a-bundle', `${folder} 是 zip 文件：清单只能在证据包文件夹中生成，请先解压，生成清单后再打包。`, folder);
    }
    const old = await readJsonObject(manifestPath);
    if (old.error) notes.push(`原 manifest.json 无法读取（${old.error}），已按选项重新生成。`);
    const base: Record<string, unknown> = { ...(old.value ?? {}) };
    if (old.value && 'signature' in old.value) notes.push('原清单的签名已随文件清单一并更新。');
    delete base.files;
    delete base.signature;
    delete base.created_at;

    // operator_id: option, existing manifest, operator.json.
    let operatorId = opts.operatorId ?? (typeof base.operator_id === 'string' && base.operator_id.trim() ? base.operator_id : undefined);
    if (!operatorId && source.list().includes('operator.json')) {
      const op = await readJsonObject(join(folder, 'operator.json'));
      if (op.value && typeof op.value.id === 'string' && op.value.id.trim()) {
        operatorId = op.value.id.trim();
        notes.push(`operator_id 取自 operator.json：${operatorId}。`);
      }
    }
    if (!operatorId) notes.push('没有运营机构编号 operator_id：可用 --operator 指定。');

    // period: option, else existing; required by the reader.
    let period: Period | undefined = opts.period;
    if (!period && isObject(base.period)) {
      const start = normaliseDate(String(base.period.start ?? ''));
      const end = normaliseDate(String(base.period.end ?? ''));
      if (start && end) period = { start, end };
    }
    if (!period) throw new BundleError('invalid', `证据包 ${folder} 没有可用的评估期：请用 --period YYYY-MM-DD..YYYY-MM-DD 指定。`, 'manifest.json');
    const start = normaliseDate(period.start);
    const end = normaliseDate(period.end);
    if (!start || !end || start > end) throw new BundleError('invalid', `评估期 ${period.start}..${period.end} 无效：应为 YYYY-MM-DD..YYYY-MM-DD，且开始不晚于结束。`);

    const timezone = opts.timezone ?? (typeof base.timezone === 'string' && base.timezone.trim() ? base.timezone.trim() : DEFAULT_TIMEZONE);
    if (!isKnownTimeZone(timezone)) throw new BundleError('invalid', `时区 "${timezone}" 不是已知的 IANA 时区（如 Asia/Shanghai）。`);

    const files: ManifestFile[] = [];
    let bytes = 0;
    for (const p of source.list()) {
      if (p === 'manifest.json') continue;
      const hash = createHash('sha256');
      let n = 0;
      for await (const chunk of source.stream(p) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        n += chunk.length;
      }
      files.push({ path: p, sha256: hash.digest('hex'), bytes: n });
      bytes += n;
      opts.onFile?.(p, n);
    }

    let manifest: Manifest = {
      ...base,
      format: 'evidence-bundle/1',
      ...(operatorId ? { operator_id: operatorId } : {}),
      created_at: formatLocal((opts.now ?? new Date()).getTime(), timezone),
      period: { start, end },
      timezone,
      files,
    } as Manifest;
    if (opts.key) manifest = signManifest(manifest, opts.key);

    // Write beside, then rename: a reader never sees half a manifest.
    const tmp = join(folder, `.manifest.json.${process.pid}.tmp`);
    try {
      await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n', 'utf8');
      await rename(tmp, manifestPath);
    } finally {
      await rm(tmp, { force: true });
    }
    return { path: manifestPath, manifest, files: files.length, bytes, notes };
  } finally {
    await source.close();
  }
}
