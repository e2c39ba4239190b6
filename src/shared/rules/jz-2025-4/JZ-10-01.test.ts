import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-10-01.js';

const operator = (business_status: unknown, credit: object | undefined) => ({ operator: { id: 'OP', business_status, credit } });

describe('JZ-10-01', () => {
  it('passes for a normal operator in good standing', () => {
    expect(runRule(rule, operator('normal', { status: 'good', dishonest_list: false })).status).toBe('pass');
    expect(runRule(rule, operator('存续', { status: '良好', dishonest_list: '否' })).status).toBe('pass');
  });

  it('fails on poor credit, pointing at operator.json', () => {
    const out = runRule(rule, operator('normal', { status: 'poor', dishonest_list: false }));
    expect(out.status).toBe('fail');
    expect(out.message).toContain('较差');
    expect(out.evidence?.items[0].file).toBe('operator.json');
  });

  it('fails on an abnormal business status or a dishonest listing, naming each', () => {
    const out = runRule(rule, operator('abnormal', { status: 'good', dishonest_list: true }));
    expect(out.status).toBe('fail');
    expect(out.message).toContain('经营异常');
    expect(out.message).toContain('失信名单');
    // A breach decides even when another field is missing.
    expect(runRule(rule, operator('revoked', undefined)).status).toBe('fail');
  });

  it('lacks evidence when a field is missing or unreadable and nothing breaches', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, operator('normal', { status: 'good' })).status).toBe('insufficient_evidence');
    expect(runRule(rule, operator('normal', { status: 'good', dishonest_list: 'unknown' })).status).toBe('insufficient_evidence');
    expect(runRule(rule, operator(undefined, { status: 'good', dishonest_list: false })).status).toBe('insufficient_evidence');
  });
});
