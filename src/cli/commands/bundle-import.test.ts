// `bundle import` on the command line: a dry run that reports every problem with its file,
// row and what to change, and writes nothing; an import that writes a bundle `check` reads;
// exit 2 for what cannot be used.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectRefused, runCli } from '../testing.js';

const dir = mkdtempSync(join(tmpdir(), 'cd-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const raw = join(dir, 'raw');
mkdirSync(join(raw, '日志'), { recursive: true });
writeFileSync(join(raw, '日志', '2026-03.csv'), [
  '日志编号,发生时间,用户名,动作,处理结果',
  'E1,2026年3月1日 9:15:00,u001,登录,成功',
  'E2,2026年3月1日 9:20:00,test01,下载,成功',
  'E3,昨天,u002,打印,成功',
  'E4,2026年3月2日 10:00:00,u002,打印,失败',
].join('\n') + '\n');
const mapping = join(dir, 'mapping.json');
writeFileSync(mapping, JSON.stringify({
  format: 'bundle-mapping/1',
  manifest: { operator_id: '91210700MA0JZ0001X', period: { start: '2026-01-01', end: '2026-12-31' } },
  sources: [{
    match: '日志/*.csv', target: 'logs/{file}.jsonl',
    filter: [{ column: '用户名', not_in: ['test01'] }],
    columns: { event_id: '日志编号', ts: '发生时间', actor: '用户名', action: '动作', result: '处理结果' },
    values: { action: { map: { 登录: 'login', 下载: 'download' } }, result: { map: { 成功: 'success', 失败: 'failure' } } },
    times: { ts: { formats: ['YYYY年M月D日 H:mm:ss'] } },
  }, { match: '没有/*.csv', target: 'products.csv' }],
}));

describe('bundle import', () => {
  it('--dry-run reports rows, unmapped values and unreadable times with their rows, and writes nothing', async () => {
    const out = join(dir, 'never');
    const r = await runCli(['bundle', 'import', raw, '--mapping', mapping, '--dry-run']);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('日志/2026-03.csv：读取 4 行，筛除 1 行，导入 3 行 → logs/2026-03.jsonl 3 行');
    expect(r.err).toContain('action：未映射的值 “打印” 2 次（首见第 4 行）');
    expect(r.err).toContain('ts：1 个时间不符合任何格式，如 第 4 行 “昨天”');
    expect(r.err).toContain('日志/2026-03.csv 第 4 行：action 的值 “打印” 没有映射：请在 values.action.map 中写明它对应的证据包取值');
    expect(r.err).toContain('映射的来源 “没有/*.csv” 没有匹配到任何文件');
    expect(existsSync(out)).toBe(false);
    const json = await runCli(['bundle', 'import', raw, '--mapping', mapping, '--dry-run', '--json']);
    expect(JSON.parse(json.out).targets).toEqual({ 'logs/2026-03.jsonl': 3 });
  });

  it('imports into a bundle that check reads, every line pointing at its row', async () => {
    const out = join(dir, 'bundle');
    const r = await runCli(['bundle', 'import', raw, '--mapping', mapping, '--out', out, '--quiet']);
    expect(r.code, r.err).toBe(1);
    expect(r.out.trim()).toBe(out);
    const lines = readFileSync(join(out, 'logs', '2026-03.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.event_id, l.ts, l.action])).toEqual([['E1', '2026-03-01T09:15:00+08:00', 'login'], ['E3', '昨天', '打印'], ['E4', '2026-03-02T10:00:00+08:00', '打印']]);
    expect(JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8')).files['logs/2026-03.jsonl']).toEqual([
      { lines: [1, 1], source: '日志/2026-03.csv', row: 2 }, { lines: [2, 3], source: '日志/2026-03.csv', row: 4 },
    ]);
    const check = await runCli(['verify', out]);
    expect(check.code, check.err).toBe(0);
  });

  it('refuses what it cannot use: no mapping, a broken mapping, an --out that holds files', async () => {
    await expectRefused(['bundle', 'import', raw, '--dry-run'], /需要 --mapping/);
    await expectRefused(['bundle', 'import', raw, '--mapping', mapping], /需要 --out/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ format: 'bundle-mapping/1', sources: [{ match: 'x', target: 'logs/x.csv', columns: {} }] }));
    await expectRefused(['bundle', 'import', raw, '--mapping', broken, '--dry-run'], /target “logs\/x\.csv” 不是证据包文件/);
    await expectRefused(['bundle', 'import', raw, '--mapping', join(dir, 'none.json'), '--dry-run'], /无法读取映射文件/);
    await expectRefused(['bundle', 'import', raw, '--mapping', mapping, '--out', raw], /已存在且不是空文件夹/);
    const noPeriod = join(dir, 'no-period.json');
    writeFileSync(noPeriod, JSON.stringify({ format: 'bundle-mapping/1', sources: [{ match: '日志/*.csv', target: 'logs/x.jsonl' }] }));
    await expectRefused(['bundle', 'import', raw, '--mapping', noPeriod, '--out', join(dir, 'np')], /缺少 manifest\.period/);
    expect(existsSync(join(dir, 'np'))).toBe(false);
  });
});
