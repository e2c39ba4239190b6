// Where a bundle's bytes come from: a folder or a .zip (bundle-v1.md). Bundles come from
// outside, so a hostile one (paths escaping the bundle, zip bombs, links out, devices) is
// refused with a BundleError before anything is read from it.

import { createReadStream, type Stats } from 'node:fs';
import { lstat, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import { BundleError } from './errors.js';

export { BundleError } from './errors.js';

export interface SourceLimits {
  /** Total uncompressed bytes a zip may expand to (headers and while streaming). Default 16 GiB. */
  maxUncompressed?: number;
  /** Files (zip entries, folder files) a bundle may hold. Default 100 000. */
  maxEntries?: number;
  /** Largest compression ratio of a zip entry past `ratioFloor`. Default 1000. */
  maxRatio?: number;
  /** Entries up to this size are never refused for their ratio. Default 1 MiB. */
  ratioFloor?: number;
  /** Largest file read() holds whole. Default 64 MiB. */
  maxReadBytes?: number;
}

export interface BundleSource {
  kind: 'folder' | 'zip';
  /** The path as given to openSource. */
  path: string;
  /** Bundle-relative POSIX paths of every file, sorted. */
  list(): string[];
  /** Size in bytes (uncompressed size for a zip entry). */
  size(p: string): number;
  /** The whole file; refused with a BundleError past maxReadBytes. */
  read(p: string): Promise<Buffer>;
  /** The raw bytes as a stream (1 MiB chunks for folders). */
  stream(p: string): Readable;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
const DEFAULTS: Required<SourceLimits> = {
  maxUncompressed: 16 * 1024 * MiB,
  maxEntries: 100_000,
  maxRatio: 1000,
  ratioFloor: MiB,
  maxReadBytes: 64 * MiB,
};
const HIGH_WATER_MARK = MiB;

/** Files an OS leaves behind that are not part of any bundle. */
export function isHiddenOsFile(p: string): boolean {
  const parts = p.split('/');
  if (parts.some((s) => s === '__MACOSX')) return true;
  const name = parts[parts.length - 1].toLowerCase();
  return name === '.ds_store' || name === 'thumbs.db' || name === 'desktop.ini' || name.startsWith('._');
}

/** Open a bundle folder or zip. Refuses what it cannot use safely with a BundleError. */
export async function openSource(path: string, limits: SourceLimits = {}): Promise<BundleSource> {
  const lim = { ...DEFAULTS, ...limits };
  let st: Stats;
  try {
    st = await stat(path);
  } catch {
    throw new BundleError('not-found', `找不到证据包 ${path}：请检查路径，证据包应为文件夹或 .zip 文件。`, path);
  }
  if (st.isDirectory()) return openFolder(path, lim);
  if (st.isFile() && (await hasZipMagic(path))) return openZip(path, lim);
  if (st.isFile() && /\.zip$/i.test(path)) {
    throw new BundleError('corrupt', `${path} 不是有效的 .zip 文件（缺少 zip 文件头）：文件可能损坏或只是改了扩展名，请重新打包。`, path);
  }
  throw new BundleError('not-a-bundle', `${path} 既不是文件夹也不是 .zip 文件：请提供证据包文件夹或其 .zip 压缩包。`, path);
}

async function hasZipMagic(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    // Local file header, or the end record of an empty zip.
    return bytesRead === 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
  } finally {
    await fh.close();
  }
}

function noSuchFile(source: string, p: string): BundleError {
  return new BundleError('no-such-file', `证据包 ${source} 中没有文件 ${p}。`, p);
}

function tooLargeToRead(source: string, p: string, bytes: number, max: number): BundleError {
  return new BundleError('too-large', `证据包 ${source} 中的 ${p} 有 ${bytes} 字节，超过整读上限 ${max} 字节：请拆分或精简该文件。`, p);
}

// ---------------------------------------------------------------- folder

async function openFolder(path: string, lim: Required<SourceLimits>): Promise<BundleSource> {
  const root = await realpath(path);
  const files = new Map<string, { real: string; size: number }>();
  const visited = new Set<string>([root]);

  const inside = (real: string) => {
    const rel = relative(root, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };

  const walk = async (dirReal: string, relDir: string): Promise<void> => {
    const entries = await readdir(dirReal, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      if (isHiddenOsFile(rel)) continue;
      let full = join(dirReal, ent.name);
      let st: Stats = await lstat(full);
      if (st.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(full);
        } catch {
          throw new BundleError('hostile', `证据包 ${path} 中的符号链接 ${rel} 指向不存在的目标：请删除该链接或换成实际文件。`, rel);
        }
        if (!inside(target)) {
          throw new BundleError('hostile', `证据包 ${path} 中的符号链接 ${rel} 指向证据包之外（${target}），已拒绝：请换成实际文件后重新提交。`, rel);
        }
        full = target;
        st = await stat(target);
      }
      if (st.isDirectory()) {
        // A link back to a folder already walked would loop.
        if (visited.has(full)) continue;
        visited.add(full);
        await walk(full, rel);
      } else if (st.isFile()) {
        if (files.size >= lim.maxEntries) {
          throw new BundleError('too-large', `证据包 ${path} 含有超过 ${lim.maxEntries} 个文件，已拒绝：请只放入证据包规定的文件。`);
        }
        files.set(rel, { real: full, size: st.size });
      } else {
        // Reading a FIFO or a device could hang or never end.
        throw new BundleError('hostile', `证据包 ${path} 中的 ${rel} 不是普通文件（设备、管道或套接字），已拒绝：请删除后重新提交。`, rel);
      }
    }
  };
  await walk(root, '');
  const list = [...files.keys()].sort();

  const get = (p: string) => {
    const f = files.get(p);
    if (!f) throw noSuchFile(path, p);
    return f;
  };
  return {
    kind: 'folder',
    path,
    list: () => list.slice(),
    size: (p) => get(p).size,
    async read(p) {
      const f = get(p);
      const st = await stat(f.real);
      if (st.size > lim.maxReadBytes) throw tooLargeToRead(path, p, st.size, lim.maxReadBytes);
      return readFile(f.real);
    },
    stream: (p) => createReadStream(get(p).real, { highWaterMark: HIGH_WATER_MARK }),
    async close() {},
  };
}

// ---------------------------------------------------------------- zip

function openZipFile(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('no zip'));
      else resolve(zip);
    });
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', reject);
    zip.readEntry();
  });
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');
const cp437High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ';

/**
 * An entry's name as text: UTF-8 when flagged or when it is valid UTF-8 (Info-ZIP's
 * Unicode path field first); else GB18030, as zips made on Chinese Windows are.
 */
function entryName(e: yauzl.Entry): string {
  const raw = e.fileNameRaw ?? (e.fileName as unknown as Buffer);
  for (const f of e.extraFields ?? []) {
    if (f.id === 0x7075 && f.data.length >= 6 && f.data[0] === 1) {
      try {
        return utf8Fatal.decode(f.data.subarray(5));
      } catch {
        // fall through to the name itself
      }
    }
  }
  if (e.generalPurposeBitFlag & 0x800) return raw.toString('utf8');
  let ascii = true;
  for (const b of raw) if (b >= 0x80) ascii = false;
  if (ascii) return raw.toString('latin1');
  try {
    return utf8Fatal.decode(raw);
  } catch {
    const gb = gb18030.decode(raw);
    if (!gb.includes('\uFFFD')) return gb;
    return [...raw].map((b) => (b < 0x80 ? String.fromCharCode(b) : cp437High[b - 0x80])).join('');
  }
}

/** Why an entry path is refused, or null. Checked on the name as written. */
function badEntryPath(name: string): string | null {
  if (name.includes('\\')) return '含有反斜杠';
  if (name.includes('\0')) return '含有空字符';
  if (name.startsWith('/')) return '是绝对路径';
  if (/^[a-zA-Z]:/.test(name)) return '带有盘符';
  if (name.split('/').some((s) => s === '..')) return '含有 ..';
  return null;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

interface ZipFileEntry {
  entry: yauzl.Entry;
  size: number;
}

async function openZip(path: string, lim: Required<SourceLimits>): Promise<BundleSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZipFile(path);
  } catch (e) {
    throw new BundleError('corrupt', `${path} 不是可读的 .zip 文件（${(e as Error).message}）：文件可能损坏或不完整，请重新打包。`, path);
  }
  try {
    if (zip.entryCount > lim.maxEntries) {
      throw new BundleError('too-large', `${path} 含有 ${zip.entryCount} 个条目，超过上限 ${lim.maxEntries}，已拒绝：请只打包证据包规定的文件。`, path);
    }
    let entries: yauzl.Entry[];
    try {
      entries = await readEntries(zip);
    } catch (e) {
      throw new BundleError('corrupt', `${path} 的目录区无法读取（${(e as Error).message}）：文件可能损坏，请重新打包。`, path);
    }
    const byName = new Map<string, ZipFileEntry>();
    let total = 0;
    for (const e of entries) {
      const name = entryName(e);
      const bad = badEntryPath(name);
      if (bad) {
        throw new BundleError('hostile', `${path} 中的条目 "${name.slice(0, 200)}" ${bad}，会越出证据包，已拒绝：请用相对路径和 / 重新打包。`, name);
      }
      if (name.endsWith('/')) continue; // a directory
      const rel = name.replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
      if (rel.split('/').some((s) => s === '.')) {
        throw new BundleError('hostile', `${path} 中的条目 "${name.slice(0, 200)}" 路径不规范，已拒绝：请重新打包。`, name);
      }
      if (isHiddenOsFile(rel)) continue;
      const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
      if (e.versionMadeBy >> 8 === 3 && mode === S_IFLNK) {
        throw new BundleError('hostile', `${path} 中的条目 ${rel} 是符号链接，已拒绝：请打包实际文件。`, rel);
      }
      if (e.generalPurposeBitFlag & 0x1) {
        throw new BundleError('corrupt', `${path} 中的条目 ${rel} 已加密，无法读取：请不加密码重新打包。`, rel);
      }
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
        throw new BundleError('corrupt', `${path} 中的条目 ${rel} 使用不支持的压缩方法 ${e.compressionMethod}：请用标准 deflate 压缩重新打包。`, rel);
      }
      if (byName.has(rel)) {
        throw new BundleError('hostile', `${path} 中有两个同名条目 ${rel}，无法确定以哪个为准，已拒绝：请重新打包。`, rel);
      }
      if (e.uncompressedSize > lim.ratioFloor && e.uncompressedSize > lim.maxRatio * Math.max(1, e.compressedSize)) {
        throw new BundleError('too-large', `${path} 中的条目 ${rel} 压缩比超过 ${lim.maxRatio}:1（${e.compressedSize} 字节解压为 ${e.uncompressedSize} 字节），疑似压缩炸弹，已拒绝。`, rel);
      }
      total += e.uncompressedSize;
      if (total > lim.maxUncompressed) {
        throw new BundleError('too-large', `${path} 解压后超过 ${lim.maxUncompressed} 字节，已拒绝：疑似压缩炸弹，或证据包过大请拆分。`, path);
      }
      byName.set(rel, { entry: e, size: e.uncompressedSize });
    }
    const files = stripSingleTopDir(byName);
    const list = [...files.keys()].sort();
    const budget = { streamed: 0 };

    const get = (p: string) => {
      const f = files.get(p);
      if (!f) throw noSuchFile(path, p);
      return f;
    };
    const stream = (p: string): Readable => {
      const f = get(p);
      const guard = new ExpansionGuard(path, p, f.entry.compressedSize, f.size, lim, budget);
      zip.openReadStream(f.entry, (err, raw) => {
        if (err || !raw) {
          guard.destroy(new BundleError('corrupt', `${path} 中的条目 ${p} 无法读取（${err?.message ?? '无数据'}）：文件可能损坏，请重新打包。`, p));
          return;
        }
        raw.on('error', (e) => {
          guard.destroy(e instanceof BundleError ? e : new BundleError('corrupt', `${path} 中的条目 ${p} 解压失败（${e.message}）：文件损坏或被篡改，请重新打包。`, p));
        });
        guard.on('close', () => raw.destroy());
        raw.pipe(guard);
      });
      return guard;
    };
    return {
      kind: 'zip',
      path,
      list: () => list.slice(),
      size: (p) => get(p).size,
      async read(p) {
        const f = get(p);
        if (f.size > lim.maxReadBytes) throw tooLargeToRead(path, p, f.size, lim.maxReadBytes);
        const chunks: Buffer[] = [];
        let n = 0;
        for await (const c of stream(p)) {
          n += (c as Buffer).length;
          if (n > lim.maxReadBytes) throw tooLargeToRead(path, p, n, lim.maxReadBytes);
          chunks.push(c as Buffer);
        }
        return Buffer.concat(chunks, n);
      },
      stream,
      async close() {
        zip.close();
      },
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/**
 * A zip may hold the bundle at its root or in its single top-level folder (the one
 * holding manifest.json; without a manifest anywhere the root stays, and is refused later).
 */
function stripSingleTopDir<T>(byName: Map<string, T>): Map<string, T> {
  if (byName.has('manifest.json') || byName.size === 0) return byName;
  let top: string | null = null;
  for (const name of byName.keys()) {
    const slash = name.indexOf('/');
    if (slash < 0) return byName;
    const first = name.slice(0, slash);
    if (top === null) top = first;
    else if (top !== first) return byName;
  }
  if (!byName.has(`${top}/manifest.json`)) return byName;
  const out = new Map<string, T>();
  for (const [name, v] of byName) out.set(name.slice(top!.length + 1), v);
  return out;
}

/**
 * Counts what an entry really expands to: the headers may lie, so the ratio and total
 * limits are enforced on the bytes as they come out too.
 */
class ExpansionGuard extends Transform {
  private out = 0;

  constructor(
    private readonly zipPath: string,
    private readonly entry: string,
    private readonly compressed: number,
    private readonly declared: number,
    private readonly lim: Required<SourceLimits>,
    private readonly budget: { streamed: number },
  ) {
    super({ highWaterMark: HIGH_WATER_MARK });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.out += chunk.length;
    this.budget.streamed += chunk.length;
    if (this.out > this.declared) {
      cb(new BundleError('corrupt', `${this.zipPath} 中的条目 ${this.entry} 解压后超过其声明的 ${this.declared} 字节，文件损坏或被篡改，已拒绝。`, this.entry));
      return;
    }
    if (this.out > this.lim.ratioFloor && this.out > this.lim.maxRatio * Math.max(1, this.compressed)) {
      cb(new BundleError('too-large', `${this.zipPath} 中的条目 ${this.entry} 压缩比超过 ${this.lim.maxRatio}:1，疑似压缩炸弹，已拒绝。`, this.entry));
      return;
    }
    if (this.budget.streamed > this.lim.maxUncompressed) {
      cb(new BundleError('too-large', `${this.zipPath} 解压总量超过 ${this.lim.maxUncompressed} 字节，已拒绝。`, this.entry));
      return;
    }
    cb(null, chunk);
  }
}
