import type { Row } from '../../bundle/types.js';
import { splitMulti } from '../../bundle/normalise.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf, type Lang, type Words } from '../../names.js';
import { article } from './articles.js';
import { failRows, insufficient, requireTable } from './support.js';

const ACCOUNTS: Words = { zh: '个', en: 'accounts' };

/** 'developer+approver' → ['developer', 'approver']; entries with fewer than two roles are ignored. */
function combinationsOf(param: unknown): string[][] {
  const list = Array.isArray(param) ? param : [];
  return list
    .map((p) => String(p).split('+').map((r) => r.trim().toLowerCase()).filter((r) => r !== ''))
    .filter((roles) => roles.length >= 2);
}

/** ['developer', 'approver'] → 开发与审批 / developer and approver. */
function comboName(roles: string[], lang: Lang): string {
  const names = roles.map((r) => nameOf('role', r, lang));
  return lang === 'zh' ? names.join('与') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-15-01',
    article: 15,
    severity: 'high',
    title: '不相容岗位分离：同一账号不得兼任冲突角色',
    titleEn: 'Segregation of duties: no account holds conflicting roles',
    ...article(15),
    evidence: ['staff.csv：账号、角色'],
    params: {
      conflicting_roles: {
        type: 'string[]',
        default: ['developer+approver', 'admin+auditor', 'operator+auditor'],
        source: '第十五条（岗位分离）；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》对系统管理员、审计管理员、安全管理员的分离要求',
        description: '不得由同一账号兼任的角色组合，每项以“+”连接两个或更多角色，账号同时持有一项中的全部角色即违规',
        label: { zh: '冲突角色组合', en: 'Conflicting role combinations' },
        keys: 'role',
      },
    },
    notes: '角色比较忽略大小写与首尾空白；参数中少于两个角色的项不起作用。',
    figures: {
      accounts: { kind: 'count', unit: ACCOUNTS, label: { zh: '账号', en: 'Accounts' } },
      conflicts: {
        kind: 'table',
        label: { zh: '兼任冲突角色的账号', en: 'Accounts holding conflicting roles' },
        columns: {
          user: { kind: 'text', label: { zh: '账号', en: 'Account' } },
          roles: { kind: 'list', of: { kind: 'enum', names: 'role' }, label: { zh: '冲突角色组合', en: 'Conflicting roles' } },
        },
      },
    },
  },
  evaluate(ctx) {
    const table = ctx.records.staff;
    const missing = requireTable(table, ['user_id', 'roles']);
    if (missing) return missing;
    if (table.rows.length === 0) {
      return insufficient('staff.csv 未登记任何账号，无法判断岗位分离。', 'staff.csv registers no account; segregation of duties cannot be decided.');
    }
    const combos = combinationsOf(ctx.params.conflicting_roles);
    const bad: { row: Row; combos: string[][] }[] = [];
    for (const row of table.rows) {
      const roles = new Set(splitMulti(row.cells.roles).map((r) => r.toLowerCase()));
      const held = combos.filter((c) => c.every((r) => roles.has(r)));
      if (held.length) bad.push({ row, combos: held });
    }
    // One row per account and combination it holds.
    const figures = { accounts: table.rows.length, conflicts: bad.flatMap((b) => b.combos.map((roles) => ({ user: b.row.id, roles }))) };
    const n = table.rows.length;
    if (bad.length === 0) {
      return {
        status: 'pass',
        message: `${n} 个账号均未兼任冲突角色（${combos.map((c) => comboName(c, 'zh')).join('、') || '未设置冲突组合'}）。`,
        messageEn: `${n === 1 ? 'The 1 account holds no' : `None of the ${n} accounts holds`} conflicting roles (${combos.map((c) => comboName(c, 'en')).join('; ') || 'no combination set'}).`,
        figures,
      };
    }
    const shown = bad.slice(0, 10);
    const more = bad.length > 10;
    return failRows(
      ctx,
      bad.map((b) => b.row),
      `${n} 个账号中有 ${bad.length} 个兼任冲突角色：${shown.map((b) => `${b.row.id}（${b.combos.map((c) => comboName(c, 'zh')).join('、')}）`).join('；')}${more ? ' 等' : ''}。`,
      `${bad.length} of ${n} account${n === 1 ? '' : 's'} hold${bad.length === 1 ? 's' : ''} conflicting roles: ${shown.map((b) => `${b.row.id} (${b.combos.map((c) => comboName(c, 'en')).join('; ')})`).join('; ')}${more ? ' and more' : ''}.`,
      [],
      figures,
    );
  },
};
