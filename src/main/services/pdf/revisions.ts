// What changed in a signed PDF after a signature: every object the later incremental updates
// add or redefine, compared with the object as it stood when the signature was made. Later
// signatures (a 审核 after a 编制) are allowed changes; anything else — a page's content, an
// annotation, the attached findings.json, the metadata — is named for the reader.

import { Name, PdfDict, PdfFile, Ref, serialize, type PdfValue } from './pdf-file.js';

export type ChangeKind = 'signature' | 'page-content' | 'page' | 'annotation' | 'attachment' | 'metadata' | 'document-info' | 'form' | 'catalog' | 'other';

export interface RevisionChange {
  kind: ChangeKind;
  object?: number;
  page?: number;
  /** For people, in Chinese. */
  detail: string;
}

export interface AfterSignature {
  /** Bytes after the signed revision. */
  appendedBytes: number;
  /** Incremental updates after it. */
  updates: number;
  /** Nothing but further signatures was added. */
  onlyLaterSignatures: boolean;
  /** Everything but the signature additions. */
  changes: RevisionChange[];
  /** Appended bytes that are no incremental update (after the last %%EOF, or unreadable). */
  unparsedBytes: number;
}

/** More changed objects than this are summarised, not each examined. */
const MAX_OBJECTS = 5_000;

const nameOf = (v: PdfValue | undefined) => (v instanceof Name ? v.name : null);

function isSignatureObject(d: PdfDict): boolean {
  const type = nameOf(d.get('Type'));
  if (type === 'Sig' || type === 'DocTimeStamp' || type === 'SigRef' || type === 'TransformParams') return true;
  // A signature field merged with its widget (what sign.ts writes), or a field alone.
  return nameOf(d.get('FT')) === 'Sig';
}

const same = (a: PdfValue | undefined, b: PdfValue | undefined) => (a === undefined ? b === undefined : b !== undefined && serialize(a) === serialize(b));

/** Keys whose values differ between two dictionaries. */
function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((k) => !same(a.get(k), b.get(k)));
}

function refsIn(v: PdfValue | undefined): number[] {
  return Array.isArray(v) ? v.filter((x): x is Ref => x instanceof Ref).map((r) => r.num) : v instanceof Ref ? [v.num] : [];
}

/** Changes after the revision that ends at `revisionEnd` (a signature's ByteRange end). */
export function changesAfter(pdf: Buffer, revisionEnd: number): AfterSignature {
  const appendedBytes = Math.max(0, pdf.length - revisionEnd);
  const out: AfterSignature = { appendedBytes, updates: 0, onlyLaterSignatures: appendedBytes === 0, changes: [], unparsedBytes: 0 };
  if (appendedBytes === 0) return out;
  let before: PdfFile;
  let after: PdfFile;
  try {
    before = new PdfFile(pdf.subarray(0, revisionEnd));
    after = new PdfFile(pdf);
  } catch (e) {
    out.unparsedBytes = appendedBytes;
    out.changes.push({ kind: 'other', detail: `签名后追加的 ${appendedBytes} 字节无法按 PDF 增量更新读取（${(e as Error).message}）` });
    out.onlyLaterSignatures = false;
    return out;
  }
  const ends = after.revisionEnds.filter((e) => e > revisionEnd);
  out.updates = ends.length;
  out.unparsedBytes = pdf.length - (ends.length ? ends[ends.length - 1] : revisionEnd);
  if (out.unparsedBytes > 0) out.changes.push({ kind: 'other', detail: `文件末尾在最后一次更新之后又追加了 ${out.unparsedBytes} 字节，不属于任何 PDF 更新` });

  // Objects the later updates define (new or redefined): their newest offset lies past the signed revision.
  const changed = [...after.xref].filter(([, e]) => e.offset >= revisionEnd).map(([n]) => n);
  const freed = [...after.xref].filter(([n, e]) => e.offset < 0 && (before.xref.get(n)?.offset ?? -1) >= 0).map(([n]) => n);
  for (const n of freed) out.changes.push({ kind: 'other', object: n, detail: `签名时存在的对象 ${n} 在签名后被删除` });
  if (changed.length > MAX_OBJECTS) {
    out.changes.push({ kind: 'other', detail: `签名后有 ${changed.length} 个对象被新增或改写` });
    out.onlyLaterSignatures = false;
    return out;
  }

  const safe = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };
  const pagesAfter = safe(() => after.pages().map((r) => r.num), [] as number[]);
  const pageNo = (num: number) => pagesAfter.indexOf(num) + 1;
  const contentOwner = new Map<number, number>();
  const annotOwner = new Map<number, number>();
  for (const p of pagesAfter) {
    const page = safe(() => after.dict(new Ref(p, 0)), null);
    if (!page) continue;
    for (const c of refsIn(page.get('Contents'))) contentOwner.set(c, pageNo(p));
    const annots = page.get('Annots');
    if (annots instanceof Ref) annotOwner.set(annots.num, pageNo(p));
    for (const a of refsIn(safe(() => after.resolve(annots), undefined))) annotOwner.set(a, pageNo(p));
  }
  const rootNum = after.trailer.get('Root') instanceof Ref ? (after.trailer.get('Root') as Ref).num : -1;
  const infoNum = after.trailer.get('Info') instanceof Ref ? (after.trailer.get('Info') as Ref).num : -1;
  const rootAfter = safe(() => after.root(), null);
  const metadataNum = rootAfter?.get('Metadata') instanceof Ref ? (rootAfter.get('Metadata') as Ref).num : -1;
  const formRef = rootAfter?.get('AcroForm');
  const formNum = formRef instanceof Ref ? formRef.num : -1;
  const fieldsRef = safe(() => after.dict(formRef)?.get('Fields'), undefined);
  const fieldsNum = fieldsRef instanceof Ref ? fieldsRef.num : -1;
  let attachmentsTouched = false;

  /** A dictionary or array of references whose new items are all signature objects. */
  const onlyAddsSignatures = (was: PdfValue | undefined, now: PdfValue | undefined) => {
    const a = new Set(refsIn(was));
    const added = refsIn(now).filter((r) => !a.has(r));
    return [...a].every((r) => refsIn(now).includes(r)) && added.every((r) => safe(() => {
      const d = after.dict(new Ref(r, 0));
      return !!d && isSignatureObject(d);
    }, false));
  };

  for (const n of changed) {
    const now = safe(() => after.object(n), null);
    const was = before.xref.has(n) ? safe(() => before.object(n), null) : null;
    if (!now) {
      out.changes.push({ kind: 'other', object: n, detail: `签名后写入的对象 ${n} 无法读取` });
      continue;
    }
    const v = now.value;
    const d = v instanceof PdfDict ? v : null;
    if (!was) {
      if (d && isSignatureObject(d)) continue;
      const type = d ? nameOf(d.get('Type')) : null;
      if (d && (type === 'Annot' || (d.get('Subtype') && d.get('Rect')))) {
        const page = annotOwner.get(n);
        out.changes.push({ kind: 'annotation', object: n, page, detail: `新增批注（${nameOf(d.get('Subtype')) ?? '未知类型'}${page ? `，第 ${page} 页` : ''}）` });
      } else if (type === 'EmbeddedFile' || type === 'Filespec') {
        attachmentsTouched = true;
      } else if (contentOwner.has(n)) {
        out.changes.push({ kind: 'page-content', object: n, page: contentOwner.get(n), detail: `第 ${contentOwner.get(n)} 页的内容被改动` });
      } else {
        out.changes.push({ kind: 'other', object: n, detail: `新增对象 ${n}` });
      }
      continue;
    }
    const wasD = was.value instanceof PdfDict ? was.value : null;
    if (n === rootNum && d && wasD) {
      const keys = changedKeys(wasD, d).filter((k) => !['AcroForm', 'Perms', 'DSS'].includes(k) || (k === 'AcroForm' && !onlyFormSignatures(wasD.get(k), d.get(k))));
      for (const k of keys) {
        if (k === 'Names') attachmentsTouched = true;
        else if (k === 'Metadata') out.changes.push({ kind: 'metadata', object: n, detail: '报告的元数据（XMP）被替换' });
        else out.changes.push({ kind: 'catalog', object: n, detail: `文档目录的 /${k} 被改动` });
      }
      continue;
    }
    if (n === formNum && d && wasD) {
      if (!onlyFormSignatures(wasD, d)) out.changes.push({ kind: 'form', object: n, detail: '表单（AcroForm）被改动' });
      continue;
    }
    if (n === fieldsNum) {
      if (!onlyAddsSignatures(was.value, v)) out.changes.push({ kind: 'form', object: n, detail: '表单域被改动' });
      continue;
    }
    if (annotOwner.has(n) && !d) {
      if (!onlyAddsSignatures(was.value, v)) out.changes.push({ kind: 'annotation', object: n, page: annotOwner.get(n), detail: `第 ${annotOwner.get(n)} 页的批注被改动` });
      continue;
    }
    if (pagesAfter.includes(n) && d && wasD) {
      const page = pageNo(n);
      for (const k of changedKeys(wasD, d)) {
        if (k === 'Annots') {
          if (!onlyAddsSignatures(safe(() => before.resolve(wasD.get(k)), undefined), safe(() => after.resolve(d.get(k)), undefined))) {
            out.changes.push({ kind: 'annotation', object: n, page, detail: `第 ${page} 页新增或改动了批注` });
          }
        } else if (k === 'Contents') out.changes.push({ kind: 'page-content', object: n, page, detail: `第 ${page} 页的内容被改动` });
        else out.changes.push({ kind: 'page', object: n, page, detail: `第 ${page} 页的 /${k} 被改动` });
      }
      continue;
    }
    if (d && isSignatureObject(d) && wasD && isSignatureObject(wasD)) {
      out.changes.push({ kind: 'form', object: n, detail: '已有的签名域在签名后被改写' });
      continue;
    }
    if (contentOwner.has(n)) out.changes.push({ kind: 'page-content', object: n, page: contentOwner.get(n), detail: `第 ${contentOwner.get(n)} 页的内容被改动` });
    else if (n === infoNum) out.changes.push({ kind: 'document-info', object: n, detail: '文档信息（标题、关键词等）被改动' });
    else if (n === metadataNum) out.changes.push({ kind: 'metadata', object: n, detail: '报告的元数据（XMP）被替换' });
    else if (d && ['EmbeddedFile', 'Filespec'].includes(nameOf(d.get('Type')) ?? '')) attachmentsTouched = true;
    else if (d && (d.get('Names') || d.get('Kids')) && !same(was.value, v)) attachmentsTouched = true;
    else if (!same(was.value, v) || !sameStream(was, now)) out.changes.push({ kind: 'other', object: n, detail: `对象 ${n} 被改写` });
  }

  if (attachmentsTouched) out.changes.push(...attachmentChanges(before, after));
  out.onlyLaterSignatures = out.changes.length === 0 && out.unparsedBytes === 0;
  return out;
}

/** The AcroForm changed only by gaining signature fields and /SigFlags. */
function onlyFormSignatures(was: PdfValue | undefined, now: PdfValue | undefined): boolean {
  if (!(was instanceof PdfDict) || !(now instanceof PdfDict)) return was === undefined && now instanceof PdfDict && !!now.get('Fields');
  return changedKeys(was, now).every((k) => k === 'SigFlags' || (k === 'Fields' && refsIn(was.get(k)).every((r) => refsIn(now.get(k)).includes(r))));
}

function sameStream(a: { stream: { raw: Buffer } | null }, b: { stream: { raw: Buffer } | null }): boolean {
  return (!a.stream && !b.stream) || (!!a.stream && !!b.stream && a.stream.raw.equals(b.stream.raw));
}

/** The attached files by name before and after: replaced, added or removed. */
function attachmentChanges(before: PdfFile, after: PdfFile): RevisionChange[] {
  const read = (f: PdfFile) => {
    try {
      return f.embeddedFiles();
    } catch {
      return null;
    }
  };
  const a = read(before);
  const b = read(after);
  if (!a || !b) return [{ kind: 'attachment', detail: '附件在签名后被改动（无法读出附件清单）' }];
  const out: RevisionChange[] = [];
  for (const [name, bytes] of b) {
    const old = a.get(name);
    if (!old) out.push({ kind: 'attachment', detail: `新增附件 ${name}` });
    else if (!old.equals(bytes)) out.push({ kind: 'attachment', detail: `附件 ${name} 被替换` });
  }
  for (const name of a.keys()) if (!b.has(name)) out.push({ kind: 'attachment', detail: `附件 ${name} 被删除` });
  return out.length ? out : [{ kind: 'attachment', detail: '附件的目录在签名后被改写（内容未变）' }];
}

