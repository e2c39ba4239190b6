// Render the report document (src/shared/report) to PDF with pdfmake: Noto Sans SC
// embedded and subset, PDF/A-3b (not 2b: PDF/A-2 forbids attaching a non-PDF file, and
// findings.json is attached), the findings attached as an associated file, and the
// summary stated again in XMP so verifyReport can compare it with the attachment.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { buildReport, REPORT_FONT } from '../../../shared/report/build.js';
import { reportXmp } from '../../../shared/report/meta.js';
import type { DocDefinition, DocNode, ReportInput, ReportMeta } from '../../../shared/report/types.js';
import { reportFonts } from './fonts.js';

const require = createRequire(import.meta.url);
type PdfMake = typeof import('pdfmake');
const pdfmake = require('pdfmake') as PdfMake;

/** The part of pdfkit's PDFDocument used here (pdfmake hands it over before `end`). */
interface PdfKitDoc {
  file(src: Buffer, options: Record<string, unknown>): unknown;
  appendXML(xml: string, newline?: boolean): void;
  on(event: string, cb: (...args: never[]) => void): unknown;
  read(size?: number): Buffer | null;
  end(): void;
}

interface GlyphFont { hasGlyphForCodePoint(cp: number): boolean }

let configured = false;
let glyphFont: GlyphFont | null = null;

function configure(): void {
  if (configured) return;
  const fonts = reportFonts();
  pdfmake.setFonts({ [REPORT_FONT]: { normal: fonts.regular, bold: fonts.bold, italics: fonts.regular, bolditalics: fonts.bold } });
  // Offline tool: no remote resources at all, local files only the fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p === fonts.regular || p === fonts.bold);
  // fontkit is pdfkit's own dependency: resolve it from there to check glyph coverage.
  const pdfkitRequire = createRequire(require.resolve('pdfkit'));
  const fontkit = pdfkitRequire('fontkit') as { openSync(path: string): GlyphFont };
  glyphFont = fontkit.openSync(fonts.regular);
  configured = true;
}

const glyphCache = new Map<number, boolean>();

/** Characters the font lacks would print as empty boxes: show them as U+XXXX instead. */
function fitFont(text: string): string {
  let out = '';
  let changed = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || ch === '\n') {
      out += ch;
      continue;
    }
    let ok = glyphCache.get(cp);
    if (ok === undefined) {
      ok = glyphFont!.hasGlyphForCodePoint(cp);
      glyphCache.set(cp, ok);
    }
    if (ok) out += ch;
    else {
      out += `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
      changed = true;
    }
  }
  return changed ? out : text;
}

function fitNode(node: DocNode): DocNode {
  if (typeof node === 'string') return fitFont(node);
  if (Array.isArray(node)) return node.map(fitNode);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = { ...node };
    for (const key of ['text', 'stack', 'columns', 'ul', 'ol']) {
      if (key in out) out[key] = fitNode(out[key] as DocNode);
    }
    if (out.table && typeof out.table === 'object') {
      const t = out.table as { body?: DocNode[][] };
      out.table = { ...t, body: t.body?.map((row) => row.map(fitNode)) };
    }
    return out;
  }
  return node;
}

/** pdfkit copies Info strings into the XMP packet without escaping. */
function xmpSafe(s: string): string {
  return s.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞').replace(/[\u0000-\u001f]/g, ' ');
}

export interface RenderOptions {
  /** The exact findings.json text to attach (default: pretty-printed findings as `check` writes it). */
  findingsJson?: string;
  /** Creation date written to the PDF (default now). */
  creationDate?: Date;
}

export interface RenderedReport {
  pdf: Buffer;
  meta: ReportMeta;
  findingsSha256: string;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function renderReport(input: ReportInput, opts: RenderOptions = {}): Promise<RenderedReport> {
  configure();
  const findingsJson = opts.findingsJson ?? JSON.stringify(input.findings, null, 2) + '\n';
  const findingsBytes = Buffer.from(findingsJson, 'utf8');
  const findingsSha256 = sha256Hex(findingsBytes);
  const { doc, meta } = buildReport({ ...input, findingsSha256 });
  const created = opts.creationDate ?? new Date();
  const def: DocDefinition = {
    ...doc,
    content: doc.content.map(fitNode),
    info: {
      title: xmpSafe(doc.info.title),
      author: xmpSafe(doc.info.author),
      subject: xmpSafe(doc.info.subject),
      keywords: xmpSafe(doc.info.keywords),
      creator: xmpSafe(doc.info.creator),
      producer: 'pdfmake / PDFKit',
      creationDate: created,
    } as DocDefinition['info'],
    version: '1.7',
    subset: 'PDF/A-3b',
  };
  const out = pdfmake.createPdf(def as unknown as Parameters<PdfMake['createPdf']>[0]);
  const kit = (await out.getStream()) as unknown as PdfKitDoc;
  kit.file(findingsBytes, {
    name: 'findings.json',
    type: 'application/json',
    relationship: 'Source',
    description: '评估结果原始数据（compliance-desk/findings/1）',
    creationDate: created,
    modifiedDate: created,
  });
  if (input.decisions && Object.values(input.decisions).some((v) => Array.isArray(v) && v.length)) {
    kit.file(Buffer.from(JSON.stringify({ decisions: input.decisions, waivers: input.waivers ?? [], rectification: input.rectification ?? [] }, null, 2) + '\n'), {
      name: 'review-decisions.json',
      type: 'application/json',
      relationship: 'Supplement',
      description: '复核意见、豁免与整改事项',
      creationDate: created,
      modifiedDate: created,
    });
  }
  kit.appendXML(reportXmp(meta));
  const pdf = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    kit.on('data', (c: Buffer) => chunks.push(c));
    kit.on('end', () => resolve(Buffer.concat(chunks)));
    kit.on('error', reject);
    kit.end();
  });
  return { pdf, meta, findingsSha256 };
}
