import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryKeyStore, sealedFileKeyStore, type Sealer } from './keys.js';

/** Reversible but not identity, so a test can tell sealed bytes from plain ones. */
function xorSealer(available = true): Sealer & { sealed: number } {
  const s = {
    sealed: 0,
    available: () => available,
    seal(p: Uint8Array) {
      s.sealed++;
      return p.map((b) => b ^ 0x5a);
    },
    open: (c: Uint8Array) => c.map((b) => b ^ 0x5a),
  };
  return s;
}

const material = { p12: new Uint8Array([1, 2, 3, 250]), password: '口令-secret' };
const description = { subject: '张三', fingerprintSha256: 'AB:CD', notAfter: '2030-01-01T00:00:00.000Z' };

describe('memoryKeyStore', () => {
  it('holds one key until forgotten, and hands out copies', async () => {
    const ks = memoryKeyStore();
    expect(await ks.info()).toBeNull();
    expect(await ks.save(material, description)).toEqual({ ...description, persisted: false });
    const m = (await ks.material())!;
    m.p12[0] = 99;
    expect((await ks.material())!.p12[0]).toBe(1);
    await ks.forget();
    expect(await ks.material()).toBeNull();
  });
});

describe('sealedFileKeyStore', () => {
  it('writes only sealed bytes: neither the passphrase nor the key in clear', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cd-keys-')), 'k', 'signing-key.sealed');
    const sealer = xorSealer();
    const ks = sealedFileKeyStore(file, sealer);
    expect((await ks.save(material, description)).persisted).toBe(true);
    const onDisk = readFileSync(file);
    expect(onDisk.includes(Buffer.from('口令-secret'))).toBe(false);
    expect(onDisk.includes(Buffer.from('张三'))).toBe(false);
    // A new store (next start) reads it back through the sealer.
    const again = sealedFileKeyStore(file, sealer);
    expect(await again.info()).toEqual({ ...description, persisted: true });
    expect(await again.material()).toEqual(material);
    await again.forget();
    expect(existsSync(file)).toBe(false);
    expect(await sealedFileKeyStore(file, sealer).info()).toBeNull();
  });

  it('keeps the key in memory only when the OS key store is unavailable', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cd-keys-')), 'signing-key.sealed');
    const ks = sealedFileKeyStore(file, xorSealer(false));
    expect((await ks.save(material, description)).persisted).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(await ks.material()).toEqual(material);
  });

  it('treats a damaged or foreign file as no key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cd-keys-')), 'signing-key.sealed');
    writeFileSync(file, 'not sealed by us');
    expect(await sealedFileKeyStore(file, xorSealer()).info()).toBeNull();
  });
});
