// Header aliases, Chinese enum values, booleans and multi-values of bundle-v1.md.

import type { Action } from './types.js';
import { ACTIONS } from './types.js';

/** Canonical header for a trimmed, lower-cased header cell, per table. */
const COMMON_ALIASES: Record<string, string> = {
  编号: 'id', 名称: 'name',
};

export const TABLE_ALIASES: Record<string, Record<string, string>> = {
  datasets: {
    数据编号: 'id', 数据名称: 'name', 提供部门: 'provider', 分类分级: 'classification', 级别: 'classification',
    含个人信息: 'contains_personal_info',
  },
  products: {
    产品编号: 'id', 产品名称: 'name', 产品形态: 'type', 场景: 'scenario', 数据来源: 'source_datasets',
    开发主体: 'developer_org', 来源产品: 'derived_from', 创建时间: 'created_at', 合规审查时间: 'compliance_review_at',
    脱敏评估时间: 'anonymization_review_at', 首次交付时间: 'first_delivered_at', 状态: 'status', 价格公开: 'price_public',
    领域: 'domain',
  },
  logs: {
    事件编号: 'event_id', 日志编号: 'event_id', 时间: 'ts', 操作时间: 'ts', 操作人: 'actor', 用户: 'actor', 账号: 'actor',
    所属单位: 'actor_org', 单位: 'actor_org', 操作类型: 'action', 操作: 'action', 资源类型: 'resource_type', 资源: 'resource',
    资源编号: 'resource', 场景: 'scenario', 需求编号: 'request', 记录数: 'records', 接收方: 'destination', 渠道: 'channel',
    结果: 'result', 来源ip: 'src_ip', ip: 'src_ip', 前序哈希: 'prev_hash', 哈希: 'hash',
  },
};

export function canonicalHeader(table: string, header: string): string {
  const h = header.replace(/^\uFEFF/, '').trim().toLowerCase();
  return TABLE_ALIASES[table]?.[h] ?? COMMON_ALIASES[h] ?? h;
}

const ACTION_ZH: Record<string, Action> = {
  登录: 'login', 登出: 'logout', 查询: 'query', 下载: 'download', 导出: 'export', 接口调用: 'api_call',
  进入沙箱: 'sandbox_enter', 退出沙箱: 'sandbox_exit', 开发: 'develop', 模型训练: 'model_train',
  模型导出: 'model_export', 交付: 'deliver', 共享: 'share', 审批通过: 'approve', 审批驳回: 'reject',
  授权: 'grant_role', 撤销授权: 'revoke_role', 配置变更: 'config_change', 修改: 'modify', 删除: 'delete',
  日志删除: 'log_delete', 日志导出: 'log_export', 备份: 'backup',
};
const ACTION_SET = new Set<string>(ACTIONS);

/** Canonical action, or null when unknown. */
export function canonicalAction(value: string): Action | null {
  const v = value.trim();
  if (ACTION_SET.has(v)) return v as Action;
  const lower = v.toLowerCase();
  if (ACTION_SET.has(lower)) return lower as Action;
  return ACTION_ZH[v] ?? null;
}

// Values the spec names in English; Chinese equivalents are what operators' exports write.
const ENUM_ZH: Record<string, Record<string, string>> = {
  result: { 成功: 'success', 失败: 'failure', 拒绝: 'denied', 已拒绝: 'denied' },
  channel: { 平台: 'platform', 沙箱: 'sandbox', 接口: 'api', 线下: 'offline', 离线: 'offline' },
  resource_type: { 数据集: 'dataset', 数据: 'dataset', 产品: 'product', 模型: 'model', 需求: 'request', 系统: 'system', 日志: 'log' },
  classification: { 核心数据: 'core', 核心: 'core', 重要数据: 'important', 重要: 'important', 一般数据: 'general', 一般: 'general' },
  type: {
    数据组件: 'component', 数据模型: 'model', 数据核验: 'verification', 数据服务: 'service', 数据工具: 'tool', 数据报告: 'report',
  },
  status: { 开发中: 'developing', 已审批: 'approved', 已交付: 'delivered', 已下架: 'withdrawn', 正常: 'active', 暂停: 'suspended', 已暂停: 'suspended', 终止: 'terminated', 已终止: 'terminated' },
  review_result: { 通过: 'approved', 同意: 'approved', 驳回: 'rejected', 不通过: 'rejected', 待审核: 'pending', 审核中: 'pending' },
};

// Enum values repeat on every log line: remember each one's canonical form per column.
const enumCache = new Map<string, Map<string, string>>();

/** Canonical value of an enum column: trimmed, lower-cased ASCII, Chinese mapped. */
export function canonicalEnum(column: string, value: string): string {
  let cache = enumCache.get(column);
  if (!cache) enumCache.set(column, (cache = new Map()));
  let c = cache.get(value);
  if (c === undefined) {
    const v = value.trim();
    c = ENUM_ZH[column]?.[v] ?? (isAscii(v) ? v.toLowerCase() : v);
    if (cache.size < 1000) cache.set(value, c);
  }
  return c;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** true/false/null (empty) or undefined when the text is not a boolean. */
export function parseBool(value: string | undefined | null): boolean | null | undefined {
  if (value === undefined || value === null) return null;
  const v = String(value).trim().toLowerCase();
  if (v === '') return null;
  if (v === 'true' || v === 'yes' || v === '1' || v === '是' || v === 'y') return true;
  if (v === 'false' || v === 'no' || v === '0' || v === '否' || v === 'n') return false;
  return undefined;
}

/** Multi-valued cell: `;`, `；` or `|` separated, trimmed, empties dropped. */
export function splitMulti(value: string | undefined | null): string[] {
  if (!value) return [];
  return String(value).split(/[;；|]/).map((s) => s.trim()).filter((s) => s.length > 0);
}
