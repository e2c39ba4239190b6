import { describe, expect, it } from 'vitest';
import { pairOpinions } from './second-opinion.js';
import { decision, makeFindings } from './testing.js';

describe('second opinion', () => {
  const f = makeFindings();

  it('pairs both reviewers\' decisions by rule and says where they differ', () => {
    const mine = [
      decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reviewer: '甲' }),
      decision({ ruleId: 'JZ-06-01', kind: 'comment', reason: '证据充分', reviewer: '甲' }),
    ];
    const theirs = [
      decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'fail', reviewer: '乙', reason: '集中度过高' }),
      decision({ ruleId: 'JZ-13-01', kind: 'judgment', status: 'pass', reviewer: '乙' }),
    ];
    const pairs = pairOpinions({ decisions: mine, results: f.results }, { decisions: theirs, results: f.results });
    expect(pairs.map((p) => p.ruleId)).toEqual(f.results.map((r) => r.ruleId));
    const by = Object.fromEntries(pairs.map((p) => [p.ruleId, p]));
    expect(by['JZ-12-02'].mine.status).toBe('pass');
    expect(by['JZ-12-02'].theirs.status).toBe('fail');
    expect(by['JZ-12-02'].theirs.verdict?.reason).toBe('集中度过高');
    expect(by['JZ-12-02'].agreement).toBe('disagree');
    expect(by['JZ-06-01'].agreement).toBe('agree');
    expect(by['JZ-06-01'].mine.decisions).toHaveLength(1);
    expect(by['JZ-06-01'].theirs.decisions).toHaveLength(0);
    expect(by['JZ-13-01'].mine.status).toBe('insufficient_evidence');
    expect(by['JZ-13-01'].theirs.status).toBe('pass');
    expect(by['JZ-13-01'].theirs.reviewers).toEqual(['乙']);
    expect(by['JZ-07-01'].decided).toBe(false);
    expect(by['JZ-07-01'].agreement).toBe('agree');
  });

  it('keeps rules that only decisions name, after the results', () => {
    const pairs = pairOpinions({ decisions: [], results: f.results.slice(0, 1) }, { decisions: [decision({ ruleId: 'JZ-99-01', kind: 'comment' })] });
    expect(pairs.map((p) => p.ruleId)).toEqual(['JZ-06-01', 'JZ-99-01']);
    expect(pairs[1].agreement).toBe('unknown');
    expect(pairs[1].title).toBeNull();
  });
});
