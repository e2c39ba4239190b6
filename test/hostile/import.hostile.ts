// A sheet of a million rows imported at size, in `npm run test:hostile`: streamed, within
// 60 s and 1 GB, every row written and pointed at.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runMeasured } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-import-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 1_000_000;

describe('a million-row sheet', () => {
  it('imports within 60 s and 1 GB, every row in the log and in provenance.json', async () => {
    const raw = join(dir, 'raw');
    mkdirSync(raw);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(raw, 'export.xlsx'), useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('日志');
    ws.addRow(['编号', '时间', '账号', '操作', '结果']).commit();
    const base = Date.parse('2026-01-01T00:00:00+08:00');
    for (let i = 0; i < ROWS; i++) ws.addRow([`E${i}`, new Date(base + i * 30_000).toISOString(), `u${i % 50}`, 'login', 'success']).commit();
    ws.commit();
    await wb.commit();
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({
      format: 'bundle-mapping/1', manifest: { operator_id: '91210700MA0JZ0001X', period: { start: '2026-01-01', end: '2026-12-31' } },
      sources: [{ match: '*.xlsx', target: 'logs/x.jsonl', columns: { event_id: '编号', ts: '时间', actor: '账号', action: '操作', result: '结果' }, times: { ts: { formats: ['iso'] } } }],
    }));
    const out = join(dir, 'bundle');
    const r = runMeasured(['bundle', 'import', raw, '--mapping', mapping, '--out', out, '--quiet'], { timeoutMs: 120_000 });
    expect(r.code, r.err).toBe(0);
    process.stdout.write(`1,000,000-row sheet imported: ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB\n`);
    expect(r.seconds).toBeLessThan(60);
    expect(r.maxRssMb).toBeLessThan(1024);
    const provenance = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8')) as { files: Record<string, { lines: number[]; row: number }[]> };
    expect(provenance.files['logs/x.jsonl']).toEqual([{ lines: [1, ROWS], source: 'export.xlsx', sheet: '日志', row: 2 }]);
  }, 300_000);
});
