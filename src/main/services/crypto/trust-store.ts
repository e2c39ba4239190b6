// The reviewer's trust store: the anchors a signature must lead to before it is shown as
// trusted (an organisation's offline CA, a 政务 CA's root, pinned individual certificates)
// and the operators' registered manifest keys, tied to their unified social credit code.
// One JSON file on this machine; the desktop app and the command line share its format.

import { createPublicKey } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Anchor } from './chain.js';
import { readP12 } from './p12.js';
import { pemBlocks, toPem } from './pem.js';
import { fingerprintOf, keyFingerprint, keyKindOf, normaliseFingerprint, spkiOf } from './public-key.js';
import { describeCertificate, readCertificate, type CertInfo } from './x509.js';
import { parseJson } from '../../../shared/bundle/json.js';

export type TrustKind = 'root' | 'certificate' | 'operator-key';

export interface TrustEntry {
  kind: TrustKind;
  /** What the person who added it called it. */
  label: string;
  /** SHA-256 of the certificate (root, certificate) or of the public key (operator-key), AA:BB:… */
  fingerprintSha256: string;
  addedAt: string;
  certificatePem?: string;
  publicKeyPem?: string;
  /** operator-key: the operator's unified social credit code (manifest operator_id). */
  creditCode?: string;
  subject?: string;
  notAfter?: string | null;
}

export interface TrustStore {
  format: 'compliance-desk/trust/1';
  entries: TrustEntry[];
}

/** A trust store or trust file that cannot be used; the message names the file and why. */
export class TrustError extends Error {
  override name = 'TrustError';
}

export const EMPTY_STORE: TrustStore = { format: 'compliance-desk/trust/1', entries: [] };

/** Larger trust files are refused: a store holds a few dozen certificates. */
const MAX_STORE_BYTES = 8 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
/** Files read by `trust add` and `--trust`: certificates, P12 files, public keys. */
const MAX_TRUST_FILE_BYTES = 4 * 1024 * 1024;

/** Where the command line keeps its store: $COMPLIANCE_DESK_HOME, else the XDG config folder. */
export function defaultTrustStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.COMPLIANCE_DESK_HOME || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'compliance-desk');
  return join(home, 'trust.json');
}

const KINDS: readonly TrustKind[] = ['root', 'certificate', 'operator-key'];

function checkEntry(e: unknown, where: string): TrustEntry {
  if (!e || typeof e !== 'object' || Array.isArray(e)) throw new TrustError(`${where} 不是对象`);
  const o = e as Record<string, unknown>;
  const str = (k: string, optional = false) => {
    const v = o[k];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.length > 64 * 1024) throw new TrustError(`${where}.${k} 应为字符串`);
    return v;
  };
  const kind = str('kind') as TrustKind;
  if (!KINDS.includes(kind)) throw new TrustError(`${where}.kind 应为 root、certificate 或 operator-key`);
  const fingerprint = normaliseFingerprint(str('fingerprintSha256')!);
  if (!fingerprint) throw new TrustError(`${where}.fingerprintSha256 不是 SHA-256 指纹`);
  const entry: TrustEntry = { kind, label: str('label')!, fingerprintSha256: fingerprint, addedAt: str('addedAt')! };
  for (const k of ['certificatePem', 'publicKeyPem', 'creditCode', 'subject'] as const) {
    const v = str(k, true);
    if (v !== undefined) entry[k] = v;
  }
  if (o.notAfter !== undefined) entry.notAfter = o.notAfter === null ? null : str('notAfter');
  if (kind === 'operator-key' ? !entry.publicKeyPem || !entry.creditCode : !entry.certificatePem) {
    throw new TrustError(`${where} 缺少${kind === 'operator-key' ? '公钥或统一社会信用代码' : '证书'}`);
  }
  // The fingerprint must be that of what is stored: a hand-edited entry cannot vouch for another key.
  const actual = kind === 'operator-key' ? keyFingerprint(entry.publicKeyPem!) : fingerprintOf(pemBlocks(entry.certificatePem!, 'CERTIFICATE')[0] ?? Buffer.alloc(0));
  if (actual !== fingerprint) throw new TrustError(`${where} 的指纹与其中的${kind === 'operator-key' ? '公钥' : '证书'}不符`);
  return entry;
}

/** The store at `path`; an absent file is an empty store. */
export async function readTrustStore(path: string): Promise<TrustStore> {
  let text: string;
  try {
    const st = await lstat(path);
    if (!st.isFile()) throw new TrustError(`信任列表 ${path} 不是普通文件`);
    if (st.size > MAX_STORE_BYTES) throw new TrustError(`信任列表 ${path} 超过 ${MAX_STORE_BYTES} 字节`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ...EMPTY_STORE, entries: [] };
    if (e instanceof TrustError) throw e;
    throw new TrustError(`无法读取信任列表 ${path}：${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (e) {
    throw new TrustError(`信任列表 ${path} 不是有效的 JSON：${(e as Error).message}`);
  }
  const o = json as { format?: unknown; entries?: unknown };
  if (!o || o.format !== EMPTY_STORE.format || !Array.isArray(o.entries)) throw new TrustError(`信任列表 ${path} 的格式不是 ${EMPTY_STORE.format}`);
  if (o.entries.length > MAX_ENTRIES) throw new TrustError(`信任列表 ${path} 的条目超过 ${MAX_ENTRIES} 个`);
  try {
    return { format: EMPTY_STORE.format, entries: o.entries.map((e, n) => checkEntry(e, `entries[${n}]`)) };
  } catch (e) {
    throw new TrustError(`信任列表 ${path}：${(e as Error).message}`);
  }
}

/** Written next to itself and renamed into place, so a crash never leaves half a store. */
export async function writeTrustStore(path: string, store: TrustStore): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(store, null, 2) + '\n', { mode: 0o644 });
  await rename(temp, path);
}

/** What a trust file holds: PEM or DER certificates, a P12's certificates, or a public key (PEM). */
export function readTrustMaterial(bytes: Buffer, opts: { p12Password?: string; file: string }): { certificates: CertInfo[]; publicKeyPem: string | null } {
  if (bytes.length > MAX_TRUST_FILE_BYTES) throw new TrustError(`${opts.file} 超过 ${MAX_TRUST_FILE_BYTES} 字节，不是证书文件`);
  const read = (der: Buffer) => {
    try {
      return readCertificate(der);
    } catch (e) {
      throw new TrustError(`${opts.file} 中的证书无法读取：${(e as Error).message}`);
    }
  };
  const certs = pemBlocks(bytes, 'CERTIFICATE');
  if (certs.length) return { certificates: certs.map(read), publicKeyPem: null };
  const keys = pemBlocks(bytes, 'PUBLIC KEY');
  if (keys.length) {
    try {
      return { certificates: [], publicKeyPem: toPem('PUBLIC KEY', spkiOf(createPublicKey({ key: keys[0], format: 'der', type: 'spki' }))) };
    } catch (e) {
      throw new TrustError(`${opts.file} 中的公钥无法读取：${(e as Error).message}`);
    }
  }
  if (/\.(p12|pfx)$/i.test(opts.file)) {
    if (opts.p12Password === undefined) throw new TrustError(`${opts.file} 是 PKCS#12 文件：需要口令才能读出其中的证书`);
    try {
      const k = readP12(bytes, opts.p12Password);
      return { certificates: [k.certDer, ...k.chainDer].map(read), publicKeyPem: null };
    } catch (e) {
      throw new TrustError(`${opts.file}：${(e as Error).message}`);
    }
  }
  if (bytes[0] === 0x30) return { certificates: [read(bytes)], publicKeyPem: null };
  throw new TrustError(`${opts.file} 既不是证书（PEM 或 DER），也不是公钥或 PKCS#12 文件`);
}

/** A store entry for a certificate: a root when it is a CA, else a pinned certificate. */
export function certificateEntry(cert: CertInfo, label: string, kind?: 'root' | 'certificate'): TrustEntry {
  const v = describeCertificate(cert);
  return {
    kind: kind ?? (cert.isCa ? 'root' : 'certificate'), label, fingerprintSha256: v.fingerprintSha256, addedAt: new Date().toISOString(),
    certificatePem: toPem('CERTIFICATE', cert.der), subject: v.subject, notAfter: v.notAfter,
  };
}

/** A store entry registering an operator's manifest key under its credit code. */
export function operatorKeyEntry(publicKeyPem: string, creditCode: string, label: string): TrustEntry {
  const code = creditCode.trim().toUpperCase();
  // The key is bound to the code as the operator's manifests write it: 18 letters or digits,
  // without GB 32100's alphabet and check digit, which codes in real bundles do not always keep.
  if (!/^[0-9A-Z]{18}$/.test(code)) throw new TrustError(`"${creditCode}" 不是 18 位统一社会信用代码（应为 18 位数字或大写字母）`);
  const spki = spkiOf(createPublicKey(publicKeyPem));
  if (keyKindOf(spki) === 'other') throw new TrustError('公钥类型不受支持：应为 Ed25519、ECDSA P-256 或 SM2');
  return { kind: 'operator-key', label, fingerprintSha256: fingerprintOf(spki), addedAt: new Date().toISOString(), publicKeyPem: toPem('PUBLIC KEY', spki), creditCode: code };
}

/** The store with `entries` added; an entry already there (same kind, fingerprint, operator) is kept once. */
export function addEntries(store: TrustStore, entries: TrustEntry[]): { store: TrustStore; added: TrustEntry[] } {
  const key = (e: TrustEntry) => `${e.kind}|${e.fingerprintSha256}|${e.creditCode ?? ''}`;
  const have = new Set(store.entries.map(key));
  const added = entries.filter((e) => !have.has(key(e)) && have.add(key(e)));
  if (store.entries.length + added.length > MAX_ENTRIES) throw new TrustError(`信任列表的条目不能超过 ${MAX_ENTRIES} 个`);
  return { store: { ...store, entries: [...store.entries, ...added] }, added };
}

/** The store without the entries whose fingerprint (or exact label) is `which`. */
export function removeEntries(store: TrustStore, which: string): { store: TrustStore; removed: TrustEntry[] } {
  const fp = normaliseFingerprint(which);
  const match = (e: TrustEntry) => (fp ? e.fingerprintSha256 === fp : e.label === which);
  return { store: { ...store, entries: store.entries.filter((e) => !match(e)) }, removed: store.entries.filter(match) };
}

/** The anchors of a store (roots and pinned certificates) for chain validation. */
export function anchorsOf(store: TrustStore): Anchor[] {
  return store.entries.flatMap((e) => (e.kind === 'operator-key' || !e.certificatePem ? []
    : [{ cert: readCertificate(pemBlocks(e.certificatePem, 'CERTIFICATE')[0]), label: e.label, kind: e.kind }]));
}

/** The keys registered for an operator, by credit code. */
export function operatorKeys(store: TrustStore): { creditCode: string; fingerprintSha256: string; label: string }[] {
  return store.entries.filter((e) => e.kind === 'operator-key' && e.creditCode)
    .map((e) => ({ creditCode: e.creditCode!, fingerprintSha256: e.fingerprintSha256, label: e.label }));
}

/** `--trust FILE|DIR`: anchors for one command, from the certificate files given (not kept). */
export async function anchorsFromPaths(paths: string[]): Promise<Anchor[]> {
  const out: Anchor[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      const st = await lstat(p);
      files = st.isDirectory() ? (await readdir(p)).filter((f) => /\.(pem|crt|cer|der)$/i.test(f)).sort().map((f) => join(p, f)) : [p];
    } catch (e) {
      throw new TrustError(`--trust ${p}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '没有这个文件或文件夹' : (e as Error).message}`);
    }
    for (const f of files) {
      const st = await lstat(f);
      if (!st.isFile()) continue;
      if (st.size > MAX_TRUST_FILE_BYTES) throw new TrustError(`${f} 超过 ${MAX_TRUST_FILE_BYTES} 字节，不是证书文件`);
      for (const cert of readTrustMaterial(await readFile(f), { file: f }).certificates) {
        out.push({ cert, label: f, kind: cert.isCa ? 'root' : 'certificate' });
      }
    }
  }
  return out;
}
