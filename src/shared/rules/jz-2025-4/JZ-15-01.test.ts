import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-15-01.js';

const staff = (...rows: string[]) => ['user_id,name,org,roles', ...rows].join('\n');

describe('JZ-15-01', () => {
  it('passes when no account holds a conflicting pair', () => {
    const out = runRule(rule, { staff: staff('u1,a,OP,developer;data_steward', 'u2,b,OP,approver', 'u3,c,OP,operator;developer', 'u4,d,OP,auditor') });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ accounts: 4, conflicts: [] });
  });

  it('fails on the default pairs, pointing at the accounts', () => {
    const out = runRule(rule, { staff: staff('u1,a,OP,developer;approver', 'u2,b,OP,developer', 'u3,c,OP,Auditor|admin', 'u4,d,OP,operator；auditor') });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['staff.csv', 2, 'u1'], ['staff.csv', 4, 'u3'], ['staff.csv', 5, 'u4']]);
    expect(out.figures).toMatchObject({ conflicts: [{ user: 'u1', roles: ['developer', 'approver'] }, { user: 'u3', roles: ['admin', 'auditor'] }, { user: 'u4', roles: ['operator', 'auditor'] }] });
    expect(out.message).toBe('4 个账号中有 3 个兼任冲突角色：u1（开发与审批）；u3（管理员与审计）；u4（运维与审计）。');
    expect(out.messageEn).toBe('3 of 4 accounts hold conflicting roles: u1 (developer and approver); u3 (administrator and auditor); u4 (operator and auditor).');
  });

  it('reads the pairs from the params', () => {
    const rows = staff('u1,a,OP,developer;approver', 'u2,b,OP,admin;security_officer');
    const out = runRule(rule, { staff: rows }, { conflicting_roles: ['admin+security_officer'] });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['u2']);
    expect(out.message).toContain('u2（管理员与数据安全责任人）');
  });

  it('lacks evidence without staff.csv, its roles, or any account', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { staff: 'user_id,name\nu1,a' }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { staff: staff() }).status).toBe('insufficient_evidence');
  });
});
