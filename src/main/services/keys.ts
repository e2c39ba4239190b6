// Where the signing key lives. The PKCS#12 and its passphrase stay in main; they are
// written to disk only sealed by the OS key store (Electron's safeStorage, behind the
// Sealer interface). Without a usable OS key store the key lives in memory until quit.

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyInfo } from '../../shared/ipc/contract.js';

export interface KeyMaterial {
  p12: Uint8Array;
  password: string;
}

/** What a key looks like to people: never the key itself. */
export type KeyDescription = Omit<KeyInfo, 'persisted'>;

export interface KeyStore {
  info(): Promise<KeyInfo | null>;
  /** Replaces the current key. */
  save(material: KeyMaterial, description: KeyDescription): Promise<KeyInfo>;
  material(): Promise<KeyMaterial | null>;
  forget(): Promise<void>;
}

/** Encryption by the OS key store. `available` false: do not write secrets at all. */
export interface Sealer {
  available(): boolean;
  seal(plain: Uint8Array): Uint8Array;
  open(sealed: Uint8Array): Uint8Array;
}

interface Held {
  material: KeyMaterial;
  description: KeyDescription;
}

export function memoryKeyStore(): KeyStore {
  let held: Held | null = null;
  return {
    async info() {
      return held ? { ...held.description, persisted: false } : null;
    },
    async save(material, description) {
      held = { material: { p12: material.p12.slice(), password: material.password }, description: { ...description } };
      return { ...description, persisted: false };
    },
    async material() {
      return held ? { p12: held.material.p12.slice(), password: held.material.password } : null;
    },
    async forget() {
      held = null;
    },
  };
}

interface SealedFile {
  format: 'compliance-desk/key/1';
  description: KeyDescription;
  p12: string;
  password: string;
}

/** The key in one sealed file (desktop). Falls back to memory when the sealer is unavailable. */
export function sealedFileKeyStore(file: string, sealer: Sealer): KeyStore {
  const memory = memoryKeyStore();
  let cache: Held | null | undefined;

  const read = async (): Promise<Held | null> => {
    if (cache !== undefined) return cache;
    cache = null;
    if (!sealer.available()) return cache;
    let sealed: Buffer;
    try {
      sealed = await readFile(file);
    } catch {
      return cache;
    }
    try {
      const doc = JSON.parse(Buffer.from(sealer.open(sealed)).toString('utf8')) as SealedFile;
      if (doc.format === 'compliance-desk/key/1' && typeof doc.p12 === 'string' && typeof doc.password === 'string') {
        cache = { material: { p12: new Uint8Array(Buffer.from(doc.p12, 'base64')), password: doc.password }, description: doc.description };
      }
    } catch {
      // Sealed by another user or machine, or damaged: as if there were no key.
    }
    return cache;
  };

  return {
    async info() {
      const held = await read();
      if (held) return { ...held.description, persisted: true };
      return memory.info();
    },
    async save(material, description) {
      if (!sealer.available()) {
        cache = null;
        return memory.save(material, description);
      }
      const doc: SealedFile = {
        format: 'compliance-desk/key/1',
        description,
        p12: Buffer.from(material.p12).toString('base64'),
        password: material.password,
      };
      const sealed = sealer.seal(new Uint8Array(Buffer.from(JSON.stringify(doc), 'utf8')));
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await writeFile(tmp, sealed, { mode: 0o600 });
      await rename(tmp, file);
      await memory.forget();
      cache = { material: { p12: material.p12.slice(), password: material.password }, description: { ...description } };
      return { ...description, persisted: true };
    },
    async material() {
      const held = await read();
      if (held) return { p12: held.material.p12.slice(), password: held.material.password };
      return memory.material();
    },
    async forget() {
      cache = null;
      await memory.forget();
      await rm(file, { force: true });
    },
  };
}
