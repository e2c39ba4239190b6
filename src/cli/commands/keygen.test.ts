import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readP12 } from '../../main/services/crypto/p12.js';
import { readSm2PrivateKey, readSm2PublicKey } from '../../main/services/crypto/sm2.js';
import { commonName, readCertificate } from '../../main/services/crypto/x509.js';
import { expectRefused, runCli } from '../testing.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-keygen-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.CD_TEST_PASS;
});

describe('keygen', () => {
  it('writes a P12 (mode 600) with the Chinese subject and, with --sm2, an SM2 pair under the same passphrase', async () => {
    process.env.CD_TEST_PASS = '密码123';
    const out = join(dir, 'zs.p12');
    const { code } = await runCli(['keygen', '--out', out, '--name', 'CN=张三, O=锦州市数据局', '--pass-env', 'CD_TEST_PASS', '--alg', 'ecdsa', '--sm2', join(dir, 'zs-sm2')]);
    expect(code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const k = readP12(readFileSync(out), '密码123');
    expect(k.alg).toBe('ecdsa');
    const cert = readCertificate(k.certDer);
    expect(commonName(cert.subjectAttrs)).toBe('张三');
    expect(cert.subjectAttrs.find((a) => a.type === 'O')?.value).toBe('锦州市数据局');
    const priv = readSm2PrivateKey(readFileSync(join(dir, 'zs-sm2.key.pem'), 'utf8'), '密码123');
    expect(priv.publicKey).toBe(readSm2PublicKey(readFileSync(join(dir, 'zs-sm2.pub.pem'), 'utf8')));
    expect(() => readSm2PrivateKey(readFileSync(join(dir, 'zs-sm2.key.pem'), 'utf8'), 'wrong')).toThrow();
  });

  it('reads the passphrase only from the environment and refuses to run without it', async () => {
    await expectRefused(['keygen', '--out', join(dir, 'a.p12'), '--name', '张三', '--pass-env', 'CD_TEST_PASS'], /CD_TEST_PASS/);
    await expectRefused(['keygen', '--out', join(dir, 'a.p12'), '--name', '张三', '--pass', 'x'], /unknown option '--pass'[\s\S]*Did you mean --pass-env/);
    expect(existsSync(join(dir, 'a.p12'))).toBe(false);
  });

  it('never overwrites a key and checks its arguments', async () => {
    process.env.CD_TEST_PASS = 'x';
    const out = join(dir, 'b.p12');
    expect((await runCli(['keygen', '--out', out, '--name', '李四', '--pass-env', 'CD_TEST_PASS', '--alg', 'ecdsa'])).code).toBe(0);
    const before = readFileSync(out);
    await expectRefused(['keygen', '--out', out, '--name', '李四', '--pass-env', 'CD_TEST_PASS'], /已存在：keygen 不覆盖/);
    expect(readFileSync(out).equals(before)).toBe(true);
    await expectRefused(['keygen', '--out', join(dir, 'c.p12'), '--name', '李四', '--pass-env', 'CD_TEST_PASS', '--alg', 'dsa'], /--alg[\s\S]*'dsa'[\s\S]*rsa, ecdsa/);
    await expectRefused(['keygen', '--out', join(dir, 'c.p12'), '--name', 'O=无名', '--pass-env', 'CD_TEST_PASS'], /CN/);
    await expectRefused(['keygen', '--name', '李四'], /--out/);
  });
});
