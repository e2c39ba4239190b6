// Ids for cases and runs: random, and within the IPC's id pattern ([A-Za-z0-9_-]{1,64}).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 63];
  return `${prefix}-${s}`;
}
