// Bundle integrity alone (`compliance-desk verify <bundle>`): every file's SHA-256 and size
// against the manifest, and the manifest's signature. Logs are hashed as they stream.

import { createHash } from 'node:crypto';
import { compareWithManifest } from '../../../shared/bundle/integrity.js';
import type { InputIssue, Integrity, RegisteredKey } from '../../../shared/bundle/types.js';
import { readRecords } from './read-records.js';
import { openSource } from './source.js';

export interface BundleVerification {
  source: string;
  operatorId: string | null;
  files: number;
  integrity: Integrity;
  issues: InputIssue[];
}

export async function verifyBundle(path: string, opts: { operatorKeys?: RegisteredKey[] } = {}): Promise<BundleVerification> {
  const source = await openSource(path);
  try {
    const issues: InputIssue[] = [];
    const records = await readRecords(source, issues, { operatorKeys: opts.operatorKeys });
    for (const log of records.logFiles) {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of source.stream(log.path)) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      records.files.push({ path: log.path, sha256: hash.digest('hex'), bytes });
    }
    const integrity = { ...records.integrity, ...compareWithManifest(records.manifest, records.files) };
    return { source: records.source, operatorId: records.manifest.operator_id ?? null, files: records.files.length, integrity, issues };
  } finally {
    await source.close();
  }
}

export function integrityOk(i: Integrity): boolean {
  return i.missing.length === 0 && i.changed.length === 0 && i.unlisted.length === 0 && i.signature !== 'invalid';
}
