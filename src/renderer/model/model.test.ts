import { describe, expect, it } from 'vitest';
import { effectiveRules } from '../../shared/review/effective.js';
import { appendLogEntry, verifyLog } from '../../shared/review/log.js';
import { decision, makeFindings } from '../../shared/review/testing.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import { identityOf, sameIdentity } from './case-identity.js';
import { compareRuns } from './compare.js';
import { cleanDraft, draftProblems, kindsFor, type CaseDecision } from './decisions.js';
import { standingOf } from '../../shared/review/effective.js';
import { filterRows, rowsOf } from './findings-rows.js';
import { bundleName, dayOf, formatBytes, formatDuration, isDate, isoLocal, shortTime, typedDate } from './format.js';
import { integrityOf } from './integrity.js';
import { changeText } from '../../shared/review/log-text.js';
import { articleMatrix } from './matrix.js';
import { changeCount, formatParam, paramRows, parseParam, setEnabled, setParam } from './profile.js';
import { reportRequest } from './report-request.js';

const f = makeFindings();
const today = '2027-01-07';

describe('standing', () => {
  it('counts statuses after decisions and moves the conclusion like the report', () => {
    const s0 = standingOf(f.results, [], today);
    expect(s0.conclusion).toBe('non_compliant');
    expect(s0.counts.fail).toBe(2);
    const s1 = standingOf(f.results, [decision({ ruleId: 'JZ-06-01', kind: 'override', status: 'pass' })], today);
    expect(s1.counts.fail).toBe(1);
    expect(s1.toolCounts.fail).toBe(2);
    // JZ-14-01 fails but is waived by the profile; JZ-13-01 lacks evidence.
    expect(s1.conclusion).toBe('basically_compliant');
    const s2 = standingOf(f.results, [decision({ ruleId: 'JZ-06-01', kind: 'waiver', expires: '2027-06-30' })], today);
    expect(s2.conclusion).toBe('basically_compliant');
    expect(standingOf(f.results, [decision({ ruleId: 'JZ-06-01', kind: 'waiver', expires: '2027-01-06' })], today).conclusion).toBe('non_compliant');
  });
});

describe('findings rows and filter', () => {
  const rows = rowsOf(effectiveRules(f.results, [decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass' }), decision({ ruleId: 'JZ-06-01', kind: 'comment' })], today));
  it('marks what the reviewer did', () => {
    const by = Object.fromEntries(rows.map((r) => [r.ruleId, r]));
    expect(by['JZ-12-02']).toMatchObject({ status: 'pass', toolStatus: 'needs_review', verdict: 'judgment' });
    expect(by['JZ-06-01'].comments).toBe(1);
    expect(by['JZ-14-01'].waived).toBe(true);
  });
  it('filters by status, severity, article and every word of the text', () => {
    expect(filterRows(rows, { statuses: ['fail'], severities: [], article: null, text: '' }).map((r) => r.ruleId)).toEqual(['JZ-06-01', 'JZ-14-01']);
    expect(filterRows(rows, { statuses: ['fail'], severities: ['high'], article: null, text: '' }).map((r) => r.ruleId)).toEqual(['JZ-06-01']);
    expect(filterRows(rows, { statuses: [], severities: [], article: 12, text: '' }).map((r) => r.ruleId)).toEqual(['JZ-12-02']);
    expect(filterRows(rows, { statuses: [], severities: [], article: null, text: 'hhi 人工' }).map((r) => r.ruleId)).toEqual(['JZ-12-02']);
    expect(filterRows(rows, { statuses: [], severities: [], article: null, text: 'jz-24' }).map((r) => r.ruleId)).toEqual(['JZ-24-01']);
    expect(filterRows(rows, { statuses: [], severities: [], article: null, text: 'hhi 沈阳' })).toEqual([]);
  });
});

describe('article matrix', () => {
  it('one row per article, counts by status and the worst status', () => {
    const rows = articleMatrix(effectiveRules([...f.results, { ...f.results[1], ruleId: 'JZ-07-02', status: 'needs_review' }], [], today));
    expect(rows.map((r) => r.article)).toEqual([6, 7, 12, 13, 14, 24]);
    const a7 = rows.find((r) => r.article === 7)!;
    expect(a7.counts).toMatchObject({ pass: 1, needs_review: 1 });
    expect(a7.total).toBe(2);
    expect(a7.worst).toBe('needs_review');
    expect(rows.find((r) => r.article === 6)!.worst).toBe('fail');
  });
});

describe('integrity from JZ-17-03', () => {
  it('reads the figures; unknown without the rule', () => {
    expect(integrityOf(f)).toEqual({ checked: false });
    const withRule = {
      results: [{
        ...f.results[0], ruleId: 'JZ-17-03', status: 'fail' as const,
        figures: { listed: 12, missing: ['a.csv'], changed: [{ path: 'b.json', expected: 'aa', actual: 'bb', expectedBytes: 1, actualBytes: 2 }], unlisted: [], signature: 'absent' },
      }],
    };
    const v = integrityOf(withRule);
    expect(v).toMatchObject({ checked: true, listed: 12, missing: ['a.csv'], unlisted: [], signature: 'absent', filesIntact: false });
    if (v.checked) expect(v.changed[0]).toEqual({ path: 'b.json', expected: 'aa', actual: 'bb', expectedBytes: 1, actualBytes: 2 });
    const clean = integrityOf({ results: [{ ...withRule.results[0], status: 'pass', figures: { listed: 3, missing: [], changed: [], unlisted: [], signature: 'valid' } }] });
    expect(clean).toMatchObject({ filesIntact: true, signature: 'valid' });
  });
});

describe('compare runs', () => {
  it('names improvements, regressions and closed rectification items', () => {
    const before = effectiveRules(f.results, [
      decision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下渠道', deadline: '2027-03-31', owner: '运营部' }),
      decision({ ruleId: 'JZ-14-01', kind: 'rectification', reason: '补充分级', deadline: '2027-01-01' }),
    ], today);
    const laterResults = f.results.filter((r) => r.ruleId !== 'JZ-24-01').map((r) =>
      r.ruleId === 'JZ-06-01' ? { ...r, status: 'pass' as const } : r.ruleId === 'JZ-07-01' ? { ...r, status: 'fail' as const } : r);
    const after = effectiveRules([...laterResults, { ...f.results[1], ruleId: 'JZ-25-01', article: 25 }], [], today);
    const c = compareRuns(before, after, today);
    const by = Object.fromEntries(c.rows.map((r) => [r.ruleId, r.change]));
    expect(by).toMatchObject({ 'JZ-06-01': 'improved', 'JZ-07-01': 'worsened', 'JZ-12-02': 'same', 'JZ-24-01': 'removed', 'JZ-25-01': 'added' });
    expect(c.counts).toMatchObject({ improved: 1, worsened: 1, removed: 1, added: 1 });
    expect(c.rectification).toEqual([
      { ruleId: 'JZ-06-01', action: '关闭线下渠道', deadline: '2027-03-31', owner: '运营部', after: 'pass', closed: true, overdue: false },
      { ruleId: 'JZ-14-01', action: '补充分级', deadline: '2027-01-01', owner: null, after: 'fail', closed: false, overdue: true },
    ]);
  });

  it('pass ↔ not applicable is a change, not an improvement', () => {
    const a = effectiveRules([{ ...f.results[1] }], [], today);
    const b = effectiveRules([{ ...f.results[1], status: 'not_applicable' }], [], today);
    expect(compareRuns(a, b, today).rows[0].change).toBe('changed');
  });
});

describe('decision drafts', () => {
  it('offers override for tool verdicts, judgment for open rules, rectification and waiver for failures', () => {
    expect(kindsFor('fail', 'fail')).toEqual(['override', 'comment', 'rectification', 'waiver']);
    expect(kindsFor('needs_review', 'needs_review')).toEqual(['judgment', 'comment']);
    expect(kindsFor('needs_review', 'fail')).toEqual(['judgment', 'comment', 'rectification', 'waiver']);
    expect(kindsFor('pass', 'pass')).toEqual(['override', 'comment']);
  });

  it('names what is missing', () => {
    expect(draftProblems({ ruleId: 'X', kind: 'override', reason: '' }, 'fail', today)).toEqual(['reason', 'status']);
    expect(draftProblems({ ruleId: 'X', kind: 'override', reason: 'x', status: 'fail' }, 'fail', today)).toEqual(['same-status']);
    expect(draftProblems({ ruleId: 'X', kind: 'waiver', reason: 'x', expires: '2027-01-06', approver: 'y' }, 'fail', today)).toEqual(['expired']);
    expect(draftProblems({ ruleId: 'X', kind: 'waiver', reason: 'x', expires: '2027-01-07', approver: 'y' }, 'fail', today)).toEqual([]);
    expect(draftProblems({ ruleId: 'X', kind: 'comment', reason: 'x'.repeat(5001) }, 'fail', today)).toEqual(['too-long']);
  });

  it('keeps only what the kind uses', () => {
    expect(cleanDraft({ ruleId: 'X', kind: 'comment', reason: ' 好 ', status: 'pass', deadline: '2027-01-01', approver: 'a' })).toEqual({ ruleId: 'X', kind: 'comment', reason: '好' });
    expect(cleanDraft({ ruleId: 'X', kind: 'waiver', reason: 'r', expires: '2027-06-30', approver: ' 局长 ', approvalDoc: '', owner: 'o' })).toEqual({ ruleId: 'X', kind: 'waiver', reason: 'r', expires: '2027-06-30', approver: '局长' });
  });
});

describe('report request', () => {
  it('puts the waiver approver where the report prints it, and the log head in a comment', () => {
    const ds: CaseDecision[] = [
      { ...decision({ ruleId: 'JZ-06-01', kind: 'waiver', reason: '过渡期', expires: '2027-06-30', approvalDoc: '锦数〔2027〕1号' }), id: 1, caseId: 'c', runId: 'r', approver: '王局长' },
      { ...decision({ ruleId: 'JZ-07-01', kind: 'override', status: 'fail', reason: '抽查' }), id: 2, caseId: 'c', runId: 'r' },
      { ...decision({ ruleId: 'JZ-07-01', kind: 'comment', reason: '撤回的' }), id: 3, caseId: 'c', runId: 'r', withdrawnAt: '2027-01-07T11:00:00+08:00' },
    ];
    const log = appendLogEntry([], { at: '2027-01-07T09:00:00+08:00', who: '甲', action: 'case_open' });
    const req = reportRequest({ reviewId: 'r-1', decisions: ds, log: verifyLog(log), who: '审查员甲', at: '2027-01-07T12:00:00+08:00' });
    expect(req.waivers).toEqual([{ ruleId: 'JZ-06-01', justification: '过渡期', reviewer: '王局长', expires: '2027-06-30', approvalDoc: '锦数〔2027〕1号' }]);
    expect(req.decisions?.overrides?.map((o) => o.ruleId)).toEqual(['JZ-07-01']);
    expect(req.decisions?.comments).toEqual([{ text: `复核日志（哈希链）共 1 条，链完整，末条哈希 ${log[0].hash}。`, by: '审查员甲', at: '2027-01-07T12:00:00+08:00' }]);
    const unsigned = reportRequest({ reviewId: 'r-1', decisions: [], log: verifyLog([]), who: null, at: '2027-01-07T12:00:00+08:00' });
    expect(unsigned.decisions?.comments?.[0]).not.toHaveProperty('by');
  });
});

describe('profile editing', () => {
  const meta = packById(DEFAULT_PACK_ID).rules.find((r) => r.meta.id === 'JZ-17-01')!.meta;
  const m2102 = packById(DEFAULT_PACK_ID).rules.find((r) => r.meta.id === 'JZ-21-02')!.meta;
  it('keeps only changes, and a value equal to the default removes the change', () => {
    let p = setParam({}, meta, 'max_log_gap_hours', 48);
    expect(p).toEqual({ rules: { 'JZ-17-01': { params: { max_log_gap_hours: 48 } } } });
    expect(paramRows(meta, p).find((r) => r.name === 'max_log_gap_hours')).toMatchObject({ value: 48, changed: true });
    expect(paramRows(meta, p).find((r) => r.name === 'min_retention_days')).toMatchObject({ value: 180, changed: false });
    p = setEnabled(p, 'JZ-24-01', false);
    expect(changeCount(p)).toEqual({ params: 1, disabled: 1 });
    p = setParam(p, meta, 'max_log_gap_hours', 72);
    p = setEnabled(p, 'JZ-24-01', true);
    expect(p).toEqual({});
  });
  it('parses inputs by type and refuses what is not one', () => {
    const spec = (type: string) => ({ type, default: null, source: '', description: '' }) as never;
    expect(parseParam(spec('integer'), ' 12 ')).toBe(12);
    expect(parseParam(spec('integer'), '1.5')).toBeNull();
    expect(parseParam(spec('number'), '0.25')).toBe(0.25);
    expect(parseParam(spec('number'), 'abc')).toBeNull();
    expect(parseParam(spec('string[]'), 'a+b\nc+d, e+f')).toEqual(['a+b', 'c+d', 'e+f']);
    expect(parseParam(spec('record<number>'), 'major=120\ngeneral: 1440')).toEqual({ major: 120, general: 1440 });
    expect(parseParam(spec('record<number>'), 'major=soon')).toBeNull();
    expect(formatParam(m2102.params.report_deadline_minutes, { major: 1 }, 'zh')).toBe('重大=1');
    expect(formatParam(m2102.params.report_deadline_minutes, { major: 1 }, 'en')).toBe('Major=1');
    // A name typed back is its key, in either language.
    expect(parseParam(m2102.params.report_deadline_minutes, '特别重大=60\nMajor: 120')).toEqual({ especially_major: 60, major: 120 });
  });
});

describe('formats and article text', () => {
  it('formats', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(2_700_000)).toBe('2.7 MB');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('—');
    expect(isoLocal(new Date(2027, 0, 7, 9, 5, 3))).toMatch(/^2027-01-07T09:05:03[+-]\d{2}:\d{2}$/);
    expect(shortTime('2027-01-07T09:05:03+08:00')).toBe('2027-01-07 09:05');
    expect(isDate('2027-02-28')).toBe(true);
    expect(isDate('2027-02-30')).toBe(false);
  });

  it('reads a date as people type it, whatever the locale, and nothing that is no date', () => {
    for (const typed of ['2027-03-01', '2027-3-1', '2027/03/01', '2027.3.1', '2027年3月1日', '2027 年 3 月 1 日', '20270301', ' 2027-03-01 ']) {
      expect(typedDate(typed), typed).toBe('2027-03-01');
    }
    for (const typed of ['03/01/2027', '1/3/2027', '2027-02-30', '2027-13-01', '2027-3', '202731', '2027-03-01T00:00', '', 'tomorrow']) {
      expect(typedDate(typed), typed).toBeNull();
    }
  });


  it('describes log entries in a line', () => {
    let log = appendLogEntry([], { at: 'x', who: '甲', action: 'decision_add', ruleId: 'JZ-06-01', before: { status: 'fail' }, after: { kind: 'override', status: 'pass', reason: '已整改' } });
    const label = { status: (s: string) => s.toUpperCase(), kind: (k: string) => `[${k}]` };
    expect(changeText(log[0], label)).toBe('[override]：FAIL → PASS；已整改');
    log = appendLogEntry(log, { at: 'y', who: '甲', action: 'case_open', after: { operatorName: '锦州', operatorId: 'X1', period: { start: '2026-01-01', end: '2026-12-31' } } });
    expect(changeText(log[1], label)).toBe('锦州（X1） 2026-01-01 – 2026-12-31');
  });
});

describe('case identity', () => {
  const of = (operatorId: string | null, operatorName: string | null, start = '2026-01-01', end = '2026-12-31') => ({ operatorId, operatorName, period: { start, end } });

  it('is the credit code and the period; a renamed company with the same code is the same operator', () => {
    expect(identityOf(f)).toEqual(of('91210700MA0JZ0001X', '锦州数据运营有限公司'));
    expect(sameIdentity(of('X1', '甲公司'), of('X1', '甲公司（更名）'))).toBe(true);
    expect(sameIdentity(of('X1', '甲公司'), of('X2', '甲公司'))).toBe(false);
    expect(sameIdentity(of('X1', '甲公司'), of('X1', '甲公司', '2027-01-01', '2027-12-31'))).toBe(false);
    expect(sameIdentity(of('X1', '甲公司'), of('X1', '甲公司', '2026-01-01', '2026-06-30'))).toBe(false);
  });

  it('without a code on either side, by name; a code on one side only is another operator', () => {
    expect(sameIdentity(of(null, '甲公司'), of(null, '甲公司'))).toBe(true);
    expect(sameIdentity(of(null, '甲公司'), of(null, '乙公司'))).toBe(false);
    expect(sameIdentity(of(null, '甲公司'), of('X1', '甲公司'))).toBe(false);
  });

  it('names a bundle by the last part of its path and a case\'s creation by its day', () => {
    expect(bundleName('/data/2026/bundle-v2')).toBe('bundle-v2');
    expect(bundleName('C:\\评估\\证据包.zip')).toBe('证据包.zip');
    expect(bundleName('/data/bundle/')).toBe('bundle');
    expect(dayOf('2027-01-07T10:00:00+08:00')).toBe('2027-01-07');
  });
});
