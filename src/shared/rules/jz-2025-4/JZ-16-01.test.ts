import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-16-01.js';

const H = 'id,dataset,detected_at,description,reported_at,resolved_at';
const csv = (...rows: string[]) => [H, ...rows].join('\n');

describe('JZ-16-01', () => {
  it('passes when every issue is reported within 5 days, exactly 5 × 24 h included', () => {
    const out = runRule(rule, {
      qualityIssues: csv(
        'Q1,DS1,2026-03-03T10:00:00+08:00,缺失,2026-03-08T10:00:00+08:00,',
        'Q2,DS1,2026-04-01,重复,2026-04-06,',
      ),
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ issues: 2, breaches: 0 });
  });

  it('fails on late, unreported and contradictory issues, pointing at their rows', () => {
    const out = runRule(rule, {
      qualityIssues: csv(
        'Q1,DS1,2026-03-03T10:00:00+08:00,ok,2026-03-05T10:00:00+08:00,',
        'Q2,DS1,2026-03-03T10:00:00+08:00,late,2026-03-08T10:00:01+08:00,',
        'Q3,DS1,2026-04-01,dates,2026-04-07,',
        'Q4,DS1,2026-05-01T09:00:00+08:00,never,,',
        'Q5,DS1,2026-05-10T09:00:00+08:00,before,2026-05-09T09:00:00+08:00,',
        'Q6,DS1,,no detection,2026-05-09T09:00:00+08:00,',
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.rowId, i.line])).toEqual([['Q2', 3], ['Q3', 4], ['Q4', 5], ['Q5', 6], ['Q6', 7]]);
    expect(out.message).toContain('Q3（发现后 6 天才报告');
    expect(out.message).toContain('Q4（未报告');
    expect(out.messageEn).toContain('5 of 6 data quality problems were not reported within 5 days of detection');
    expect(out.messageEn).toContain('Q3 (reported 6 days after detection, more than 5)');
  });

  it('does not count an unreported issue whose deadline falls after the period', () => {
    const b = (detected: string) => ({ qualityIssues: csv(`Q1,DS1,${detected},new,,`) });
    const notDue = runRule(rule, b('2026-12-28T09:00:00+08:00'));
    expect(notDue.status).toBe('pass');
    expect(notDue.figures).toMatchObject({ notYetDue: 1 });
    expect(runRule(rule, b('2026-12-26')).status).toBe('fail');
    expect(runRule(rule, b('2026-12-27')).status).toBe('pass');
  });

  it('reads the limit from params', () => {
    const b = { qualityIssues: csv('Q1,DS1,2026-03-03T10:00:00+08:00,x,2026-03-06T10:00:00+08:00,') };
    expect(runRule(rule, b).status).toBe('pass');
    expect(runRule(rule, b, { quality_report_max_days: 2 }).status).toBe('fail');
  });

  it('lacks evidence without quality-issues.csv or its time columns', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { qualityIssues: 'id,dataset,detected_at\nQ1,DS1,2026-03-03' }).status).toBe('insufficient_evidence');
  });
});
