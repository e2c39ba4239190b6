#!/usr/bin/env node
// Writes a large, compliant evidence bundle for the benchmark: the clean record files of
// the Jinzhou operator and JSONL logs of about the requested size, split by month (and
// into parts when a month would exceed --max-file-mb), every file hash-chained, written
// by streaming with backpressure so memory stays bounded at any size.
// Usage: node scripts/make-synthetic-logs.js <dir> [--mb 1000] [--max-file-mb 256] [--seed S] [--quiet]
// (1 MB = 1,000,000 bytes.)

import * as crypto from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import {
  DAY_MS, PERIOD, ZERO_HASH, buildManifest, buildWorld, dateOf, fileEntry, jsonText, makeRng,
  prepareOutDir, recordFiles, wall, writeFiles,
} from './lib/bundle-gen.js';

// One-shot hashing (Node ≥ 20.12) avoids a Hash object per event; fall back otherwise.
/** @type {(s: string) => string} */
const sha256 = typeof crypto.hash === 'function'
  ? (s) => crypto.hash('sha256', s, 'hex')
  : (s) => crypto.createHash('sha256').update(s).digest('hex');

const CHUNK_CHARS = 1 << 20;

/**
 * Event templates: everything of an event but its id, time, result, records and chain.
 * Only what is compliant all year (the benchmark measures speed, not findings): partners
 * whose contract covers 2026 without suspension, products delivered before 2026,
 * scenarios approved before 2026, important datasets only in the sandbox.
 */
/**
 * @typedef {import('./lib/bundle-gen.js').World} World
 * @typedef {{ weight: number; mid: string; hashMid: string; records: [number, number] | null; canDeny: boolean }} Template
 * @param {World} world
 * @returns {Template[]}
 */
function buildTemplates(world) {
  const OP = world.operatorId;
  /** @type {Template[]} */
  const tpl = [];
  /**
   * @param {number} weight
   * @param {string} actor
   * @param {string} action
   * @param {string} rtype
   * @param {string} resource
   * @param {{ scenario?: string; dest?: string; channel?: string; records?: [number, number]; canDeny?: boolean }} [o]
   */
  const add = (weight, actor, action, rtype, resource, o = {}) => {
    if (![...world.staff, ...world.partnerUsers].some((x) => x.user_id === actor)) throw new Error(`unknown actor ${actor}`);
    // No actor_org or src_ip (staff.csv gives the org; no rule reads the address): with the
    // 154 bytes of the chain that keeps lines near 250–350 bytes.
    const fields = [['actor', actor], ['action', action], ['resource_type', rtype], ['resource', resource]];
    if (o.scenario) fields.push(['scenario', o.scenario]);
    if (o.dest) fields.push(['destination', o.dest]);
    fields.push(['channel', o.channel ?? 'platform']);
    for (const [, v] of fields) if (!/^[\x20-\x7e]*$/.test(v) || /["\\]/.test(v)) throw new Error(`value needs escaping: ${v}`);
    tpl.push({
      weight,
      mid: fields.map(([k, v]) => `"${k}":"${v}"`).join(','),
      hashMid: `|${actor}|${action}|${resource}|`,
      records: o.records ?? null,
      canDeny: o.canDeny ?? false,
    });
  };
  const important = (/** @type {string} */ id) => world.datasets.find((d) => d.id === id)?.classification !== 'general';
  const yearRound = world.partners.filter((p) => p.contract_start < PERIOD.start && p.contract_end >= PERIOD.end && !p.suspended_at && !p.violation_found_at);
  const oldProducts = world.products.filter((p) => p.first_delivered_at && p.first_delivered_at < PERIOD.start);
  const oldIds = new Set(oldProducts.map((p) => p.id));
  const oldScenarios = world.scenarios.filter((s) => s.authority_approved_at < PERIOD.start && s.provider_approved_at < PERIOD.start);
  const developers = world.staff.filter((s) => s.roles.split(';').includes('developer'));

  for (const s of world.staff) {
    add(2, s.user_id, 'login', 'system', 'PLATFORM', { canDeny: false });
    add(2, s.user_id, 'logout', 'system', 'PLATFORM');
  }
  for (const d of developers) {
    add(1, d.user_id, 'sandbox_enter', 'system', 'SANDBOX-POOL', { channel: 'sandbox' });
    add(1, d.user_id, 'sandbox_exit', 'system', 'SANDBOX-POOL', { channel: 'sandbox' });
    for (const ds of world.datasets) {
      add(0.3, d.user_id, 'query', 'dataset', ds.id, { channel: important(ds.id) ? 'sandbox' : 'platform', records: [10, 20000], canDeny: true });
    }
    for (const sc of oldScenarios) {
      for (const ds of sc.datasets) {
        add(0.15, d.user_id, 'develop', 'dataset', ds, { scenario: sc.id, channel: 'sandbox' });
        add(0.05, d.user_id, 'model_train', 'dataset', ds, { scenario: sc.id, channel: 'sandbox' });
      }
    }
    for (const p of oldProducts) {
      add(0.1, d.user_id, 'develop', 'product', p.id, { scenario: p.scenario });
      add(0.05, d.user_id, 'modify', 'product', p.id);
    }
  }
  for (const s of world.staff.filter((x) => x.roles.includes('data_steward'))) {
    for (const ds of world.datasets) {
      add(0.4, s.user_id, 'query', 'dataset', ds.id, { channel: important(ds.id) ? 'sandbox' : 'platform', records: [20, 30000], canDeny: true });
      add(0.15, s.user_id, 'export', 'dataset', ds.id, { dest: OP, records: [200, 15000] });
      add(0.1, s.user_id, 'download', 'dataset', ds.id, { dest: OP, records: [100, 5000] });
    }
  }
  for (const pt of yearRound) {
    const api = `${pt.id.replace('-', '')}-API`;
    for (const id of pt.api.filter((x) => oldIds.has(x))) add(12, api, 'api_call', 'product', id, { channel: 'api', dest: pt.id, records: [1, 40], canDeny: true });
    for (const id of pt.products.filter((x) => oldIds.has(x))) {
      const p = world.products.find((x) => x.id === id);
      if (!p) throw new Error(`unknown product ${id}`);
      add(0.4, 'U1018', 'deliver', 'product', id, { dest: pt.id, scenario: p.scenario, records: [800, 6000] });
      add(0.4, 'U1020', 'deliver', 'product', id, { dest: pt.id, scenario: p.scenario, records: [800, 6000], channel: 'api' });
      if (['report', 'model'].includes(p.type)) add(0.5, `${pt.id.replace('-', '')}-U01`, 'download', 'product', id, { dest: pt.id, records: [1, 1] });
    }
  }
  for (const a of ['U1001', 'U1002']) {
    add(0.4, a, 'config_change', 'system', 'PLATFORM');
    add(0.1, a, 'grant_role', 'system', 'U1008');
  }
  for (const a of ['U1003', 'U1022']) add(0.6, a, 'query', 'log', 'AUDIT-LOG');
  add(0.05, 'U1003', 'log_export', 'log', 'AUDIT-LOG', { dest: OP, records: [60000, 95000] });
  add(0.2, 'U1019', 'backup', 'system', 'DB-MAIN');
  add(0.2, 'U1019', 'backup', 'log', 'LOG-ARCHIVE');
  add(0.3, 'U1004', 'config_change', 'system', 'DLP-POLICY');
  return tpl;
}

/** Alias-free weighted pick: a cumulative table sampled by a 16-bit index. */
/**
 * @param {Template[]} templates
 * @returns {Template[]}
 */
function picker(templates) {
  const total = templates.reduce((s, t) => s + t.weight, 0);
  const size = 1 << 16;
  const table = new Array(size);
  let i = 0;
  let acc = templates[0].weight;
  for (let k = 0; k < size; k++) {
    const x = ((k + 0.5) / size) * total;
    while (x > acc && i < templates.length - 1) acc += templates[++i].weight;
    table[k] = templates[i];
  }
  return table;
}

const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** The files to write: months, split into equal parts when a month is too large. */
/**
 * @typedef {{ path: string; w0: number; w1: number; bytes: number }} FilePlan
 * @param {number} totalBytes
 * @param {number} maxFileBytes
 * @returns {FilePlan[]}
 */
function planFiles(totalBytes, maxFileBytes) {
  /** @type {FilePlan[]} */
  const plan = [];
  const yearMs = wall(addYear(PERIOD.end)) - wall(PERIOD.start);
  for (let m = 1; m <= 12; m++) {
    const ym = `2026-${P2[m]}`;
    const w0 = wall(`${ym}-01`);
    const w1 = m === 12 ? wall('2027-01-01') : wall(`2026-${P2[m + 1]}-01`);
    const bytes = Math.round((totalBytes * (w1 - w0)) / yearMs);
    const parts = Math.max(1, Math.ceil(bytes / maxFileBytes));
    for (let p = 0; p < parts; p++) {
      plan.push({
        path: parts === 1 ? `logs/${ym}.jsonl` : `logs/${ym}-${p + 1}.jsonl`,
        w0: w0 + Math.floor(((w1 - w0) * p) / parts),
        w1: w0 + Math.floor(((w1 - w0) * (p + 1)) / parts),
        bytes: Math.round(bytes / parts),
      });
    }
  }
  return plan;
}

/** @param {string} date */
function addYear(date) {
  return `${Number(date.slice(0, 4)) + 1}-01-01`;
}

/** Writes one log file; resolves to its manifest entry and event count. */
/**
 * @param {string} dir
 * @param {FilePlan} spec
 * @param {{ rng: ReturnType<typeof makeRng>; table: Template[]; avgLine: number; counter: { n: number }; onChunk: (bytes: number, chunkChars?: number) => void }} ctx
 */
async function writeLogFile(dir, spec, ctx) {
  const { rng, table, avgLine, counter, onChunk } = ctx;
  const count = Math.max(1, Math.round(spec.bytes / avgLine));
  const step = (spec.w1 - spec.w0) / count;
  const fileHash = crypto.createHash('sha256');
  let bytes = 0;
  let prev = ZERO_HASH;
  let dayIdx = -1;
  let dayPrefix = '';
  let dayStart = 0;

  async function* chunks() {
    let buf = '';
    for (let i = 0; i < count; i++) {
      const w = Math.floor(spec.w0 + i * step + rng.next() * step * 0.999);
      const d = Math.floor(w / DAY_MS);
      if (d !== dayIdx) {
        dayIdx = d;
        dayStart = d * DAY_MS;
        dayPrefix = dateOf(dayStart) + 'T';
      }
      const sec = Math.floor((w - dayStart) / 1000);
      const ts = `${dayPrefix}${P2[Math.floor(sec / 3600)]}:${P2[Math.floor(sec / 60) % 60]}:${P2[sec % 60]}+08:00`;
      const tpl = table[(rng.next() * 65536) | 0];
      const x = rng.next();
      const result = x < 0.975 ? 'success' : x < 0.99 || !tpl.canDeny ? 'failure' : 'denied';
      const id = `S${String(++counter.n).padStart(10, '0')}`;
      const h = sha256(`${prev}|${id}|${ts}${tpl.hashMid}${result}`);
      let records = '';
      if (tpl.records && result === 'success') records = `,"records":${tpl.records[0] + Math.floor(rng.next() * (tpl.records[1] - tpl.records[0] + 1))}`;
      buf += `{"event_id":"${id}","ts":"${ts}",${tpl.mid},"result":"${result}"${records},"prev_hash":"${prev}","hash":"${h}"}\n`;
      prev = h;
      if (buf.length >= CHUNK_CHARS) {
        const b = Buffer.from(buf, 'latin1');
        buf = '';
        fileHash.update(b);
        bytes += b.length;
        onChunk(b.length, CHUNK_CHARS);
        yield b;
      }
    }
    if (buf.length) {
      const b = Buffer.from(buf, 'latin1');
      fileHash.update(b);
      bytes += b.length;
      onChunk(b.length);
      yield b;
    }
  }
  await pipeline(chunks, createWriteStream(join(dir, spec.path), { highWaterMark: 4 << 20 }));
  return { entry: { path: spec.path, sha256: fileHash.digest('hex'), bytes }, events: count };
}

/**
 * Writes the synthetic bundle into `dir` and resolves to a summary. Options: `mb` (size
 * of the logs in MB, default 1000), `maxFileMb` (256), `seed`, `onProgress({ bytes,
 * totalBytes, events, file })`.
 */
/**
 * @typedef {{ bytes: number; totalBytes: number; events: number; file: string }} SyntheticProgress
 * @param {string} dir
 * @param {{ mb?: number; maxFileMb?: number; seed?: string; onProgress?: (p: SyntheticProgress) => void }} [options]
 */
export async function makeSyntheticBundle(dir, { mb = 1000, maxFileMb = 256, seed = 'jinzhou-synthetic:v1', onProgress } = {}) {
  const t0 = process.hrtime.bigint();
  const world = buildWorld({ variant: 'clean' });
  prepareOutDir(dir);
  const records = recordFiles(world);
  writeFiles(dir, records);
  mkdirSync(join(dir, 'logs'), { recursive: true });

  const templates = buildTemplates(world);
  const table = picker(templates);
  const avgLine = measureAverageLine(table);
  const totalBytes = Math.max(1, Math.round(mb * 1e6));
  const plan = planFiles(totalBytes, Math.max(1, Math.round(maxFileMb * 1e6)));
  const rng = makeRng(seed);
  const counter = { n: 0 };
  let written = 0;
  let current = '';
  const onChunk = (/** @type {number} */ n) => {
    written += n;
    if (onProgress) onProgress({ bytes: written, totalBytes, events: counter.n, file: current });
  };
  const entries = records.map((f) => fileEntry(f.path, f.data));
  let events = 0;
  for (const spec of plan) {
    current = spec.path;
    const out = await writeLogFile(dir, spec, { rng, table, avgLine, counter, onChunk });
    entries.push(out.entry);
    events += out.events;
  }
  const manifest = buildManifest({ operatorId: world.operatorId, files: entries });
  writeFileSync(join(dir, 'manifest.json'), jsonText(manifest));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const logBytes = entries.filter((e) => e.path.startsWith('logs/')).reduce((s, e) => s + e.bytes, 0);
  return { dir, files: entries.length + 1, logFiles: plan.length, logBytes, events, seconds, mbPerSecond: logBytes / 1e6 / seconds };
}

/** Mean line length of the template mix, from a fixed sample, to size the event counts. */
/** @param {Template[]} table */
function measureAverageLine(table) {
  const rng = makeRng('jinzhou-synthetic:measure');
  let total = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const tpl = table[(rng.next() * 65536) | 0];
    // id 11, ts 25, result ~7, hashes 128, fixed keys and quotes.
    let len = `{"event_id":"","ts":"",,"result":"","prev_hash":"","hash":""}\n`.length + 11 + 25 + 7 + 128;
    len += tpl.mid.length;
    if (tpl.records) len += `,"records":`.length + String(Math.round((tpl.records[0] + tpl.records[1]) / 2)).length;
    total += len;
  }
  return total / n;
}

// ---------------------------------------------------------------------------------------

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ dir: string | null; mb: number; maxFileMb: number; seed: string | undefined; quiet: boolean; help: boolean }} */
  const o = { dir: null, mb: 1000, maxFileMb: 256, seed: undefined, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mb') o.mb = Number(argv[++i]);
    else if (a === '--max-file-mb') o.maxFileMb = Number(argv[++i]);
    else if (a === '--seed') o.seed = argv[++i];
    else if (a === '--quiet') o.quiet = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else if (!o.dir) o.dir = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!o.help && (!o.dir || !(o.mb > 0) || !(o.maxFileMb > 0))) throw new Error('usage: node scripts/make-synthetic-logs.js <dir> [--mb 1000] [--max-file-mb 256] [--seed S] [--quiet]');
  return o;
}

/** @param {string[]} argv */
async function main(argv) {
  let o;
  try {
    o = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${/** @type {Error} */ (e).message}\n`);
    return 2;
  }
  if (o.help) {
    process.stdout.write('usage: node scripts/make-synthetic-logs.js <dir> [--mb 1000] [--max-file-mb 256] [--seed S] [--quiet]\n');
    return 0;
  }
  let last = 0;
  /** @type {((p: SyntheticProgress) => void) | undefined} */
  const onProgress = o.quiet ? undefined : ({ bytes, totalBytes, events, file }) => {
    if (bytes - last < 50e6 && bytes < totalBytes) return;
    last = bytes;
    process.stderr.write(`\r${(bytes / 1e6).toFixed(0)}/${(totalBytes / 1e6).toFixed(0)} MB  ${events} events  ${file}   `);
  };
  const s = await makeSyntheticBundle(resolve(o.dir ?? '.'), { mb: o.mb, maxFileMb: o.maxFileMb, seed: o.seed, onProgress });
  if (!o.quiet) process.stderr.write(`\r${(s.logBytes / 1e6).toFixed(0)} MB  ${s.events} events  done${' '.repeat(30)}\n`);
  process.stdout.write(`${JSON.stringify({ ...s, seconds: Number(s.seconds.toFixed(2)), mbPerSecond: Number(s.mbPerSecond.toFixed(1)) })}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exitCode = 3;
  });
}
