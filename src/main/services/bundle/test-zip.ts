// Test helpers only (no production code imports this): a small zip writer (store or
// deflate) able to write the hostile archives the reader must refuse, and a GB18030
// encoder (Node has no encoder for it) to write files as Excel on Chinese Windows does.

import { deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  /** The entry name as written (a Buffer to write raw bytes, e.g. a GBK name). */
  name: string | Buffer;
  data?: Buffer | string;
  method?: 'store' | 'deflate';
  /** General purpose bit 11 (UTF-8 name); default: when the name is a non-ASCII string. */
  utf8?: boolean;
  /** Set the "encrypted" flag (the data is not really encrypted). */
  encrypted?: boolean;
  /** Mark as a Unix symbolic link. */
  symlink?: boolean;
  /** Lie about the uncompressed size in both headers. */
  declaredSize?: number;
}

export interface ZipOptions {
  /** Lie about the number of entries in the end record. */
  entryCount?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function makeZip(entries: ZipEntrySpec[], opts: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const utf8 = e.utf8 ?? (typeof e.name === 'string' && /[^\x00-\x7f]/.test(e.name));
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const method = e.method === 'store' ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const crc = crc32(data);
    const usize = e.declaredSize ?? data.length;
    const flags = (utf8 ? 0x800 : 0) | (e.encrypted ? 0x1 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5a21, 12); // date 2025-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(usize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    const mode = e.symlink ? 0o120777 : name[name.length - 1] === 0x2f ? 0o040755 : 0o100644;
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const count = opts.entryCount ?? entries.length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, cd, end]);
}

let gbTable: Map<number, number[]> | null = null;

/** Encode text as GB18030 (ASCII, the 2-byte GBK range, and 4-byte supplementary-plane characters). */
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let b1 = 0x81; b1 <= 0xfe; b1++) {
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([b1, b2]));
        const cp = ch.codePointAt(0)!;
        if (ch.length === 1 && cp !== 0xfffd && !gbTable.has(cp)) gbTable.set(cp, [b1, b2]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x10000) {
      let o = cp - 0x10000;
      const b4 = 0x30 + (o % 10);
      o = Math.floor(o / 10);
      const b3 = 0x81 + (o % 126);
      o = Math.floor(o / 126);
      const b2 = 0x30 + (o % 10);
      const b1 = 0x90 + Math.floor(o / 10);
      out.push(b1, b2, b3, b4);
    } else {
      const pair = gbTable.get(cp);
      if (!pair) throw new Error(`encodeGb18030: no 2-byte code for U+${cp.toString(16)}`);
      out.push(...pair);
    }
  }
  return Buffer.from(out);
}
