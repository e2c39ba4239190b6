// Raw exports made from a sample bundle as three kinds of platform would export it, for the
// import tests (the mappings that read them are written by hand in test/fixtures/import/):
//   xlsx     one workbook: a sheet per table, a sheet per month of logs with Chinese headers
//            and Chinese action and result words, times as text; chained with SHA-256.
//   gb18030  a folder of GB18030 CSV files with other Chinese headers, Chinese words for
//            actions, results, channels and resource types, times as 2026年3月1日 9:15:00;
//            logs chained with SM3.
//   jsonl    JSONL with nested members and times as epoch milliseconds; chained with SHA-256
//            over the nested members.
// Each platform chains its log over its own strings, as the sample's chain is: a link that is
// intact in the sample is intact in the export, a broken one stays broken, so JZ-07-03 must
// find the same breaks after import. Lines the sample holds that are no event are left out.

import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sm3 } from 'sm-crypto-v2';
import { parseCsv } from '../../src/shared/bundle/csv.js';
import { decodeWhole } from '../../src/shared/bundle/decode.js';
import { makeLogParser } from '../../src/shared/bundle/logs.js';
import type { LogEvent } from '../../src/shared/bundle/types.js';
import { sampleBundle, type SampleName } from '../fixtures.js';

export const SHAPES = ['xlsx', 'gb18030', 'jsonl'] as const;
export type Shape = (typeof SHAPES)[number];

const TZ_MS = 8 * 3_600_000;
const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const ACTION_ZH: Record<string, string> = {
  login: '登录', logout: '登出', query: '查询', download: '下载', export: '批量导出', api_call: '接口调用', sandbox_enter: '进入沙箱',
  sandbox_exit: '退出沙箱', develop: '开发', model_train: '模型训练', model_export: '模型导出', deliver: '交付', share: '共享',
  approve: '审批通过', reject: '审批驳回', grant_role: '授权', revoke_role: '撤销授权', config_change: '配置变更', modify: '修改',
  delete: '删除', log_delete: '日志删除', log_export: '日志导出', backup: '备份',
};
const RESULT_ZH: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };
const CHANNEL_ZH: Record<string, string> = { platform: '平台', sandbox: '沙箱', api: '接口', offline: '线下' };
const RESOURCE_ZH: Record<string, string> = { dataset: '数据集', product: '产品', model: '模型', request: '需求', system: '系统', log: '日志' };
const zh = (table: Record<string, string>, v: string) => table[v] ?? v;

/** Events of one sample log, in file order, with whether each link of the sample's chain holds. */
interface SampleLog {
  name: string;
  events: { ev: LogEvent; prevOk: boolean; hashOk: boolean }[];
}

function sampleLogs(bundle: string): SampleLog[] {
  const dir = join(bundle, 'logs');
  return readdirSync(dir).sort().map((file) => {
    const bytes = readFileSync(join(dir, file));
    const text = decodeWhole(file.endsWith('.gz') ? gunzipSync(bytes) : bytes).text;
    const events: LogEvent[] = [];
    const parser = makeLogParser(`logs/${file}`, 'Asia/Shanghai', (e) => events.push(e), () => {});
    parser.push(text);
    parser.end();
    let last: string | null = null;
    const checked = events.map((ev) => {
      const f = ev.rawFields;
      const prevOk = ev.prevHash === (last === null ? GENESIS : last);
      const hashOk = ev.hash !== null && ev.hash === sha256(`${ev.prevHash ?? ''}|${f.event_id}|${f.ts}|${f.actor}|${f.action}|${f.resource}|${f.result}`);
      last = ev.hash ?? '';
      return { ev, prevOk, hashOk };
    });
    return { name: file.replace(/\.gz$/, '').replace(/\.(jsonl|csv)$/, ''), events: checked };
  });
}

/**
 * Re-chains a log over the export's own strings: where the sample's link held, the new link
 * is computed by `hash` over `input(prev)`; where it did not, the sample's (now meaningless)
 * values stay, so the break stays.
 */
function rechain<T>(log: SampleLog, hash: (s: string) => string, input: (ev: LogEvent, prev: string) => string, row: (ev: LogEvent, prev: string, h: string) => T): T[] {
  let last = GENESIS;
  return log.events.map(({ ev, prevOk, hashOk }) => {
    const prev = prevOk ? last : (ev.prevHash ?? '');
    const h = ev.hash === null ? '' : hashOk ? hash(input(ev, prev)) : ev.hash;
    last = h;
    return row(ev, prev, h);
  });
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The event's time as Shanghai wall-clock parts; the text as written when it was no time. */
function wall(ev: LogEvent): Date | null {
  return Number.isFinite(ev.t) ? new Date(ev.t + TZ_MS) : null;
}
const isoText = (ev: LogEvent) => {
  const d = wall(ev);
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : ev.ts;
};
const cnText = (ev: LogEvent) => {
  const d = wall(ev);
  return d ? `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${d.getUTCHours()}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : ev.ts;
};

/** A sample table: its columns and rows as written. */
function table(bundle: string, file: string): { columns: string[]; rows: string[][] } {
  const { records } = parseCsv(decodeWhole(readFileSync(join(bundle, file))).text);
  return { columns: records[0]?.fields ?? [], rows: records.slice(1).map((r) => r.fields) };
}

const TABLES = ['datasets', 'products', 'scenarios', 'requests', 'partners', 'staff', 'policies', 'assessments', 'quality-issues'];
/** The Chinese names the GB18030 platform gives its tables' columns. */
const CSV_HEADERS: Record<string, string> = {
  id: '编号', name: '名称', provider: '提供部门', classification: '分类分级', contains_personal_info: '含个人信息', type: '类型',
  scenario: '场景', source_datasets: '数据来源', developer_org: '开发主体', derived_from: '来源产品', created_at: '创建时间',
  compliance_review_at: '合规审查时间', anonymization_review_at: '脱敏评估时间', first_delivered_at: '首次交付时间', status: '状态',
  price_public: '价格公开', domain: '领域', authority_approved_at: '主管部门同意时间', provider_approved_at: '提供单位同意时间',
  provider_depts: '提供单位', requester: '申请人', datasets: '数据集', submitted_at: '提交时间', recorded_at: '登记时间',
  reviewed_at: '审核时间', reviewer: '审核人', review_result: '审核结果', feedback_at: '反馈时间', contract_start: '合同起始',
  contract_end: '合同终止', violation_found_at: '发现违规时间', suspended_at: '暂停时间', user_id: '用户编号', org: '所属单位',
  roles: '角色', title: '标题', version: '版本', approved_at: '批准时间', last_reviewed_at: '最近评审时间', reported_at: '报送时间',
  file: '文件', date: '日期', result: '结论', report_file: '报告文件', dataset: '数据集编号', detected_at: '发现时间',
  description: '描述', resolved_at: '解决时间',
};

/** The JSON documents and policies every platform hands over as they are. */
function copyDocuments(bundle: string, docs: string): void {
  mkdirSync(docs, { recursive: true });
  for (const f of ['operator.json', 'agreement.json', 'platform.json', 'evaluations.json']) cpSync(join(bundle, f), join(docs, f));
  cpSync(join(bundle, 'policies'), join(docs, 'policies'), { recursive: true });
}

interface Incident { id: string; type: string; grade: string; detected_at?: string; plan_activated_at?: string; reported_at?: string; closed_at?: string; datasets?: string[]; summary?: string }

/** Writes the raw export of `sample` in `shape` under `dir`; returns its folder. */
export async function makeRawExport(sample: SampleName, shape: Shape, dir: string): Promise<string> {
  const bundle = sampleBundle(sample);
  const raw = join(dir, `${sample}-${shape}`);
  mkdirSync(raw, { recursive: true });
  copyDocuments(bundle, join(raw, 'docs'));
  const logs = sampleLogs(bundle);
  const incidents = JSON.parse(readFileSync(join(bundle, 'incidents.json'), 'utf8')) as Incident[];
  const incidentColumns = ['id', 'type', 'grade', 'detected_at', 'plan_activated_at', 'reported_at', 'closed_at', 'datasets', 'summary'] as const;
  const incidentRow = (i: Incident) => incidentColumns.map((c) => (c === 'datasets' ? (i.datasets ?? []).join('、') : String(i[c] ?? '')));

  if (shape === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    for (const t of TABLES) {
      const { columns, rows } = table(bundle, `${t}.csv`);
      const ws = wb.addWorksheet(t);
      ws.addRow(columns);
      for (const r of rows) ws.addRow(r);
    }
    const inc = wb.addWorksheet('安全事件');
    inc.addRow(['事件编号', '事件类型', '事件等级', '发现时间', '启动预案时间', '报告时间', '处置完成时间', '涉及数据集', '事件概要']);
    for (const i of incidents) inc.addRow(incidentRow(i));
    for (const log of logs) {
      const ws = wb.addWorksheet(`日志-${log.name}`);
      ws.addRow(['事件编号', '操作时间', '操作账号', '所属机构', '操作类型', '资源类型', '数据资源编号', '场景', '需求编号', '记录数', '接收单位', '访问渠道', '执行结果', '来源IP', '前序哈希', '本条哈希']);
      const rows = rechain(log, sha256,
        (ev, prev) => [prev, ev.eventId, isoText(ev), ev.actor, zh(ACTION_ZH, ev.action), ev.resource, zh(RESULT_ZH, ev.result)].join('|'),
        (ev, prev, h) => [ev.eventId, isoText(ev), ev.actor, ev.actorOrg, zh(ACTION_ZH, ev.action), ev.resourceType, ev.resource, ev.scenario, ev.request,
          ev.records === null ? '' : String(ev.records), ev.destination, ev.channel, zh(RESULT_ZH, ev.result), ev.srcIp, ev.prevHash === null ? '' : prev, h]);
      for (const r of rows) ws.addRow(r);
    }
    await wb.xlsx.writeFile(join(raw, '运营平台导出.xlsx'));
  } else if (shape === 'gb18030') {
    const gb = (path: string, rows: string[][]) => {
      const csv = rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
      writeFileSync(path, iconv.encode(csv, 'gb18030'));
    };
    mkdirSync(join(raw, '表'), { recursive: true });
    mkdirSync(join(raw, '审计日志'), { recursive: true });
    for (const t of TABLES) {
      const { columns, rows } = table(bundle, `${t}.csv`);
      gb(join(raw, '表', `${t}.csv`), [columns.map((c) => CSV_HEADERS[c] ?? c), ...rows]);
    }
    gb(join(raw, '表', '安全事件.csv'), [['编号', '类型', '等级', '发现时间', '启动预案时间', '报告时间', '处置完成时间', '涉及数据集', '概要'], ...incidents.map(incidentRow)]);
    for (const log of logs) {
      const rows = rechain(log, (s) => sm3(s),
        (ev, prev) => [prev, ev.eventId, cnText(ev), ev.actor, zh(ACTION_ZH, ev.action), ev.resource, zh(RESULT_ZH, ev.result)].join('|'),
        (ev, prev, h) => [ev.eventId, cnText(ev), ev.actor, ev.actorOrg, zh(ACTION_ZH, ev.action), zh(RESOURCE_ZH, ev.resourceType), ev.resource, ev.scenario,
          ev.request, ev.records === null ? '' : String(ev.records), ev.destination, zh(CHANNEL_ZH, ev.channel), zh(RESULT_ZH, ev.result), ev.srcIp,
          ev.prevHash === null ? '' : prev, h]);
      gb(join(raw, '审计日志', `${log.name}.csv`), [['日志编号', '发生时间', '用户名', '单位', '动作', '对象类型', '对象编号', '应用场景', '申请编号', '数据条数', '接收机构', '通道', '处理结果', '源IP', '上一哈希', '哈希值'], ...rows]);
    }
  } else {
    mkdirSync(join(raw, 'export', 'logs'), { recursive: true });
    for (const t of TABLES) {
      const { columns, rows } = table(bundle, `${t}.csv`);
      writeFileSync(join(raw, 'export', `${t}.jsonl`), rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ''])))).join('\n') + '\n');
    }
    const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : null);
    writeFileSync(join(raw, 'export', 'incidents.jsonl'), incidents.map((i) => JSON.stringify({
      id: i.id, kind: i.type, grade: i.grade, datasets: (i.datasets ?? []).join(';'), summary: i.summary ?? '',
      times: { detected: ms(i.detected_at), plan: ms(i.plan_activated_at), reported: ms(i.reported_at), closed: ms(i.closed_at) },
    })).join('\n') + '\n');
    for (const log of logs) {
      const time = (ev: LogEvent) => (Number.isFinite(ev.t) ? ev.t : ev.ts);
      const lines = rechain(log, sha256,
        (ev, prev) => [prev, ev.eventId, String(time(ev)), ev.actor, ev.action, ev.resource, ev.result].join('|'),
        (ev, prev, h) => JSON.stringify({
          id: ev.eventId, time: time(ev), user: { account: ev.actor, org: ev.actorOrg },
          op: { type: ev.action, channel: ev.channel, result: ev.result },
          target: { type: ev.resourceType, id: ev.resource, scenario: ev.scenario, request: ev.request, receiver: ev.destination },
          rows: ev.records, ip: ev.srcIp, chain: ev.prevHash === null && !h ? {} : { prev: ev.prevHash === null ? '' : prev, hash: h },
        }));
      writeFileSync(join(raw, 'export', 'logs', `${log.name}.jsonl`), lines.join('\n') + '\n');
    }
  }
  return raw;
}
