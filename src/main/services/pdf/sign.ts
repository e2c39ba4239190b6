// Sign a PDF: an incremental update adds a signature field (invisible widget on page 1,
// in the AcroForm) whose /Sig dictionary holds a /ByteRange and a /Contents placeholder;
// the CMS signature over every byte but the placeholder is then written into it.
// SubFilter adbe.pkcs7.detached, as the issue asks; the CMS carries ESS
// signing-certificate-v2 as PAdES B-B does.

import { createHash } from 'node:crypto';
import { buildSignedData } from '../crypto/cms.js';
import type { SigningKey } from '../crypto/p12.js';
import { appendUpdate } from './incremental.js';
import { Name, PdfDict, PdfFile, PdfString, Ref, serialize, type PdfValue } from './pdf-file.js';
import { commonName, readCertificate } from '../crypto/x509.js';

/** Bytes reserved for the CMS (hex doubles it): room for a chain of a few certificates. */
const DEFAULT_RESERVE = 12_000;
const BYTE_RANGE_SLOT = '/ByteRange [0 0 0 0]' + ' '.repeat(36);

export interface SignOptions {
  /** Shown as the signer's name (default: the certificate's CN). */
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  signingTime?: Date;
  fieldName?: string;
  reserveBytes?: number;
  /**
   * Certify this first signature (DocMDP, P=2): readers such as Acrobat then accept later
   * signatures and form filling, and flag any other change. Refused on a signed PDF.
   */
  certify?: boolean;
}

function pdfDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

function clone(d: PdfDict): PdfDict {
  return new PdfDict(d.map);
}

/** The signed PDF. The input must be a PDF with a classic cross-reference table (pdfkit's). */
export function signPdf(pdf: Buffer, key: SigningKey, opts: SignOptions = {}): Buffer {
  const file = new PdfFile(pdf);
  const size = file.trailer.get('Size');
  const rootRef = file.trailer.get('Root');
  if (typeof size !== 'number' || !(rootRef instanceof Ref)) throw new Error('PDF trailer lacks /Size or /Root');
  const pages = file.pages();
  if (!pages.length) throw new Error('PDF has no pages');
  const pageRef = pages[0];
  const cert = readCertificate(key.certDer);
  const signingTime = opts.signingTime ?? new Date();
  const existing = countSignatureFields(file);
  if (opts.certify && existing > 0) throw new Error('只有第一个签名可以认证文档（DocMDP）：这份 PDF 已有签名');
  const fieldName = opts.fieldName ?? `Signature${1 + existing}`;

  let next = size;
  const sigRef = new Ref(next++, 0);
  const widgetRef = new Ref(next++, 0);
  const objects = new Map<number, string>();

  // Catalog with the AcroForm (inline, or the existing AcroForm object rewritten).
  const root = clone(file.root());
  const formV = root.get('AcroForm');
  const form = file.dict(formV) ? clone(file.dict(formV)!) : new PdfDict();
  const fields = file.resolve(form.get('Fields'));
  form.set('Fields', [...(Array.isArray(fields) ? fields : []), widgetRef]);
  form.set('SigFlags', 3);
  if (formV instanceof Ref) objects.set(formV.num, serialize(form));
  else root.set('AcroForm', form);
  if (opts.certify) root.set('Perms', new PdfDict([['DocMDP', sigRef]]));
  objects.set(rootRef.num, serialize(root));

  // The widget goes into the first page's /Annots.
  const page = clone(file.dict(pageRef)!);
  const annotsV = page.get('Annots');
  const annots = file.resolve(annotsV);
  const newAnnots: PdfValue[] = [...(Array.isArray(annots) ? annots : []), widgetRef];
  if (annotsV instanceof Ref) objects.set(annotsV.num, serialize(newAnnots));
  else page.set('Annots', newAnnots);
  objects.set(pageRef.num, serialize(page));

  // Invisible (zero-size) widget: PDF/A needs no appearance for it; Print + Locked flags.
  objects.set(widgetRef.num, serialize(new PdfDict([
    ['Type', new Name('Annot')], ['Subtype', new Name('Widget')], ['FT', new Name('Sig')],
    ['T', PdfString.fromText(fieldName)], ['V', sigRef], ['F', 132], ['Rect', [0, 0, 0, 0]], ['P', pageRef],
  ])));

  const reserve = opts.reserveBytes ?? DEFAULT_RESERVE;
  const name = opts.name ?? commonName(cert.subjectAttrs) ?? '';
  const sigDict = [
    '<<', '/Type /Sig', '/Filter /Adobe.PPKLite', '/SubFilter /adbe.pkcs7.detached',
    BYTE_RANGE_SLOT,
    `/Contents <${'0'.repeat(reserve * 2)}>`,
    `/M ${serialize(PdfString.fromText(pdfDate(signingTime)))}`,
    name ? `/Name ${serialize(PdfString.fromText(name))}` : '',
    opts.reason ? `/Reason ${serialize(PdfString.fromText(opts.reason))}` : '',
    opts.location ? `/Location ${serialize(PdfString.fromText(opts.location))}` : '',
    opts.contactInfo ? `/ContactInfo ${serialize(PdfString.fromText(opts.contactInfo))}` : '',
    // P 2: later signatures and form filling are the only changes the certifier allows.
    opts.certify ? '/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >>]' : '',
    '/Prop_Build << /App << /Name /compliance-desk >> >>',
    '>>',
  ].filter(Boolean).join('\n');
  objects.set(sigRef.num, sigDict);

  const { out, offsets } = appendUpdate(pdf, file, objects, next);
  const sigAt = offsets.get(sigRef.num)!;
  const contentsAt = out.indexOf('/Contents <', sigAt) + '/Contents '.length;
  const contentsEnd = contentsAt + 2 + reserve * 2;
  const byteRange = [0, contentsAt, contentsEnd, out.length - contentsEnd];
  const rangeText = `/ByteRange [${byteRange.join(' ')}]`;
  if (rangeText.length > BYTE_RANGE_SLOT.length) throw new Error('ByteRange does not fit its slot');
  const slotAt = out.indexOf(BYTE_RANGE_SLOT, sigAt);
  out.write(rangeText.padEnd(BYTE_RANGE_SLOT.length, ' '), slotAt, 'latin1');

  const digest = createHash('sha256').update(out.subarray(0, contentsAt)).update(out.subarray(contentsEnd)).digest();
  const cms = buildSignedData({
    digest, certDer: key.certDer, chainDer: key.chainDer, privateKey: key.privateKey, alg: key.alg, signingTime,
  });
  if (cms.length > reserve) throw new Error(`signature of ${cms.length} bytes exceeds the ${reserve} bytes reserved`);
  out.write(cms.toString('hex'), contentsAt + 1, 'latin1');
  return out;
}

/** Signature fields a PDF already has: the first signature of a report certifies it. */
export function signatureCount(pdf: Buffer): number {
  return countSignatureFields(new PdfFile(pdf));
}

function countSignatureFields(file: PdfFile): number {
  const form = file.dict(file.root().get('AcroForm'));
  const fields = file.resolve(form?.get('Fields'));
  return Array.isArray(fields) ? fields.length : 0;
}
