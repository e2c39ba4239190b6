import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrityOk, verifyBundle } from '../../main/services/bundle/verify-bundle.js';
import { expectRefused, runCli } from '../testing.js';
import { publicKeyPath } from './bundle.js';
import { sampleBundle } from '../../../test/fixtures.js';

const SAMPLE = sampleBundle('clean');
let dir: string;

function writable(d: string): void {
  chmodSync(d, 0o755);
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) writable(p);
    else chmodSync(p, 0o644);
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-bundle-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('compliance-desk bundle', () => {
  for (const alg of ['ed25519', 'ecdsa-p256-sha256', 'sm2-sm3']) {
    it(`keygen --alg ${alg} then make --key: the reader verifies the signature`, async () => {
      const key = join(dir, 'operator.key');
      const made = await runCli(['bundle', 'keygen', '--out', key, '--alg', alg]);
      expect(made.code).toBe(0);
      expect(made.out.trim().split('\n')).toEqual([key, join(dir, 'operator.pub.pem')]);
      expect(statSync(key).mode & 0o077).toBe(0);
      const bundle = join(dir, 'bundle');
      cpSync(SAMPLE, bundle, { recursive: true });
      writable(bundle);
      const written = await runCli(['bundle', 'make', bundle, '--key', key, '--alg', alg, '--quiet']);
      expect(written.code).toBe(0);
      expect(written.out.trim()).toBe(join(bundle, 'manifest.json'));
      const m = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
      expect(m.signature.alg).toBe(alg);
      expect(m.signature.public_key_pem).toBe(readFileSync(join(dir, 'operator.pub.pem'), 'utf8'));
      const v = await verifyBundle(bundle);
      expect(v.integrity.signature).toBe('valid');
      expect(integrityOk(v.integrity)).toBe(true);
    });
  }

  it('keygen refuses to overwrite a key and make needs the passphrase of an encrypted key', async () => {
    const key = join(dir, 'k.pem');
    process.env.CD_TEST_PASS = 'secret';
    try {
      expect((await runCli(['bundle', 'keygen', '--out', key, '--pass-env', 'CD_TEST_PASS'])).code).toBe(0);
      await expectRefused(['bundle', 'keygen', '--out', key], /已存在/);
      const bundle = join(dir, 'bundle');
      cpSync(SAMPLE, bundle, { recursive: true });
      writable(bundle);
      await expectRefused(['bundle', 'make', bundle, '--key', key], /COMPLIANCE_DESK_PASS/);
      expect((await runCli(['bundle', 'make', bundle, '--key', key, '--pass-env', 'CD_TEST_PASS', '--quiet'])).code).toBe(0);
      await expectRefused(['bundle', 'make', bundle, '--key', key, '--pass-env', 'CD_NOT_SET_ANYWHERE'], /not set/);
    } finally {
      delete process.env.CD_TEST_PASS;
    }
  });

  it('make takes --operator, --period and --timezone', async () => {
    const bundle = join(dir, 'bundle');
    cpSync(SAMPLE, bundle, { recursive: true });
    writable(bundle);
    rmSync(join(bundle, 'manifest.json'));
    await expectRefused(['bundle', 'make', bundle, '--quiet'], /--period/);
    expect((await runCli(['bundle', 'make', bundle, '--operator', 'OP-1', '--period', '2026-01-01..2026-06-30', '--timezone', 'Asia/Shanghai', '--quiet'])).code).toBe(0);
    const m = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ operator_id: 'OP-1', period: { start: '2026-01-01', end: '2026-06-30' }, timezone: 'Asia/Shanghai' });
    expect(existsSync(join(bundle, 'manifest.json'))).toBe(true);
  });

  it('refuses bad arguments', async () => {
    await expectRefused(['bundle', 'make'], /missing required argument 'folder'/);
    await expectRefused(['bundle', 'make', dir, '--alg', 'rsa'], /--alg/);
    await expectRefused(['bundle', 'make', dir, '--alg', 'ed25519'], /--key/);
    await expectRefused(['bundle', 'make', dir, '--period', '2026-13-01..2026-12-31'], /--period/);
    await expectRefused(['bundle', 'keygen'], /--out/);
    await expectRefused(['bundle', 'frobnicate'], /unknown command 'frobnicate'/);
    const notKey = join(dir, 'x.pem');
    writeFileSync(notKey, 'hello');
    await expectRefused(['bundle', 'make', dir, '--key', notKey], /x\.pem/);
  });

  it('names the public key beside the private one', () => {
    expect(publicKeyPath('/a/op.key')).toBe('/a/op.pub.pem');
    expect(publicKeyPath('/a/op.pem')).toBe('/a/op.pub.pem');
    expect(publicKeyPath('/a/op')).toBe('/a/op.pub.pem');
  });
});
