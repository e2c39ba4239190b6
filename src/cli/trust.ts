// Whom the command line trusts for one command: the reviewer's trust store, anchors given
// with --trust (certificate files or folders, or fingerprints to pin), and CRL files (--crl).

import { readFile } from 'node:fs/promises';
import type { TrustContext } from '../main/services/crypto/judge.js';
import { readCrl, type Crl } from '../main/services/crypto/crl.js';
import { normaliseFingerprint } from '../main/services/crypto/public-key.js';
import { anchorsFromPaths, anchorsOf, defaultTrustStorePath, operatorKeys, readTrustStore } from '../main/services/crypto/trust-store.js';
import { UsageError } from './usage.js';

export interface TrustOptions {
  trust?: string[];
  crl?: string[];
}

export interface CliTrust {
  context: TrustContext;
  /** Fingerprints pinned with --trust (certificates or bare keys). */
  pins: string[];
  operatorKeys: ReturnType<typeof operatorKeys>;
  storePath: string;
}

/** `--trust a.pem,certs/,AB:CD:…` and `--crl x.crl`, with the store, as one trust context. */
export async function cliTrust(o: TrustOptions): Promise<CliTrust> {
  const storePath = defaultTrustStorePath();
  const store = await readTrustStore(storePath);
  const items = (o.trust ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  const pins = items.map(normaliseFingerprint).filter((f): f is string => f !== null);
  const paths = items.filter((t) => normaliseFingerprint(t) === null);
  const crls: Crl[] = [];
  for (const f of o.crl ?? []) {
    let bytes: Buffer;
    try {
      bytes = await readFile(f);
    } catch (e) {
      throw new UsageError(`cannot read --crl ${f}: ${(e as Error).message}`);
    }
    try {
      crls.push(readCrl(bytes));
    } catch (e) {
      throw new UsageError(`--crl ${f} is not a CRL (DER or PEM): ${(e as Error).message}`);
    }
  }
  return {
    context: { anchors: [...anchorsOf(store), ...await anchorsFromPaths(paths)], crls, pins },
    pins,
    operatorKeys: operatorKeys(store),
    storePath,
  };
}
