import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputIssue } from '../../../shared/bundle/types.js';
import { keyFingerprint } from '../crypto/public-key.js';
import { generateSigningKey, KeyError, loadSigningKey, makeManifest, MANIFEST_ALGS, signManifest } from './make-manifest.js';
import { readRecords, verifyManifestSignature } from './read-records.js';
import { openSource } from './source.js';
import { integrityOk, verifyBundle } from './verify-bundle.js';
import { sampleBundle, type SampleName } from '../../../../test/fixtures.js';

const temps: string[] = [];

function writable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) writable(p);
    else chmodSync(p, 0o644);
  }
}

/** A private copy of a sample bundle (the shared samples are read-only). */
function copyOf(name: SampleName): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-make-'));
  temps.push(dir);
  const to = join(dir, 'bundle');
  cpSync(sampleBundle(name), to, { recursive: true });
  writable(to);
  return to;
}

afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('bundle make', () => {
  for (const alg of MANIFEST_ALGS) {
    it(`writes a manifest signed with ${alg} that the reader verifies`, async () => {
      const dir = copyOf('full');
      const { privateKeyPem } = generateSigningKey(alg);
      const made = await makeManifest(dir, { key: loadSigningKey(privateKeyPem), now: new Date('2027-01-05T02:00:00Z') });
      expect(made.manifest.signature?.alg).toBe(alg);
      const v = await verifyBundle(dir);
      expect(v.integrity.signature).toBe('valid');
      expect(v.integrity).toMatchObject({ missing: [], changed: [], unlisted: [] });
      expect(integrityOk(v.integrity)).toBe(true);

      const source = await openSource(dir);
      try {
        const issues: InputIssue[] = [];
        const records = await readRecords(source, issues);
        expect(records.integrity.signature).toBe('valid');
        expect(records.manifest.operator_id).toBe('91210700MA0JZ0001X');
      } finally {
        await source.close();
      }
    });
  }

  it('lists every file with its SHA-256 and size, and keeps operator, period and timezone', async () => {
    const dir = copyOf('full');
    const before = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const made = await makeManifest(dir, { now: new Date('2027-01-05T02:00:00Z') });
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ format: 'evidence-bundle/1', operator_id: before.operator_id, period: before.period, timezone: before.timezone, created_at: '2027-01-05T10:00:00+08:00' });
    expect(m.signature).toBeUndefined();
    // The sample's stale entry (agreement.json changed) and unlisted notes.txt are now right.
    expect(m.files.map((f: { path: string }) => f.path)).toContain('notes.txt');
    const agreement = m.files.find((f: { path: string }) => f.path === 'agreement.json');
    const bytes = readFileSync(join(dir, 'agreement.json'));
    expect(agreement.bytes).toBe(bytes.length);
    expect(agreement.sha256).not.toBe(before.files.find((f: { path: string }) => f.path === 'agreement.json').sha256);
    expect(m.files.some((f: { path: string }) => f.path === 'manifest.json')).toBe(false);
    expect(made.files).toBe(m.files.length);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const v = await verifyBundle(dir);
    expect(v.integrity.signature).toBe('absent');
    expect(integrityOk(v.integrity)).toBe(true);
  });

  it('reports one changed byte by file, and a changed manifest by its signature', async () => {
    const dir = copyOf('clean');
    const { privateKeyPem } = generateSigningKey('ed25519');
    await makeManifest(dir, { key: loadSigningKey(privateKeyPem) });
    const target = join(dir, 'policies', 'data_management.md');
    const b = readFileSync(target);
    b[10] ^= 0x01;
    writeFileSync(target, b);
    const v = await verifyBundle(dir);
    expect(v.integrity.changed.map((c) => c.path)).toEqual(['policies/data_management.md']);
    expect(v.integrity.signature).toBe('valid');
    expect(integrityOk(v.integrity)).toBe(false);

    // Editing the manifest to match the changed file breaks the operator's signature.
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const entry = m.files.find((f: { path: string }) => f.path === 'policies/data_management.md');
    entry.sha256 = (await import('node:crypto')).createHash('sha256').update(b).digest('hex');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    const v2 = await verifyBundle(dir);
    expect(v2.integrity.changed).toEqual([]);
    expect(v2.integrity.signature).toBe('invalid');
  });

  it('takes operator, period and timezone from options over the existing manifest', async () => {
    const dir = copyOf('clean');
    const made = await makeManifest(dir, { operatorId: '91210700MA0TEST01X', period: { start: '2026/02/01', end: '2026-11-30' }, timezone: 'Asia/Urumqi' });
    expect(made.manifest).toMatchObject({ operator_id: '91210700MA0TEST01X', period: { start: '2026-02-01', end: '2026-11-30' }, timezone: 'Asia/Urumqi' });
  });

  it('needs a period when there is no manifest, and takes operator_id from operator.json', async () => {
    const dir = copyOf('clean');
    rmSync(join(dir, 'manifest.json'));
    await expect(makeManifest(dir)).rejects.toThrow(/--period/);
    const made = await makeManifest(dir, { period: { start: '2026-01-01', end: '2026-12-31' } });
    expect(made.manifest.operator_id).toBe(JSON.parse(readFileSync(join(dir, 'operator.json'), 'utf8')).id);
    expect(made.notes.join()).toContain('operator.json');
    expect(made.manifest.timezone).toBe('Asia/Shanghai');
    await expect(makeManifest(dir, { period: { start: '2026-12-31', end: '2026-01-01' } })).rejects.toThrow(/评估期/);
    await expect(makeManifest(dir, { timezone: 'Mars/Olympus' })).rejects.toThrow(/时区/);
  });

  it('refuses a zip: the manifest is made in the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-make-'));
    temps.push(dir);
    const zip = join(dir, 'b.zip');
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]));
    await expect(makeManifest(zip, { period: { start: '2026-01-01', end: '2026-12-31' } })).rejects.toThrow(/文件夹/);
  });
});

describe('manifest signing keys', () => {
  it('loads encrypted keys with the passphrase and refuses a wrong one', () => {
    const { privateKeyPem } = generateSigningKey('ecdsa-p256-sha256', 'secret');
    expect(privateKeyPem).toContain('ENCRYPTED');
    expect(loadSigningKey(privateKeyPem, { passphrase: 'secret' }).alg).toBe('ecdsa-p256-sha256');
    expect(() => loadSigningKey(privateKeyPem, { passphrase: 'wrong' })).toThrow(KeyError);
    expect(() => loadSigningKey(privateKeyPem)).toThrow(/口令/);
  });

  it('refuses a key that does not match --alg, and unsupported keys', async () => {
    const { privateKeyPem } = generateSigningKey('ed25519');
    expect(() => loadSigningKey(privateKeyPem, { alg: 'sm2-sm3' })).toThrow(/与 --alg sm2-sm3 不符/);
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => loadSigningKey(rsa)).toThrow(/不受支持/);
    expect(() => loadSigningKey('not a key')).toThrow(KeyError);
  });

  it('signs the canonical form: key order and formatting do not matter, content does', () => {
    for (const alg of MANIFEST_ALGS) {
      const key = loadSigningKey(generateSigningKey(alg).privateKeyPem);
      const signed = signManifest({ format: 'evidence-bundle/1', files: [{ path: 'a.csv', sha256: 'ab'.repeat(32), bytes: 1 }], period: { start: '2026-01-01', end: '2026-12-31' } }, key);
      const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, period: signed.period, files: signed.files, format: signed.format }));
      expect(verifyManifestSignature(reordered).signature).toBe('valid');
      expect(verifyManifestSignature({ ...reordered, period: { start: '2026-01-02', end: '2026-12-31' } }).signature).toBe('invalid');
      expect(keyFingerprint(key.publicKeyPem)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    }
  });
});
