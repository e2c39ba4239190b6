import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-17-03.js';

describe('JZ-17-03', () => {
  it('passes when every listed file matches and nothing is unlisted', () => {
    expect(runRule(rule, {}).status).toBe('pass');
    expect(runRule(rule, { integrity: { signature: 'valid', signatureAlg: 'ed25519' } }).status).toBe('pass');
  });

  it('fails with one item per differing file, sorted by path', () => {
    const out = runRule(rule, {
      integrity: {
        missing: ['logs/2026-03.csv'],
        changed: [{ path: 'agreement.json', expected: 'a'.repeat(64), actual: 'b'.repeat(64), expectedBytes: 335, actualBytes: 336 }],
        unlisted: ['notes.txt'],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['agreement.json', 'logs/2026-03.csv', 'notes.txt']);
    expect(out.evidence?.items.every((i) => !i.rowId && !i.eventId)).toBe(true);
    expect(out.evidence?.items[0].excerpt).toContain('335');
    expect(out.evidence?.items[2].excerpt).toContain('未列出');
    expect(out.message).toContain('3 个文件与清单不一致（缺失 1 个，内容与清单不符 1 个，未列入清单 1 个）');
    expect(out.messageEn).toBe('The bundle is not intact: 3 files differ from the manifest (1 missing, 1 changed, 1 not listed): agreement.json, logs/2026-03.csv, notes.txt.');
    expect(out.figures).toMatchObject({ missing: ['logs/2026-03.csv'], unlisted: ['notes.txt'], changed: [{ path: 'agreement.json' }] });
  });

  it('fails on a signature that does not verify, pointing at manifest.json', () => {
    const out = runRule(rule, { integrity: { signature: 'invalid', signatureAlg: 'ed25519' } });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['manifest.json']);
  });

  it('needs review when the signature algorithm cannot be verified and the files match', () => {
    const out = runRule(rule, { integrity: { signature: 'unsupported', signatureAlg: 'sm2-sm3' } });
    expect(out.status).toBe('needs_review');
    expect(out.message).toContain('sm2-sm3');
    expect(out.messageEn).toContain('the signature algorithm sm2-sm3 is not supported');
    expect(runRule(rule, { integrity: { signature: 'unsupported', unlisted: ['x.txt'] } }).status).toBe('fail');
  });

  it('says whose key signed: the registered key passes, another key while one is registered needs review, an unregistered key passes and says so', () => {
    const fp = 'AB:'.repeat(31) + 'AB';
    const registered = runRule(rule, { integrity: { signature: 'valid', signatureAlg: 'ed25519', signerKey: { fingerprintSha256: fp, registration: 'registered', label: '锦州数智' } } });
    expect(registered.status).toBe('pass');
    expect(registered.message).toContain('登记的密钥「锦州数智」');
    const other = runRule(rule, { integrity: { signature: 'valid', signatureAlg: 'ed25519', signerKey: { fingerprintSha256: fp, registration: 'other-key-registered' } } });
    expect(other.status).toBe('needs_review');
    expect(other.message).toContain(fp);
    expect(other.evidence?.items.map((i) => i.file)).toEqual(['manifest.json']);
    const unregistered = runRule(rule, { integrity: { signature: 'valid', signatureAlg: 'ed25519', signerKey: { fingerprintSha256: fp, registration: 'unregistered' } } });
    expect(unregistered.status).toBe('pass');
    expect(unregistered.message).toContain(`签名密钥未登记（SHA-256 指纹 ${fp}）`);
    expect(unregistered.message).not.toContain('登记的密钥「');
  });
});
