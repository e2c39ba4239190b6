import { describe, expect, it } from 'vitest';
import { parseCsv } from '../bundle/csv.js';
import { decision, makeFindings } from '../review/testing.js';
import { CSV_COLUMNS, csvField, safeText, toCsv } from './csv.js';

function parse(text: string): Record<string, string>[] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const { records, errors } = parseCsv(text.slice(1));
  expect(errors).toEqual([]);
  const [head, ...rest] = records.map((r) => r.fields);
  return rest.map((f) => Object.fromEntries(head.map((h, i) => [h, f[i]])));
}

describe('CSV export', () => {
  const f = makeFindings();

  it('has a BOM, CRLF line ends, the header and one row per rule', () => {
    const text = toCsv(f);
    expect(text.startsWith('\ufeffrule_id,article,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text);
    expect(rows).toHaveLength(f.results.length);
    expect(rows.map((r) => r.rule_id)).toEqual(f.results.map((r) => r.ruleId));
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
    const r = rows[0];
    expect(r).toMatchObject({ article: '6', severity: 'high', status: 'fail', status_zh: '不符合', evidence_count: '2', first_evidence: 'logs/2026-03.csv:419 E00002168' });
    expect(r.message).toBe(f.results[0].message);
    expect(rows.find((x) => x.rule_id === 'JZ-14-01')!.waived_until).toBe('2027-06-30');
  });

  it('round-trips commas, quotes and line breaks, and keeps Chinese intact', () => {
    const g = makeFindings();
    g.results[1] = { ...g.results[1], title: '标题, 含 "引号"\n与换行', message: '第一行\r\n第二行' };
    const rows = parse(toCsv(g));
    expect(rows[1].title).toBe('标题, 含 "引号"\n与换行');
    expect(rows[1].message).toBe('第一行\r\n第二行');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    const g = makeFindings();
    g.results[1] = { ...g.results[1], message: '=HYPERLINK("http://x")' };
    const rows = parse(toCsv(g));
    expect(rows[1].message).toBe('\'=HYPERLINK("http://x")');
    expect(safeText('-1+2')).toBe("'-1+2");
    expect(safeText('正常文字')).toBe('正常文字');
  });

  it('shows the reviewer\'s verdict beside the tool\'s status', () => {
    const rows = parse(toCsv(f, { decisions: [decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'pass', reason: '有合理解释', reviewer: '审查员甲' })] }));
    const r = rows.find((x) => x.rule_id === 'JZ-12-02')!;
    expect(r).toMatchObject({ status: 'pass', tool_status: 'needs_review', decided_by: '审查员甲', decision_reason: '有合理解释' });
  });

  it('quotes only what needs quoting', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
});
