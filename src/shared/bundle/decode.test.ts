import { describe, expect, it } from 'vitest';
import { decodeWhole, looksBinary, sniffEncoding, TextStream, type DecodeProblem } from './decode.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) => {
  const out: number[] = [];
  for (const p of parts) out.push(...p);
  return new Uint8Array(out);
};
// GB18030: 中 D6D0, 文 CEC4, 𠀀 (U+20000, 4 bytes, not in GBK) 95 32 82 36.
const GB_ZHONG = [0xd6, 0xd0];
const GB_WEN = [0xce, 0xc4];
const GB_U20000 = [0x95, 0x32, 0x82, 0x36];

function streamAll(chunks: Uint8Array[], headBytes?: number): { text: string; problems: DecodeProblem[]; ts: TextStream } {
  const problems: DecodeProblem[] = [];
  const ts = new TextStream({ headBytes, onProblem: (p) => problems.push(p) });
  let text = '';
  for (const c of chunks) text += ts.push(c);
  text += ts.end();
  return { text, problems, ts };
}

function split(b: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

describe('sniffEncoding', () => {
  it('reads a BOM first', () => {
    expect(sniffEncoding(bytes([0xef, 0xbb, 0xbf], GB_ZHONG))).toBe('utf-8');
    expect(sniffEncoding(bytes([0xff, 0xfe, 0x41, 0]))).toBe('utf-16le');
    expect(sniffEncoding(bytes([0xfe, 0xff, 0, 0x41]))).toBe('utf-16be');
  });

  it('takes valid UTF-8 (and plain ASCII) as UTF-8', () => {
    expect(sniffEncoding(utf8('id,name\nDS-1,交通数据\n'))).toBe('utf-8');
    expect(sniffEncoding(utf8('id,name\n'))).toBe('utf-8');
    expect(sniffEncoding(new Uint8Array(0))).toBe('utf-8');
  });

  it('keeps UTF-8 when the head cuts a multi-byte character at its end', () => {
    const b = utf8('编号,名称\n中');
    expect(sniffEncoding(b.subarray(0, b.length - 1))).toBe('utf-8');
    expect(sniffEncoding(b.subarray(0, b.length - 2))).toBe('utf-8');
  });

  it('falls back to GB18030, never GBK', () => {
    expect(sniffEncoding(bytes(utf8('id,'), GB_ZHONG, GB_WEN))).toBe('gb18030');
    // An invalid byte in the middle is not excused as a cut sequence.
    expect(sniffEncoding(bytes([0xe4, 0x41, 0x42, 0x43]))).toBe('gb18030');
  });
});

describe('decodeWhole', () => {
  it('strips a UTF-8 BOM', () => {
    const r = decodeWhole(bytes([0xef, 0xbb, 0xbf], utf8('id,名称\r\n')));
    expect(r).toEqual({ text: 'id,名称\r\n', encoding: 'utf-8' });
  });

  it('decodes GB18030 including a 4-byte character GBK lacks', () => {
    const r = decodeWhole(bytes(GB_ZHONG, GB_WEN, utf8(','), GB_U20000, utf8('\n')));
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe('中文,𠀀\n');
  });

  it('decodes UTF-16 with a BOM, stripping it', () => {
    const le = bytes([0xff, 0xfe], [0x41, 0, 0x2d, 0x4e]); // "A中"
    expect(decodeWhole(le)).toEqual({ text: 'A中', encoding: 'utf-16le' });
    const be = bytes([0xfe, 0xff], [0, 0x41, 0x4e, 0x2d]);
    expect(decodeWhole(be)).toEqual({ text: 'A中', encoding: 'utf-16be' });
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes and runs of control characters', () => {
    expect(looksBinary(bytes([0x1f, 0x8b, 0x08, 0x00, 0x00]))).toBe(true); // gzip header
    expect(looksBinary(bytes(utf8('PK'), [3, 4, 20, 0]))).toBe(true);
    const controls = new Uint8Array(100).fill(0x41);
    for (let i = 0; i < 10; i++) controls[i * 10] = 0x01;
    expect(looksBinary(controls)).toBe(true);
  });

  it('accepts text, including tabs, CRLF, GB18030 and UTF-16 with a BOM', () => {
    expect(looksBinary(utf8('a\tb\r\nc,"d\ne"\n'))).toBe(false);
    expect(looksBinary(bytes(GB_ZHONG, GB_U20000))).toBe(false);
    expect(looksBinary(bytes([0xff, 0xfe, 0x41, 0, 0x42, 0]))).toBe(false);
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });
});

describe('TextStream', () => {
  const text = '{"action":"登录","actor":"张三"}\n'.repeat(50) + '𠀀\n';

  it('decodes UTF-8 split at every byte boundary', () => {
    const b = utf8(text);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const r = streamAll(split(b, size), 16);
      expect(r.text).toBe(text);
      expect(r.problems).toEqual([]);
      expect(r.ts.encoding).toBe('utf-8');
    }
  });

  it('strips the BOM and sniffs only after the head is collected', () => {
    const ts = new TextStream({ headBytes: 8 });
    expect(ts.push(bytes([0xef, 0xbb, 0xbf], utf8('ab')))).toBe('');
    expect(ts.encoding).toBe(null);
    expect(ts.push(utf8('cdefg'))).toBe('abcdefg');
    expect(ts.encoding).toBe('utf-8');
    expect(ts.end()).toBe('');
  });

  it('decodes a short file at the end', () => {
    expect(streamAll([utf8('a,b\n')]).text).toBe('a,b\n');
  });

  it('decodes GB18030 split inside 2- and 4-byte characters', () => {
    const b = bytes(utf8('x,'), GB_ZHONG, GB_U20000, GB_WEN, utf8('\n'));
    for (const size of [1, 2, 3]) {
      const r = streamAll(split(b, size), 4);
      expect(r.ts.encoding).toBe('gb18030');
      expect(r.text).toBe('x,中𠀀文\n');
    }
  });

  it('reports invalid bytes in a later chunk of a UTF-8 file once and keeps going', () => {
    const good = utf8('登录,张三\n');
    const chunks = [good, bytes(utf8('a'), [0xff], utf8('b\n')), bytes([0xfe], utf8('c\n')), utf8('交付\n')];
    const r = streamAll(chunks, 4);
    expect(r.text).toBe('登录,张三\na\uFFFDb\n\uFFFDc\n交付\n');
    // The offset of the bad byte itself, not of its chunk.
    expect(r.problems).toEqual([{ kind: 'invalid-utf8', byteOffset: good.length + 1 }]);
  });

  it('keeps a UTF-8 file with a bad byte in its first 64 KiB as UTF-8, and says where', () => {
    const before = utf8('登录,张三\n交付,李四\n');
    const r = streamAll([bytes(before, [0xff], utf8('下载,王五\n'))]);
    expect(r.text).toBe('登录,张三\n交付,李四\n\uFFFD下载,王五\n');
    expect(r.ts.encoding).toBe('utf-8');
    expect(r.problems).toEqual([{ kind: 'invalid-utf8', byteOffset: before.length }]);
  });

  it('keeps a character pending across the failing chunk', () => {
    const zh = utf8('中'); // e4 b8 ad
    const chunks = [bytes(utf8('登录'), zh.subarray(0, 2)), bytes(zh.subarray(2), [0xff], utf8('x'))];
    const r = streamAll(chunks, 2);
    expect(r.text).toBe('登录中\uFFFDx');
    expect(r.problems).toHaveLength(1);
  });

  it('reports a UTF-8 file cut inside its last character', () => {
    const b = utf8('a,中');
    const r = streamAll([b.subarray(0, b.length - 1)], 2);
    expect(r.text).toBe('a,\uFFFD');
    expect(r.problems[0].kind).toBe('invalid-utf8');
  });

  it('switches to GB18030 when everything before the bad bytes was ASCII', () => {
    const chunks = [utf8('event_id,action\n'), bytes(utf8('E1,'), GB_ZHONG, GB_WEN, utf8('\n'))];
    const r = streamAll(chunks, 8);
    expect(r.text).toBe('event_id,action\nE1,中文\n');
    expect(r.problems).toEqual([{ kind: 'switched-to-gb18030', byteOffset: 16 + 3 }]);
    expect(r.ts.encoding).toBe('gb18030');
  });

  it('tells a GB18030 tail from a damaged UTF-8 one inside the first chunk after an ASCII head', () => {
    const ascii = utf8('event_id,action\n'.repeat(4));
    const gb = streamAll([bytes(ascii, utf8('E1,'), GB_ZHONG, GB_WEN, utf8('\n'))], 16);
    expect(gb.text).toBe('event_id,action\n'.repeat(4) + 'E1,中文\n');
    expect(gb.problems.map((p) => p.kind)).toEqual(['switched-to-gb18030']);
    const damaged = streamAll([bytes(ascii, utf8('E1,登录成功\nE2,'), [0xff], utf8('\n'))], 16);
    expect(damaged.text).toBe('event_id,action\n'.repeat(4) + 'E1,登录成功\nE2,\uFFFD\n');
    expect(damaged.problems.map((p) => p.kind)).toEqual(['invalid-utf8']);
    expect(damaged.ts.encoding).toBe('utf-8');
  });

  it('outputs nothing for a binary head', () => {
    const r = streamAll([bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), utf8('more text\n')], 4);
    expect(r.ts.binary).toBe(true);
    expect(r.text).toBe('');
  });
});
