// The record side of a bundle (bundle-v1.md): manifest, CSV tables, JSON documents,
// policy texts, the list of log files and the integrity of everything but the logs (whose
// hashes are computed while they stream).

import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { ecPointHex, fingerprintOf, spkiOf } from '../crypto/public-key.js';
import { sm2SpkiOfPoint, verifySm2Point } from '../crypto/sm2.js';
import yauzl from 'yauzl';
import { decodeWhole, looksBinary, SNIFF_BYTES } from '../../../shared/bundle/decode.js';
import { canonicalJson, compareWithManifest, normaliseBundlePath } from '../../../shared/bundle/integrity.js';
import { PROVENANCE_FILE, provenanceOf } from '../../../shared/import/provenance.js';
import { inputIssue } from '../../../shared/bundle/issue-messages.js';
import { absentDoc, emptyTable, locateItems, readJsonDoc, readTable } from '../../../shared/bundle/tables.js';
import { isKnownTimeZone, normaliseDate } from '../../../shared/bundle/time.js';
import type {
  BundleFile, BundleRecords, InputIssue, Integrity, JsonDoc, JsonItem, LogChain, LogFileInfo, Manifest, ManifestFile, Period,
  PolicyText, Table, RegisteredKey,
} from '../../../shared/bundle/types.js';
import { BundleError, type BundleSource } from './source.js';
import { parseJson } from '../../../shared/bundle/json.js';
import { SaxesParser } from 'saxes';
import { inflateSync } from 'node:zlib';

export interface ReadRecordsOptions {
  /** Overrides manifest.period (the CLI's --period). */
  period?: Period;
  /** Operators' registered manifest keys, to say whose key signed the manifest. */
  operatorKeys?: RegisteredKey[];
  /** How a policy PDF's text is extracted (default: pdf.js in this thread; the engine runs it in a worker it can stop). */
  pdfText?: PdfTextExtractor;
}

/** The text layer of a policy PDF (null: none); sets `pages.total`. */
export type PdfTextExtractor = (b: Buffer, pages: { total: number }) => Promise<string | null>;

const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Table key in BundleRecords, file name, alias set of tables.ts. */
const TABLES = [
  ['datasets', 'datasets.csv', 'datasets'],
  ['products', 'products.csv', 'products'],
  ['scenarios', 'scenarios.csv', 'scenarios'],
  ['requests', 'requests.csv', 'requests'],
  ['partners', 'partners.csv', 'partners'],
  ['staff', 'staff.csv', 'staff'],
  ['policies', 'policies.csv', 'policies'],
  ['assessments', 'assessments.csv', 'assessments'],
  ['qualityIssues', 'quality-issues.csv', 'quality-issues'],
] as const;

type TableKey = (typeof TABLES)[number][0];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sha256Hex(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** The log file a path is, or null: `logs/**.jsonl|.csv`, optionally `.gz`. */
export function logFileOf(path: string, bytes: number): LogFileInfo | null {
  if (!path.startsWith('logs/')) return null;
  const lower = path.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  const format = base.endsWith('.jsonl') ? 'jsonl' : base.endsWith('.csv') ? 'csv' : null;
  return format ? { path, bytes, format, gzip } : null;
}

/** Read everything but the log events. Throws BundleError when the bundle cannot be reviewed. */
export async function readRecords(source: BundleSource, issues: InputIssue[], opts: ReadRecordsOptions = {}): Promise<BundleRecords> {
  const list = source.list();
  const present = new Set(list);
  if (!present.has('manifest.json')) {
    throw new BundleError('invalid', `证据包 ${source.path} 缺少 manifest.json：它不是证据包，或清单未导出。请从运营平台重新导出完整的证据包。`, 'manifest.json');
  }

  // Hashes of the files read whole, so that they are not read twice.
  const digests = new Map<string, BundleFile>();
  const readBytes = async (p: string): Promise<Buffer | null> => {
    try {
      const b = await source.read(p);
      digests.set(p, { path: p, bytes: b.length, sha256: sha256Hex(b) });
      return b;
    } catch (e) {
      if (e instanceof BundleError && e.code === 'too-large') {
        issues.push(inputIssue(p, null, 'error', 'file.too-large', { reason: e.message }));
        return null;
      }
      throw e;
    }
  };
  /** Text of a file expected to be text; null (with an input issue) when it is binary or too large. */
  const readText = async (p: string, what: string): Promise<string | null> => {
    const b = await readBytes(p);
    if (!b) return null;
    if (looksBinary(b.subarray(0, SNIFF_BYTES))) {
      issues.push(inputIssue(p, null, 'error', 'file.binary', { what }));
      return null;
    }
    return decodeWhole(b).text;
  };

  // manifest.json
  const manifestBytes = await source.read('manifest.json');
  const manifestSha256 = sha256Hex(manifestBytes);
  let raw: unknown;
  try {
    raw = parseJson(decodeWhole(manifestBytes).text);
  } catch (e) {
    throw new BundleError('invalid', `证据包 ${source.path} 的 manifest.json 不是有效的 JSON（${(e as Error).message}）：请重新导出清单。`, 'manifest.json');
  }
  if (!isPlainObject(raw)) {
    throw new BundleError('invalid', `证据包 ${source.path} 的 manifest.json 不是 JSON 对象：请按 bundle-v1 格式重新导出清单。`, 'manifest.json');
  }
  const manifest = normaliseManifest(raw, issues);

  const tzRaw = raw.timezone;
  const timezone = tzRaw === undefined || tzRaw === null || tzRaw === '' ? DEFAULT_TIMEZONE : String(tzRaw).trim();
  if (typeof tzRaw !== 'string' && tzRaw !== undefined && tzRaw !== null) {
    throw new BundleError('invalid', `manifest.json 的 timezone 应为 IANA 时区名（如 Asia/Shanghai），现为 ${JSON.stringify(tzRaw)}：请更正。`, 'manifest.json');
  }
  if (!isKnownTimeZone(timezone)) {
    throw new BundleError('invalid', `manifest.json 的 timezone "${timezone}" 不是已知的 IANA 时区（如 Asia/Shanghai）：请更正。`, 'manifest.json');
  }
  const period = effectivePeriod(raw.period, opts.period);

  // CSV tables
  const tables = {} as Record<TableKey, Table>;
  for (const [key, file, name] of TABLES) {
    if (!present.has(file)) {
      tables[key] = emptyTable(file);
      continue;
    }
    const text = await readText(file, ' CSV 表格');
    tables[key] = text === null ? { file, present: true, columns: [], rows: [] } : readTable(name, file, text, issues);
  }

  // JSON documents
  const jsonText = async (file: string): Promise<{ present: boolean; text: string | null }> => {
    if (!present.has(file)) return { present: false, text: null };
    return { present: true, text: await readText(file, ' JSON 文档') };
  };
  const objectDoc = async (file: string): Promise<JsonDoc> => {
    const { present: has, text } = await jsonText(file);
    if (!has) return absentDoc(file);
    if (text === null) return { file, present: true, value: undefined };
    const doc = readJsonDoc(file, text, issues);
    if (doc.value !== undefined && !isPlainObject(doc.value)) {
      issues.push(inputIssue(file, 1, 'error', 'json.not-object'));
      return { file, present: true, value: undefined };
    }
    return doc;
  };
  const arrayDoc = async (file: string): Promise<{ present: boolean; text: string; items: unknown[] }> => {
    const { present: has, text } = await jsonText(file);
    if (!has || text === null) return { present: has, text: '', items: [] };
    const doc = readJsonDoc<unknown>(file, text, issues);
    if (doc.value === undefined) return { present: true, text, items: [] };
    if (!Array.isArray(doc.value)) {
      issues.push(inputIssue(file, 1, 'error', 'json.not-array'));
      return { present: true, text, items: [] };
    }
    return { present: true, text, items: doc.value };
  };
  const operator = await objectDoc('operator.json');
  const agreement = await objectDoc('agreement.json');
  const platform = await objectDoc('platform.json');
  // An imported bundle says where each line came from (bundle import); a malformed one is an input issue, not a refusal.
  const prov = await objectDoc(PROVENANCE_FILE);
  const provenance = prov.value === undefined ? null : provenanceOf(prov.value);
  if (prov.present && prov.value !== undefined && !provenance) issues.push(inputIssue(PROVENANCE_FILE, 1, 'warning', 'provenance.malformed'));
  const inc = await arrayDoc('incidents.json');
  const incidents = { file: 'incidents.json', present: inc.present, items: locateItems('incidents.json', inc.text, inc.items) };
  const ev = await arrayDoc('evaluations.json');
  const evalItems: unknown[] = ev.items.flatMap((y) => (isPlainObject(y) && Array.isArray(y.items) ? y.items : []));
  const evaluations: { file: string; present: boolean; years: JsonItem[]; items: JsonItem[] } = {
    file: 'evaluations.json',
    present: ev.present,
    years: locateItems('evaluations.json', ev.text, ev.items, 'year'),
    items: locateItems('evaluations.json', ev.text, evalItems),
  };

  // Policy documents named in policies.csv
  const policyTexts: Record<string, PolicyText> = {};
  for (const row of tables.policies.rows) {
    const written = (row.cells.file ?? '').trim();
    if (!written) continue;
    const path = policyDocPath(written);
    if (path in policyTexts) continue;
    if (/(^|\/)\.\.(\/|$)/.test(path) || /^[a-zA-Z]:/.test(written) || written.startsWith('/')) {
      policyTexts[path] = { file: path, text: null, error: `路径 ${written} 越出证据包` };
      issues.push(inputIssue('policies.csv', row.line, 'error', 'policy.path-outside', { path: written }));
      continue;
    }
    if (!present.has(path)) {
      policyTexts[path] = { file: path, text: null, error: `缺少文件 ${path}` };
      issues.push(inputIssue('policies.csv', row.line, 'error', 'policy.file-missing', { id: row.id || '—', path }));
      continue;
    }
    policyTexts[path] = await readPolicy(path, readBytes, readText, issues, opts.pdfText ?? pdfText);
  }

  // Log files and every other file
  const logFiles: LogFileInfo[] = [];
  const files: BundleFile[] = [];
  for (const p of list) {
    if (p === 'manifest.json') continue;
    const log = logFileOf(p, source.size(p));
    if (log) {
      logFiles.push(log);
      continue;
    }
    if (p.startsWith('logs/')) {
      issues.push(inputIssue(p, null, 'warning', 'log.not-a-log'));
    }
    files.push(digests.get(p) ?? (await hashStream(source, p)));
  }

  // Integrity of all but the logs: the engine adds the log digests and compares again.
  const logPaths = new Set(logFiles.map((f) => f.path));
  const diff = compareWithManifest({ files: manifest.files.filter((f) => !logPaths.has(f.path)) }, files);
  const integrity: Integrity = { ...diff, ...verifyManifestSignature(raw, opts.operatorKeys ?? []) };

  return {
    source: source.path,
    manifest,
    manifestSha256,
    timezone,
    period,
    operator,
    agreement,
    platform,
    incidents,
    evaluations,
    ...tables,
    policyTexts,
    logFiles,
    files,
    integrity,
    provenance,
  };
}

async function hashStream(source: BundleSource, p: string): Promise<BundleFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of source.stream(p) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { path: p, bytes, sha256: hash.digest('hex') };
}

/** policies.csv `file` as a bundle path: relative to the bundle or to policies/ (as support.ts policyPath). */
function policyDocPath(written: string): string {
  const f = written.replace(/\\/g, '/').replace(/^\.\//, '');
  return f.startsWith('policies/') ? f : `policies/${f}`;
}

function normaliseManifest(raw: Record<string, unknown>, issues: InputIssue[]): Manifest {
  if (raw.format !== 'evidence-bundle/1' && raw.format !== 'evidence-bundle/1.1') {
    issues.push(raw.format === undefined
      ? inputIssue('manifest.json', null, 'warning', 'manifest.no-format')
      : inputIssue('manifest.json', null, 'warning', 'manifest.other-format', { format: JSON.stringify(raw.format).slice(0, 80) }));
  }
  const files: ManifestFile[] = [];
  if (!Array.isArray(raw.files)) {
    issues.push(inputIssue('manifest.json', null, 'error', 'manifest.no-files'));
  } else {
    raw.files.forEach((f, i) => {
      if (!isPlainObject(f) || typeof f.path !== 'string' || !f.path.trim()) {
        issues.push(inputIssue('manifest.json', null, 'error', 'manifest.entry-no-path', { n: i + 1 }));
        return;
      }
      const path = normaliseBundlePath(f.path);
      const sha = typeof f.sha256 === 'string' ? f.sha256.trim().toLowerCase() : '';
      if (!/^[0-9a-f]{64}$/.test(sha)) {
        issues.push(inputIssue('manifest.json', null, 'error', 'manifest.bad-sha256', { path }));
      }
      const bytes = typeof f.bytes === 'number' && Number.isInteger(f.bytes) && f.bytes >= 0 ? f.bytes : NaN;
      if (Number.isNaN(bytes) && f.bytes !== undefined) {
        issues.push(inputIssue('manifest.json', null, 'warning', 'manifest.bad-bytes', { path }));
      }
      // An absent size is compared by hash alone (compareWithManifest skips a non-number).
      files.push({ path, sha256: sha, bytes: Number.isNaN(bytes) ? (undefined as unknown as number) : bytes });
    });
  }
  const chains = chainsOf(raw.chains, issues);
  const out: Manifest = { ...(raw as Manifest), files };
  if (chains) out.chains = chains;
  else delete out.chains;
  return out;
}

/** Version 1.1's chain formulas, each checked; one that is not a formula is an issue and left out. */
function chainsOf(v: unknown, issues: InputIssue[]): Record<string, LogChain> | null {
  if (v === undefined) return null;
  if (!isPlainObject(v)) {
    issues.push(inputIssue('manifest.json', null, 'error', 'manifest.bad-chain', { path: 'chains' }));
    return null;
  }
  const out: Record<string, LogChain> = {};
  for (const [path, c] of Object.entries(v)) {
    const ok = isPlainObject(c) && (c.algorithm === 'sha256' || c.algorithm === 'sm3')
      && Array.isArray(c.fields) && c.fields.length > 0 && c.fields.length <= 64 && c.fields.every((f) => typeof f === 'string')
      && typeof c.separator === 'string' && c.separator.length <= 16
      && (c.genesis === undefined || (typeof c.genesis === 'string' && c.genesis.length <= 256));
    if (!ok) {
      issues.push(inputIssue('manifest.json', null, 'error', 'manifest.bad-chain', { path: normaliseBundlePath(path) }));
      continue;
    }
    out[normaliseBundlePath(path)] = { algorithm: c.algorithm as LogChain['algorithm'], fields: c.fields as string[], separator: c.separator as string, ...(c.genesis !== undefined ? { genesis: c.genesis as string } : {}) };
  }
  return out;
}

function effectivePeriod(fromManifest: unknown, override: Period | undefined): Period {
  if (override) {
    const start = normaliseDate(String(override.start ?? ''));
    const end = normaliseDate(String(override.end ?? ''));
    if (!start || !end) throw new BundleError('invalid', `评估期 ${override.start}..${override.end} 不是有效日期：请写成 --period YYYY-MM-DD..YYYY-MM-DD。`);
    if (start > end) throw new BundleError('invalid', `评估期的开始 ${start} 晚于结束 ${end}：请更正 --period。`);
    return { start, end };
  }
  if (fromManifest === undefined || fromManifest === null) {
    throw new BundleError('invalid', 'manifest.json 没有评估期 period：请在清单中写明 period（start、end），或用 --period YYYY-MM-DD..YYYY-MM-DD 指定。', 'manifest.json');
  }
  const p = isPlainObject(fromManifest) ? fromManifest : {};
  const start = normaliseDate(String(p.start ?? ''));
  const end = normaliseDate(String(p.end ?? ''));
  if (!start || !end) {
    throw new BundleError('invalid', `manifest.json 的评估期 period ${JSON.stringify(fromManifest)} 不是有效日期（YYYY-MM-DD）：请更正，或用 --period 指定。`, 'manifest.json');
  }
  if (start > end) throw new BundleError('invalid', `manifest.json 的评估期开始 ${start} 晚于结束 ${end}：请更正，或用 --period 指定。`, 'manifest.json');
  return { start, end };
}

// ---------------------------------------------------------------- policy documents

const MAX_DOC_XML = 64 * 1024 * 1024;
/** Pages of a policy PDF read at most; the rest are left out with a warning. */
export const MAX_PDF_PAGES = 500;
/** Bytes all Flate streams of a policy PDF may inflate to, together: checked before pdf.js parses it. */
export const MAX_PDF_INFLATED = 128 * 1024 * 1024;
const PDF_TIMEOUT_MS = 60_000;

async function readPolicy(
  path: string,
  readBytes: (p: string) => Promise<Buffer | null>,
  readText: (p: string, what: string) => Promise<string | null>,
  issues: InputIssue[],
  extractPdfText: PdfTextExtractor,
): Promise<PolicyText> {
  const ext = (/\.[^./]+$/.exec(path.toLowerCase()) ?? [''])[0];
  const fail = (error: string): PolicyText => {
    issues.push(inputIssue(path, null, 'error', 'policy.unreadable', { reason: error }));
    return { file: path, text: null, error };
  };
  if (ext === '.md' || ext === '.txt' || ext === '.markdown') {
    const text = await readText(path, '文本文档');
    return text === null ? { file: path, text: null, error: '不是文本文件或过大' } : { file: path, text };
  }
  if (ext === '.docx' || ext === '.pdf') {
    const b = await readBytes(path);
    if (!b) return { file: path, text: null, error: '文件过大' };
    try {
      if (ext === '.docx') return { file: path, text: await docxText(b) };
      checkPdfInflation(b);
      const pages = { total: 0 };
      const text = await extractPdfText(b, pages);
      if (pages.total > MAX_PDF_PAGES) {
        issues.push(inputIssue(path, null, 'warning', 'policy.pdf-pages', { pages: pages.total, max: MAX_PDF_PAGES }));
      }
      if (text === null) {
        issues.push(inputIssue(path, null, 'warning', 'policy.pdf-no-text'));
        return { file: path, text: null, error: '无文本层' };
      }
      return { file: path, text };
    } catch (e) {
      return fail(`${ext === '.docx' ? 'DOCX' : 'PDF'} 文件损坏或格式不符（${(e as Error).message}）`);
    }
  }
  return fail(`不支持的文档格式 ${ext || '（无扩展名）'}，应为 .md、.txt、.docx 或 .pdf`);
}

/** The text of a DOCX body: `w:t` runs, paragraphs as lines, tabs and breaks kept. */
export async function docxText(b: Buffer): Promise<string> {
  const xml = await zipMember(b, 'word/document.xml');
  return docxXmlText(xml.toString('utf8'));
}

/**
 * The text of word/document.xml, read by a streaming XML parser (saxes) in one linear pass:
 * run text (`w:t`), a line per paragraph, tabs (not the tab stops of `w:tabs`) and breaks.
 * Entities are decoded by the parser; nothing outside the document is ever fetched.
 */
export function docxXmlText(xml: string): string {
  const out: string[] = [];
  let inText = 0;
  let inTabStops = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:t') inText++;
    else if (tag.name === 'w:tabs') inTabStops++;
    else if (tag.name === 'w:tab' && inTabStops === 0) out.push('\t');
    else if (tag.name === 'w:br' || tag.name === 'w:cr') out.push('\n');
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText--;
    else if (tag.name === 'w:tabs') inTabStops--;
    else if (tag.name === 'w:p') out.push('\n');
  });
  parser.on('text', (text) => {
    if (inText > 0) out.push(text);
  });
  parser.write(xml).close();
  return out.join('').replace(/\n+$/, '');
}

/** One member of an in-memory zip (a DOCX), bounded against zip bombs. */
function zipMember(b: Buffer, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(b, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      let found = false;
      zip.on('error', reject);
      zip.on('end', () => {
        if (!found) reject(new Error(`缺少 ${name}`));
      });
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        found = true;
        if (e.uncompressedSize > MAX_DOC_XML) return reject(new Error(`${name} 解压后过大`));
        zip.openReadStream(e, (err2, rs) => {
          if (err2 || !rs) return reject(err2 ?? new Error('无法读取'));
          const chunks: Buffer[] = [];
          let n = 0;
          rs.on('data', (c: Buffer) => {
            n += c.length;
            if (n > MAX_DOC_XML) {
              rs.destroy();
              reject(new Error(`${name} 解压后过大`));
            } else chunks.push(c);
          });
          rs.on('error', reject);
          rs.on('end', () => resolve(Buffer.concat(chunks, n)));
        });
      });
      zip.readEntry();
    });
  });
}

let pdfjsDirs: { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } | null = null;

/** pdfjs-dist's CMap and standard font folders, as local paths (Node reads them with fs). */
function pdfjsDataDirs(): { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } {
  if (!pdfjsDirs) {
    try {
      const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
      pdfjsDirs = { cMapUrl: join(root, 'cmaps') + sep, cMapPacked: true, standardFontDataUrl: join(root, 'standard_fonts') + sep };
    } catch {
      pdfjsDirs = {};
    }
  }
  return pdfjsDirs;
}

/**
 * Inflates every Flate-looking stream of a PDF within one budget, so a small file holding
 * a gigabyte of compressed zeros is refused before pdf.js (which inflates without a limit)
 * sees it. One linear pass over the bytes.
 */
export function checkPdfInflation(b: Buffer, budget = MAX_PDF_INFLATED): void {
  let left = budget;
  for (let at = b.indexOf('stream'); at !== -1; at = b.indexOf('stream', at + 6)) {
    if (at >= 3 && b.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + 6;
    if (b[start] === 0x0d) start++;
    if (b[start] !== 0x0a) continue;
    start++;
    const end = b.indexOf('endstream', start);
    if (end === -1) break;
    // A zlib header (CMF 0x78) marks a Flate stream; anything else is left to pdf.js.
    if (b[start] === 0x78) {
      try {
        left -= inflateSync(b.subarray(start, end), { maxOutputLength: Math.max(1, left) }).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new Error(`压缩流解压后超过 ${budget / 1024 / 1024} MB 的上限（疑似压缩炸弹）`, { cause: e });
        }
      }
    }
    at = end;
  }
}

/** The text layer of a PDF, pages separated by blank lines; null when it has no text. `pages.total` is set to its page count. */
export async function pdfText(b: Buffer, pages: { total: number } = { total: 0 }): Promise<string | null> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Everything is in memory or read from pdfjs's own files: no fetches, no eval, no font
  // faces or canvases. The CMaps are needed for Chinese text in non-embedded fonts.
  const task = pdfjs.getDocument({
    data: new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice(),
    ...pdfjsDataDirs(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`解析超过 ${PDF_TIMEOUT_MS / 1000} 秒`)), PDF_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      (async () => {
        const doc = await task.promise;
        pages.total = doc.numPages;
        const texts: string[] = [];
        const n = Math.min(doc.numPages, MAX_PDF_PAGES);
        for (let i = 1; i <= n; i++) {
          const page = await doc.getPage(i);
          const content = await page.getTextContent();
          let s = '';
          for (const item of content.items) {
            if (!('str' in item)) continue;
            s += item.str;
            if (item.hasEOL) s += '\n';
          }
          texts.push(s);
          page.cleanup();
        }
        const text = texts.join('\n\n');
        return text.trim() === '' ? null : text;
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }
}

// ---------------------------------------------------------------- signature

/**
 * Verify manifest.signature over the canonical manifest without it. The key travels in the
 * manifest, so a valid signature shows the manifest is unchanged since signing, not who signed.
 */
export function verifyManifestSignature(manifest: Record<string, unknown>, registered: RegisteredKey[] = []): Pick<Integrity, 'signature' | 'signatureAlg' | 'signatureMessage' | 'signerKey'> {
  const sig = manifest.signature;
  if (sig === undefined || sig === null) return { signature: 'absent' };
  if (!isPlainObject(sig)) return { signature: 'invalid', signatureMessage: 'signature 不是对象，无法验证。' };
  const alg = typeof sig.alg === 'string' ? sig.alg.trim().toLowerCase() : '';
  if (alg !== 'ed25519' && alg !== 'ecdsa-p256-sha256' && alg !== 'sm2-sm3') {
    return { signature: 'unsupported', signatureAlg: String(sig.alg ?? ''), signatureMessage: `不支持的签名算法 ${JSON.stringify(sig.alg ?? null)}（支持 ed25519、ecdsa-p256-sha256、sm2-sm3）。` };
  }
  if (typeof sig.public_key_pem !== 'string' || typeof sig.value !== 'string' || !sig.value.trim()) {
    return { signature: 'invalid', signatureAlg: alg, signatureMessage: 'signature 缺少 public_key_pem 或 value，无法验证。' };
  }
  const { signature: _omit, ...rest } = manifest;
  const message = Buffer.from(canonicalJson(rest), 'utf8');
  const values = signatureBytes(sig.value);
  if (values.length === 0) return { signature: 'invalid', signatureAlg: alg, signatureMessage: 'signature.value 既不是十六进制也不是 Base64。' };
  let ok: boolean;
  try {
    if (alg === 'sm2-sm3') {
      const point = sm2PublicKeyHex(sig.public_key_pem);
      ok = values.some((v) => verifySm2Point(message, v, point));
    } else {
      const key: KeyObject = createPublicKey(sig.public_key_pem);
      if (alg === 'ed25519') {
        if (key.asymmetricKeyType !== 'ed25519') return { signature: 'invalid', signatureAlg: alg, signatureMessage: '公钥不是 Ed25519 公钥。' };
        ok = values.some((v) => safeVerify(() => verify(null, message, key, v)));
      } else {
        if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
          return { signature: 'invalid', signatureAlg: alg, signatureMessage: '公钥不是 P-256 椭圆曲线公钥。' };
        }
        ok = values.some((v) =>
          safeVerify(() => verify('sha256', message, { key, dsaEncoding: v.length === 64 ? 'ieee-p1363' : 'der' }, v)),
        );
      }
    }
  } catch (e) {
    return { signature: 'invalid', signatureAlg: alg, signatureMessage: `公钥无法解析（${(e as Error).message}）。` };
  }
  if (!ok) return { signature: 'invalid', signatureAlg: alg, signatureMessage: '清单签名验证失败：清单在签名后被改动，或签名与公钥不符。' };
  const signerKey = registrationOf(sig.public_key_pem, typeof manifest.operator_id === 'string' ? manifest.operator_id : '', registered);
  const whose = signerKey.registration === 'registered' ? `由登记的运营机构密钥「${signerKey.label}」签名`
    : signerKey.registration === 'other-key-registered' ? `签名密钥不是该运营机构登记的密钥（签名密钥指纹 ${signerKey.fingerprintSha256}）`
      : `签名密钥未登记（指纹 ${signerKey.fingerprintSha256}），只证明清单签名后未被改动，不能证明出自该运营机构`;
  return { signature: 'valid', signatureAlg: alg, signatureMessage: `清单签名验证通过，${whose}。`, signerKey };
}

/** Whether the manifest's key is the one the reviewer registered for its operator. */
function registrationOf(publicKey: string, operatorId: string, registered: RegisteredKey[]): NonNullable<Integrity['signerKey']> {
  const t = publicKey.trim();
  const spki = /^(04[0-9a-fA-F]{128}|0[23][0-9a-fA-F]{64})$/.test(t) ? sm2SpkiOfPoint(t) : spkiOf(createPublicKey(t));
  const fingerprintSha256 = fingerprintOf(spki);
  const mine = registered.filter((k) => k.creditCode.toUpperCase() === operatorId.trim().toUpperCase());
  const match = mine.find((k) => k.fingerprintSha256 === fingerprintSha256);
  if (match) return { fingerprintSha256, registration: 'registered', label: match.label };
  return { fingerprintSha256, registration: mine.length ? 'other-key-registered' : 'unregistered' };
}

function safeVerify(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

/** A signature value as hex or Base64 (every reading that parses). */
function signatureBytes(value: string): Buffer[] {
  const v = value.trim().replace(/\s+/g, '');
  const out: Buffer[] = [];
  const hex = v.replace(/^0x/i, '');
  if (/^[0-9a-fA-F]+$/.test(hex) && hex.length % 2 === 0) out.push(Buffer.from(hex, 'hex'));
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) {
    const b = Buffer.from(v, 'base64');
    if (b.length > 0) out.push(b);
  }
  return out;
}

/** The public point (hex, 04‖x‖y) of an SM2 key given as SPKI PEM, or as the point in hex. */
export function sm2PublicKeyHex(pemOrHex: string): string {
  const t = pemOrHex.trim();
  if (/^(04[0-9a-fA-F]{128}|0[23][0-9a-fA-F]{64})$/.test(t)) return t.toLowerCase();
  return ecPointHex(spkiOf(createPublicKey(t)));
}
