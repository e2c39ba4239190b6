// The manifest's file inventory and signature input (bundle-v1.md "manifest.json").

import type { BundleFile, Integrity, Manifest } from './types.js';

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as JSON Canonicalization
 * does) at every depth, no whitespace. What the manifest signature is computed over.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; as array members they are null.
    return s === undefined ? 'null' : s;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** A manifest path as a bundle path: forward slashes, no leading `./` or `/`. */
export function normaliseBundlePath(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/**
 * Compare the files present with the manifest's inventory. `files` are the files of the
 * bundle other than manifest.json; a manifest entry for manifest.json itself is ignored
 * (a file cannot hold its own hash).
 */
export function compareWithManifest(
  manifest: Pick<Manifest, 'files'>,
  files: BundleFile[],
): Pick<Integrity, 'missing' | 'changed' | 'unlisted'> {
  const present = new Map<string, BundleFile>();
  for (const f of files) present.set(normaliseBundlePath(f.path), f);
  const listed = new Set<string>();
  const missing: string[] = [];
  const changed: Integrity['changed'] = [];
  for (const entry of Array.isArray(manifest.files) ? manifest.files : []) {
    if (!entry || typeof entry.path !== 'string') continue;
    const path = normaliseBundlePath(entry.path);
    if (path === 'manifest.json' || listed.has(path)) continue;
    listed.add(path);
    const actual = present.get(path);
    if (!actual) {
      missing.push(path);
      continue;
    }
    const expected = typeof entry.sha256 === 'string' ? entry.sha256.trim().toLowerCase() : '';
    const expectedBytes = typeof entry.bytes === 'number' ? entry.bytes : actual.bytes;
    if (expected !== actual.sha256.toLowerCase() || expectedBytes !== actual.bytes) {
      changed.push({ path, expected, actual: actual.sha256.toLowerCase(), expectedBytes, actualBytes: actual.bytes });
    }
  }
  const unlisted = [...present.keys()].filter((p) => p !== 'manifest.json' && !listed.has(p));
  return { missing: missing.sort(), changed: changed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), unlisted: unlisted.sort() };
}
