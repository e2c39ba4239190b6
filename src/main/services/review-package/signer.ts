// The reviewer's signing key for review packages: a PKCS#12 file (RSA or ECDSA key with its
// certificate), or a bare Ed25519 PEM key. Signatures are checked with node:crypto against
// the key embedded in the package; whom to trust is decided against the trust store.

import { X509Certificate, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readP12 } from '../crypto/p12.js';
import { fingerprintOf, keyFingerprint } from '../crypto/public-key.js';
import { commonName, nameToString, readCertificate } from '../crypto/x509.js';

export type PackageSignatureAlg = 'rsa-sha256' | 'ecdsa-sha256' | 'ed25519';
export const PACKAGE_SIGNATURE_ALGS: readonly PackageSignatureAlg[] = ['rsa-sha256', 'ecdsa-sha256', 'ed25519'];

export interface ReviewerSigner {
  alg: PackageSignatureAlg;
  /** The certificate, PEM; null for a bare key. */
  certificatePem: string | null;
  publicKeyPem: string;
  /** The certificate subject's common name, or the name given with a bare key. */
  name: string;
  /** SHA-256 of the certificate's DER (of the public key's DER without a certificate), lowercase hex. */
  fingerprint: string;
  sign(data: Buffer): Buffer;
}

/** A key or certificate that cannot be used; the message says why, in Chinese. */
export class SignerError extends Error {}

function algFor(key: KeyObject, where: string): PackageSignatureAlg {
  if (key.asymmetricKeyType === 'rsa') return 'rsa-sha256';
  if (key.asymmetricKeyType === 'ec') return 'ecdsa-sha256';
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  throw new SignerError(`${where}的密钥类型 ${key.asymmetricKeyType ?? '未知'} 不受支持：应为 RSA、ECDSA 或 Ed25519。`);
}

export function signWith(alg: PackageSignatureAlg, key: KeyObject, data: Buffer): Buffer {
  return alg === 'ed25519' ? sign(null, data, key) : sign('sha256', data, alg === 'ecdsa-sha256' ? { key, dsaEncoding: 'der' } : key);
}

export function verifyWith(alg: PackageSignatureAlg, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    if (alg === 'ed25519') return key.asymmetricKeyType === 'ed25519' && verify(null, data, key, signature);
    if (alg === 'rsa-sha256') return key.asymmetricKeyType === 'rsa' && verify('sha256', data, key, signature);
    return key.asymmetricKeyType === 'ec' && verify('sha256', data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/** The certificate's CN (the one reading of names, crypto/x509.ts), else its whole subject. */
function nameOf(certDer: Buffer): string {
  const attrs = readCertificate(certDer).subjectAttrs;
  return commonName(attrs) ?? nameToString(attrs);
}

/**
 * Open a PKCS#12 file with the one reader the reports use (crypto/p12.ts): RSA and ECDSA
 * keys with their certificate sign packages.
 */
export function loadP12Signer(p12: Buffer, password: string, file = 'PKCS#12 文件'): ReviewerSigner {
  let k;
  try {
    k = readP12(p12, password);
  } catch (e) {
    const m = (e as Error).message;
    throw new SignerError(/MAC|passphrase|password|decrypt/i.test(m)
      ? `${file} 的口令错误，无法打开（${m}）。`
      : `${file} 不是有效的 PKCS#12 文件（${m}）。`);
  }
  const cert = new X509Certificate(k.certDer);
  if (!cert.checkPrivateKey(k.privateKey)) throw new SignerError(`${file} 中没有与私钥匹配的证书。`);
  const alg = algFor(k.privateKey, file);
  return {
    alg,
    certificatePem: cert.toString(),
    publicKeyPem: cert.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    name: nameOf(k.certDer),
    fingerprint: fingerprintOf(k.certDer),
    sign: (data) => signWith(alg, k.privateKey, data),
  };
}

/** A bare private key (PEM), optionally with its certificate. */
export function loadPemSigner(keyPem: string | Buffer, opts: { name?: string; certificatePem?: string; passphrase?: string } = {}): ReviewerSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(opts.passphrase !== undefined ? { key: keyPem, format: 'pem', passphrase: opts.passphrase } : { key: keyPem, format: 'pem' });
  } catch (e) {
    throw new SignerError(`私钥无法读取（${(e as Error).message}）：应为 PEM 私钥，加密时需给出口令。`);
  }
  const alg = algFor(key, '私钥');
  if (opts.certificatePem) {
    const cert = new X509Certificate(opts.certificatePem);
    if (!cert.checkPrivateKey(key)) throw new SignerError('证书与私钥不匹配。');
    return {
      alg, certificatePem: cert.toString(), publicKeyPem: cert.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      name: opts.name ?? nameOf(cert.raw), fingerprint: fingerprintOf(cert.raw), sign: (d) => signWith(alg, key, d),
    };
  }
  if (!opts.name) throw new SignerError('没有证书的私钥需要给出审查员姓名。');
  const pub = createPublicKey(key);
  return {
    alg, certificatePem: null, publicKeyPem: pub.export({ format: 'pem', type: 'spki' }).toString(),
    name: opts.name, fingerprint: keyFingerprint(pub), sign: (d) => signWith(alg, key, d),
  };
}

