import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Name, PdfDict, PdfFile, PdfParseError, PdfString, Ref, serialize } from './pdf-file.js';

/** A minimal PDF with a classic xref table, offsets computed. */
function makePdf(objects: string[], trailerExtra = ''): Buffer {
  let body = '%PDF-1.7\n%\xff\xff\xff\xff\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('PdfFile', () => {
  it('reads strings with escapes, octal codes, nesting and UTF-16 text', () => {
    const pdf = makePdf([
      '<< /Type /Catalog /Pages 2 0 R /S (a\\(b\\) \\101\\n (nested) \\\\) /H <FEFF5F204E09> /N /A#20B >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] >>',
    ]);
    const f = new PdfFile(pdf);
    const root = f.root();
    expect((root.get('S') as PdfString).text()).toBe('a(b) A\n (nested) \\');
    expect((root.get('H') as PdfString).text()).toBe('张三');
    expect((root.get('N') as Name).name).toBe('A B');
    expect(f.pages()).toEqual([new Ref(3, 0)]);
    expect(f.dict(f.pages()[0])!.get('MediaBox')).toEqual([0, 0, 595.28, 841.89]);
  });

  it('decodes a Flate stream and walks an EmbeddedFiles name tree', () => {
    const data = deflateSync(Buffer.from('{"a":1}'));
    const pdf = makePdf([
      '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(findings.json) 4 0 R] >> >> >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      `<< /Type /EmbeddedFile /Length ${data.length} /Filter /FlateDecode >>\nstream\n${data.toString('latin1')}\nendstream`,
      '<< /Type /Filespec /F (findings.json) /EF << /F 3 0 R >> >>',
    ]);
    const files = new PdfFile(pdf).embeddedFiles();
    expect(files.get('findings.json')?.toString()).toBe('{"a":1}');
  });

  it('follows /Prev: a newer revision of an object wins', () => {
    const first = makePdf(['<< /Type /Catalog /V 1 >>']);
    const f1 = new PdfFile(first);
    const at = first.length;
    const upd = `1 0 obj\n<< /Type /Catalog /V 2 >>\nendobj\n`;
    const xrefAt = at + upd.length;
    const tail = `${upd}xref\n0 1\n0000000000 65535 f \n1 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R /Prev ${f1.lastXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const f2 = new PdfFile(Buffer.concat([first, Buffer.from(tail, 'latin1')]));
    expect(f2.root().get('V')).toBe(2);
    expect(f2.revisionEnds).toHaveLength(2);
  });

  it('refuses a cross-reference stream instead of misreading it', () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /XRef >>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n', 'latin1');
    expect(() => new PdfFile(pdf)).toThrow(/classic xref/);
  });

  it('refuses an xref table that meets a delimiter or the end of the file before its trailer (it used to loop for ever)', () => {
    const noKeyword = Buffer.from(makePdf(['<< /Type /Catalog >>']).toString('latin1').replace('trailer\n', ''), 'latin1');
    expect(() => new PdfFile(noKeyword)).toThrow(/without a trailer/);
    // A startxref (found first, from the end) pointing at a table the file ends inside, as a damaged copy can.
    const head = '%PDF-1.7\nstartxref\n';
    const table = 'xref\n0 1\n0000000000 65535 f \n';
    const offset = head.length + 6;
    const cut = Buffer.from(`${head}${String(offset).padEnd(5)}\n${table}`, 'latin1');
    expect(cut.toString('latin1', offset, offset + 4)).toBe('xref');
    expect(() => new PdfFile(cut)).toThrow(PdfParseError);
  });

  it('names what it found where an object was expected (a damaged header once read as NaN)', () => {
    const pdf = makePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    const damaged = Buffer.from(pdf.toString('latin1').replace('2 0 obj', 'x 0 obj'), 'latin1');
    expect(() => new PdfFile(damaged).object(2)).toThrow(/object 2 expected at \d+, found "x"$/);
  });

  it('serialises values so that they parse back the same', () => {
    const d = new PdfDict([
      ['A', [1, 2.5, -3, true, null]], ['B', new Name('Sig Name/x')], ['C', new Ref(12, 0)], ['D', PdfString.fromText('签名 (x)')],
      ['E', new PdfDict([['F', PdfString.fromText('plain')]])],
    ]);
    const pdf = makePdf([serialize(d)]);
    const back = new PdfFile(pdf).root();
    expect(back.get('A')).toEqual([1, 2.5, -3, true, null]);
    expect((back.get('B') as Name).name).toBe('Sig Name/x');
    expect(back.get('C')).toEqual(new Ref(12, 0));
    expect((back.get('D') as PdfString).text()).toBe('签名 (x)');
    expect(((back.get('E') as PdfDict).get('F') as PdfString).text()).toBe('plain');
  });
});
