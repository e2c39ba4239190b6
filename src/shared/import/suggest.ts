// A mapping proposed from what an export shows: its column names (Chinese and English
// synonyms of each bundle field), a sample of its values (words of actions, results,
// channels… named as the bundle names them) and its times (the formats that read every
// sampled value). Every guess it is not sure of, and every value it could not name, is
// listed in `unsure`, so the operator checks exactly those.

import { canonicalAction, canonicalEnum, TABLE_ALIASES } from '../bundle/normalise.js';
import { ACTIONS } from '../bundle/types.js';
import type { Mapping, SourceSpec, TimeSpec, ValueMap } from './mapping.js';
import { TARGET_FIELDS } from './mapping.js';
import { readTime } from './times.js';

/** What a source looks like: its column names and up to a few hundred values of each. */
export interface SourceSample {
  file: string;
  sheet?: string;
  columns: string[];
  values: Record<string, string[]>;
  /** Distinct values of each column over more rows than `values` (a word rare in the first rows still shows). */
  distinct?: Record<string, string[]>;
}

/** A guess to check: which source, and what about it. */
export interface UnsureItem {
  /** The source file, with its sheet: 导出.xlsx（日志）. */
  where: string;
  kind: 'target' | 'column' | 'unused-column' | 'time' | 'value';
  field?: string;
  column?: string;
  value?: string;
  /** For a target: the one guessed. */
  target?: string;
}

export interface Suggestion {
  mapping: Mapping;
  /** Every guess it is unsure of and every column or value it could not place. */
  unsure: UnsureItem[];
}

/** An unsure item in Chinese; `label` names a field (the key itself on the command line, its Chinese name in the workbench). */
export function unsureText(u: UnsureItem, label: (field: string) => string = (f) => f): string {
  const f = u.field ? label(u.field) : '';
  switch (u.kind) {
    case 'target': return `${u.where}：不确定对应哪个证据包文件，暂定 ${u.target === 'logs' ? '日志' : u.target}`;
    case 'column': return `${u.where}：${f} ← ${u.column}（猜测）`;
    case 'unused-column': return `${u.where}：列 ${u.column} 没有对应的字段，未导入`;
    case 'time': return `${u.where}：${f} 的时间格式无法从样本判断`;
    case 'value': return `${u.where}：${f} 的值 “${u.value}” 不知对应哪个取值`;
  }
}

const norm = (s: string) => s.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_\-（）()]/g, '');

/** Names a column of each field goes by, besides the field's own name and bundle-v1's aliases. */
const SYNONYMS: Record<string, string[]> = {
  event_id: ['事件编号', '日志编号', '日志id', '流水号', '记录编号', 'logid', 'eventid', 'id'],
  ts: ['时间', '操作时间', '发生时间', '记录时间', '日志时间', 'timestamp', 'time', 'datetime'],
  actor: ['操作人', '操作账号', '账号', '用户', '用户名', '操作员', '登录账号', 'user', 'account', 'username'],
  actor_org: ['所属单位', '所属机构', '单位', '机构', '操作单位', 'org', 'organization', 'orgid'],
  action: ['操作类型', '操作', '动作', '行为', '事件类型', 'operation', 'op', 'type'],
  resource_type: ['资源类型', '对象类型', 'resourcetype', 'objecttype'],
  resource: ['资源', '资源编号', '数据资源编号', '对象编号', '对象', 'resourceid', 'object'],
  scenario: ['场景', '场景编号', '应用场景', 'scene'],
  request: ['需求编号', '申请编号', 'requestid'],
  records: ['记录数', '数据量', '条数', '数据条数', 'rows', 'count'],
  destination: ['接收方', '接收单位', '接收机构', '目标单位', 'receiver', 'target'],
  channel: ['渠道', '访问渠道', '通道', '访问方式', 'via'],
  result: ['结果', '执行结果', '操作结果', '处理结果', 'status', 'outcome'],
  src_ip: ['来源ip', 'ip', '源ip', 'ip地址', '客户端ip', 'clientip', 'sourceip'],
  prev_hash: ['前序哈希', '上一哈希', '上条哈希', 'prevhash', 'previoushash'],
  hash: ['哈希', '哈希值', '本条哈希', 'hashvalue', 'digest'],
  id: ['编号', 'id'],
  name: ['名称', 'name'],
  detected_at: ['发现时间'], reported_at: ['报告时间', '上报时间'], closed_at: ['处置完成时间', '关闭时间'],
  plan_activated_at: ['启动预案时间', '预案启动时间'], grade: ['事件等级', '等级', '级别'], summary: ['概要', '摘要', '事件概要'],
  datasets: ['数据集', '涉及数据集', '数据集编号', '使用数据集'], user_id: ['账号', '用户编号', '用户id', '工号'], org: ['单位', '所属单位', '所属机构'], roles: ['角色', '岗位角色'],
  type: ['类型', '类别', '种类', '产品形态', '制度类型', '活动类型', '事件类型'], title: ['标题', '名称', '制度名称'], version: ['版本', '版本号'],
  approved_at: ['批准时间', '审批时间', '发布时间'], last_reviewed_at: ['最近评审时间', '最近修订时间', '复审时间'], file: ['文件', '附件', '文件路径'],
  date: ['日期', '开展日期', '完成日期'], report_file: ['报告文件', '报告附件'], dataset: ['数据集编号', '数据集', '数据编号'],
  description: ['描述', '问题描述', '说明'], resolved_at: ['解决时间', '整改完成时间', '关闭时间'],
  requester: ['申请人', '申请部门', '提出人'], submitted_at: ['提交时间', '申请时间'], recorded_at: ['登记时间', '记录时间', '备案时间'],
  reviewed_at: ['审核时间', '审查时间'], reviewer: ['审核人', '审查人'], review_result: ['审核结果', '审查结果', '审核结论'], feedback_at: ['反馈时间', '回复时间'],
  contract_start: ['合同起始', '合同开始', '签约日期', '合作开始'], contract_end: ['合同终止', '合同结束', '合同到期', '合作结束'],
  violation_found_at: ['发现违规时间', '违规发现时间'], suspended_at: ['暂停时间', '暂停合作时间'],
  authority_approved_at: ['主管部门同意时间', '数据主管部门同意时间', '主管部门审批时间'], provider_approved_at: ['提供单位同意时间', '数据提供单位同意时间'],
  provider_depts: ['提供单位', '数据提供单位', '提供部门'], status: ['状态', '当前状态'],
};

/** Fields whose values are words the bundle names (the rest are copied as written). */
const ENUM_VALUES: Record<string, readonly string[]> = {
  action: ACTIONS,
  result: ['success', 'failure', 'denied'],
  channel: ['platform', 'sandbox', 'api', 'offline'],
  resource_type: ['dataset', 'product', 'model', 'request', 'system', 'log'],
};

/** Words platforms use that bundle-v1's Chinese names do not list. */
const EXTRA_WORDS: Record<string, Record<string, string>> = {
  action: { 批量导出: 'export', 批量下载: 'download', 数据下载: 'download', 数据导出: 'export', 调用接口: 'api_call', 接口访问: 'api_call', 登入: 'login', 退出: 'logout', 退出登录: 'logout', 数据交付: 'deliver', 数据共享: 'share', 删除日志: 'log_delete' },
  result: { 被拒绝: 'denied', 无权限: 'denied', 拒绝访问: 'denied', 成功完成: 'success', 异常: 'failure', 出错: 'failure' },
  channel: { 统一平台: 'platform', 运营平台: 'platform', 隔离沙箱: 'sandbox', 沙盒: 'sandbox', api接口: 'api', 接口服务: 'api', 线下交付: 'offline' },
  resource_type: { 数据资源: 'dataset', 数据产品: 'product', 算法模型: 'model', 开发需求: 'request', 平台: 'system' },
};

/** The formats tried on every time column, most specific first. */
const TIME_FORMATS = [
  'iso', 'YYYY-MM-DD HH:mm:ss', 'YYYY/M/D H:mm:ss', 'YYYY/M/D H:mm', 'YYYY年M月D日 H:mm:ss', 'YYYY年M月D日 H时m分s秒', 'YYYY年M月D日 H:mm',
  'YYYY-MM-DDTHH:mm:ss.SSSZ', 'YYYYMMDDHHmmss', 'YYYY年M月D日', 'YYYY/M/D', 'epoch-ms', 'epoch-s', 'excel-serial',
];

const TIME_FIELD = /(^ts$|_at$|^date$|^contract_(start|end)$)/;

/** The bundle value a source word stands for, or null when it names none. */
function named(field: string, word: string): string | null {
  const w = word.trim();
  if (field === 'action') return canonicalAction(w) ?? EXTRA_WORDS.action[w] ?? null;
  const allowed = ENUM_VALUES[field];
  if (!allowed) return w;
  const c = canonicalEnum(field, w);
  if (allowed.includes(c)) return c;
  return EXTRA_WORDS[field]?.[w] ?? EXTRA_WORDS[field]?.[w.toLowerCase()] ?? null;
}

/** How sure a column is for a field: 2 its name or a listed synonym, 1 a name holding one, 0 none. */
function columnScore(kind: string, field: string, column: string): number {
  const c = norm(column);
  // A nested member is named by its last part (user.account → account).
  const leaf = norm(column.split('.').pop() ?? column);
  const names = [field, ...(SYNONYMS[field] ?? []), ...Object.entries(TABLE_ALIASES[kind === 'logs' ? 'logs' : kind.replace(/\.(csv|json)$/, '')] ?? {}).filter(([, f]) => f === field).map(([a]) => a)].map(norm);
  if (names.includes(c) || names.includes(leaf)) return 2;
  if (names.some((n) => n.length >= 2 && c.includes(n))) return 1;
  return 0;
}

/** The target a source most likely feeds, by how many of its columns name that target's fields. */
function targetOf(sample: SourceSample): { kind: string; score: number } {
  let best = { kind: 'logs', score: -1 };
  for (const kind of Object.keys(TARGET_FIELDS)) {
    const score = TARGET_FIELDS[kind].reduce((s, f) => s + (sample.columns.some((c) => columnScore(kind, f, c) === 2) ? 1 : 0), 0) / TARGET_FIELDS[kind].length;
    if (score > best.score) best = { kind, score };
  }
  return best;
}

/** The fewest formats that read every sampled value, or null when none does for some value. */
function timeFormats(values: string[], timezone: string): string[] | null {
  const left = values.filter((v) => v.trim() !== '');
  if (!left.length) return null;
  const chosen: string[] = [];
  let rest = left;
  while (rest.length) {
    let bestFormat: string | null = null;
    let bestRead = 0;
    for (const f of TIME_FORMATS) {
      const n = rest.filter((v) => readTime(v, f, timezone) !== null).length;
      if (n > bestRead) [bestFormat, bestRead] = [f, n];
    }
    if (!bestFormat) return null;
    chosen.push(bestFormat);
    rest = rest.filter((v) => readTime(v, bestFormat!, timezone) === null);
  }
  return chosen;
}

/** The file name a log target takes from its source: 审计日志-2026.csv → logs/审计日志-2026.jsonl. */
function logTarget(sample: SourceSample): string {
  const base = (sample.sheet ?? sample.file.split('/').pop() ?? 'log').replace(/\.(gz)$/i, '').replace(/\.[^.]+$/, '');
  return `logs/${base.replace(/[\\/:*?"<>|\s]+/g, '_') || 'log'}.jsonl`;
}

export function suggestMapping(samples: readonly SourceSample[], timezone = 'Asia/Shanghai'): Suggestion {
  const unsure: UnsureItem[] = [];
  const sources: SourceSpec[] = [];
  for (const sample of samples) {
    const where = `${sample.file}${sample.sheet ? `（${sample.sheet}）` : ''}`;
    const { kind, score } = targetOf(sample);
    if (score < 0.3) unsure.push({ where, kind: 'target', target: kind });
    const columns: Record<string, string> = {};
    const used = new Set<string>();
    for (const field of TARGET_FIELDS[kind]) {
      let best: { column: string; score: number } | null = null;
      for (const c of sample.columns) {
        if (used.has(c)) continue;
        const s = columnScore(kind, field, c);
        if (s > (best?.score ?? 0)) best = { column: c, score: s };
      }
      if (!best) continue;
      columns[field] = best.column;
      used.add(best.column);
      if (best.score < 2) unsure.push({ where, kind: 'column', field, column: best.column });
    }
    for (const c of sample.columns) if (!used.has(c)) unsure.push({ where, kind: 'unused-column', column: c });
    const values: Record<string, ValueMap> = {};
    const times: Record<string, TimeSpec> = {};
    for (const [field, column] of Object.entries(columns)) {
      const seen = [...new Set((sample.values[column] ?? []).map((v) => v.trim()).filter(Boolean))];
      const words = [...new Set([...seen, ...(sample.distinct?.[column] ?? []).map((v) => v.trim()).filter(Boolean)])];
      if (TIME_FIELD.test(field)) {
        const formats = timeFormats(seen, timezone);
        if (formats) times[field] = { formats };
        else unsure.push({ where, kind: 'time', field });
      } else if (kind === 'logs' && ENUM_VALUES[field]) {
        const map: Record<string, string> = {};
        for (const w of words) {
          const v = named(field, w);
          if (v === null) unsure.push({ where, kind: 'value', field, value: w });
          else if (v !== w) map[w] = v;
        }
        if (Object.keys(map).length || words.some((w) => named(field, w) === null)) values[field] = { map, otherwise: 'warn' };
      }
    }
    const spec: SourceSpec = {
      match: sample.file,
      ...(sample.sheet ? { sheet: sample.sheet } : {}),
      target: kind === 'logs' ? logTarget(sample) : kind,
      columns,
      ...(Object.keys(values).length ? { values } : {}),
      ...(Object.keys(times).length ? { times } : {}),
    };
    sources.push(spec);
  }
  return { mapping: { format: 'bundle-mapping/1', timezone, sources }, unsure };
}
