// SHA-256 of the bundle files that evidence points at, for the exports that name them
// (OSCAL relevant-evidence, the Excel evidence sheet). Hashed from the bundle as it is now.

import { createHash } from 'node:crypto';
import type { Findings } from '../../../shared/engine/assess.js';
import { openSource } from '../bundle/source.js';

/** Bundle path → SHA-256 (hex) of every file that evidence names and the bundle holds. */
export async function evidenceFileHashes(findings: Findings, bundlePath: string): Promise<Record<string, string>> {
  const wanted = new Set(findings.results.flatMap((r) => r.evidence.map((e) => e.file)));
  const source = await openSource(bundlePath);
  try {
    const out: Record<string, string> = {};
    for (const p of source.list()) {
      if (!wanted.has(p)) continue;
      const h = createHash('sha256');
      for await (const chunk of source.stream(p) as AsyncIterable<Buffer>) h.update(chunk);
      out[p] = h.digest('hex');
    }
    return out;
  } finally {
    await source.close();
  }
}
