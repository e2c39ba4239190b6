import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire, fromBase64, toBase64 } from './wire.js';

describe('base64', () => {
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      // Node's own encoder agrees (the shared layer may not use it).
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => fromBase64('ab$d')).toThrow(/invalid base64/);
    expect(() => fromBase64('a')).toThrow(/length/);
  });
});

describe('wire JSON', () => {
  it('carries byte arrays (Uint8Array and Buffer) as bytes', () => {
    const value = { ok: true, value: { pdf: new Uint8Array([37, 80, 68, 70]), buf: Buffer.from('hi'), n: 1, s: '报告' } };
    const back = decodeWire(encodeWire(value)) as { value: { pdf: Uint8Array; buf: Uint8Array; n: number; s: string } };
    expect(back.value.pdf).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(Array.from(back.value.buf)).toEqual([104, 105]);
    expect(back.value.n).toBe(1);
    expect(back.value.s).toBe('报告');
  });

  it('leaves other objects alone', () => {
    const v = { a: { $bytes: 1 }, b: { $bytes: 'QQ==', other: 1 } };
    expect(decodeWire(encodeWire(v))).toEqual(v);
  });
});
