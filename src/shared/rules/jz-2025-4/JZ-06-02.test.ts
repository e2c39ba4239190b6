import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-06-02.js';

describe('JZ-06-02', () => {
  it('passes with all four functions', () => {
    const out = runRule(rule, { platform: { functions: ['supply_demand', 'case_showcase', 'policy_publicity', 'public_application', 'extra'] } });
    expect(out.status).toBe('pass');
  });

  it('fails and names the missing functions', () => {
    const out = runRule(rule, { platform: { functions: ['supply_demand', 'policy_publicity'] } });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('案例展示');
    expect(out.messageEn).toContain('case showcase');
    expect(out.message).toContain('公共应用');
    expect(out.figures).toEqual({ missing: ['case_showcase', 'public_application'] });
  });

  it('lacks evidence without platform.json or its functions', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: { name: 'x' } }).status).toBe('insufficient_evidence');
  });
});
