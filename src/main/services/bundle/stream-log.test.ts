import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareWithManifest } from '../../../shared/bundle/integrity.js';
import type { InputIssue, LogEvent, LogFileInfo } from '../../../shared/bundle/types.js';
import { logFileOf, readRecords } from './read-records.js';
import { openSource, type BundleSource } from './source.js';
import { GZIP_MAX_RATIO, streamLog } from './stream-log.js';
import { encodeGb18030, makeZip } from './test-zip.js';
import { SAMPLE_NAMES, sampleBundle, sampleExpected } from '../../../../test/fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cd-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Run {
  events: LogEvent[];
  issues: InputIssue[];
  bytesSeen: number;
  digest: { sha256: string; bytes: number };
}

async function runOn(source: BundleSource, path: string, timeZone = 'Asia/Shanghai'): Promise<Run> {
  const info = logFileOf(path, source.size(path));
  if (!info) throw new Error(`${path} is not a log path`);
  const events: LogEvent[] = [];
  const issues: InputIssue[] = [];
  let bytesSeen = 0;
  const digest = await streamLog(source, info, timeZone, {
    onEvent: (e) => events.push(e),
    onIssue: (i) => issues.push(i),
    onBytes: (n) => (bytesSeen += n),
  });
  return { events, issues, bytesSeen, digest };
}

/** Stream one log file written into a fresh folder bundle. */
async function streamFile(path: string, data: Buffer | string, timeZone?: string): Promise<Run> {
  const root = await mkdtemp(join(dir, 'b-'));
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), data);
  const src = await openSource(root);
  try {
    return await runOn(src, path, timeZone);
  } finally {
    await src.close();
  }
}

const line = (o: object) => JSON.stringify(o);
const ev = (i: number, extra: object = {}) =>
  line({ event_id: `E${i}`, ts: `2026-03-01T09:${String(i % 60).padStart(2, '0')}:00+08:00`, actor: 'u001', action: 'login', resource: 'PLATFORM', result: 'success', ...extra });

describe('streamLog decoding', () => {
  it('streams JSONL (UTF-8, LF) and hashes the file as stored', async () => {
    const text = `${ev(1)}\n${ev(2, { action: 'query' })}\n\n${ev(3)}\n`;
    const r = await streamFile('logs/a.jsonl', text);
    expect(r.events.map((e) => [e.eventId, e.line, e.action])).toEqual([['E1', 1, 'login'], ['E2', 2, 'query'], ['E3', 4, 'login']]);
    expect(r.issues).toEqual([]);
    expect(r.digest).toEqual({ sha256: sha(Buffer.from(text)), bytes: Buffer.byteLength(text) });
    expect(r.bytesSeen).toBe(r.digest.bytes);
  });

  it('strips a UTF-8 BOM and handles CRLF in JSONL', async () => {
    const text = `\uFEFF${ev(1, { actor: '张三' })}\r\n${ev(2)}\r\n`;
    const r = await streamFile('logs/a.jsonl', text);
    expect(r.events.map((e) => [e.eventId, e.actor])).toEqual([['E1', '张三'], ['E2', 'u001']]);
    expect(r.events[0].raw.endsWith('}')).toBe(true);
    expect(r.issues).toEqual([]);
  });

  it('reads a GB18030 CSV log with Chinese headers and Chinese action and result values', async () => {
    const csv = [
      '事件编号,操作时间,操作人,所属单位,操作类型,资源类型,资源编号,记录数,接收方,渠道,结果,来源IP',
      'E1,2026-03-01 09:15:00,u001,91210700MA0TEST01X,登录,系统,PLATFORM,,,平台,成功,10.0.0.1',
      'E2,2026/03/01 09:20:00,u002,91210700MA0TEST01X,交付,产品,PR-𠀀,"1,200",P01,接口,失败,10.0.0.2',
      'E3,2026-03-01T09:25:00+08:00,u003,P01,"导出",数据集,DS-01,5,P01,线下,拒绝,10.0.0.3',
    ].join('\r\n');
    const bytes = encodeGb18030(csv);
    const r = await streamFile('logs/2026-03.csv', bytes);
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.eventId, e.line, e.action, e.result, e.channel, e.resourceType, e.resource, e.records, e.destination])).toEqual([
      ['E1', 2, 'login', 'success', 'platform', 'system', 'PLATFORM', null, ''],
      ['E2', 3, 'deliver', 'failure', 'api', 'product', 'PR-𠀀', 1200, 'P01'],
      ['E3', 4, 'export', 'denied', 'offline', 'dataset', 'DS-01', 5, 'P01'],
    ]);
    expect(r.events[0].rawFields.action).toBe('登录');
    expect(r.digest.sha256).toBe(sha(bytes));
  });

  it('keeps quoted newlines inside a CSV record and counts physical lines', async () => {
    const csv = 'event_id,ts,actor,action,resource,result\nE1,2026-03-01 09:00:00,u1,modify,"line one\nline two",success\nE2,2026-03-01 09:01:00,u1,login,PLATFORM,success\n';
    const r = await streamFile('logs/a.csv', csv);
    expect(r.events.map((e) => [e.eventId, e.line, e.resource])).toEqual([['E1', 2, 'line one\nline two'], ['E2', 4, 'PLATFORM']]);
  });

  it('reads timestamps without an offset in the bundle zone, and exact ones as written', async () => {
    const csv = 'event_id,ts,actor,action\nE1,2026-03-01 09:15:00,u1,login\nE2,2026-07-01T09:15:00,u1,login\nE3,2026-03-01T09:15:00+08:00,u1,login\nE4,2026-03-01T01:15:00Z,u1,login\nE5,,u1,login\n';
    const r = await streamFile('logs/a.csv', csv, 'America/New_York');
    expect(r.events.map((e) => e.t)).toEqual([
      Date.UTC(2026, 2, 1, 14, 15), // EST, UTC−5
      Date.UTC(2026, 6, 1, 13, 15), // EDT, UTC−4
      Date.UTC(2026, 2, 1, 1, 15),
      Date.UTC(2026, 2, 1, 1, 15),
      NaN,
    ]);
  });

  it('reports malformed lines with file and line, and keeps the rest', async () => {
    const text = `${ev(1)}\n{"event_id": "E2", broken\n[1,2]\n${ev(4, { ts: '2026-13-45 99:00' })}\n${ev(5, { action: 'teleport' })}\n${ev(6, { action: 'teleport' })}\n`;
    const r = await streamFile('logs/a.jsonl', text);
    expect(r.events.map((e) => e.eventId)).toEqual(['E1', 'E5', 'E6']);
    expect(r.issues.map((i) => [i.file, i.line, i.severity])).toEqual([
      ['logs/a.jsonl', 2, 'error'],
      ['logs/a.jsonl', 3, 'error'],
      ['logs/a.jsonl', 4, 'error'],
      ['logs/a.jsonl', 5, 'warning'], // unknown action, once per file
    ]);
  });

  it('reports invalid bytes in the middle of a UTF-8 log once', async () => {
    const head = `${ev(0, { actor: '张三' })}\n`.repeat(2000); // past the 64 KiB sniff
    const [before, after] = ev(9, { actor: 'ACTOR' }).split('ACTOR');
    const bad = Buffer.concat([Buffer.from(head + before), Buffer.from([0xff, 0xfe]), Buffer.from(`${after}\n${ev(10)}\n`), Buffer.from([0xc3]), Buffer.from('\n')]);
    const r = await streamFile('logs/a.jsonl', bad);
    expect(r.events).toHaveLength(2002);
    expect(r.events[2000].actor).toBe('\uFFFD\uFFFD');
    expect(r.events[2001].eventId).toBe('E10');
    const decodeIssues = r.issues.filter((i) => i.message.includes('UTF-8'));
    expect(decodeIssues).toHaveLength(1);
    expect(decodeIssues[0]).toMatchObject({ file: 'logs/a.jsonl', severity: 'error' });
  });

  it('refuses a binary file named as a log, still hashing it', async () => {
    const data = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 1)]);
    const r = await streamFile('logs/a.jsonl', data);
    expect(r.events).toEqual([]);
    expect(r.issues).toEqual([expect.objectContaining({ file: 'logs/a.jsonl', line: null, severity: 'error', message: expect.stringContaining('二进制') })]);
    expect(r.digest).toEqual({ sha256: sha(data), bytes: data.length });
  });
});

describe('streamLog with gzip', () => {
  const body = Array.from({ length: 3000 }, (_, i) => ev(i + 1)).join('\n') + '\n';

  it('gunzips .gz logs and hashes the compressed bytes', async () => {
    const gz = gzipSync(Buffer.from(body));
    const r = await streamFile('logs/2026-02.jsonl.gz', gz);
    expect(r.events).toHaveLength(3000);
    expect(r.issues).toEqual([]);
    expect(r.digest).toEqual({ sha256: sha(gz), bytes: gz.length });
    expect(r.bytesSeen).toBe(gz.length);
  });

  it('reports a truncated gzip after the last good line and uses the lines before', async () => {
    const gz = gzipSync(Buffer.from(body));
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const r = await streamFile('logs/2026-02.jsonl.gz', cut);
    expect(r.events.length).toBeGreaterThan(100);
    expect(r.events.length).toBeLessThan(3000);
    // Every event before the cut, in order, and no half line.
    expect(r.events.map((e) => e.eventId)).toEqual(Array.from({ length: r.events.length }, (_, i) => `E${i + 1}`));
    expect(r.issues).toHaveLength(1);
    const n = r.events[r.events.length - 1].line;
    expect(r.issues[0]).toMatchObject({ file: 'logs/2026-02.jsonl.gz', line: n, severity: 'error' });
    expect(r.issues[0]).toMatchObject({ code: 'log.gzip-corrupt', params: { line: n } });
    expect(r.issues[0].message).toContain(`gzip 数据在第 ${n} 行之后截断或损坏；此前的行已使用`);
    expect(r.digest).toEqual({ sha256: sha(cut), bytes: cut.length });
  });

  it('reports a corrupt gzip without crashing', async () => {
    const gz = Buffer.from(gzipSync(Buffer.from(body)));
    for (let i = 200; i < 400; i++) gz[i] ^= 0x5a;
    const r = await streamFile('logs/x.csv.gz', gz);
    expect(r.issues.some((i) => i.code === 'log.gzip-corrupt')).toBe(true);
    expect(r.digest.sha256).toBe(sha(gz));
  });

  it('reports a file that is not gzip at all', async () => {
    const r = await streamFile('logs/x.jsonl.gz', `${ev(1)}\n`);
    expect(r.events).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'log.gzip-corrupt', params: { line: 0 } });
  });

  it('stops a gzip that expands past GZIP_MAX_RATIO though far under the old 1,000× (4 GiB from 16 MB is 258×)', async () => {
    // Lines that repeat enough to compress about 300×: stopped within the first megabytes, with the line named.
    const line = `${JSON.stringify({ event_id: 'E', ts: '2026-02-01T10:00:00+08:00', actor: 'u1', action: 'query', result: 'success', pad: 'x'.repeat(400) })}\n`;
    const gz = gzipSync(Buffer.from(line.repeat(100_000)));
    expect(line.length * 100_000 / gz.length).toBeGreaterThan(GZIP_MAX_RATIO);
    const r = await streamFile('logs/dense.jsonl.gz', gz);
    const bomb = r.issues.find((i) => i.message.includes('压缩炸弹'));
    expect(bomb?.message).toContain(`超过压缩大小的 ${GZIP_MAX_RATIO} 倍`);
    expect(bomb?.line).toBeGreaterThan(0);
    expect(r.events.length).toBe(bomb!.line);
  });

  it('stops a gzip bomb', async () => {
    const gz = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x0a)); // 64 MiB of newlines, ~64 KiB compressed
    const r = await streamFile('logs/bomb.jsonl.gz', gz);
    expect(r.issues.some((i) => i.message.includes('压缩炸弹'))).toBe(true);
  });

  it('streams a .gz log stored inside a zip bundle', async () => {
    const gz = gzipSync(Buffer.from(body));
    const zip = join(dir, 'b.zip');
    await writeFile(zip, makeZip([{ name: 'manifest.json', data: '{}' }, { name: 'logs/2026-02.jsonl.gz', data: gz }]));
    const src = await openSource(zip);
    const r = await runOn(src, 'logs/2026-02.jsonl.gz');
    await src.close();
    expect(r.events).toHaveLength(3000);
    expect(r.digest).toEqual({ sha256: sha(gz), bytes: gz.length });
  });
});

describe('streamLog control', () => {
  it('passes a throwing event handler up as a rejection, gzip or not', async () => {
    const root = join(dir, 'b');
    await mkdir(join(root, 'logs'), { recursive: true });
    const text = `${ev(1)}\n`.repeat(100);
    await writeFile(join(root, 'logs/a.jsonl'), text);
    await writeFile(join(root, 'logs/b.jsonl.gz'), gzipSync(text));
    const src = await openSource(root);
    for (const path of ['logs/a.jsonl', 'logs/b.jsonl.gz']) {
      const p = streamLog(src, logFileOf(path, src.size(path))!, 'Asia/Shanghai', {
        onEvent: () => {
          throw new Error('rule bug');
        },
        onIssue: () => {},
        onBytes: () => {},
      });
      await expect(p, path).rejects.toThrow('rule bug');
    }
    await src.close();
  });

  it('rejects when aborted', async () => {
    const root = join(dir, 'b');
    await mkdir(join(root, 'logs'), { recursive: true });
    await writeFile(join(root, 'logs/a.jsonl'), `${ev(1)}\n`.repeat(50_000));
    const src = await openSource(root);
    const ac = new AbortController();
    const info: LogFileInfo = logFileOf('logs/a.jsonl', src.size('logs/a.jsonl'))!;
    let n = 0;
    const p = streamLog(src, info, 'Asia/Shanghai', {
      onEvent: () => {
        if (++n === 10) ac.abort(new Error('stop'));
      },
      onIssue: () => {},
      onBytes: () => {},
    }, ac.signal);
    await expect(p).rejects.toThrow('stop');
    expect(n).toBeLessThan(50_000);
    await src.close();
  });
});

// ---------------------------------------------------------------- the sample bundles

for (const name of SAMPLE_NAMES) {
  const root = sampleBundle(name);
  describe(`sample bundle "${name}"`, () => {
    it('streams exactly the events of expected.json, with the bad lines as input issues', async () => {
      const expected = JSON.parse(await readFile(sampleExpected(name), 'utf8')) as { events: number };
      const src = await openSource(root);
      const issues: InputIssue[] = [];
      const records = await readRecords(src, issues);
      let events = 0;
      const digests = [];
      for (const f of records.logFiles) {
        const digest = await streamLog(src, f, records.timezone, { onEvent: () => events++, onIssue: (i) => issues.push(i), onBytes: () => {} });
        digests.push({ path: f.path, ...digest });
      }
      await src.close();
      const integrity = compareWithManifest(records.manifest, [...records.files, ...digests]);
      console.log(`${name}: ${events} events; ${records.logFiles.length} log files; integrity ${JSON.stringify(integrity)}; signature ${records.integrity.signature}`);
      for (const i of issues) console.log(`  ${i.severity} ${i.file}:${i.line ?? '-'} ${i.message}`);
      expect(events).toBe(expected.events);
      // Every line-level problem points at a file and a line inside a log, and that line
      // really is broken.
      for (const i of issues.filter((x) => x.file.startsWith('logs/') && x.severity === 'error')) {
        expect(i.line, i.message).toBeGreaterThan(0);
        if (i.file.endsWith('.jsonl') && i.message.startsWith('not valid JSON')) {
          const text = (await readFile(join(root, i.file), 'utf8')).split('\n')[i.line! - 1];
          expect(() => JSON.parse(text), `${i.file}:${i.line}`).toThrow();
        }
      }
    });
  });
}
