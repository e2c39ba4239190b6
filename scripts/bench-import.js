#!/usr/bin/env node
// npm run bench (last part): `bundle import` of a platform's CSV logs (Chinese headers and
// words, times as 2026年3月1日 9:15:00, a SHA-256 chain over its own strings) beside `check`
// of the bundle it makes, each in its own process with its peak RSS. Not a test: figures go
// to the README.
//
//   node scripts/bench-import.js [--mb 1000] [--small-mb 250] [--keep DIR]

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const MEASURE = join(ROOT, 'test', 'hostile', 'measured-cli.js');
const { values } = parseArgs({ options: { mb: { type: 'string', default: '1000' }, 'small-mb': { type: 'string', default: '250' }, keep: { type: 'string' } } });

const ACTIONS = ['登录', '查询', '下载', '接口调用', '交付', '登出'];
const ACTION_MAP = { 登录: 'login', 查询: 'query', 下载: 'download', 接口调用: 'api_call', 交付: 'deliver', 登出: 'logout' };

/**
 * Writes about `mb` MB of CSV logs, a file per month, as a platform would export them.
 * @param {string} raw
 * @param {number} mb
 */
async function makeExport(raw, mb) {
  mkdirSync(join(raw, '审计日志'), { recursive: true });
  const perFile = Math.ceil((mb * 1e6) / 12);
  const base = Date.parse('2026-01-01T00:00:00+08:00');
  let n = 0;
  for (let month = 1; month <= 12; month++) {
    const out = createWriteStream(join(raw, '审计日志', `2026-${String(month).padStart(2, '0')}.csv`));
    let bytes = 0;
    let prev = '0'.repeat(64);
    const head = '日志编号,发生时间,用户名,单位,动作,对象类型,对象编号,数据条数,接收机构,通道,处理结果,上一哈希,哈希值\n';
    out.write(head);
    bytes += Buffer.byteLength(head);
    const start = Date.UTC(2026, month - 1, 1) - 8 * 3600_000;
    while (bytes < perFile) {
      const t = new Date(Math.max(base, start) + (n % 2_000_000) * 1000 + 8 * 3600_000);
      const ts = `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${t.getUTCHours()}:${String(t.getUTCMinutes()).padStart(2, '0')}:${String(t.getUTCSeconds()).padStart(2, '0')}`;
      const id = `E${String(n).padStart(10, '0')}`;
      const actor = `u${String(n % 97).padStart(3, '0')}`;
      const action = ACTIONS[n % ACTIONS.length];
      const resource = `DS-${n % 40}`;
      const hash = createHash('sha256').update([prev, id, ts, actor, action, resource, '成功'].join('|')).digest('hex');
      const line = `${id},${ts},${actor},91210700MA0JZ0001X,${action},数据集,${resource},${n % 5000},,平台,成功,${prev},${hash}\n`;
      prev = hash;
      n++;
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
  }
  const mapping = {
    format: 'bundle-mapping/1',
    manifest: { operator_id: '91210700MA0JZ0001X', period: { start: '2026-01-01', end: '2026-12-31' } },
    sources: [{
      match: '审计日志/*.csv', target: 'logs/{file}.jsonl',
      columns: { event_id: '日志编号', ts: '发生时间', actor: '用户名', actor_org: '单位', action: '动作', resource_type: '对象类型', resource: '对象编号', records: '数据条数', destination: '接收机构', channel: '通道', result: '处理结果', prev_hash: '上一哈希', hash: '哈希值' },
      values: { action: { map: ACTION_MAP }, resource_type: { map: { 数据集: 'dataset' } }, channel: { map: { 平台: 'platform' } }, result: { map: { 成功: 'success' } } },
      times: { ts: { formats: ['YYYY年M月D日 H:mm:ss'] } },
      chain: { algorithm: 'sha256', fields: ['prev_hash', '日志编号', '发生时间', '用户名', '动作', '对象编号', '处理结果'], separator: '|' },
    }],
  };
  writeFileSync(join(raw, '..', 'mapping.json'), JSON.stringify(mapping));
  return n;
}

/**
 * @param {string[]} args
 * @returns {{ seconds: number; peakRssMb: number; code: number | null }}
 */
function measured(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [MEASURE, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const rss = /\nmaxRSS (\d+)\n$/.exec(r.stderr);
  if (!rss || (r.status ?? 3) > 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return { seconds: (performance.now() - t0) / 1000, peakRssMb: Number(rss[1]) / 1024, code: r.status };
}

const work = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'cd-bench-import-'));
/** @type {string[]} */
const rows = [];
try {
  for (const mb of [Number(values['small-mb']), Number(values.mb)]) {
    const dir = join(work, `${mb}mb`);
    const raw = join(dir, 'raw');
    process.stderr.write(`generating ${mb} MB of CSV logs in ${raw} …\n`);
    const events = await makeExport(raw, mb);
    const bytes = [...Array(12).keys()].reduce((s, i) => s + statSync(join(raw, '审计日志', `2026-${String(i + 1).padStart(2, '0')}.csv`)).size, 0);
    process.stderr.write('  import …\n');
    const imp = measured(['bundle', 'import', raw, '--mapping', join(dir, 'mapping.json'), '--out', join(dir, 'bundle'), '--quiet']);
    process.stderr.write('  check …\n');
    const chk = measured(['check', join(dir, 'bundle'), '--out', join(dir, 'review'), '--format', 'json', '--quiet']);
    rows.push(`| ${(bytes / 1e6).toFixed(0)} MB (${events.toLocaleString('en')} rows) | ${imp.seconds.toFixed(2)} | ${imp.peakRssMb.toFixed(0)} | ${chk.seconds.toFixed(2)} | ${chk.peakRssMb.toFixed(0)} | ${(imp.seconds / chk.seconds).toFixed(2)}× |`);
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
process.stdout.write(`Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n`);
process.stdout.write('| CSV logs | import s | import peak RSS MB | check s | check peak RSS MB | import / check |\n| --- | ---: | ---: | ---: | ---: | ---: |\n');
process.stdout.write(rows.join('\n') + '\n');
