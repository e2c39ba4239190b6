import { describe, expect, it } from 'vitest';
import { runRule } from '../../engine/testing.js';
import { rule } from './JZ-15-03.js';

const HEAD = 'id,type,title,version,approved_at,last_reviewed_at,reported_at,file';
const policies = (...rows: string[]) => [HEAD, ...rows].join('\n');

describe('JZ-15-03', () => {
  it('passes when both policies were reviewed within 365 days of period.end (boundary included) and reported', () => {
    const out = runRule(rule, {
      policies: policies(
        'POL-01,data_management,数据管理制度,1,2025-11-30,2025-12-31,2026-01-10,policies/dm.md', // 2026-12-31 − 365 days
        'POL-02,operation_rules,数据操作细则,1,2025-11-30,2027-01-02,2026-10-25,policies/or.md', // after period.end counts
      ),
    });
    expect(out.status).toBe('pass');
    expect(out.figures).toMatchObject({ earliestReview: '2025-12-31' });
  });

  it('fails on a stale review, a missing report and a missing type, pointing at the policy rows', () => {
    const out = runRule(rule, {
      policies: policies(
        'POL-01,data_management,数据管理制度,1,2025-11-30,2025-12-30,2026-01-10,policies/dm.md',
        'POL-02,operation_rules,数据操作细则,1,2025-11-30,2026-10-15,,policies/or.md',
      ),
    });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => [i.file, i.line, i.rowId])).toEqual([['policies.csv', 2, 'POL-01'], ['policies.csv', 3, 'POL-02']]);
    expect(out.message).toContain('早于 2025-12-31');
    expect(out.message).toContain('未报送');
    expect(out.messageEn).toContain('POL-01 (data management policy: last reviewed 2025-12-30, before 2025-12-31)');

    const absent = runRule(rule, { policies: policies('POL-01,data_management,数据管理制度,1,2025-11-30,2026-10-15,2026-10-25,policies/dm.md') });
    expect(absent.status).toBe('fail');
    expect(absent.message).toBe('缺少操作细则。');
    expect(absent.messageEn).toBe('No operating rules listed.');
    expect(absent.figures).toMatchObject({ missingTypes: ['operation_rules'] });
    expect(absent.evidence?.count).toBe(0);
  });

  it('accepts one good policy of a type among several and reads the age limit from the params', () => {
    const rows = policies(
      'POL-01,data_management,旧版,1,2024-01-01,2024-06-01,2024-06-10,policies/dm0.md',
      'POL-02,data_management,新版,2,2025-11-30,2026-03-01,2026-03-10,policies/dm.md',
      'POL-03,operation_rules,数据操作细则,1,2025-11-30,2026-03-01,2026-03-10,policies/or.md',
    );
    expect(runRule(rule, { policies: rows }).status).toBe('pass');
    const out = runRule(rule, { policies: rows }, { policy_review_max_age_days: 180 });
    expect(out.status).toBe('fail');
    expect(out.evidence?.items.map((i) => i.rowId)).toEqual(['POL-01', 'POL-02', 'POL-03']);
  });

  it('lacks evidence without policies.csv or its date columns', () => {
    expect(runRule(rule, {}).status).toBe('insufficient_evidence');
    expect(runRule(rule, { policies: 'id,type,file\nPOL-01,data_management,policies/dm.md' }).status).toBe('insufficient_evidence');
  });
});
