import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import type { TestBundle } from '../../engine/testing.js';
import { rule } from './JZ-19-01.js';

const H = 'id,type,title,version,approved_at,last_reviewed_at,reported_at,file';
const good: TestBundle = {
  platform: { security_planning: { planned: true, built: true, in_use: true } },
  operator: { id: 'OP-1', security_budget_cny: 1200000 },
  policies: `${H}\nP7,security_management,安全管理办法,1,2026-01-01,,,policies/sm.md`,
};

describe('JZ-19-01', () => {
  it('passes when security is planned, built and in use, funded, and managed by a policy', () => {
    const out = runRule(rule, good);
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ securityBudgetCny: 1200000, securityManagementPolicies: ['P7'] });
  });

  it('fails on each shortfall, pointing at the file that shows it', () => {
    const out = runRule(rule, {
      platform: { security_planning: { planned: true, built: false } },
      operator: { id: 'OP-1', security_budget_cny: 0 },
      policies: `${H}\nP1,data_management,数据管理,1,2026-01-01,,,policies/dm.md`,
    });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('同步建设、同步使用');
    expect(out.message).toContain('没有类型为“安全管理制度”的制度');
    expect(out.messageEn).toContain('3 shortfalls: security is not built together, used together');
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['platform.json', 'operator.json', 'policies.csv']);
    expect(out.figures).toMatchObject({ securityPlanning: { planned: true, built: false, in_use: false } });
  });

  it('fails on a breach even when another part lacks evidence', () => {
    const out = runRule(rule, { ...good, platform: undefined, operator: { id: 'OP-1', security_budget_cny: -1 } });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('platform.json');
    expect(out.messageEn).toContain('evidence is also missing: platform.json is missing or unreadable');
  });

  it('lacks evidence when a part is missing and nothing is breached', () => {
    expect(runRule(rule, { ...good, platform: { name: 'x' } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { ...good, operator: { id: 'OP-1' } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { ...good, policies: undefined }).status).toBe('insufficient_evidence');
  });
});
