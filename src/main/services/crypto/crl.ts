// Certificate revocation lists (RFC 5280 §5), read from a file a reviewer was given (there is
// no network to fetch one) and written by `compliance-desk ca revoke` for an organisation's
// own CA. A CRL counts only when its issuer's signature on it verifies.

import { DER_LIMITS, asn1, bytesOf, children, der, int, parse, readOid, readTime, seq, time, uint, bitString, type Asn1 } from './asn1.js';
import { pemBlocks } from './pem.js';
import { normaliseSerial, signatureAlgId, verifyWithAlgorithm, type CertInfo, type CertSigner } from './x509.js';

export interface Crl {
  der: Buffer;
  issuer: Asn1;
  thisUpdate: Date | null;
  nextUpdate: Date | null;
  /** Serial (uppercase hex, no leading zero byte) → revocation date. */
  revoked: Map<string, Date | null>;
  tbsDer: Buffer;
  signatureAlgorithm: string;
  signatureValue: Buffer;
}

/** A CRL file is refused past this size: lists of an organisation's CA are small. */
const CRL_LIMITS = { ...DER_LIMITS, maxBytes: 16 * 1024 * 1024, maxNodes: 2_000_000 };

function serialHex(node: Asn1): string {
  return normaliseSerial(bytesOf(node).toString('hex'));
}

/** Read a CRL given as DER or PEM. */
export function readCrl(bytes: Buffer): Crl {
  const blocks = pemBlocks(bytes, 'X509 CRL');
  const body = blocks.length ? blocks[0] : bytes;
  const node = parse(body, CRL_LIMITS);
  const [tbs, sigAlg, sigValue] = children(node);
  const f = children(tbs);
  let i = 0;
  if (f[i]?.type === asn1.Type.INTEGER && f[i].tagClass === asn1.Class.UNIVERSAL) i++; // version
  i++; // signature algorithm
  const issuer = f[i++];
  const thisUpdate = f[i] ? readTime(f[i++]) : null;
  let nextUpdate: Date | null = null;
  if (f[i] && (f[i].type === asn1.Type.UTCTIME || f[i].type === asn1.Type.GENERALIZEDTIME) && f[i].tagClass === asn1.Class.UNIVERSAL) nextUpdate = readTime(f[i++]);
  const revoked = new Map<string, Date | null>();
  if (f[i] && f[i].type === asn1.Type.SEQUENCE && f[i].tagClass === asn1.Class.UNIVERSAL) {
    for (const entry of children(f[i])) {
      const [serial, date] = children(entry);
      if (serial) revoked.set(serialHex(serial), date ? readTime(date) : null);
    }
  }
  if (!issuer) throw new Error('CRL 缺少签发者');
  return {
    der: der(node), issuer, thisUpdate, nextUpdate, revoked, tbsDer: der(tbs),
    signatureAlgorithm: readOid(children(sigAlg)[0]) ?? '', signatureValue: bytesOf(sigValue).subarray(1),
  };
}

/** `crl` was issued by `issuer` and carries its valid signature. */
export function crlIssuedBy(crl: Crl, issuer: CertInfo): boolean {
  return der(crl.issuer).equals(der(issuer.subject)) && verifyWithAlgorithm(crl.signatureAlgorithm, issuer.spki, crl.tbsDer, crl.signatureValue);
}

/** A CRL (DER) of `issuer` listing `revoked` certificates, signed by the issuer's key. */
export function writeCrl(o: {
  issuer: CertInfo;
  signer: CertSigner;
  revoked: { serialHex: string; at: Date }[];
  thisUpdate?: Date;
  nextUpdateDays?: number;
}): Buffer {
  const thisUpdate = o.thisUpdate ?? new Date();
  const nextUpdate = new Date(thisUpdate.getTime() + (o.nextUpdateDays ?? 30) * 86_400_000);
  const entries = o.revoked.map((r) => seq([uint(Buffer.from(r.serialHex.length % 2 ? `0${r.serialHex}` : r.serialHex, 'hex')), time(r.at)]));
  const tbs = seq([
    int(1),
    signatureAlgId(o.signer.kind),
    parse(der(o.issuer.subject)),
    time(thisUpdate),
    time(nextUpdate),
    ...(entries.length ? [seq(entries)] : []),
  ]);
  const tbsDer = der(tbs);
  return der(seq([tbs, signatureAlgId(o.signer.kind), bitString(o.signer.sign(tbsDer))]));
}

