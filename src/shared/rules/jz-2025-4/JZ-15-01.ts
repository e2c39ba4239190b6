import type { Row } from '../../bundle/types.js';
import { splitMulti } from '../../bundle/normalise.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { failRows, insufficient, requireTable } from './support.js';

/** 'developer+approver' → ['developer', 'approver']; entries with fewer than two roles are ignored. */
function combinationsOf(param: unknown): string[][] {
  const list = Array.isArray(param) ? param : [];
  return list
    .map((p) => String(p).split('+').map((r) => r.trim().toLowerCase()).filter((r) => r !== ''))
    .filter((roles) => roles.length >= 2);
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-15-01',
    article: 15,
    severity: 'high',
    title: '不相容岗位分离：同一账号不得兼任冲突角色',
    articleText: articleText(15),
    evidence: ['staff.csv: user_id, roles'],
    params: {
      conflicting_roles: {
        type: 'string[]',
        default: ['developer+approver', 'admin+auditor', 'operator+auditor'],
        source: '第十五条（岗位分离）；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》对系统管理员、审计管理员、安全管理员的分离要求',
        description: '不得由同一账号兼任的角色组合，每项以“+”连接两个（或更多）角色，账号同时持有一项中的全部角色即违规',
      },
    },
    notes: '角色比较忽略大小写与首尾空白；参数中少于两个角色的项不起作用。',
  },
  evaluate(ctx) {
    const table = ctx.records.staff;
    const missing = requireTable(table, ['user_id', 'roles']);
    if (missing) return missing;
    if (table.rows.length === 0) return insufficient('staff.csv 未登记任何账号，无法判断岗位分离。');
    const combos = combinationsOf(ctx.params.conflicting_roles);
    const bad: { row: Row; pairs: string[] }[] = [];
    for (const row of table.rows) {
      const roles = new Set(splitMulti(row.cells.roles).map((r) => r.toLowerCase()));
      const pairs = combos.filter((c) => c.every((r) => roles.has(r))).map((c) => c.join('+'));
      if (pairs.length) bad.push({ row, pairs });
    }
    const figures = { accounts: table.rows.length, conflicts: bad.map((b) => ({ user: b.row.id, roles: b.pairs })) };
    if (bad.length === 0) {
      return { status: 'pass', message: `${table.rows.length} 个账号均未兼任冲突角色（${combos.map((c) => c.join('+')).join('、') || '未设置冲突组合'}）。`, figures };
    }
    const listed = bad.slice(0, 10).map((b) => `${b.row.id}（${b.pairs.join('、')}）`).join('；');
    return failRows(ctx, bad.map((b) => b.row), `${table.rows.length} 个账号中有 ${bad.length} 个兼任冲突角色：${listed}${bad.length > 10 ? ' 等' : ''}。`, [], figures);
  },
};
