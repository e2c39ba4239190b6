// `trust add | list | remove | export`: the reviewer's trust store from the command line —
// the anchors a signature must lead to, and the operators' registered manifest keys.

import { readFile, writeFile } from 'node:fs/promises';
import {
  addEntries, certificateEntry, defaultTrustStorePath, operatorKeyEntry, readTrustMaterial, readTrustStore, removeEntries, writeTrustStore,
  TrustError, type TrustEntry,
} from '../../main/services/crypto/trust-store.js';
import { toPem } from '../../main/services/crypto/pem.js';
import type { TrustAddOptions } from '../program.js';
import { passphraseFrom } from '../report-output.js';
import { terminalText } from '../terminal.js';
import { UsageError } from '../usage.js';

const KIND_ZH = { root: '根证书', certificate: '钉住的证书', 'operator-key': '运营机构清单密钥' } as const;

function entryLines(e: TrustEntry): string[] {
  return [
    `${KIND_ZH[e.kind]}  ${e.label}${e.creditCode ? `（统一社会信用代码 ${e.creditCode}）` : ''}`,
    `  SHA-256 指纹 ${e.fingerprintSha256}`,
    ...(e.subject ? [`  主体 ${e.subject}${e.notAfter ? `，有效期至 ${e.notAfter.slice(0, 10)}` : ''}`] : []),
  ];
}

async function store() {
  const path = defaultTrustStorePath();
  try {
    return { path, store: await readTrustStore(path) };
  } catch (e) {
    if (e instanceof TrustError) throw new UsageError(e.message);
    throw e;
  }
}

/** `trust add FILE`: certificates (PEM, DER, or a P12's public part) or, with --operator, a manifest public key. */
export async function runTrustAdd(file: string, o: TrustAddOptions): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const { path, store: current } = await store();
  let entries: TrustEntry[];
  try {
    const m = readTrustMaterial(bytes, { file, p12Password: /\.(p12|pfx)$/i.test(file) ? passphraseFrom(o.passEnv) : undefined });
    if (o.operator) {
      const pem = m.publicKeyPem ?? (m.certificates[0] ? toPem('PUBLIC KEY', m.certificates[0].spki) : null);
      if (!pem) throw new TrustError(`${file} 中没有公钥`);
      entries = [operatorKeyEntry(pem, o.operator, o.label ?? o.operator)];
    } else {
      if (m.publicKeyPem) throw new UsageError(`${file} holds a public key: register it as an operator's manifest key with --operator CREDIT_CODE`);
      entries = m.certificates.map((c, i) => certificateEntry(c, o.label ? (m.certificates.length > 1 ? `${o.label} #${i + 1}` : o.label) : file, o.kind));
    }
  } catch (e) {
    if (e instanceof TrustError) throw new UsageError(e.message);
    throw e;
  }
  const { store: next, added } = addEntries(current, entries);
  await writeTrustStore(path, next);
  const lines = added.length ? ['已加入信任列表：'] : ['信任列表中已有这些条目，未作改动：'];
  for (const e of added.length ? added : entries) lines.push(...entryLines(e).map((l) => `  ${l}`));
  lines.push('请通过可靠途径（电话、当面）与证书或密钥的持有人核对上面的指纹。');
  process.stderr.write(terminalText(lines));
  process.stdout.write(`${path}\n`);
  return 0;
}

export async function runTrustList(o: { json?: boolean }): Promise<number> {
  const { path, store: s } = await store();
  if (o.json) {
    process.stdout.write(JSON.stringify({ path, entries: s.entries.map(({ certificatePem: _c, publicKeyPem: _k, ...rest }) => rest) }, null, 2) + '\n');
    return 0;
  }
  const lines = [`信任列表 ${path}：${s.entries.length} 条`];
  for (const e of s.entries) lines.push(...entryLines(e).map((l) => `  ${l}`));
  process.stdout.write(terminalText(lines));
  return 0;
}

export async function runTrustRemove(which: string): Promise<number> {
  const { path, store: s } = await store();
  const { store: next, removed } = removeEntries(s, which);
  if (!removed.length) throw new UsageError(`no entry of the trust store has the fingerprint or label "${which}" (see "compliance-desk trust list")`);
  await writeTrustStore(path, next);
  process.stderr.write(terminalText(['已从信任列表移除：', ...removed.flatMap((e) => entryLines(e).map((l) => `  ${l}`))]));
  return 0;
}

/** `trust export`: the certificates as PEM (for a colleague's store), or the whole store as JSON. */
export async function runTrustExport(o: { out?: string; json?: boolean }): Promise<number> {
  const { store: s } = await store();
  const text = o.json ? JSON.stringify(s, null, 2) + '\n'
    : s.entries.map((e) => `# ${KIND_ZH[e.kind]}: ${e.label} (SHA-256 ${e.fingerprintSha256})\n${e.certificatePem ?? e.publicKeyPem ?? ''}`).join('\n');
  if (o.out) {
    await writeFile(o.out, text);
    process.stdout.write(`${o.out}\n`);
  } else process.stdout.write(text);
  return 0;
}
