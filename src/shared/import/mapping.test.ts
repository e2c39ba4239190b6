import { describe, expect, it } from 'vitest';
import { cellAt, keepsRow, mapRow, matchesGlob, targetKind, type SourceSpec } from './mapping.js';
import { sourceOf, sourcePlaceText, type Provenance } from './provenance.js';

const TZ = 'Asia/Shanghai';
const log: SourceSpec = {
  match: '审计日志/*.csv', target: 'logs/{file}.jsonl',
  columns: { event_id: '日志编号', ts: '发生时间', actor: '用户名', action: '动作', result: '处理结果', prev_hash: '上一哈希' },
  constants: { channel: 'platform' },
  values: {
    action: { map: { 下载: 'download', 批量导出: 'export' }, otherwise: 'warn' },
    result: { map: { 成功: 'success' }, otherwise: 'failure' },
  },
  times: { ts: { formats: ['YYYY年M月D日 H:mm:ss', 'epoch-ms'] } },
  chain: { algorithm: 'sm3', fields: ['prev_hash', '日志编号', '发生时间', '动作'], separator: '|' },
};
const row = (cells: Record<string, unknown>, extra = {}) => ({ cells, row: 7, columnsFixed: true, ...extra });

describe('a source row mapped into the bundle', () => {
  it('renames columns, names values, reads times, adds constants and keeps the chain\'s own strings', () => {
    const m = mapRow(log, row({ 日志编号: 'E1', 发生时间: '2026年3月1日 9:15:00', 用户名: ' u007 ', 动作: '批量导出', 处理结果: '成功', 上一哈希: 'ab' }), TZ);
    expect(m.problems).toEqual([]);
    expect(m.fields).toEqual({ channel: 'platform', event_id: 'E1', ts: '2026-03-01T09:15:00+08:00', actor: 'u007', action: 'export', result: 'success', prev_hash: 'ab' });
    expect(m.chainSource).toEqual({ 日志编号: 'E1', 发生时间: '2026年3月1日 9:15:00', 动作: '批量导出' });
  });

  it('reports an unmapped word (kept), uses otherwise for another, and keeps a time it cannot read as written', () => {
    const m = mapRow(log, row({ 日志编号: 'E2', 发生时间: '昨天', 用户名: 'u1', 动作: '打印', 处理结果: '超时', 上一哈希: '' }), TZ);
    expect(m.fields).toMatchObject({ ts: '昨天', action: '打印', result: 'failure' });
    expect(m.problems).toEqual([
      { field: 'ts', kind: 'bad-time', value: '昨天' },
      { field: 'action', kind: 'unmapped-value', value: '打印' },
    ]);
  });

  it('says a column the export lacks is missing; in JSON an absent member is only empty', () => {
    const csv = mapRow(log, row({ 日志编号: 'E3' }), TZ);
    expect(csv.problems.filter((p) => p.kind === 'missing-column').map((p) => p.value)).toEqual(['发生时间', '用户名', '动作', '处理结果', '上一哈希']);
    const json = mapRow({ ...log, columns: { event_id: 'id', actor: 'user.account' }, values: undefined, times: undefined }, { cells: { id: 'E4' }, row: 1 }, TZ);
    expect(json.problems).toEqual([]);
    expect(json.fields).toMatchObject({ event_id: 'E4', actor: '' });
  });

  it('takes the columns named as the bundle\'s fields when the mapping names none; lists become arrays in incidents.json', () => {
    const m = mapRow({ match: 'x', target: 'incidents.json' }, row({ id: 'INC-1', datasets: 'DS-1、DS-2;DS-3', other: 'x' }), TZ);
    expect(m.fields).toEqual({ id: 'INC-1', datasets: ['DS-1', 'DS-2', 'DS-3'] });
  });

  it('splits one export into logs by a column, and names a sheet\'s log after the sheet, safely', () => {
    const split = { ...log, split_by: { column: '系统', target: 'logs/{value}.jsonl' } };
    expect(mapRow(split, row({ 系统: '运营平台' }), TZ).target).toBe('logs/运营平台.jsonl');
    expect(mapRow(split, row({ 系统: '../x' }), TZ).target).toBe('logs/.._x.jsonl');
    expect(mapRow({ match: 'a.xlsx', target: 'logs/{sheet}.jsonl' }, row({}, { sheet: '日志/3月' }), TZ).target).toBe('logs/日志_3月.jsonl');
  });

  it('filters rows, matches paths and knows its targets', () => {
    const filters = [{ column: '用户名', not_in: ['test01'] }, { column: '系统', matches: '^运营' }];
    expect(keepsRow(filters, { 用户名: 'u1', 系统: '运营平台' })).toBe(true);
    expect(keepsRow(filters, { 用户名: 'test01', 系统: '运营平台' })).toBe(false);
    expect(keepsRow(filters, { 用户名: 'u1', 系统: '测试' })).toBe(false);
    expect(matchesGlob('审计日志/*.csv', '审计日志/2026-01.CSV')).toBe(true);
    expect(matchesGlob('审计日志/*.csv', '审计日志/旧/2026-01.csv')).toBe(false);
    expect(matchesGlob('**/*.csv', 'a/b/c.csv')).toBe(true);
    expect(cellAt({ user: { account: 'u1' } }, 'user.account')).toBe('u1');
    expect(['logs/a.jsonl', 'logs/{sheet}.jsonl', 'products.csv', 'incidents.json'].map(targetKind)).toEqual(['logs', 'logs', 'products.csv', 'incidents.json']);
    expect(['logs/a.csv', 'manifest.json', 'logs', '../products.csv'].map(targetKind)).toEqual([null, null, null, null]);
  });
});

describe('provenance', () => {
  const p: Provenance = {
    format: 'bundle-provenance/1', raw: 'raw', files: {
      'logs/a.jsonl': [{ lines: [1, 100], source: 'a.csv', row: 2 }, { lines: [101, 150], source: 'a.csv', row: 105 }],
      'products.csv': [{ lines: [2, 9], source: '导出.xlsx', sheet: '产品', row: 3 }],
    },
  };
  it('finds the export row of any imported line, and none for a line it did not write', () => {
    expect(sourceOf(p, 'logs/a.jsonl', 1)).toEqual({ file: 'a.csv', row: 2 });
    expect(sourceOf(p, 'logs/a.jsonl', 120)).toEqual({ file: 'a.csv', row: 124 });
    expect(sourceOf(p, 'logs/a.jsonl', 151)).toBeNull();
    expect(sourceOf(p, 'products.csv', 1)).toBeNull();
    expect(sourcePlaceText(sourceOf(p, 'products.csv', 4)!, 'zh')).toBe('原始导出：导出.xlsx（工作表 产品） 第 5 行');
    expect(sourcePlaceText(sourceOf(p, 'products.csv', 4)!, 'en')).toBe('Export: 导出.xlsx (sheet 产品), row 5');
  });
});
