import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-06-01.js';

const ev = (id: string, action: string, channel: string, extra: object = {}) => ({
  event_id: id, ts: '2026-03-01T10:00:00+08:00', actor: 'u1', action, resource_type: 'product', resource: 'PR1',
  channel, result: 'success', ...extra,
});

describe('JZ-06-01', () => {
  it('passes when every outbound event is on the platform, sandbox or api', () => {
    const out = runRule(rule, { logs: { 'logs/a.jsonl': [ev('E1', 'deliver', 'platform'), ev('E2', 'api_call', 'api'), ev('E3', 'download', 'sandbox')] } });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ outboundEvents: 3 });
  });

  it('fails on offline and unknown channels, pointing at file, line and event', () => {
    const out = runRule(rule, {
      logs: {
        'logs/a.jsonl': [ev('E1', 'deliver', 'platform'), ev('E2', 'export', 'offline')],
        'logs/b.jsonl': [ev('E3', 'share', 'usb'), ev('E4', 'login', 'offline')],
      },
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.count).toBe(2);
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.eventId])).toEqual([['logs/a.jsonl', 2, 'E2'], ['logs/b.jsonl', 1, 'E3']]);
  });

  it('ignores failed events and events outside the period', () => {
    const out = runRule(rule, {
      logs: { 'logs/a.jsonl': [ev('E1', 'export', 'offline', { result: 'denied' }), ev('E2', 'export', 'offline', { ts: '2025-12-31T23:59:59+08:00' })] },
    });
    expect(out.status).toBe('pass');
  });

  it('lacks evidence without logs', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
  });
});
