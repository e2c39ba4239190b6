// PKCS#12 files: written with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and a SHA-256 MAC,
// as OpenSSL 3 writes them; read with forge's decryption for the older PBE algorithms
// too. The key is handled as PKCS#8 so RSA and EC keys go the same way (forge's own
// PKCS#12 code only knows RSA), and the certificate is kept as raw DER.

import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, pbkdf2Sync, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import {
  OID, algId, asn1, bin, buf, bytesOf, children, der, explicit, forge, int, octets, oid, parse, readOid, seq, set,
  type Asn1,
} from './asn1.js';
import { keyAlgOf, readCertificate, type KeyAlg } from './x509.js';

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const ITERATIONS = 100_000;
const MAC_ITERATIONS = 2048;

export class P12Error extends Error {}

export interface SigningKey {
  privateKey: KeyObject;
  alg: KeyAlg;
  /** The signer's certificate, DER. */
  certDer: Buffer;
  /** Other certificates in the file (issuers), DER. */
  chainDer: Buffer[];
}

function bmp(s: string): Asn1 {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const t = le[i];
    le[i] = le[i + 1];
    le[i + 1] = t;
  }
  return asn1.create(U, T.BMPSTRING, false, bin(le));
}

/** EncryptedPrivateKeyInfo with PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC (password as UTF-8). */
export function encryptPkcs8(pkcs8Der: Buffer, password: string, iterations = ITERATIONS): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const c = createCipheriv('aes-256-cbc', key, iv);
  const enc = Buffer.concat([c.update(pkcs8Der), c.final()]);
  return der(seq([
    seq([
      oid(OID.pbes2),
      seq([
        seq([oid(OID.pbkdf2), seq([octets(salt), int(iterations), algId(OID.hmacWithSHA256, true)])]),
        seq([oid(OID.aes256CBC), octets(iv)]),
      ]),
    ]),
    octets(enc),
  ]));
}

const PBES2_CIPHERS: Record<string, [string, number]> = {
  '2.16.840.1.101.3.4.1.2': ['aes-128-cbc', 16],
  '2.16.840.1.101.3.4.1.22': ['aes-192-cbc', 24],
  '2.16.840.1.101.3.4.1.42': ['aes-256-cbc', 32],
  '1.2.840.113549.3.7': ['des-ede3-cbc', 24],
};
const PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1', '1.2.840.113549.2.9': 'sha256', '1.2.840.113549.2.10': 'sha384', '1.2.840.113549.2.11': 'sha512',
};

/** PBES2 with PBKDF2 by node's crypto (forge's JS PBKDF2 takes seconds at 100,000 rounds). */
function pbes2Decrypt(params: Asn1, data: Buffer, password: string): Buffer | null {
  const [kdf, enc] = children(params);
  if (readOid(children(kdf)[0]) !== OID.pbkdf2) return null;
  const [saltN, iterN, lenOrPrf, maybePrf] = children(children(kdf)[1]);
  const prfN = lenOrPrf && lenOrPrf.type === T.SEQUENCE ? lenOrPrf : maybePrf;
  const prf = prfN ? PRFS[readOid(children(prfN)[0]) ?? ''] : 'sha1';
  const cipher = PBES2_CIPHERS[readOid(children(enc)[0]) ?? ''];
  if (!prf || !cipher) return null;
  const iterations = parseInt(bytesOf(iterN).toString('hex'), 16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), bytesOf(saltN), iterations, cipher[1], prf);
  try {
    const d = createDecipheriv(cipher[0], key, bytesOf(children(enc)[1]));
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new P12Error('cannot decrypt: wrong passphrase?');
  }
}

/** Decrypt with PBES2 (node) or the PKCS#12 PBEs (forge, which encodes the password itself). */
function pbeDecrypt(alg: Asn1, data: Buffer, password: string): Buffer {
  const algOid = readOid(children(alg)[0])!;
  if (algOid === OID.pbes2) {
    const out = pbes2Decrypt(children(alg)[1], data, password);
    if (out) return out;
  }
  const pw = algOid === OID.pbes2 ? forge.util.encodeUtf8(password) : password;
  const pbe = (forge.pki as unknown as { pbe: { getCipher(oid: string, params: Asn1, pw: string): import('node-forge').cipher.BlockCipher } }).pbe;
  const cipher = pbe.getCipher(algOid, children(alg)[1], pw);
  cipher.update(forge.util.createBuffer(bin(data)));
  if (!cipher.finish()) throw new P12Error('cannot decrypt: wrong passphrase?');
  return buf(cipher.output.getBytes());
}

/** PrivateKeyInfo DER from an EncryptedPrivateKeyInfo. */
export function decryptPkcs8(encDer: Buffer, password: string): Buffer {
  const [alg, enc] = children(parse(encDer));
  const out = pbeDecrypt(alg, bytesOf(enc), password);
  try {
    parse(out);
  } catch {
    throw new P12Error('cannot decrypt the private key: wrong passphrase?');
  }
  return out;
}

function macKey(password: string, salt: Buffer, iterations: number, md: 'sha256' | 'sha1'): Buffer {
  const mdObj = md === 'sha256' ? forge.md.sha256.create() : forge.md.sha1.create();
  const len = md === 'sha256' ? 32 : 20;
  return buf(forge.pkcs12.generateKey(password, forge.util.createBuffer(bin(salt)), 3, iterations, len, mdObj).getBytes());
}

function dataContentInfo(content: Buffer): Asn1 {
  return seq([oid(OID.data), explicit(0, octets(content))]);
}

/** A PKCS#12 file holding one private key (PKCS#8 DER) and its certificate. */
/** A PKCS#12 file with the key, its certificate and (chainDer) the issuers' certificates. */
export function writeP12(o: { privateKey: KeyObject; certDer: Buffer; chainDer?: Buffer[]; password: string; friendlyName: string }): Buffer {
  const pkcs8 = o.privateKey.export({ format: 'der', type: 'pkcs8' });
  const localKeyId = createHash('sha1').update(o.certDer).digest();
  const attrs = set([
    seq([oid(OID.friendlyName), set([bmp(o.friendlyName)])]),
    seq([oid(OID.localKeyId), set([octets(localKeyId)])]),
  ]);
  const keyBag = seq([oid(OID.pkcs8ShroudedKeyBag), explicit(0, parse(encryptPkcs8(pkcs8, o.password))), attrs]);
  const certBag = seq([
    oid(OID.certBag),
    explicit(0, seq([oid(OID.x509Certificate), explicit(0, octets(o.certDer))])),
    attrs,
  ]);
  const chainBags = (o.chainDer ?? []).map((d) => seq([oid(OID.certBag), explicit(0, seq([oid(OID.x509Certificate), explicit(0, octets(d))]))]));
  const authSafe = der(seq([dataContentInfo(der(seq([certBag, ...chainBags]))), dataContentInfo(der(seq([keyBag])))]));
  const salt = randomBytes(16);
  const mac = createHmac('sha256', macKey(o.password, salt, MAC_ITERATIONS, 'sha256')).update(authSafe).digest();
  return der(seq([
    int(3),
    dataContentInfo(authSafe),
    seq([seq([algId(OID.sha256, true), octets(mac)]), octets(salt), int(MAC_ITERATIONS)]),
  ]));
}

interface Bag {
  type: string;
  value: Asn1;
  localKeyId: string | null;
}

function readBags(safeContents: Buffer): Bag[] {
  return children(parse(safeContents)).map((bag) => {
    const [id, value, attrs] = children(bag);
    let localKeyId: string | null = null;
    for (const a of children(attrs)) {
      const [aid, vals] = children(a);
      if (readOid(aid) === OID.localKeyId && children(vals)[0]) localKeyId = bytesOf(children(vals)[0]).toString('hex');
    }
    return { type: readOid(id) ?? '', value: children(value)[0], localKeyId };
  });
}

/** The signing key and certificate of a PKCS#12 file. */
export function readP12(p12: Buffer, password: string): SigningKey {
  let pfx: Asn1;
  try {
    pfx = parse(p12);
  } catch {
    throw new P12Error('not a PKCS#12 file');
  }
  const [, authSafeCi, macData] = children(pfx);
  if (readOid(children(authSafeCi)[0]) !== OID.data) throw new P12Error('PKCS#12 with public-key integrity is not supported');
  const authSafe = bytesOf(children(children(authSafeCi)[1])[0]);
  if (macData) {
    const [digestInfo, saltN, iterN] = children(macData);
    const mdOid = readOid(children(children(digestInfo)[0])[0]);
    const md = mdOid === OID.sha256 ? 'sha256' : mdOid === OID.sha1 ? 'sha1' : null;
    if (!md) throw new P12Error(`unsupported PKCS#12 MAC algorithm ${mdOid}`);
    const iterations = iterN ? parseInt(bytesOf(iterN).toString('hex') || '0', 16) : 1;
    const expected = bytesOf(children(digestInfo)[1]);
    const got = createHmac(md, macKey(password, bytesOf(saltN), iterations, md)).update(authSafe).digest();
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw new P12Error('wrong passphrase (the PKCS#12 MAC does not match)');
  }
  const bags: Bag[] = [];
  for (const ci of children(parse(authSafe))) {
    const [typeN, content] = children(ci);
    const type = readOid(typeN);
    if (type === OID.data) {
      bags.push(...readBags(bytesOf(children(content)[0])));
    } else if (type === OID.encryptedData) {
      const encInfo = children(children(content)[0])[1];
      const [, algN, encN] = children(encInfo);
      bags.push(...readBags(pbeDecrypt(algN, bytesOf(encN), password)));
    }
  }
  const keys: { der: Buffer; localKeyId: string | null }[] = [];
  const certs: { der: Buffer; localKeyId: string | null }[] = [];
  for (const b of bags) {
    if (b.type === OID.pkcs8ShroudedKeyBag) keys.push({ der: decryptPkcs8(der(b.value), password), localKeyId: b.localKeyId });
    else if (b.type === OID.keyBag) keys.push({ der: der(b.value), localKeyId: b.localKeyId });
    else if (b.type === OID.certBag) {
      const [certType, certVal] = children(b.value);
      if (readOid(certType) === OID.x509Certificate) certs.push({ der: bytesOf(children(certVal)[0]), localKeyId: b.localKeyId });
    }
  }
  if (!keys.length) throw new P12Error('the PKCS#12 file holds no private key');
  if (!certs.length) throw new P12Error('the PKCS#12 file holds no certificate');
  const key = keys[0];
  const privateKey = createPrivateKey({ key: key.der, format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const own = certs.find((c) => key.localKeyId && c.localKeyId === key.localKeyId)
    ?? certs.find((c) => readCertificate(c.der).publicKey.export({ format: 'der', type: 'spki' }).equals(spki))
    ?? certs[0];
  return {
    privateKey,
    alg: keyAlgOf(privateKey),
    certDer: own.der,
    chainDer: certs.filter((c) => c !== own).map((c) => c.der),
  };
}

