// A small PDF object reader and writer: enough to read what pdfkit writes (classic xref
// tables, no object streams), follow incremental updates, and write the objects of an
// incremental update (signature). Not a general PDF library.

import { inflateSync } from 'node:zlib';

export class Name {
  constructor(readonly name: string) {}
}

export class Ref {
  constructor(readonly num: number, readonly gen: number) {}
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

export class PdfString {
  constructor(readonly bytes: Buffer) {}
  /** Text strings: UTF-16BE with BOM, else PDFDocEncoding (read as Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      const swapped = Buffer.alloc(b.length - 2);
      for (let i = 2; i + 1 < b.length; i += 2) {
        swapped[i - 2] = b[i + 1];
        swapped[i - 1] = b[i];
      }
      return swapped.toString('utf16le');
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
  static fromText(s: string): PdfString {
    if (/^[\x20-\x7e]*$/.test(s)) return new PdfString(Buffer.from(s, 'latin1'));
    const le = Buffer.from('\ufeff' + s, 'utf16le');
    for (let i = 0; i + 1 < le.length; i += 2) {
      const t = le[i];
      le[i] = le[i + 1];
      le[i + 1] = t;
    }
    return new PdfString(le);
  }
}

export class PdfDict {
  readonly map: Map<string, PdfValue>;
  constructor(entries?: Iterable<[string, PdfValue]>) {
    this.map = new Map(entries);
  }
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
  set(key: string, v: PdfValue): this {
    this.map.set(key, v);
    return this;
  }
}

export type PdfValue = number | boolean | null | Name | Ref | PdfString | PdfValue[] | PdfDict;

export interface PdfStream {
  dict: PdfDict;
  /** The stream's bytes as stored (still filtered). */
  raw: Buffer;
}

export class PdfParseError extends Error {}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Nesting of arrays and dictionaries a PDF we read may use (ours use a handful). */
const MAX_NESTING = 64;
/** A stream is never inflated past this: a few kilobytes can claim gigabytes. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Cross-reference sections followed through /Prev (one per incremental update). */
const MAX_XREF_SECTIONS = 10_000;

class Lexer {
  private depth = 0;
  constructor(readonly b: Buffer, public pos: number) {}

  private enter(): void {
    if (++this.depth > MAX_NESTING) throw new PdfParseError(`objects nested more than ${MAX_NESTING} deep at ${this.pos}`);
  }

  skipWs(): void {
    const b = this.b;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** A bare word (number, keyword) without consuming it when `peek`. */
  word(peek = false): string {
    this.skipWs();
    const start = this.pos;
    let p = this.pos;
    while (p < this.b.length && !WS.has(this.b[p]) && !DELIM.has(this.b[p])) p++;
    if (!peek) this.pos = p;
    return this.b.toString('latin1', start, p);
  }

  expect(word: string): void {
    const w = this.word();
    if (w !== word) throw new PdfParseError(`expected "${word}" at ${this.pos}, found "${w}"`);
  }

  value(): PdfValue {
    this.skipWs();
    const b = this.b;
    const c = b[this.pos];
    if (c === undefined) throw new PdfParseError('unexpected end of file');
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literal();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) return this.dict();
      return this.hex();
    }
    if (c === 0x5b) {
      this.pos++;
      this.enter();
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (this.pos >= b.length) throw new PdfParseError('unexpected end of file in an array');
        if (b[this.pos] === 0x5d) {
          this.pos++;
          this.depth--;
          return arr;
        }
        arr.push(this.value());
      }
    }
    const w = this.word();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      // "n g R"
      if (/^\d+$/.test(w)) {
        const save = this.pos;
        const g = this.word();
        if (/^\d+$/.test(g)) {
          const r = this.word();
          if (r === 'R') return new Ref(Number(w), Number(g));
        }
        this.pos = save;
      }
      return Number(w);
    }
    throw new PdfParseError(`unexpected token "${w}" at ${this.pos}`);
  }

  name(): Name {
    this.pos++;
    const start = this.pos;
    while (this.pos < this.b.length && !WS.has(this.b[this.pos]) && !DELIM.has(this.b[this.pos])) this.pos++;
    const raw = this.b.toString('latin1', start, this.pos);
    return new Name(raw.replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
  }

  literal(): PdfString {
    const b = this.b;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++];
      if (c === 0x5c) {
        const n = b[this.pos++];
        const map: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (n in map) out.push(map[n]);
        else if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          for (let k = 0; k < 2 && b[this.pos] >= 0x30 && b[this.pos] <= 0x37; k++) v = v * 8 + (b[this.pos++] - 0x30);
          out.push(v & 0xff);
        } else if (n === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (n !== 0x0a) out.push(n);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return new PdfString(Buffer.from(out));
        out.push(c);
      } else out.push(c);
    }
    throw new PdfParseError('unterminated string');
  }

  hex(): PdfString {
    this.pos++;
    const end = this.b.indexOf(0x3e, this.pos);
    if (end < 0) throw new PdfParseError('unterminated hex string');
    let h = this.b.toString('latin1', this.pos, end).replace(/\s+/g, '');
    this.pos = end + 1;
    if (h.length % 2) h += '0';
    return new PdfString(Buffer.from(h, 'hex'));
  }

  dict(): PdfDict {
    this.pos += 2;
    this.enter();
    const d = new PdfDict();
    for (;;) {
      this.skipWs();
      if (this.pos >= this.b.length) throw new PdfParseError('unexpected end of file in a dictionary');
      if (this.b[this.pos] === 0x3e && this.b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        this.depth--;
        return d;
      }
      const k = this.value();
      if (!(k instanceof Name)) throw new PdfParseError(`dictionary key is not a name at ${this.pos}`);
      d.set(k.name, this.value());
    }
  }
}

export interface XrefEntry {
  offset: number;
  gen: number;
}

/** A parsed PDF: the latest trailer and where every object's newest version starts. */
export class PdfFile {
  readonly xref = new Map<number, XrefEntry>();
  readonly trailer: PdfDict;
  /** startxref of the last revision. */
  readonly lastXref: number;
  /** Byte offsets just after each %%EOF (revision ends), in file order. */
  readonly revisionEnds: number[];

  constructor(readonly bytes: Buffer) {
    this.revisionEnds = [];
    for (let i = bytes.indexOf('%%EOF'); i >= 0; i = bytes.indexOf('%%EOF', i + 5)) {
      let end = i + 5;
      if (bytes[end] === 0x0d) end++;
      if (bytes[end] === 0x0a) end++;
      this.revisionEnds.push(end);
    }
    const sx = bytes.lastIndexOf('startxref');
    if (sx < 0) throw new PdfParseError('no startxref');
    const lx = new Lexer(bytes, sx + 9);
    this.lastXref = Number(lx.word());
    let trailer: PdfDict | null = null;
    const seen = new Set<number>();
    let at: number | null = this.lastXref;
    while (at !== null && !seen.has(at)) {
      if (seen.size >= MAX_XREF_SECTIONS) throw new PdfParseError(`more than ${MAX_XREF_SECTIONS} cross-reference sections`);
      seen.add(at);
      const t = this.readXrefSection(at);
      trailer ??= t;
      const prev = t.get('Prev');
      at = typeof prev === 'number' ? prev : null;
    }
    if (!trailer) throw new PdfParseError('no trailer');
    this.trailer = trailer;
  }

  private readXrefSection(at: number): PdfDict {
    const lx = new Lexer(this.bytes, at);
    const kw = lx.word();
    if (kw !== 'xref') throw new PdfParseError(`unsupported cross-reference at ${at} (only classic xref tables are read)`);
    for (;;) {
      const w = lx.word();
      if (w === 'trailer') break;
      // No word at all (the end of the file, or a delimiter such as "<<"): a table cut short, not a subsection.
      if (w === '') throw new PdfParseError(`cross-reference table at ${at} ends without a trailer (at ${lx.pos})`);
      const first = Number(w);
      const count = Number(lx.word());
      if (!Number.isInteger(first) || !Number.isInteger(count)) throw new PdfParseError(`bad xref subsection at ${lx.pos}`);
      // Each entry takes 20 bytes: a count the file cannot hold is a lie, not a loop to run.
      if (count < 0 || first < 0 || count * 18 > this.bytes.length - lx.pos) throw new PdfParseError(`xref subsection at ${lx.pos} claims ${count} entries`);
      for (let i = 0; i < count; i++) {
        const off = Number(lx.word());
        const gen = Number(lx.word());
        const type = lx.word();
        const num = first + i;
        // Newer sections are read first: keep the first entry seen for each object.
        if (type === 'n' && !this.xref.has(num)) this.xref.set(num, { offset: off, gen });
        if (type === 'f' && !this.xref.has(num) && num !== 0) this.xref.set(num, { offset: -1, gen });
      }
    }
    const t = lx.value();
    if (!(t instanceof PdfDict)) throw new PdfParseError('trailer is not a dictionary');
    return t;
  }

  /** The object `num` as stored (value, and the stream when it has one). */
  object(num: number): { value: PdfValue; stream: PdfStream | null; offset: number } {
    const e = this.xref.get(num);
    if (!e || e.offset < 0) throw new PdfParseError(`object ${num} is not in the cross-reference table`);
    const lx = new Lexer(this.bytes, e.offset);
    const word = lx.word();
    lx.word();
    lx.expect('obj');
    if (Number(word) !== num) throw new PdfParseError(`object ${num} expected at ${e.offset}, found ${word ? `"${word.slice(0, 20)}"` : 'nothing'}`);
    const value = lx.value();
    let stream: PdfStream | null = null;
    if (value instanceof PdfDict && lx.word(true) === 'stream') {
      lx.word();
      let p = lx.pos;
      if (this.bytes[p] === 0x0d) p++;
      if (this.bytes[p] === 0x0a) p++;
      const lenV = this.resolve(value.get('Length'));
      if (typeof lenV !== 'number') throw new PdfParseError(`stream ${num} has no length`);
      stream = { dict: value, raw: this.bytes.subarray(p, p + lenV) };
    }
    return { value, stream, offset: e.offset };
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    let cur = v;
    for (let i = 0; i < 32 && cur instanceof Ref; i++) cur = this.object(cur.num).value;
    return cur;
  }

  dict(v: PdfValue | undefined): PdfDict | null {
    const r = this.resolve(v);
    return r instanceof PdfDict ? r : null;
  }

  /** A stream's decoded bytes (FlateDecode or none). */
  streamData(ref: PdfValue | undefined): Buffer | null {
    if (!(ref instanceof Ref)) return null;
    const { stream } = this.object(ref.num);
    if (!stream) return null;
    const filter = stream.dict.get('Filter');
    const names = Array.isArray(filter) ? filter : filter ? [filter] : [];
    let data = stream.raw;
    for (const f of names) {
      if (f instanceof Name && f.name === 'FlateDecode') {
        try {
          data = inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
        } catch (e) {
          throw new PdfParseError(`stream ${ref.num} cannot be inflated within ${MAX_INFLATED_BYTES} bytes (${(e as Error).message})`);
        }
      }
      else throw new PdfParseError(`unsupported stream filter ${f instanceof Name ? f.name : String(f)}`);
    }
    return data;
  }

  root(): PdfDict {
    const r = this.dict(this.trailer.get('Root'));
    if (!r) throw new PdfParseError('no document catalog');
    return r;
  }

  /** The page objects in order (references). */
  pages(): Ref[] {
    const out: Ref[] = [];
    const walk = (v: PdfValue | undefined, depth: number) => {
      if (depth > 64 || !(v instanceof Ref)) return;
      const d = this.dict(v);
      if (!d) return;
      const type = d.get('Type');
      if (type instanceof Name && type.name === 'Page') out.push(v);
      else {
        const kids = this.resolve(d.get('Kids'));
        if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
      }
    };
    walk(this.root().get('Pages'), 0);
    return out;
  }

  /** Leaves of a name tree (e.g. the EmbeddedFiles tree) as [name, value]. */
  nameTree(node: PdfValue | undefined): [string, PdfValue][] {
    const out: [string, PdfValue][] = [];
    const walk = (v: PdfValue | undefined, depth: number) => {
      const d = this.dict(v);
      if (!d || depth > 32) return;
      const names = this.resolve(d.get('Names'));
      if (Array.isArray(names)) {
        for (let i = 0; i + 1 < names.length; i += 2) {
          const k = this.resolve(names[i]);
          if (k instanceof PdfString) out.push([k.text(), names[i + 1]]);
        }
      }
      const kids = this.resolve(d.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
    };
    walk(node, 0);
    return out;
  }

  /** The embedded files by name, with their decoded bytes. */
  embeddedFiles(): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    const names = this.dict(this.root().get('Names'));
    if (!names) return out;
    for (const [name, specV] of this.nameTree(names.get('EmbeddedFiles'))) {
      const spec = this.dict(specV);
      const ef = spec && this.dict(spec.get('EF'));
      const ref = ef?.get('UF') ?? ef?.get('F');
      const data = this.streamData(ref);
      if (data) out.set(name, data);
    }
    return out;
  }
}

function num(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function nameOut(n: string): string {
  return '/' + n.replace(/[^!-~]|[#()<>[\]{}/%]/g, (c) => '#' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

/** PDF syntax of a value; strings as hex so any bytes survive. */
export function serialize(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return num(v);
  if (v instanceof Name) return nameOut(v.name);
  if (v instanceof Ref) return v.toString();
  if (v instanceof PdfString) return `<${v.bytes.toString('hex')}>`;
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  const parts = ['<<'];
  for (const [k, val] of v.map) parts.push(`${nameOut(k)} ${serialize(val)}`);
  parts.push('>>');
  return parts.join('\n');
}
