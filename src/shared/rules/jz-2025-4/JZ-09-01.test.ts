import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-09-01.js';

describe('JZ-09-01', () => {
  it('passes for the three allowed methods, also written in Chinese or upper case', () => {
    for (const m of ['public_tender', 'invited_tender', 'negotiation', '公开招标', '竞争性谈判', 'PUBLIC_TENDER']) {
      expect(runRule(rule, { agreement: { selection_method: m } }).status, m).toBe('pass');
    }
  });

  it('fails for any other method, pointing at agreement.json', () => {
    const out = runRule(rule, { agreement: { selection_method: 'single_source' } });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('单一来源');
    expect(out.messageEn).toContain('single source');
    expect(out.evidence?.items[0].file).toBe('agreement.json');
    expect(runRule(rule, { agreement: { selection_method: '直接指定' } }).status).toBe('fail');
  });

  it('lacks evidence without agreement.json or the method', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { agreement: { id: 'A' } }).status).toBe('insufficient_evidence');
  });
});
