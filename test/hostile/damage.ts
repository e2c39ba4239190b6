// Random damage to valid inputs, reproducible from a seed: byte flips, truncation, inserted
// garbage and duplicated ranges, applied to a bundle (folder and zip, with a gzip log, a DOCX
// and a PDF policy), a review package and a signed report, each made by the command line.
// Each mutant is read by the code the commands use, and what comes back is checked: no
// exception but the refusals the commands turn into exit 2, every input issue naming its file
// (and a line within the file), within a time budget. `HOSTILE_SEED=n` runs the sweep of
// another seed; `HOSTILE_ONLY=i` reads mutant #i alone and keeps it in the temporary folder.

import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { runCli } from '../../src/cli/testing.js';
import { pdfOf } from './generators.js';
import { runMeasured } from './run.js';
import { BundleError } from '../../src/main/services/bundle/errors.js';
import { makeManifest } from '../../src/main/services/bundle/make-manifest.js';
import { makeZip } from '../../src/main/services/bundle/test-zip.js';
import { runReviewDetailed } from '../../src/main/services/engine/run-review.js';
import { verifyReportBytes } from '../../src/main/services/pdf/verify.js';
import { readPackageEntries, ReviewPackageError, verifyReviewPackage } from '../../src/main/services/review-package/index.js';
import { DEFAULT_PACK_ID, packById } from '../../src/shared/rules/packs.js';
import { sampleBundle } from '../fixtures.js';

/** The seed of a sweep: HOSTILE_SEED when given, else the sweep's own fixed one (so CI sees the same mutants every run). */
export function sweepSeed(fixed: number): number {
  return Number(process.env.HOSTILE_SEED ?? fixed) >>> 0;
}

/** mulberry32: a small, fast PRNG whose whole state is one 32-bit number. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutant {
  bytes: Buffer;
  /** What was done, for the failure message. */
  what: string;
  /** The bytes of the original changed: [from, to) (an insertion has from === to). */
  from: number;
  to: number;
}

// Bytes that mean something to the parsers here: quotes, separators, brackets, line ends,
// invalid UTF-8, NUL, zip and PDF keywords.
const TOKENS = ['"', ',', '\n', '\r\n', '{', '}', '[', ']', '[[[[[[[[', '\\', '\u0000', '\uFFFD', 'PK\u0003\u0004', 'endstream', 'obj', '<<', '>>', '/ByteRange', '%%EOF', 'stream\n'];

/** One random mutation of `b`, chosen by `rand`. */
export function mutate(b: Buffer, rand: () => number): Mutant {
  const at = (n: number) => Math.floor(rand() * n);
  const kind = at(5);
  if (kind === 0 || b.length === 0) {
    // A few flipped bytes close together (a damaged sector, a bad copy).
    const from = at(b.length);
    const to = Math.min(b.length, from + 1 + at(16));
    const out = Buffer.from(b);
    for (let i = from; i < to; i++) if (rand() < 0.5 || i === from) out[i] ^= 1 + at(255);
    return { bytes: out, what: `bytes flipped in [${from}, ${to})`, from, to };
  }
  if (kind === 1) {
    const cut = at(b.length);
    return { bytes: b.subarray(0, cut), what: `truncated at ${cut} of ${b.length}`, from: cut, to: b.length };
  }
  if (kind === 2) {
    const where = at(b.length + 1);
    const garbage = rand() < 0.5
      ? Buffer.from(Array.from({ length: 1 + at(64) }, () => at(256)))
      : Buffer.from(TOKENS[at(TOKENS.length)].repeat(1 + at(4)), 'latin1');
    return { bytes: Buffer.concat([b.subarray(0, where), garbage, b.subarray(where)]), what: `${garbage.length} bytes inserted at ${where}: ${garbage.toString('hex').slice(0, 40)}`, from: where, to: where };
  }
  if (kind === 3) {
    const from = at(b.length);
    const to = Math.min(b.length, from + 1 + at(4096));
    const where = at(b.length + 1);
    return { bytes: Buffer.concat([b.subarray(0, where), b.subarray(from, to), b.subarray(where)]), what: `[${from}, ${to}) repeated at ${where}`, from: where, to: where };
  }
  const from = at(b.length);
  const to = Math.min(b.length, from + 1 + at(512));
  return { bytes: Buffer.concat([b.subarray(0, from), b.subarray(to)]), what: `[${from}, ${to}) removed`, from, to };
}

// ---------------------------------------------------------------- the valid inputs

export interface SweepInputs {
  /** A bundle folder: the full sample with its logs shortened, plus a DOCX and a PDF policy. */
  bundle: string;
  /** The bundle's files, bundle-relative. */
  files: string[];
  zip: string;
  package: string;
  report: string;
  keyPassEnv: string;
}

const LOG_LINES = 150;

/** A DOCX of the given paragraphs. */
function docx(paragraphs: string[]): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  return makeZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', method: 'deflate' },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`, method: 'deflate' },
  ]);
}

/** A two-page PDF with a text layer in Helvetica, its content streams Flate-compressed. */
function textPdf(lines: string[][]): Buffer {
  const n = lines.length;
  const objs: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from(`<< /Type /Pages /Kids [${lines.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${n} >>`),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  lines.forEach((page, i) => {
    const content = deflateSync(Buffer.from(`BT /F1 12 Tf 72 720 Td ${page.map((l) => `(${l}) Tj 0 -16 Td`).join(' ')} ET`, 'latin1'));
    objs.push(
      Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`),
      Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
    );
  });
  return pdfOf(objs);
}

/** Every file under `folder`, relative, sorted. */
function filesOf(folder: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(folder, p).split('\\').join('/'));
    }
  };
  walk(folder);
  return out.sort();
}

/** Zips `folder` as an operator would. */
async function zipFolder(folder: string, path: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const f of filesOf(folder)) zip.addBuffer(readFileSync(join(folder, f)), f);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  writeFileSync(path, Buffer.concat(chunks));
}

/**
 * Makes the valid inputs under `dir`: the bundle (with its manifest made anew), its zip, and,
 * through the command line, a signing key, a signed report of the bundle and a review package.
 */
export async function makeSweepInputs(dir: string): Promise<SweepInputs> {
  const bundle = join(dir, 'bundle');
  cpSync(sampleBundle('full'), bundle, { recursive: true });
  // Short logs keep a review of the whole bundle near 50 ms: every mutant is read by the whole review.
  for (const f of filesOf(bundle).filter((p) => p.startsWith('logs/'))) {
    const path = join(bundle, f);
    const gz = f.endsWith('.gz');
    const text = (gz ? gunzipSync(readFileSync(path)) : readFileSync(path)).toString('utf8');
    const short = text.split('\n').slice(0, LOG_LINES).join('\n') + '\n';
    writeFileSync(path, gz ? gzipSync(short) : short);
  }
  mkdirSync(join(bundle, 'policies'), { recursive: true });
  writeFileSync(join(bundle, 'policies', 'internal_review.docx'), docx(['数据开发需求内部审核办法', '第一条 提交、记录与审核', '第二条 反馈与归档']));
  writeFileSync(join(bundle, 'policies', 'incident_response.pdf'), textPdf([['Incident response plan', 'Report within one hour'], ['Grade I: 1 hour', 'Review after closing']]));
  const csv = readFileSync(join(bundle, 'policies.csv'), 'utf8')
    .replace('policies/internal_review.md', 'policies/internal_review.docx')
    .replace('policies/incident_response.md', 'policies/incident_response.pdf');
  writeFileSync(join(bundle, 'policies.csv'), csv);
  await makeManifest(bundle);
  const zip = join(dir, 'bundle.zip');
  await zipFolder(bundle, zip);

  const keyPassEnv = 'CD_SWEEP_PASS';
  process.env[keyPassEnv] = 'sweep';
  const key = join(dir, 'key.p12');
  const out = join(dir, 'review');
  const ran = [
    await runCli(['keygen', '--out', key, '--name', '张三', '--alg', 'ecdsa', '--pass-env', keyPassEnv]),
    await runCli(['check', bundle, '--out', out, '--format', 'json,pdf', '--sign', key, '--pass-env', keyPassEnv, '--quiet', '--workers', '0']),
    await runCli(['package', 'make', '--findings', join(out, 'findings.json'), '--report', join(out, 'report.pdf'), '--sign', key, '--pass-env', keyPassEnv, '--out', join(dir, 'review.cdreview')]),
  ];
  for (const r of ran) if (r.code > 1) throw new Error(`making the sweep's inputs failed: ${r.err}`);
  return { bundle, files: filesOf(bundle), zip, package: join(dir, 'review.cdreview'), report: join(out, 'report.pdf'), keyPassEnv };
}

// ---------------------------------------------------------------- reading a mutant

const TOOL = { name: 'compliance-desk', version: 'sweep' };
/** What no message meant for a user may hold: a value that was never filled in. */
const UNFILLED = /undefined|NaN|\[object Object\]/;

/** A file or folder (`logs/`, for what concerns every log) of the bundle, or the profile. */
function namesBundleFile(file: string, known: Set<string>): boolean {
  return known.has(file) || file === 'profile' || (file.endsWith('/') && [...known].some((k) => k.startsWith(file)));
}

/** Lines of `b` at most, as the readers count them: a bare CR ends a line too (in a CSV, as Excel reads it). */
function linesIn(b: Buffer): number {
  let n = 1;
  for (let i = 0; i < b.length; i++) if (b[i] === 10 || (b[i] === 13 && b[i + 1] !== 10)) n++;
  return n;
}

/**
 * Reviews the bundle at `path` (a folder holding `mutated` damaged as `bytes`, or a zip) as
 * `check` does, and returns what is wrong with the outcome (empty when nothing is).
 */
export async function reviewProblems(path: string, mutated: { file: string; bytes: Buffer } | null, known: Set<string>): Promise<string[]> {
  const problems: string[] = [];
  try {
    const { findings } = await runReviewDetailed(path, { pack: packById(DEFAULT_PACK_ID), tool: TOOL, workers: 0 });
    for (const i of findings.inputIssues) {
      const where = `input issue ${JSON.stringify(i)}`;
      if (typeof i.file !== 'string' || !i.file.trim()) problems.push(`${where} names no file`);
      else if (!namesBundleFile(i.file, known)) problems.push(`${where} names a file the bundle does not hold`);
      if (!i.message?.trim() || UNFILLED.test(i.message)) problems.push(`${where} has an empty or unfilled message`);
      if (i.line !== null && !(Number.isInteger(i.line) && i.line >= 1)) problems.push(`${where} has a line that is no line`);
      if (mutated && i.file === mutated.file && i.line !== null && !mutated.file.endsWith('.gz') && i.line > linesIn(mutated.bytes)) {
        problems.push(`${where}: line ${i.line} is past the file's ${linesIn(mutated.bytes)} lines`);
      }
    }
  } catch (e) {
    // A whole-bundle refusal is exit 2; it must say which file. Anything else is exit 3.
    if (!(e instanceof BundleError)) problems.push(`threw ${(e as Error)?.stack ?? String(e)}`);
    else if (!e.message.trim() || UNFILLED.test(e.message)) problems.push(`refused with an empty or unfilled message: ${e.message}`);
    else if (!e.file && ![...known, path].some((f) => e.message.includes(f))) problems.push(`refused without naming a file: ${e.message}`);
  }
  return problems;
}

/** Verifies a damaged report as `verify` does; a report whose signed bytes changed must not pass. */
export function reportProblems(original: Buffer, m: Mutant): string[] {
  let v;
  try {
    v = verifyReportBytes(m.bytes);
  } catch (e) {
    return [`threw ${(e as Error)?.stack ?? String(e)}`];
  }
  const problems = v.problems.filter((p) => !p.trim() || UNFILLED.test(p)).map((p) => `empty or unfilled problem: ${p}`);
  // Only the hex of a signature's /Contents lies outside what it signs (its zero padding may change unseen).
  if (v.ok && !Buffer.from(m.bytes).equals(original) && !insideSignatureGap(original, m)) problems.push('a damaged report passed verification');
  return problems;
}

/** Whether the mutant changed only bytes that no signature covers (inside a /Contents gap of the original). */
function insideSignatureGap(original: Buffer, m: Mutant): boolean {
  if (m.bytes.length !== original.length) return false;
  for (const r of original.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const gapFrom = Number(r[1]) + Number(r[2]);
    const gapTo = Number(r[3]);
    if (m.from >= gapFrom && m.to <= gapTo) return true;
  }
  return false;
}

/** Verifies a damaged review package as `package verify` does; one that passes must hold the original's entries. */
export async function packageProblems(original: Buffer, m: Mutant): Promise<string[]> {
  let v;
  try {
    v = await verifyReviewPackage(m.bytes);
  } catch (e) {
    if (e instanceof ReviewPackageError) {
      const empty = e.problems.filter((p) => !p.trim() || UNFILLED.test(p));
      return empty.map((p) => `empty or unfilled problem: ${p}`);
    }
    return [`threw ${(e as Error)?.stack ?? String(e)}`];
  }
  const problems = [...v.problems, ...v.warnings].filter((p) => !p.trim() || UNFILLED.test(p)).map((p) => `empty or unfilled problem: ${p}`);
  if (v.ok) {
    const [a, b] = [await readPackageEntries(original), await readPackageEntries(m.bytes)];
    const same = a.size === b.size && [...a].every(([k, x]) => b.get(k)?.equals(x));
    if (!same) problems.push('a damaged package passed verification with other contents');
  }
  return problems;
}

// ---------------------------------------------------------------- the sweep

export interface SweepResult {
  mutants: number;
  /** Failures, each with what to replay it: the sweep's seed and the mutant's number. */
  failures: string[];
  slowestMs: number;
  slowest: string;
}

/** A replayed mutant is kept in the temporary folder, to be opened or given to the command by hand. */
function keep(m: Mutant, target: string, i: number): void {
  const path = join(tmpdir(), `hostile-mutant-${i}-${target.replaceAll('/', '_')}`);
  writeFileSync(path, m.bytes);
  process.stderr.write(`mutant #${i} (${target}, ${m.what}) kept as ${path}\n`);
}

/** Budget of one mutant read in this process (a review of the short bundle takes about 50 ms). */
export const MUTANT_BUDGET_MS = 10_000;

/**
 * `n` mutants from `seed`: half damage one file of the bundle folder, the rest the zipped
 * bundle, the review package and the signed report. Each is read in this process.
 */
export async function sweep(inputs: SweepInputs, n: number, seed: number): Promise<SweepResult> {
  // HOSTILE_ONLY=i reads mutant #i alone (the others are still drawn, so it is the same mutant).
  const only = process.env.HOSTILE_ONLY === undefined ? null : Number(process.env.HOSTILE_ONLY);
  const rand = prng(seed);
  const known = new Set(inputs.files);
  const originals = {
    zip: readFileSync(inputs.zip),
    package: readFileSync(inputs.package),
    report: readFileSync(inputs.report),
  };
  const result: SweepResult = { mutants: 0, failures: [], slowestMs: 0, slowest: '' };
  const mutantPath = (name: string) => join(inputs.bundle, '..', name);
  for (let i = 0; i < n; i++) {
    const pick = rand();
    let target: string;
    let m: Mutant;
    const started = performance.now();
    let problems: string[];
    if (pick < 0.5) {
      target = inputs.files[Math.floor(rand() * inputs.files.length)];
      const path = join(inputs.bundle, target);
      const original = readFileSync(path);
      m = mutate(original, rand);
      if (only !== null && only !== i) continue;
      if (only !== null) keep(m, target, i);
      writeFileSync(path, m.bytes);
      try {
        problems = await reviewProblems(inputs.bundle, { file: target, bytes: m.bytes }, known);
      } finally {
        writeFileSync(path, original);
      }
    } else if (pick < 0.7) {
      target = 'bundle.zip';
      m = mutate(originals.zip, rand);
      if (only !== null && only !== i) continue;
      if (only !== null) keep(m, target, i);
      const path = mutantPath('mutant.zip');
      writeFileSync(path, m.bytes);
      problems = await reviewProblems(path, null, known);
    } else if (pick < 0.85) {
      target = 'review.cdreview';
      m = mutate(originals.package, rand);
      if (only !== null && only !== i) continue;
      if (only !== null) keep(m, target, i);
      problems = await packageProblems(originals.package, m);
    } else {
      target = 'report.pdf';
      m = mutate(originals.report, rand);
      if (only !== null && only !== i) continue;
      if (only !== null) keep(m, target, i);
      problems = reportProblems(originals.report, m);
    }
    const ms = performance.now() - started;
    const name = `HOSTILE_SEED=${seed} mutant #${i}: ${target}, ${m.what}`;
    if (ms > MUTANT_BUDGET_MS) problems.push(`took ${(ms / 1000).toFixed(1)} s, over the ${MUTANT_BUDGET_MS / 1000} s budget`);
    if (ms > result.slowestMs) Object.assign(result, { slowestMs: ms, slowest: name });
    for (const p of problems) result.failures.push(`${name}: ${p}`);
    result.mutants++;
  }
  return result;
}

/**
 * `n` mutants of the zipped bundle, the review package and the signed report, each given to
 * its command in a process of its own: exit 0, 1 or 2 (naming the file), never 3, within 60 s
 * and 1 GB. Returns the failures, the slowest run and the largest peak RSS.
 */
export function commandSweep(inputs: SweepInputs, dir: string, n: number, seed: number): { failures: string[]; slowestSeconds: number; maxRssMb: number } {
  const rand = prng(seed);
  const targets: [string, (path: string) => string[]][] = [
    [inputs.zip, (p) => ['check', p, '--out', join(dir, 'cli-out'), '--format', 'json', '--quiet']],
    [inputs.package, (p) => ['package', 'verify', p]],
    [inputs.report, (p) => ['verify', p]],
  ];
  const failures: string[] = [];
  let slowestSeconds = 0;
  let maxRssMb = 0;
  for (let i = 0; i < n; i++) {
    const [original, args] = targets[i % targets.length];
    const m = mutate(readFileSync(original), rand);
    const path = join(dir, `cli-mutant-${i}${original.slice(original.lastIndexOf('.'))}`);
    writeFileSync(path, m.bytes);
    const r = runMeasured(args(path));
    const name = `HOSTILE_SEED=${seed} command mutant #${i}: ${args(path).join(' ')} (${m.what})`;
    if (r.code === null || r.code > 2) failures.push(`${name}: exit ${r.code}: ${r.err.slice(-2000)}`);
    if (/internal error/.test(r.err)) failures.push(`${name}: internal error`);
    if (r.code === 2 && !r.err.includes(path)) failures.push(`${name}: exit 2 without naming the file: ${r.err}`);
    if (r.maxRssMb > 1024) failures.push(`${name}: peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    if (r.seconds > 60) failures.push(`${name}: ${r.seconds.toFixed(1)} s`);
    slowestSeconds = Math.max(slowestSeconds, r.seconds);
    maxRssMb = Math.max(maxRssMb, r.maxRssMb);
  }
  return { failures, slowestSeconds, maxRssMb };
}
