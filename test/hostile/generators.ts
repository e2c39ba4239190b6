// Hostile and broken inputs, made on the spot (nothing of megabytes is committed): each
// returns the path of what it wrote under `dir`.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import yazl from 'yazl';
import { join } from 'node:path';

/** A copy of `bundle` in `dir`, for a test to spoil. */
export function copyBundle(bundle: string, dir: string, name = 'bundle'): string {
  const to = join(dir, name);
  cpSync(bundle, to, { recursive: true });
  return to;
}

/** `[[[…]]]` nested `n` deep: a few kilobytes that overflow any recursive walker. */
export function deepJson(n: number): string {
  return '['.repeat(n) + ']'.repeat(n);
}

/** A FIFO named like a report: opening it for reading waits for a writer that never comes. */
export function fifo(dir: string, name = 'report.pdf'): string {
  const p = join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

/** A symbolic link named like a report that leads to an endless device. */
export function linkToZero(dir: string, name = 'zero.pdf'): string {
  const p = join(dir, name);
  symlinkSync('/dev/zero', p);
  return p;
}

/** A folder named like a report. */
export function folderNamedPdf(dir: string): string {
  const p = join(dir, 'folder.pdf');
  mkdirSync(p);
  return p;
}

/** A small PDF-looking file holding `n` /ByteRange strings, each of which a naive verifier hashes the whole file for. */
export function manyByteRanges(dir: string, n: number): string {
  const p = join(dir, 'ranges.pdf');
  const parts = ['%PDF-1.7\n'];
  for (let i = 0; i < n; i++) parts.push(`${i + 1} 0 obj << /Type /Sig /ByteRange [0 10 20 30] /Contents <00> >> endobj\n`);
  parts.push('%%EOF\n');
  writeFileSync(p, parts.join(''));
  return p;
}

/** A log of `n` lines that are not JSON (about 2 bytes each). */
export function brokenLines(n: number): string {
  return '{\n'.repeat(n);
}

/** Replaces one file of a bundle copy with `text` (the manifest then lists it as changed, which is itself a finding). */
export function spoil(bundle: string, file: string, text: string): void {
  writeFileSync(join(bundle, file), text);
}

/** A log line whose field nests `n` deep. */
export function deepLogLine(n: number): string {
  return `{"event_id":"E1","ts":"2026-03-01T10:00:00+08:00","actor":"u1","action":"query","result":"success","extra":${deepJson(n)}}\n`;
}

/** `bundle` zipped with `extra` added, then 60 bytes inside `damaged`'s compressed data flipped. */
export async function zipWithDamagedEntry(bundle: string, dir: string, extra: Record<string, string>, damaged: string): Promise<string> {
  const zip = new yazl.ZipFile();
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder)) {
      const p = join(folder, name);
      if (statSync(p).isDirectory()) walk(p, `${prefix}${name}/`);
      else zip.addBuffer(readFileSync(p), `${prefix}${name}`);
    }
  };
  walk(bundle, '');
  for (const [name, text] of Object.entries(extra)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  const at = bytes.indexOf(Buffer.from(damaged)) + damaged.length + 2000;
  for (let k = 0; k < 60; k++) bytes[at + k] ^= 0x5a;
  const path = join(dir, 'damaged.zip');
  writeFileSync(path, bytes);
  return path;
}

/** A one-page PDF whose single Flate stream inflates to `inflated` bytes of zeros (no text layer). */
export function flatePdf(inflated: number): Buffer {
  const data = deflateSync(Buffer.alloc(inflated));
  return pdfOf([
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from('\nendstream')]),
  ]);
}

/** A PDF of `n` small pages, each with one line of text ("Page i") in Helvetica: about 200 bytes a page. */
export function manyPagesPdf(n: number): Buffer {
  // Objects: 1 catalog, 2 page tree, 3 font, then page i at 4 + 2i and its content at 5 + 2i.
  const kids = Array.from({ length: n }, (_, i) => `${4 + 2 * i} 0 R`).join(' ');
  const objs = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${n} >>`),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  for (let i = 0; i < n; i++) {
    const text = `BT /F1 12 Tf 10 50 Td (Page ${i + 1}) Tj ET`;
    objs.push(
      Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`),
      Buffer.from(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`),
    );
  }
  return pdfOf(objs);
}

/** A PDF of the given objects (numbered from 1, the first the catalog) with its cross-reference table. */
export function pdfOf(objs: Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0].length;
  objs.forEach((o, i) => {
    offsets.push(at);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(b);
    at += b.length;
  });
  parts.push(Buffer.from(`xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A zip of the given entries (a forged review package, say). */
export async function zipOf(path: string, entries: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}
