// An incremental update (PDF 32000-1, 7.5.6): new or redefined objects appended after the
// last revision with their own cross-reference section and a trailer pointing back with
// /Prev. Signing writes one; so does whatever changes a signed report afterwards.

import { randomBytes } from 'node:crypto';
import { PdfDict, PdfString, serialize, type PdfFile } from './pdf-file.js';

/**
 * `pdf` with `objects` (number → serialized object body) appended as one update; `size` is
 * the trailer's new /Size. Returns the bytes and where each object was written.
 */
export function appendUpdate(pdf: Buffer, file: PdfFile, objects: Map<number, string>, size: number): { out: Buffer; offsets: Map<number, number> } {
  let text = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const offsets = new Map<number, number>();
  const nums = [...objects.keys()].sort((a, b) => a - b);
  for (const n of nums) {
    offsets.set(n, pdf.length + Buffer.byteLength(text, 'latin1'));
    text += `${n} 0 obj\n${objects.get(n)}\nendobj\n`;
  }
  const xrefAt = pdf.length + Buffer.byteLength(text, 'latin1');
  text += 'xref\n0 1\n0000000000 65535 f \n';
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    text += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) text += `${String(offsets.get(nums[k])).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  const trailer = new PdfDict([['Size', size], ['Root', file.trailer.get('Root')!]]);
  const info = file.trailer.get('Info');
  if (info !== undefined) trailer.set('Info', info);
  const id = file.trailer.get('ID');
  const firstId = Array.isArray(id) && id[0] instanceof PdfString ? id[0] : new PdfString(randomBytes(16));
  trailer.set('ID', [firstId, new PdfString(randomBytes(16))]);
  trailer.set('Prev', file.lastXref);
  text += `trailer\n${serialize(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`;
  return { out: Buffer.concat([pdf, Buffer.from(text, 'latin1')]), offsets };
}
