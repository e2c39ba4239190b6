import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexOfBytes } from './sha256.js';

// Expected digests: FIPS 180-4 examples and values computed with Python's hashlib.
describe('sha256', () => {
  it('matches the FIPS 180-4 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu')).toBe(
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    );
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('pads correctly around the block boundaries', () => {
    const cases: [string, string][] = [
      ['a'.repeat(55), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
      ['a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
      ['a'.repeat(63), '7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34'],
      ['a'.repeat(64), 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
      ['a'.repeat(65), '635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0'],
      ['x'.repeat(119), '000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c'],
      ['x'.repeat(120), '13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98'],
    ];
    for (const [text, hex] of cases) expect(sha256Hex(text), `length ${text.length}`).toBe(hex);
  });

  it('hashes the UTF-8 encoding: CJK, surrogate pairs, lone surrogates as U+FFFD', () => {
    expect(sha256Hex('锦州市公共数据资源授权运营管理办法')).toBe('646f4985dca5ee8e1c95bb193ae91c91983d2b728f6617a5a647e3ed51cb4f9f');
    expect(sha256Hex('a😀b')).toBe('6fba5b2ea783ded096fc2444d540ffbdf49168df30993b155b7efb683313f110');
    expect(sha256Hex('a\ud800b')).toBe('05087813392efc16fe8ff448920c6328e53af865df39419436659d9ffda90f7b');
  });

  it('gives the same digest after a long input (shared buffers are reset)', () => {
    sha256Hex('长'.repeat(50_000));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes bytes', () => {
    const bytes = new Uint8Array(256);
    for (let i = 0; i < 256; i++) bytes[i] = i;
    expect(sha256HexOfBytes(bytes)).toBe('40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880');
    expect(sha256HexOfBytes(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('is fast enough for the hash chain of a large log', () => {
    const line = '0'.repeat(64) + '|E00000001|2026-03-01T10:00:00+08:00|u001|query|DS-HEALTH-02|success';
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) sha256Hex(line + i);
    // ~200k blocks; a naive string-based implementation takes several seconds.
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
