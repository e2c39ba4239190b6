import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError, openSource, type BundleSource, type SourceLimits } from './source.js';
import { encodeGb18030, makeZip, type ZipEntrySpec } from './test-zip.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd-source-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [p, data] of Object.entries(files)) {
    const full = join(root, p);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, data);
  }
}

async function zipAt(name: string, entries: ZipEntrySpec[], opts?: { entryCount?: number }): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, makeZip(entries, opts));
  return p;
}

async function refused(path: string, code: string, limits?: SourceLimits): Promise<BundleError> {
  let err: unknown;
  let src: BundleSource | undefined;
  try {
    src = await openSource(path, limits);
  } catch (e) {
    err = e;
  }
  await src?.close();
  expect(err, `expected ${path} to be refused`).toBeInstanceOf(BundleError);
  expect((err as BundleError).code).toBe(code);
  return err as BundleError;
}

async function text(src: BundleSource, p: string): Promise<string> {
  let s = '';
  for await (const c of src.stream(p)) s += (c as Buffer).toString('utf8');
  return s;
}

describe('folder bundles', () => {
  it('lists every file as a posix path, skipping OS litter', async () => {
    const root = join(dir, 'b');
    await writeTree(root, {
      'manifest.json': '{}',
      'logs/2026-01.jsonl': '{"a":1}\n',
      'policies/x.md': '# 制度',
      '.DS_Store': 'x',
      'logs/Thumbs.db': 'x',
      '__MACOSX/._manifest.json': 'x',
    });
    const src = await openSource(root);
    expect(src.kind).toBe('folder');
    expect(src.list()).toEqual(['logs/2026-01.jsonl', 'manifest.json', 'policies/x.md']);
    expect(src.size('policies/x.md')).toBe(Buffer.byteLength('# 制度'));
    expect((await src.read('manifest.json')).toString()).toBe('{}');
    expect(await text(src, 'logs/2026-01.jsonl')).toBe('{"a":1}\n');
    await expect(src.read('nope.csv')).rejects.toMatchObject({ code: 'no-such-file' });
    await src.close();
  });

  it('refuses a symlink pointing outside the bundle', async () => {
    const root = join(dir, 'b');
    await writeTree(root, { 'manifest.json': '{}' });
    await writeFile(join(dir, 'secret.txt'), 'outside');
    await symlink(join(dir, 'secret.txt'), join(root, 'datasets.csv'));
    const e = await refused(root, 'hostile');
    expect(e.message).toContain('datasets.csv');
    expect(e.message).toContain('证据包之外');
  });

  it('refuses a symlinked folder pointing outside, and a dangling link', async () => {
    const root = join(dir, 'b');
    await writeTree(root, { 'manifest.json': '{}' });
    await symlink(dir, join(root, 'logs'));
    await refused(root, 'hostile');
    await rm(join(root, 'logs'));
    await symlink(join(dir, 'missing'), join(root, 'x.csv'));
    await refused(root, 'hostile');
  });

  it('follows a symlink that stays inside, without looping', async () => {
    const root = join(dir, 'b');
    await writeTree(root, { 'manifest.json': '{}', 'real/a.csv': 'id\n' });
    await symlink(join(root, 'real', 'a.csv'), join(root, 'datasets.csv'));
    await symlink(root, join(root, 'real', 'loop'));
    const src = await openSource(root);
    expect(src.list()).toEqual(['datasets.csv', 'manifest.json', 'real/a.csv']);
    expect((await src.read('datasets.csv')).toString()).toBe('id\n');
  });

  it('refuses a FIFO, which would hang a reader', async () => {
    const root = join(dir, 'b');
    await writeTree(root, { 'manifest.json': '{}' });
    try {
      execFileSync('mkfifo', [join(root, 'logs.csv')]);
    } catch {
      return; // no mkfifo here
    }
    await refused(root, 'hostile');
  });

  it('refuses too many files and reads past the whole-read limit', async () => {
    const root = join(dir, 'b');
    await writeTree(root, { 'a.csv': '1', 'b.csv': '2', 'c.csv': '3' });
    await refused(root, 'too-large', { maxEntries: 2 });
    const src = await openSource(root, { maxReadBytes: 0 });
    await expect(src.read('a.csv')).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('zip bundles', () => {
  it('reads a zip with the bundle at its root', async () => {
    const p = await zipAt('b.zip', [
      { name: 'manifest.json', data: '{"format":"evidence-bundle/1"}' },
      { name: 'logs/', data: '' },
      { name: 'logs/2026-01.jsonl', data: 'x\n'.repeat(1000), method: 'deflate' },
      { name: 'datasets.csv', data: 'id\n', method: 'store' },
      { name: '__MACOSX/logs/._2026-01.jsonl', data: 'junk' },
      { name: '.DS_Store', data: 'junk' },
    ]);
    const src = await openSource(p);
    expect(src.kind).toBe('zip');
    expect(src.list()).toEqual(['datasets.csv', 'logs/2026-01.jsonl', 'manifest.json']);
    expect(src.size('logs/2026-01.jsonl')).toBe(2000);
    expect(await text(src, 'logs/2026-01.jsonl')).toBe('x\n'.repeat(1000));
    expect((await src.read('datasets.csv')).toString()).toBe('id\n');
    await src.close();
  });

  it('reads a zip whose single top-level folder is the bundle', async () => {
    const p = await zipAt('b.zip', [
      { name: 'operator-2026/manifest.json', data: '{}' },
      { name: 'operator-2026/policies/制度.md', data: '内容' },
      { name: '__MACOSX/operator-2026/._manifest.json', data: 'junk' },
    ]);
    const src = await openSource(p);
    expect(src.list()).toEqual(['manifest.json', 'policies/制度.md']);
    expect((await src.read('policies/制度.md')).toString()).toBe('内容');
    await src.close();
  });

  it('keeps the root when the single top-level folder holds no manifest', async () => {
    const p = await zipAt('b.zip', [{ name: 'logs/a.jsonl', data: '{}' }, { name: 'logs/b.jsonl', data: '{}' }]);
    const src = await openSource(p);
    expect(src.list()).toEqual(['logs/a.jsonl', 'logs/b.jsonl']);
    await src.close();
  });

  it('decodes entry names written in GB18030 without the UTF-8 flag (Chinese Windows)', async () => {
    const p = await zipAt('b.zip', [
      { name: 'manifest.json', data: '{}' },
      { name: Buffer.concat([Buffer.from('policies/'), encodeGb18030('数据管理制度'), Buffer.from('.md')]), data: 'x', utf8: false },
    ]);
    const src = await openSource(p);
    expect(src.list()).toContain('policies/数据管理制度.md');
    await src.close();
  });

  for (const name of ['../evil.csv', '/etc/passwd', 'C:/Windows/x.csv', 'c:evil.csv', 'logs\\..\\..\\x.csv', 'a/b/../../../x.csv', 'logs\\a.csv']) {
    it(`refuses the escaping entry path ${JSON.stringify(name)}`, async () => {
      const p = await zipAt('b.zip', [{ name: 'manifest.json', data: '{}' }, { name, data: 'x' }]);
      const e = await refused(p, 'hostile');
      expect(e.message).toContain('越出证据包');
    });
  }

  it('refuses an entry whose headers claim a compression ratio past 1000 beyond 1 MiB', async () => {
    const p = await zipAt('bomb.zip', [{ name: 'manifest.json', data: '{}' }, { name: 'logs/a.jsonl', data: 'x'.repeat(1000), declaredSize: 2 ** 31 }]);
    const e = await refused(p, 'too-large');
    expect(e.message).toContain('压缩炸弹');
  });

  it('allows a high ratio for a small entry', async () => {
    // 1 MiB of zeros deflates about 1000-fold; under the 1 MiB floor it is not a bomb.
    const p = await zipAt('ok.zip', [{ name: 'manifest.json', data: '{}' }, { name: 'zeros.csv', data: Buffer.alloc(1024 * 1024) }]);
    const src = await openSource(p);
    expect((await src.read('zeros.csv')).length).toBe(1024 * 1024);
    await src.close();
  });

  it('refuses a real deflate bomb under lowered limits, from the headers', async () => {
    const p = await zipAt('bomb.zip', [{ name: 'manifest.json', data: '{}' }, { name: 'a.csv', data: Buffer.alloc(4 * 1024 * 1024) }]);
    await refused(p, 'too-large', { maxRatio: 100, ratioFloor: 1024 });
  });

  it('refuses a zip expanding past maxUncompressed', async () => {
    const p = await zipAt('big.zip', [
      { name: 'manifest.json', data: '{}' },
      { name: 'a.csv', data: 'a'.repeat(3000), method: 'store' },
      { name: 'b.csv', data: 'b'.repeat(3000), method: 'store' },
    ]);
    await refused(p, 'too-large', { maxUncompressed: 5000 });
  });

  it('stops a stream whose entry expands past what its headers declared', async () => {
    // Headers say 100 bytes; the deflate data holds 5 MiB.
    const p = await zipAt('liar.zip', [{ name: 'manifest.json', data: '{}' }, { name: 'logs/a.jsonl', data: Buffer.alloc(5 * 1024 * 1024, 0x41), declaredSize: 100 }]);
    const src = await openSource(p);
    let got = 0;
    let err: unknown;
    try {
      for await (const c of src.stream('logs/a.jsonl')) got += (c as Buffer).length;
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BundleError);
    expect(got).toBeLessThanOrEqual(100);
    await expect(src.read('logs/a.jsonl')).rejects.toBeInstanceOf(BundleError);
    await src.close();
  });

  it('refuses too many entries, from the end record before reading them', async () => {
    const p = await zipAt('many.zip', [{ name: 'a.csv', data: '1' }, { name: 'b.csv', data: '2' }, { name: 'c.csv', data: '3' }]);
    await refused(p, 'too-large', { maxEntries: 2 });
    const lie = await zipAt('lie.zip', [{ name: 'a.csv', data: '1' }], { entryCount: 65535 });
    const e = await refused(lie, 'too-large', { maxEntries: 60_000 });
    expect(e.message).toContain('65535');
  });

  it('refuses encrypted entries, symlinks and duplicate names', async () => {
    await refused(await zipAt('enc.zip', [{ name: 'manifest.json', data: '{}', encrypted: true, method: 'store' }]), 'corrupt');
    await refused(await zipAt('link.zip', [{ name: 'manifest.json', data: '{}' }, { name: 'datasets.csv', data: '/etc/passwd', symlink: true }]), 'hostile');
    await refused(await zipAt('dup.zip', [{ name: 'manifest.json', data: '{}' }, { name: 'manifest.json', data: '{"x":1}' }]), 'hostile');
  });

  it('refuses a corrupt or truncated zip', async () => {
    const good = makeZip([{ name: 'manifest.json', data: '{}' }, { name: 'a.csv', data: 'x'.repeat(500) }]);
    const cut = join(dir, 'cut.zip');
    await writeFile(cut, good.subarray(0, good.length - 30));
    const e = await refused(cut, 'corrupt');
    expect(e.message).toContain('cut.zip');
    const junk = join(dir, 'junk.zip');
    await writeFile(junk, Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(200, 7)]));
    await refused(junk, 'corrupt');
  });
});

describe('paths that are not bundles', () => {
  it('refuses a missing path, a plain file, and a .zip that is not one', async () => {
    await refused(join(dir, 'nothing-here'), 'not-found');
    await writeFile(join(dir, 'notes.txt'), 'hello');
    const e = await refused(join(dir, 'notes.txt'), 'not-a-bundle');
    expect(e.message).toContain('notes.txt');
    await writeFile(join(dir, 'fake.zip'), 'not a zip at all');
    await refused(join(dir, 'fake.zip'), 'corrupt');
  });
});
