import { describe, expect, it } from 'vitest';
import { canonicalJson, compareWithManifest, normaliseBundlePath } from './integrity.js';

const H = (c: string) => c.repeat(64);

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    const v = { b: 1, a: { d: [3, { z: true, y: null }], c: '锦州' }, files: [] };
    expect(canonicalJson(v)).toBe('{"a":{"c":"锦州","d":[3,{"y":null,"z":true}]},"b":1,"files":[]}');
  });

  it('matches JSON.stringify for primitives and escapes', () => {
    expect(canonicalJson('a"b\n')).toBe('"a\\"b\\n"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });
});

describe('compareWithManifest', () => {
  const manifest = {
    files: [
      { path: 'datasets.csv', sha256: H('a'), bytes: 10 },
      { path: './logs/2026-01.jsonl', sha256: H('B'), bytes: 20 },
      { path: 'policies\\x.md', sha256: H('c'), bytes: 30 },
      { path: 'gone.csv', sha256: H('d'), bytes: 1 },
      { path: 'manifest.json', sha256: H('e'), bytes: 1 },
    ],
  };

  it('finds missing, changed and unlisted files', () => {
    const r = compareWithManifest(manifest, [
      { path: 'datasets.csv', sha256: H('a'), bytes: 10 },
      { path: 'logs/2026-01.jsonl', sha256: H('b'), bytes: 20 }, // hash case does not matter
      { path: 'policies/x.md', sha256: H('f'), bytes: 30 },
      { path: 'notes.txt', sha256: H('0'), bytes: 5 },
    ]);
    expect(r.missing).toEqual(['gone.csv']);
    expect(r.changed).toEqual([{ path: 'policies/x.md', expected: H('c'), actual: H('f'), expectedBytes: 30, actualBytes: 30 }]);
    expect(r.unlisted).toEqual(['notes.txt']);
  });

  it('counts a size difference as a change', () => {
    const r = compareWithManifest({ files: [{ path: 'a.csv', sha256: H('a'), bytes: 10 }] }, [{ path: 'a.csv', sha256: H('a'), bytes: 11 }]);
    expect(r.changed.map((c) => [c.expectedBytes, c.actualBytes])).toEqual([[10, 11]]);
  });

  it('is clean when everything matches', () => {
    const r = compareWithManifest({ files: [{ path: 'a.csv', sha256: H('a'), bytes: 1 }] }, [{ path: 'a.csv', sha256: H('a'), bytes: 1 }]);
    expect(r).toEqual({ missing: [], changed: [], unlisted: [] });
  });

  it('treats a manifest without files as listing nothing', () => {
    const r = compareWithManifest({ files: undefined as never }, [{ path: 'a.csv', sha256: H('a'), bytes: 1 }]);
    expect(r.unlisted).toEqual(['a.csv']);
  });
});

describe('normaliseBundlePath', () => {
  it('writes bundle paths one way', () => {
    expect(normaliseBundlePath(' ./logs\\a.jsonl ')).toBe('logs/a.jsonl');
    expect(normaliseBundlePath('/x.csv')).toBe('x.csv');
  });
});
