// Bytes to text for bundle files (bundle-v1.md "General rules"): UTF-8 with or without BOM,
// UTF-16 with a BOM, else GB18030 (Excel on Chinese Windows). Pure: Uint8Array and
// TextDecoder only, so the shared layer stays free of node:*.

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

// The shared layer compiles against lib ES2022 only, which does not declare TextDecoder;
// every runtime we target (Node, Chromium) has it with GB18030 support (WHATWG Encoding).
interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type TextDecoderCtor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;
const Decoder = (globalThis as unknown as { TextDecoder: TextDecoderCtor }).TextDecoder;

const EMPTY = new Uint8Array(0);

/** Bytes looked at to choose an encoding and to tell text from binary. */
export const SNIFF_BYTES = 64 * 1024;

function bomOf(head: Uint8Array): TextEncodingName | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The encoding of a file from its first bytes: a BOM decides; else strict UTF-8 (a
 * multi-byte sequence cut by the end of `head` still counts as UTF-8); else GB18030,
 * never GBK, which lacks the 4-byte characters.
 */
export function sniffEncoding(head: Uint8Array): TextEncodingName {
  const bom = bomOf(head);
  if (bom) return bom;
  if (firstNonAscii(head) < 0) return 'utf-8';
  // stream: true keeps an incomplete trailing sequence pending instead of failing on it.
  return validUtf8Prefix(head) ? 'utf-8' : 'gb18030';
}

/** Decode a whole (small) file; the BOM is stripped. */
export function decodeWhole(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const encoding = sniffEncoding(bytes);
  return { text: new Decoder(encoding).decode(bytes), encoding };
}

/**
 * True when the head is not text: any NUL byte (outside a UTF-16 file), or more than
 * 1 in 32 bytes being control characters other than tab, line feed, form feed, return.
 */
export function looksBinary(head: Uint8Array): boolean {
  const bom = bomOf(head);
  if (bom === 'utf-16le' || bom === 'utf-16be') return false;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return true;
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f) control++;
  }
  return control > 0 && control * 32 > head.length;
}

export interface DecodeProblem {
  /**
   * `invalid-utf8`: a later part of a UTF-8 file has invalid bytes, decoded with U+FFFD.
   * `switched-to-gb18030`: everything before was ASCII, the rest is not UTF-8, so the file
   * is decoded as GB18030 from there (ASCII reads the same in both).
   */
  kind: 'invalid-utf8' | 'switched-to-gb18030';
  /** Byte offset (in the decoded stream) of the first bad byte, or of the first non-ASCII byte decoded as GB18030. */
  byteOffset: number;
}

export interface TextStreamOptions {
  /** Bytes collected before choosing the encoding; default 64 KiB. */
  headBytes?: number;
  /** Called at most once per stream. */
  onProblem?: (p: DecodeProblem) => void;
  /** A faster test for pure ASCII (Node's buffer.isAscii); it runs over every chunk. */
  isAscii?: (b: Uint8Array) => boolean;
  /** A faster decoder for pure-ASCII chunks (Node's latin1 toString). */
  decodeAscii?: (b: Uint8Array) => string;
}

/**
 * Decode a byte stream chunk by chunk. The first `headBytes` are collected to sniff the
 * encoding and to tell binary from text (`binary` then stays true and nothing is output).
 */
export class TextStream {
  encoding: TextEncodingName | null = null;
  binary = false;
  private readonly headBytes: number;
  private readonly onProblem?: (p: DecodeProblem) => void;
  private readonly isAscii: (b: Uint8Array) => boolean;
  private readonly decodeAscii?: (b: Uint8Array) => string;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private decoder: TextDecoderLike | null = null;
  private fatal = false;
  private sawNonAscii = false;
  /** Incomplete UTF-8 sequence at the end of the last chunk, pending in the fatal decoder. */
  private pending: Uint8Array = EMPTY;
  private offset = 0;

  constructor(options: TextStreamOptions = {}) {
    this.headBytes = options.headBytes ?? SNIFF_BYTES;
    this.onProblem = options.onProblem;
    this.isAscii = options.isAscii ?? ((b) => firstNonAscii(b) < 0);
    this.decodeAscii = options.decodeAscii;
  }

  push(chunk: Uint8Array): string {
    if (this.binary || chunk.length === 0) return '';
    if (!this.decoder) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength < this.headBytes) return '';
      return this.start(false);
    }
    return this.decode(chunk, false);
  }

  end(): string {
    if (this.binary) return '';
    if (!this.decoder) return this.start(true);
    return this.decode(EMPTY, true);
  }

  private start(final: boolean): string {
    const all = this.head.length === 1 ? this.head[0] : concat(this.head, this.headLength);
    this.head = [];
    const sniff = all.length > this.headBytes ? all.subarray(0, this.headBytes) : all;
    if (looksBinary(sniff)) {
      this.binary = true;
      return '';
    }
    this.encoding = sniffEncoding(sniff);
    const nonAscii = firstNonAscii(sniff);
    if (this.encoding === 'gb18030' && startsLikeUtf8(sniff, nonAscii)) {
      // UTF-8 with a bad byte early on: still UTF-8 (GB18030 would garble all of it), and said so.
      this.encoding = 'utf-8';
      this.fatal = false;
      this.decoder = new Decoder('utf-8');
      this.onProblem?.({ kind: 'invalid-utf8', byteOffset: Math.max(0, firstInvalidUtf8(sniff)) });
      this.offset = all.length;
      return this.decoder.decode(all, { stream: !final });
    }
    this.fatal = this.encoding === 'utf-8';
    this.sawNonAscii = this.fatal && nonAscii >= 0;
    this.decoder = new Decoder(this.encoding, { fatal: this.fatal });
    return this.decode(all, final);
  }

  private decode(chunk: Uint8Array, final: boolean): string {
    const decoder = this.decoder!;
    if (!this.fatal) return decoder.decode(chunk, { stream: !final });
    // Everything so far was ASCII, so the decoder holds no partial sequence: an ASCII chunk
    // may skip it (the common case of English-keyed JSONL logs).
    if (this.decodeAscii && !this.sawNonAscii && this.isAscii(chunk)) {
      this.offset += chunk.length;
      return this.decodeAscii(chunk);
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: !final });
    } catch {
      return this.recover(chunk, final);
    }
    this.track(chunk);
    return text;
  }

  /** Remember what a recovery needs: whether anything non-ASCII was seen, and the pending tail. */
  private track(chunk: Uint8Array): void {
    this.offset += chunk.length;
    if (!this.sawNonAscii) this.sawNonAscii = !this.isAscii(chunk);
    if (!this.sawNonAscii) return;
    const src = chunk.length < 4 && this.pending.length ? concat([this.pending, chunk], this.pending.length + chunk.length) : chunk;
    this.pending = incompleteTail(src);
  }

  private recover(chunk: Uint8Array, final: boolean): string {
    const at = this.offset;
    this.fatal = false;
    // All before was ASCII: the first non-ASCII bytes tell a GB18030 file from a UTF-8
    // one damaged further on.
    const first = this.sawNonAscii ? -1 : firstNonAscii(chunk);
    if (first >= 0 && !startsLikeUtf8(chunk, first)) {
      this.encoding = 'gb18030';
      this.decoder = new Decoder('gb18030');
      this.onProblem?.({ kind: 'switched-to-gb18030', byteOffset: at + first });
      this.offset += chunk.length;
      return this.decoder.decode(chunk, { stream: !final });
    }
    // The fatal decoder lost its pending bytes when it threw: replay them.
    const bad = firstInvalidUtf8(this.pending.length ? concat([this.pending, chunk], this.pending.length + chunk.length) : chunk);
    this.onProblem?.({ kind: 'invalid-utf8', byteOffset: at - this.pending.length + Math.max(0, bad) });
    this.decoder = new Decoder('utf-8');
    const head = this.pending.length ? this.decoder.decode(this.pending, { stream: true }) : '';
    this.pending = EMPTY;
    this.offset += chunk.length;
    return head + this.decoder.decode(chunk, { stream: !final });
  }
}

function firstNonAscii(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return i;
  return -1;
}

/** Index of the first byte of `b` that begins an ill-formed UTF-8 sequence; -1 when none (a sequence cut at the end is not ill-formed). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return -1;
      const x = b[i + k];
      if (k === 1 ? x < lo || x > hi : (x & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** True when `b` is valid UTF-8, allowing a sequence cut at its end. */
function validUtf8Prefix(b: Uint8Array): boolean {
  try {
    new Decoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * True when the non-ASCII text from `from` on begins as UTF-8 does: three well-formed
 * multi-byte sequences before any bad byte (GB18030 text rarely manages even one), or
 * well-formed up to the end of `b`.
 */
function startsLikeUtf8(b: Uint8Array, from: number): boolean {
  let i = from;
  let valid = 0;
  while (i < b.length && valid < 3) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return false;
    if (i + n >= b.length) return true; // cut by the end of the chunk
    if (b[i + 1] < lo || b[i + 1] > hi) return false;
    for (let k = 2; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
    valid++;
    i += n + 1;
  }
  return true;
}

/** The bytes of a UTF-8 sequence begun but not finished at the end of `b`. */
function incompleteTail(b: Uint8Array): Uint8Array {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? b.subarray(n - back) : EMPTY;
  }
  return EMPTY;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
