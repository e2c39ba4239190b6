import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-18-02.js';

const H = 'id,type,title,version,approved_at,last_reviewed_at,reported_at,file';

describe('JZ-18-02', () => {
  it('passes when a security-responsibility policy is listed', () => {
    const out = runRule(rule, { policies: `${H}\nP6,security_responsibility,数据安全责任制,1,2026-01-01,,,policies/sr.md` });
    expect(out.status).toBe('pass');
    expect(out.figures).toEqual({ policies: ['P6'] });
  });

  it('fails when it is not', () => {
    const out = runRule(rule, { policies: `${H}\nP7,security_management,安全管理,1,2026-01-01,,,policies/sm.md` });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('policies.csv 中没有类型为“数据安全责任制度”的制度');
    expect(out.messageEn).toContain('no policy of type “security responsibility policy”');
    expect(out.evidence?.items.map((i) => i.file)).toEqual(['policies.csv']);
  });

  it('lacks evidence without policies.csv', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
