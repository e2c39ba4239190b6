// Hostile raw exports given to `bundle import`, each in its own process under the 60 s / 1 GB
// budget: a zip bomb, a spreadsheet whose cells are formulas (never evaluated), a sheet with
// merged header cells, a gzip that expands past its bound, a JSON nested past the limit.
// Every one ends in exit 1 or 2 with the file named, never a crash.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { deepJson } from './generators.js';
import { runMeasured } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-hostile-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOG_COLUMNS = { event_id: '编号', ts: '时间', actor: '账号', action: '操作', result: '结果' };

function mappingFor(name: string, source: Record<string, unknown>): string {
  const path = join(dir, `${name}.mapping.json`);
  writeFileSync(path, JSON.stringify({ format: 'bundle-mapping/1', manifest: { operator_id: '91210700MA0JZ0001X', period: { start: '2026-01-01', end: '2026-12-31' } }, sources: [{ target: 'logs/x.jsonl', columns: LOG_COLUMNS, times: { ts: { formats: ['iso'] } }, ...source }] }));
  return path;
}

function withinBudget(r: ReturnType<typeof runMeasured>): void {
  expect(r.code === 1 || r.code === 2, `exit ${r.code}: ${r.err}`).toBe(true);
  expect(r.err).not.toMatch(/internal error|at .*\.js:\d+/);
  expect(r.seconds).toBeLessThan(60);
  expect(r.maxRssMb).toBeLessThan(1024);
}

describe('hostile raw exports', () => {
  it('a zip bomb: refused before it expands, naming the entry', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.alloc(200 * 1024 * 1024, 0x41), 'logs.csv', { compress: true });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    const path = join(dir, 'bomb.zip');
    writeFileSync(path, Buffer.concat(chunks));
    const r = runMeasured(['bundle', 'import', path, '--mapping', mappingFor('bomb', { match: '*.csv' }), '--dry-run']);
    withinBudget(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain('logs.csv');
  }, 90_000);

  it('a gzip that expands past 200 times its size: the rows before are read, the rest named as not imported', () => {
    const raw = join(dir, 'gz');
    mkdirSync(raw, { recursive: true });
    const header = '编号,时间,账号,操作,结果\n';
    writeFileSync(join(raw, 'log.csv.gz'), gzipSync(header + 'E1,2026-03-01T09:00:00+08:00,u1,login,success\n' + ' '.repeat(64 * 1024 * 1024)));
    const r = runMeasured(['bundle', 'import', raw, '--mapping', mappingFor('gz', { match: '*.csv.gz' }), '--dry-run']);
    withinBudget(r);
    expect(r.err).toContain('log.csv.gz');
    expect(r.err).toContain('压缩炸弹');
  }, 90_000);

  it('formula cells: their cached results are taken, a formula is never run, text that looks like one stays text', async () => {
    const raw = join(dir, 'formulas');
    mkdirSync(raw, { recursive: true });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('日志');
    ws.addRow(['编号', '时间', '账号', '操作', '结果']);
    ws.addRow(['E1', '2026-03-01T09:00:00+08:00', { formula: 'CONCAT("u","1")', result: 'u1' }, 'login', { formula: 'cmd|\' /C calc\'!A0', result: 'success' }]);
    ws.addRow(['E2', '2026-03-01T09:01:00+08:00', '=HYPERLINK("http://x.example","u2")', 'login', 'success']);
    await wb.xlsx.writeFile(join(raw, 'export.xlsx'));
    const out = join(dir, 'formulas-bundle');
    const r = runMeasured(['bundle', 'import', raw, '--mapping', mappingFor('formulas', { match: '*.xlsx' }), '--out', out, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(join(out, 'logs', 'x.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.map((l) => [l.actor, l.result])).toEqual([['u1', 'success'], ['=HYPERLINK("http://x.example","u2")', 'success']]);
  }, 90_000);

  it('merged header cells name their first column only: a mapping naming another says which column is missing', async () => {
    const raw = join(dir, 'merged');
    mkdirSync(raw, { recursive: true });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('日志');
    ws.addRow(['编号', '时间', '账号', '账号', '结果']);
    ws.mergeCells('C1:D1');
    ws.addRow(['E1', '2026-03-01T09:00:00+08:00', 'u1', 'login', 'success']);
    await wb.xlsx.writeFile(join(raw, 'export.xlsx'));
    const r = runMeasured(['bundle', 'import', raw, '--mapping', mappingFor('merged', { match: '*.xlsx' }), '--dry-run']);
    withinBudget(r);
    expect(r.code).toBe(1);
    expect(r.err).toContain('没有映射中 action 所取的列 “操作”');
  }, 90_000);

  it('JSON nested past the depth limit: the line is named and skipped', () => {
    const raw = join(dir, 'deep');
    mkdirSync(raw, { recursive: true });
    writeFileSync(join(raw, 'log.jsonl'), `${JSON.stringify({ 编号: 'E1', 时间: '2026-03-01T09:00:00+08:00', 账号: 'u1', 操作: 'login', 结果: 'success' })}\n${deepJson(5000)}\n`);
    const r = runMeasured(['bundle', 'import', raw, '--mapping', mappingFor('deep', { match: '*.jsonl' }), '--dry-run']);
    withinBudget(r);
    expect(r.err).toMatch(/log\.jsonl 第 2 行：该行不是有效的 JSON/);
  }, 90_000);
});
