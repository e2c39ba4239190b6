import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import type { TestBundle } from '../../engine/testing.js';
import { rule } from './JZ-17-02.js';

const H = 'id,type,title,version,approved_at,last_reviewed_at,reported_at,file';
const full: TestBundle = {
  agreement: { id: 'A1', start: '2026-01-01', end: '2030-12-31' },
  policies: `${H}\nP5,record_keeping,记录保存制度,1,2026-01-01,,,policies/rk.md`,
  policyTexts: { 'policies/rk.md': '记录保存' },
  logs: { 'logs/a.jsonl': [] },
};

describe('JZ-17-02', () => {
  it('passes with a record-keeping policy, the agreement, a policy document and a log file', () => {
    const out = runRule(rule, full);
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ recordKeepingPolicies: ['P5'], logFiles: 1, missing: [] });
  });

  it('fails when the record-keeping policy is not listed', () => {
    const out = runRule(rule, { ...full, policies: `${H}\nP1,data_management,数据管理,1,2026-01-01,,,policies/rk.md` });
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ missing: ['record_keeping_policy'] });
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['policies.csv']);
    expect(out.message).toBe('记录保存不完整，共 1 项：policies.csv 中没有类型为“记录留存制度”的制度。');
    expect(out.messageEn).toBe('Records are incomplete, 1 item: policies.csv lists no policy of type “record-keeping policy”.');
  });

  it('fails, listing each, when the agreement, policy documents and logs are missing', () => {
    const out = runRule(rule, { policies: full.policies, policyTexts: { 'policies/rk.md': null } });
    expect(out.status).toBe('fail');
    expect(out.figures).toMatchObject({ missing: ['agreement.json', 'policy_document', 'log_file'] });
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['agreement.json', 'policies/', 'logs/']);
    expect(out.message).toContain('共 3 项');
    expect(out.message).toContain('缺少授权运营协议（agreement.json）');
    expect(out.messageEn).toBe('Records are incomplete, 3 items: the operation agreement (agreement.json) is missing; policies/ holds no policy document; logs/ holds no operation log file.');
  });

  it('fails rather than lacking evidence when the bundle holds nothing at all', () => {
    const out = runRule(rule, {});
    expect(out.status).toBe('fail');
    expect(out.evidence?.count).toBe(4);
  });
});
