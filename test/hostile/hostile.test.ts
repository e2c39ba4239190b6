// Input made to break the command line, each case run as a user would run it (a process
// with a budget of 60 s and 1 GB): never exit 3, never a hang, every message naming the
// file and, where there is one, the line. The large cases (gigabytes) are in `npm run
// test:hostile`.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleBundle } from '../fixtures.js';
import { runMeasured } from './run.js';
import { brokenLines, copyBundle, flatePdf, zipOf, zipWithDamagedEntry, deepJson, deepLogLine, fifo, folderNamedPdf, linkToZero, manyByteRanges, spoil } from './generators.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command in its own process under the budget of every case: 60 s and 1 GB. */
function cli(args: string[]): { code: number | null; out: string; err: string } {
  const r = runMeasured(args, { env: { ...process.env, COMPLIANCE_DESK_HOME: dir } });
  expect(r.maxRssMb, 'peak RSS, MB').toBeLessThan(1024);
  return r;
}

describe('verify refuses what is not a regular file, at once (exit 2)', () => {
  it.each([
    ['a FIFO named report.pdf', () => fifo(dir), /不是普通文件/],
    ['a link to /dev/zero named zero.pdf', () => linkToZero(dir), /不是普通文件/],
    ['a folder named folder.pdf', () => folderNamedPdf(dir), /是文件夹/],
    ['a missing report', () => join(dir, 'missing.pdf'), /找不到报告文件/],
    ['a 3 GB report (sparse)', () => {
      const p = join(dir, 'huge.pdf');
      writeFileSync(p, '');
      truncateSync(p, 3 * 1024 ** 3);
      return p;
    }, /报告文件过大/],
  ])('%s', (_, make, message) => {
    const path = make();
    const r = cli(['verify', path]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(path);
    expect(r.err).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  it('a missing --sm2-pub file is named, exit 2', () => {
    const pdf = join(dir, 'plain.pdf');
    writeFileSync(pdf, '%PDF-1.7\n%%EOF\n');
    const r = cli(['verify', pdf, '--sm2-pub', join(dir, 'nope.pem')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope.pem');
  });

  it('checks at most 32 of 5,000 /ByteRange strings and says so (exit 1)', () => {
    const r = cli(['verify', manyByteRanges(dir, 5000)]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('5000 个签名范围');
  });
});

describe('deep and broken JSON in a bundle is an input issue naming the file and line, never exit 3', () => {
  const check = (bundle: string) => {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const r = cli(['check', bundle, '--out', out, '--format', 'json', '--quiet', '--workers', '1']);
    expect([0, 1], r.err).toContain(r.code);
    return JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { inputIssues: { file: string; line: number | null; message: string }[] };
  };

  it.each(['operator.json', 'platform.json', 'incidents.json', 'evaluations.json', 'agreement.json'])('%s nested 5,000 deep', (file) => {
    const b = copyBundle(sampleBundle('clean'), dir, `deep-${file}`);
    spoil(b, file, deepJson(5000));
    const f = check(b);
    expect(f.inputIssues).toEqual(expect.arrayContaining([expect.objectContaining({ file, message: expect.stringContaining('嵌套超过 64 层') })]));
  });

  it('a manifest field nested 5,000 deep refuses the bundle (exit 2), naming the manifest', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'deep-manifest');
    const manifest = readFileSync(join(b, 'manifest.json'), 'utf8').replace('{', `{"extra":${deepJson(5000)},`);
    spoil(b, 'manifest.json', manifest);
    const r = cli(['check', b, '--out', join(dir, 'out-deep-manifest'), '--format', 'json', '--quiet']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('manifest.json');
    expect(r.err).toContain('嵌套超过 64 层');
  });

  it('a log line nested 5,000 deep is skipped with its line', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'deep-log');
    writeFileSync(join(b, 'logs', 'deep.jsonl'), deepLogLine(10) + deepLogLine(5000));
    const f = check(b);
    expect(f.inputIssues).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'logs/deep.jsonl', line: 2, message: expect.stringContaining('嵌套超过 64 层') })]));
  });

  it('200,000 broken lines become 200 issues and one that counts the rest', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'broken-lines');
    writeFileSync(join(b, 'logs', 'broken.jsonl'), brokenLines(200_000));
    const f = check(b);
    const mine = f.inputIssues.filter((i) => i.file === 'logs/broken.jsonl');
    expect(mine).toHaveLength(201);
    expect(mine[200].message).toContain('另有 199,800 个输入问题未逐条列出');
  });
});

describe('--out that cannot be used is exit 2, naming it', () => {
  it.each([
    ['a file', () => {
      const p = join(dir, 'a-file');
      writeFileSync(p, 'x');
      return p;
    }],
    ['a folder under /proc', () => '/proc/self/cd-out'],
  ])('%s', (_, make) => {
    const out = make();
    const r = cli(['check', sampleBundle('clean'), '--out', out, '--format', 'json', '--quiet']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(out);
    expect(r.err).not.toContain('internal error');
  });
});

describe('outputs cannot be turned against the user', () => {
  it('a symbolic link already in --out is replaced, not followed', () => {
    const out = join(dir, 'out-link');
    mkdirSync(out);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(out, 'findings.json'));
    const r = cli(['check', sampleBundle('clean'), '--out', out, '--format', 'json', '--quiet']);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')).results).toHaveLength(47);
  });

  it('a second run into the same folder leaves one set: the earlier report and csv are removed', () => {
    const out = join(dir, 'out-twice');
    expect(cli(['check', sampleBundle('clean'), '--out', out, '--format', 'json,csv,pdf', '--quiet']).code).toBe(0);
    expect(existsSync(join(out, 'report.pdf'))).toBe(true);
    const r = cli(['check', sampleBundle('clean'), '--out', out, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/removed from .* the outputs of an earlier run: report\.pdf, findings\.csv/);
    expect(existsSync(join(out, 'report.pdf'))).toBe(false);
  });

  it('--out inside the bundle is refused before the review (exit 2)', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'out-inside');
    const r = cli(['check', b, '--out', join(b, 'review-out'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('在证据包');
    expect(existsSync(join(b, 'review-out'))).toBe(false);
  });
});

describe('a log worker past its heap limit', () => {
  it('dies alone: its file becomes an input issue and the review of the other files completes', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'heavy-lines');
    const line = JSON.stringify({ event_id: 'E1', ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action: 'query', result: 'success', pad: 'x'.repeat(9_000_000) });
    writeFileSync(join(b, 'logs', 'heavy.jsonl'), `${line}\n`.repeat(3));
    const out = join(dir, 'out-heavy');
    const r = cli(['check', b, '--out', out, '--format', 'json', '--quiet', '--worker-heap', '16']);
    expect([0, 1], r.err).toContain(r.code);
    const f = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { inputIssues: { file: string; message: string }[]; stats: { events: number } };
    expect(f.inputIssues).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'logs/heavy.jsonl', line: null, severity: 'error', message: '日志文件未能读完，其事件未纳入审查（超过 16 MB 的内存上限）' })]));
    expect(f.stats.events).toBe(8730);
  });
});

describe('messages that tell the truth', () => {
  it('an invalid byte far into a UTF-8 log is reported with its own offset and line', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'bad-byte');
    const line = (i: number) => `{"event_id":"B${i}","ts":"2026-03-01T10:00:00+08:00","actor":"张三","action":"query","result":"success"}\n`;
    const head = Buffer.from(Array.from({ length: 3000 }, (_, i) => line(i)).join(''));
    const file = Buffer.concat([head, Buffer.from([0xff]), Buffer.from(line(3000))]);
    writeFileSync(join(b, 'logs', 'bad-byte.jsonl'), file);
    const out = join(dir, 'out-bad-byte');
    cli(['check', b, '--out', out, '--format', 'json', '--quiet']);
    const f = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { inputIssues: { file: string; line: number | null; message: string }[] };
    const mine = f.inputIssues.filter((i) => i.file === 'logs/bad-byte.jsonl');
    expect(mine[0]).toMatchObject({ line: 3001, message: expect.stringContaining(`第 ${head.length.toLocaleString('en-US')} 字节（第 3001 行）起有无效的 UTF-8 字节`) });
  });
});

describe('a zip whose log entry is damaged inside its compressed data', () => {
  it('is refused at once with exit 2, naming the entry', async () => {
    const line = (i: number) => `{"event_id":"Z${i}","ts":"2026-03-01T10:00:00+08:00","actor":"u${i % 50}","action":"query","result":"success"}\n`;
    const big = Array.from({ length: 100_000 }, (_, i) => line(i)).join('');
    const zip = await zipWithDamagedEntry(sampleBundle('clean'), dir, { 'logs/big.jsonl': big }, 'logs/big.jsonl');
    const r = cli(['check', zip, '--out', join(dir, 'out-damaged'), '--format', 'json', '--quiet']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('logs/big.jsonl');
    expect(r.err).not.toContain('internal error');
  });
});

describe('policy PDFs', () => {
  it('a Flate bomb is refused before parsing; a PDF without text is read (in a worker) and said to have none', () => {
    const b = copyBundle(sampleBundle('clean'), dir, 'pdf-policies');
    writeFileSync(join(b, 'policies', 'bomb.pdf'), flatePdf(129 * 1024 * 1024));
    writeFileSync(join(b, 'policies', 'scan.pdf'), flatePdf(1000));
    const csv = readFileSync(join(b, 'policies.csv'), 'utf8')
      .replace('policies/quality_control.md', 'policies/bomb.pdf').replace('policies/record_keeping.md', 'policies/scan.pdf');
    writeFileSync(join(b, 'policies.csv'), csv);
    const out = join(dir, 'out-pdf-policies');
    const r = cli(['check', b, '--out', out, '--format', 'json', '--quiet']);
    expect([0, 1], r.err).toContain(r.code);
    const f = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { inputIssues: { file: string; message: string }[] };
    expect(f.inputIssues).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'policies/bomb.pdf', message: expect.stringContaining('压缩流解压后超过 128 MB 的上限') }),
      expect.objectContaining({ file: 'policies/scan.pdf', message: expect.stringContaining('PDF 没有文本层') }),
    ]));
  });
});

describe('a review package whose cdreview.json nests 5,000 deep', () => {
  it('is refused by package verify (exit 1), saying why, not a stack overflow', async () => {
    const pkg = await zipOf(join(dir, 'deep.cdreview'), { 'cdreview.json': deepJson(5000), 'findings.json': '{}' });
    const r = cli(['package', 'verify', pkg]);
    expect(r.code, r.err).toBe(1);
    expect(r.out + r.err).toContain('嵌套超过 64 层');
    expect(r.err).not.toContain('internal error');
  });
});
