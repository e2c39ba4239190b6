import { describe, expect, it } from 'vitest';
import type { TestBundle } from '../../engine/testing.js';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-22-01.js';

const HEAD = 'id,name,contract_start,contract_end,status,violation_found_at,suspended_at';
const partners = (...rows: string[]) => [HEAD, 'P01,甲,2025-12-01,2027-12-31,active,,', ...rows].join('\n') + '\n';
const ev = (id: string, ts: string, action: string, destination: string, extra: object = {}) => ({
  event_id: id, ts, actor: 'u1', actor_org: 'OP-1', action, resource_type: 'product', resource: 'PR1', destination,
  channel: 'platform', result: 'success', ...extra,
});
const bundle = (rows: string[], events: object[], extra: Partial<TestBundle> = {}): TestBundle => ({
  partners: partners(...rows), logs: { 'logs/a.jsonl': events }, ...extra,
});

describe('JZ-22-01', () => {
  it('passes when the partner is suspended in time and nothing reaches it afterwards', () => {
    const out = runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-05'], [
      ev('E1', '2026-08-04T23:59:59+08:00', 'deliver', 'P06'),
      ev('E2', '2026-09-01T10:00:00+08:00', 'deliver', 'P01'),
      ev('E3', '2026-09-01T10:00:00+08:00', 'deliver', 'P06', { result: 'denied' }),
    ]));
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ violatingPartners: 1, eventsAfterCutoff: 0 });
  });

  it('accepts a suspension exactly partner_suspend_max_days after the violation', () => {
    expect(runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-08'], [])).status).toBe('pass');
    expect(runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01T15:00:00+08:00,2026-08-08T15:00:00+08:00'], [])).status).toBe('pass');
  });

  it('fails a late suspension, pointing at the partner row, with the days late', () => {
    const out = runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-09'], []));
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['partners.csv', 3, 'P06']]);
    expect((out.figures?.partners as object[])[0]).toMatchObject({ id: 'P06', daysToSuspend: 8, daysLate: 1, verdict: 'late' });
    expect(out.message).toContain('P06：发现违规后 8 天才暂停（超 1 天）');
    expect(out.messageEn).toBe('Of 1 partner in breach, 1 was not suspended in time or still served afterwards: P06: suspended 8 days after the breach was found (1 day late).');
  });

  it('cuts off at violation + limit when the suspension is late, and fails the events at or after it', () => {
    // Found 08-01, limit to 08-08 00:00, suspended only 08-20.
    const out = runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-20'], [
      ev('E1', '2026-08-07T23:59:59+08:00', 'deliver', 'P06'),
      ev('E2', '2026-08-08T00:00:00+08:00', 'api_call', 'P06'),
      ev('E3', '2026-08-19T10:00:00+08:00', 'deliver', 'P06'),
      ev('E4', '2026-09-03T10:00:00+08:00', 'share', 'P06'),
    ]));
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId ?? i.eventId)).toEqual(['P06', 'E2', 'E3']);
    expect(out.figures).toMatchObject({ eventsAfterCutoff: 2 });
    expect(out.messageEn).toContain('still 2 deliveries or API calls after the cut-off (2026-08-08T00:00:00+08:00)');
  });

  it('cuts off at an on-time suspension: events from its day on fail', () => {
    const out = runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-03'], [
      ev('E1', '2026-08-02T23:59:59+08:00', 'deliver', 'P06'),
      ev('E2', '2026-08-03T00:00:00+08:00', 'deliver', 'P06'),
    ]));
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId ?? i.eventId)).toEqual(['P06', 'E2']);
    expect((out.figures?.partners as object[])[0]).toMatchObject({ verdict: 'on_time', eventsAfterCutoff: 1 });
  });

  it('attributes an api_call without destination to the caller: actor_org or the staff org', () => {
    const out = runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-03'], [
      ev('E1', '2026-08-10T10:00:00+08:00', 'api_call', '', { actor: 'x', actor_org: 'P06' }),
      ev('E2', '2026-08-10T11:00:00+08:00', 'api_call', '', { actor: 'p06u1', actor_org: '' }),
      ev('E3', '2026-08-10T12:00:00+08:00', 'api_call', '', { actor: 'u1', actor_org: 'OP-1' }),
    ], { staff: 'user_id,name,org,roles\np06u1,用户,P06,partner_user\nu1,员工,OP-1,developer\n' }));
    expect(out.evidence?.items.map((i) => i.rowId ?? i.eventId)).toEqual(['P06', 'E1', 'E2']);
  });

  it('merges the per-file counts', () => {
    const out = runRule(rule, {
      partners: partners('P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-03'),
      logs: {
        'logs/a.jsonl': [ev('E1', '2026-08-10T10:00:00+08:00', 'deliver', 'P06')],
        'logs/b.jsonl': [ev('E2', '2026-08-09T10:00:00+08:00', 'deliver', 'P06')],
      },
    });
    expect(out.figures).toMatchObject({ eventsAfterCutoff: 2 });
    expect((out.figures?.partners as object[])[0]).toMatchObject({ eventsAfterCutoff: 2 });
  });

  it('fails an unrecorded suspension that was due in the period, not one due after it', () => {
    expect(runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,active,2026-08-01,'], [])).status).toBe('fail');
    const notDue = runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,active,2026-12-28,'], [ev('E1', '2026-12-30T10:00:00+08:00', 'deliver', 'P06')]));
    expect(notDue.status).toBe('pass');
    expect((notDue.figures?.partners as object[])[0]).toMatchObject({ verdict: 'not_due' });
  });

  it('reads the limit from the params', () => {
    const b = bundle(['P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-05'], []);
    expect(runRule(rule, b).status).toBe('pass');
    expect(runRule(rule, b, { partner_suspend_max_days: 3 }).status).toBe('fail');
  });

  it('passes without violations; lacks evidence without partners.csv, its fields, logs, or readable dates', () => {
    expect(runRule(rule, bundle([], [])).status).toBe('pass');
    expect(runRule(rule, { logs: { 'logs/a.jsonl': [] } }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { partners: 'id,name,status\nP01,甲,active\n' }).status).toBe('insufficient_evidence');
    expect(runRule(rule, { partners: partners('P06,乙,2025-12-20,2027-12-31,suspended,2026-08-01,2026-08-05') }).status).toBe('insufficient_evidence');
    const bad = runRule(rule, bundle(['P06,乙,2025-12-20,2027-12-31,suspended,八月初,2026-08-05'], []));
    expect(bad.status).toBe('insufficient_evidence');
    expect(bad.evidence?.items.map((i) => i.rowId)).toEqual(['P06']);
  });
});
