import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-07-01.js';

const ALL = [
  'data_sandbox', 'privacy_computing', 'identity_authentication', 'access_control', 'security_audit',
  'authorization_management', 'process_traceability', 'data_mutual_trust',
];

describe('JZ-07-01', () => {
  it('passes with all eight capabilities (extra ones ignored)', () => {
    expect(runRule(rule, { platform: { capabilities: [...ALL, 'blockchain'] } }).status).toBe('pass');
  });

  it('fails and names the missing capabilities, pointing at platform.json', () => {
    const out = runRule(rule, { platform: { capabilities: ALL.filter((c) => c !== 'privacy_computing' && c !== 'data_mutual_trust') } });
    expect(out.status).toBe('fail');
    expect(out.figures).toEqual({ missing: ['privacy_computing', 'data_mutual_trust'] });
    expect(out.message).toContain('隐私计算');
    expect(out.message).toContain('2 项');
    expect(out.evidence?.items[0].file).toBe('platform.json');
  });

  it('lacks evidence without platform.json or its capabilities', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: { functions: [] } }).status).toBe('insufficient_evidence');
  });
});
