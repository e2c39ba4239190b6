// PEM armour (RFC 7468): the text form keys, certificates and CRLs travel in.

/** Refuse to look for PEM blocks in more text than any key, certificate file or CRL needs. */
const MAX_PEM_TEXT = 32 * 1024 * 1024;

/** The DER bodies of the PEM blocks in `bytes` (of `label` when given), in order. */
export function pemBlocks(bytes: Buffer | string, label?: string): Buffer[] {
  const text = typeof bytes === 'string' ? bytes : bytes.subarray(0, MAX_PEM_TEXT).toString('latin1');
  const out: Buffer[] = [];
  for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]*?)-----END \1-----/g)) {
    if (!label || m[1] === label) out.push(Buffer.from(m[2].replace(/\s+/g, ''), 'base64'));
  }
  return out;
}

/** The first PEM block with its label. */
export function firstPem(text: string): { label: string; der: Buffer } {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]*?)-----END \1-----/.exec(text.slice(0, MAX_PEM_TEXT));
  if (!m) throw new Error('not a PEM file');
  return { label: m[1], der: Buffer.from(m[2].replace(/\s+/g, ''), 'base64') };
}

export function toPem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
