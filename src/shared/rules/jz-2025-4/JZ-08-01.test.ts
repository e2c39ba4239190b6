import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-08-01.js';

describe('JZ-08-01', () => {
  it('passes with level 3 (or above, or written in Chinese) and a record number', () => {
    expect(runRule(rule, { platform: { mlps: { level: 3, record_no: '21070099999-00001' } } }).status).toBe('pass');
    expect(runRule(rule, { platform: { mlps: { level: 4, record_no: 'X' } } }).status).toBe('pass');
    expect(runRule(rule, { platform: { mlps: { level: '第三级', record_no: 'X' } } }).status).toBe('pass');
  });

  it('fails below level 3, pointing at platform.json', () => {
    const out = runRule(rule, { platform: { mlps: { level: 2, record_no: '21070099999-00001' } } });
    expect(out.status).toBe('fail');
    expect(out.message).toContain('第 2 级');
    expect(out.evidence?.items[0].file).toBe('platform.json');
    expect(out.figures).toEqual({ level: 2, recordNo: '21070099999-00001' });
  });

  it('fails without a record number (empty or absent)', () => {
    const empty = runRule(rule, { platform: { mlps: { level: 3, record_no: ' ' } } });
    expect(empty.status).toBe('fail');
    expect(empty.message).toContain('备案号');
    expect(runRule(rule, { platform: { mlps: { level: 3 } } }).status).toBe('fail');
  });

  it('lacks evidence without platform.json, mlps or a readable level', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: { name: 'x' } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: { mlps: { record_no: 'X' } } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { platform: { mlps: { level: 'high', record_no: 'X' } } }).status).toBe('insufficient_evidence');
  });
});
