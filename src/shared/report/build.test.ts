import { describe, expect, it } from 'vitest';
import { buildReport, contentWidths, countsOf, effectiveResults } from './build.js';
import { articleHeading, cnNumber, dateZh, groupDigits } from './labels.js';
import { parseSummaryLine, readReportXmp, reportXmp, summaryLine } from './meta.js';
import { appendLogEntry } from '../review/log.js';
import type { ReviewLogEntry } from '../review/types.js';
import { testFindings, testMetas } from './testing.js';
import type { DocNode, ReportInput } from './types.js';

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    findings: testFindings(),
    rules: testMetas(),
    reportId: 'CD-TEST-1',
    reportDate: '2027-01-06',
    reviewer: { name: '张三', organisation: '锦州市数据局' },
    ...over,
  };
}

/** Every piece of text the document prints, in order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const k of ['text', 'stack', 'columns']) if (k in o) texts(o[k], out);
    if (o.table) texts((o.table as { body: unknown }).body, out);
  }
  return out;
}

function allText(doc: { content: DocNode[] }): string {
  return texts(doc.content).join('\n');
}

describe('labels', () => {
  it('writes article numbers in Chinese numerals', () => {
    expect([1, 6, 10, 11, 20, 21, 25, 100, 105, 110, 119].map(cnNumber))
      .toEqual(['一', '六', '十', '十一', '二十', '二十一', '二十五', '一百', '一百零五', '一百一十', '一百一十九']);
    expect(articleHeading(17)).toBe('第十七条');
  });
  it('formats dates and digits without Intl', () => {
    expect(dateZh('2027-01-06')).toBe('2027年1月6日');
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(-1000)).toBe('-1,000');
    expect(groupDigits(999)).toBe('999');
  });
});

describe('meta (XMP)', () => {
  it('round-trips the summaries and escapes XML', () => {
    const { meta } = buildReport(input({ findings: testFindings({ operatorName: 'A&B <数据> 公司' }) }));
    const xmp = reportXmp({ ...meta, findingsSha256: 'ab'.repeat(32) });
    expect(xmp).not.toContain('A&B <');
    const back = readReportXmp(xmp)!;
    expect(back.operatorName).toBe('A&B <数据> 公司');
    expect(back.toolSummary).toEqual(meta.toolSummary);
    expect(back.finalSummary).toEqual(meta.finalSummary);
    expect(back.findingsSha256).toBe('ab'.repeat(32));
    // A PDF/A extension schema declares the custom namespace.
    expect(xmp).toContain('pdfaSchema:namespaceURI');
  });
  it('rejects a summary line with a missing or bad count', () => {
    const line = summaryLine(testFindings().summary);
    expect(parseSummaryLine(line)).toEqual(testFindings().summary);
    expect(parseSummaryLine(line.replace(/fail=\d+;/, ''))).toBeNull();
    expect(parseSummaryLine(line.replace('conclusion=non_compliant', 'conclusion=ok'))).toBeNull();
  });
});

describe('buildReport', () => {
  it('prints the cover facts and the tool conclusion when there are no decisions', () => {
    const { doc, meta } = buildReport(input());
    const t = allText(doc);
    expect(t).toContain('公共数据资源授权运营合规评估报告');
    expect(t).toContain('锦州数据运营有限公司');
    expect(t).toContain('91210700MA0XXXXXX1');
    expect(t).toContain('2026年1月1日 至 2026年12月31日');
    expect(t).toContain('CD-TEST-1');
    expect(t).toContain('不合格');
    expect(meta.finalSummary).toEqual(meta.toolSummary);
    expect(doc.info.author).toBe('张三（锦州市数据局）');
    expect(doc.info.keywords).toContain(`summary ${summaryLine(testFindings().summary)}`);
  });

  it('has a heading per article, in order, as a bookmark under the results section', () => {
    const { doc } = buildReport(input());
    const headings = (doc.content as Record<string, unknown>[])
      .flatMap((n) => (n.stack ? (n.stack as Record<string, unknown>[]) : [n]))
      .filter((n) => n.outlineParentId === 'articles')
      .map((n) => n.outlineText);
    expect(headings).toEqual(['第六条', '第七条', '第十条', '第十二条', '第十七条', '第二十一条']);
  });

  it('shows figures by their declared labels and kinds, never by key', () => {
    const t = allText(buildReport(input()).doc);
    expect(t).toContain('对外提供');
    expect(t).toContain('5,321 次');
    expect(t).toContain('31 %');
    expect(t).not.toMatch(/outboundEvents|offPlatform|\bshare\b/);
  });

  it('sizes figure table columns by their content: a short table on one line, a wide one broken only at spaces', () => {
    const headers = ['时间', '操作人', '说明'];
    const rows = [['2026-03-01 09:15:00', 'u-001', '在评估期内多次批量下载同一数据资源，且未见对应的申请记录'], ['2026-03-02 10:00:00', 'u-002', '短']];
    const w = contentWidths(headers, rows, 7.5);
    expect(w[2]).toBe('*');
    // 19 characters of a time at about half an em each, on one line.
    expect(w[0]).toBeGreaterThanOrEqual(19 * 0.5 * 7.5);
    expect(w[1]).toBeLessThan(w[0] as number);

    // Eleven columns of times and counts: too wide for one line each, so every column gets at
    // least its longest word ("2026-04-18"), and together they fit the page.
    const many = ['事件', '事件等级', '发现时间', '发现到启动', '启动预案时限', '启动预案超时', '发现到报告', '报告时限', '报告超时', '问题', '判断'];
    const line = ['INC-2026-001', '一般', '2026-04-18 14:05:00 +08:00', '15 分钟', '30 分钟', '0 分钟', '295 分钟', '1,440 分钟', '0 分钟', '发现后 300 分钟才报告（重大事件限 240 分钟，超 60 分钟）', '按时'];
    const ws = contentWidths(many, [line], 7.5) as number[];
    expect(ws.every((x) => typeof x === 'number')).toBe(true);
    expect(ws[2]).toBeGreaterThanOrEqual(10 * 0.56 * 7.5);
    expect(ws[0]).toBeGreaterThanOrEqual(12 * 0.56 * 7.5);
    expect(ws.reduce((a, b) => a + b, 0) + many.length * 9).toBeLessThanOrEqual(595.28 - 100);

    // Words too long for any layout (hashes side by side): the columns share the width.
    const hashes = Array.from({ length: 6 }, (_, i) => `${i}`.repeat(64));
    expect(contentWidths(hashes.map((_, i) => `列${i}`), [hashes], 7.5)).toEqual(hashes.map(() => '*'));
  });

  it('quotes each article as issued, labelled 条文, and what is checked as 检查要点, unquoted', () => {
    const t = allText(buildReport(input()).doc);
    expect(t).toContain('条文（第十条）');
    expect(t).toContain('“运营机构不得将原始公共数据提供给第三方。”');
    expect(t).toContain('“数据产品只向签约且未被暂停的应用单位交付。”');
    expect(t).toContain('检查要点');
    expect(t).toContain('日志覆盖评估期全过程。');
    expect(t).not.toContain('“日志覆盖评估期全过程。');
    expect(t).not.toContain('非条文原文');
  });

  it('caps the evidence rows per rule and says how many there are', () => {
    const { doc } = buildReport(input({ findings: testFindings({ bigEvidence: 1000 }), options: { evidencePerRule: 20 } }));
    const t = allText(doc);
    expect(t).toContain('共 1,000 条，此处列出前 20 条');
    expect(t).toContain('E00000020');
    expect((t.match(/"rule":"JZ-10-02"/g) ?? []).length).toBe(20);
  });

  it('says when findings.json itself kept fewer items than the rule found', () => {
    const t = allText(buildReport(input({ findings: testFindings({ bigEvidence: 50, maxEvidence: 5 }) })).doc);
    expect(t).toContain('共 50 条，此处列出前 5 条；其余条目未逐条保存');
  });

  it('applies overrides, judgments and extra waivers to the conclusion', () => {
    const base = input();
    expect(countsOf(effectiveResults(base)).conclusion).toBe('non_compliant');
    const decided = input({
      decisions: {
        overrides: [{ ruleId: 'JZ-06-01', to: 'pass', reason: '渠道为经批准的专线', by: '张三' }],
        judgments: [{ ruleId: 'JZ-07-01', status: 'pass', reason: '现场核验' }, { ruleId: 'JZ-17-01', status: 'pass', reason: '补充日志' }],
      },
      waivers: [{ ruleId: 'JZ-10-02', justification: '经批准的数据共享试点', reviewer: '李四', approvalDoc: '锦数函〔2026〕8号', expires: '2027-06-30' }],
    });
    const eff = effectiveResults(decided);
    const final = countsOf(eff);
    // Left: JZ-12-03 fails (low severity) unwaived → basically compliant.
    expect(final.conclusion).toBe('basically_compliant');
    expect(final.pass).toBe(4);
    const { doc, meta } = buildReport(decided);
    expect(meta.toolSummary.conclusion).toBe('non_compliant');
    expect(meta.finalSummary.conclusion).toBe('basically_compliant');
    const t = allText(doc);
    expect(t).toContain('基本合格');
    expect(t).toContain('渠道为经批准的专线');
    expect(t).toContain('锦数函〔2026〕8号');
    expect(t).toContain('已适用');
    expect(t).toContain('复核后（项）');
  });

  it('ignores an extra waiver that has expired at the report date', () => {
    const eff = effectiveResults(input({
      waivers: [{ ruleId: 'JZ-12-03', justification: 'x', reviewer: 'y', expires: '2026-12-31' }],
    }));
    expect(eff.find((e) => e.result.ruleId === 'JZ-12-03')!.waiver).toBeNull();
  });

  it('lists each unwaived failure for rectification with the default deadline unless one is given', () => {
    const t = allText(buildReport(input({
      rectification: [{ ruleId: 'JZ-10-02', action: '停止向外部机构导出原始数据并收回已导出数据', deadline: '2027-02-28', owner: '运营机构数据安全部' }],
    })).doc);
    expect(t).toContain('停止向外部机构导出原始数据并收回已导出数据');
    expect(t).toContain('2027-02-28');
    expect(t).toContain('运营机构数据安全部');
    // JZ-06-01 and JZ-12-03 have no item: report date + 90 days.
    expect((t.match(/2027-04-06/g) ?? []).length).toBe(2);
    expect(t).toContain('按第十二条的要求整改');
    expect(t).not.toContain('列出的 0 条问题');
  });

  it('uses the deadline days option', () => {
    const t = allText(buildReport(input({ options: { defaultDeadlineDays: 30 } })).doc);
    expect(t).toContain('2027-02-05');
  });

  it('prints the appendix: files, pack, changed parameters with defaults, input issues', () => {
    const t = allText(buildReport(input({
      files: [{ path: 'logs/2026-01.jsonl', bytes: 12345678, sha256: 'f'.repeat(64) }],
      findingsSha256: 'e'.repeat(64),
    })).doc);
    expect(t).toContain('logs/2026-01.jsonl');
    expect(t).toContain('12,345,678');
    expect(t).toContain('f'.repeat(64));
    expect(t).toContain('jz-2025-4，版本 1.0.0');
    expect(t).toContain('compliance-desk 0.1.0');
    expect(t).toContain('最长日志间断');
    expect(t).toContain('48 小时');
    expect(t).not.toContain('max_log_gap_hours');
    expect(t).toContain('允许的最长日志间断（小时）');
    expect(t).toContain('引号未闭合的字段');
    expect(t).toContain('e'.repeat(64));
  });

  it('builds a report with no results and says the conclusion means nothing', () => {
    const { doc, meta } = buildReport(input({ findings: testFindings({ empty: true }), reviewer: null }));
    const t = allText(doc);
    expect(t).toContain('本次评估没有启用任何规则');
    expect(t).toContain('没有须整改的不符合项');
    expect(meta.finalSummary.pass).toBe(0);
  });

  it('strips control characters from evidence text', () => {
    const f = testFindings();
    f.results[0].evidence[0].excerpt = 'a\u0000b\u0007c\td';
    const t = allText(buildReport(input({ findings: f })).doc);
    expect(t).toContain('abc d');
  });

  it('puts the report id and page numbers in header and footer', () => {
    const { doc } = buildReport(input());
    expect(JSON.stringify(doc.header(3, 9))).toContain('报告编号：CD-TEST-1');
    expect(JSON.stringify(doc.footer(3, 9))).toContain('第 3 页 / 共 9 页');
  });
});

/** A case's log as the workbench writes it: opened, reviewed, a decision, an episode judged, a report built. */
function caseLog(): ReviewLogEntry[] {
  let log: ReviewLogEntry[] = [];
  log = appendLogEntry(log, { at: '2027-01-07T09:00:00+08:00', who: '张三', action: 'case_open', after: { operatorId: '91210700MA0JZ0001X', operatorName: '锦州数据运营有限公司', period: { start: '2026-01-01', end: '2026-12-31' } } });
  log = appendLogEntry(log, { at: '2027-01-07T09:01:30+08:00', who: '张三', action: 'review_run', after: { run: 1, bundle: '/data/bundle', summary: { pass: 1, fail: 3, needs_review: 1, insufficient_evidence: 1, not_applicable: 1 } } });
  log = appendLogEntry(log, {
    at: '2027-01-07T10:00:00+08:00', who: '张三', action: 'decision_add', ruleId: 'JZ-06-01',
    before: { status: 'fail', toolStatus: 'fail', verdict: null, waived: false },
    after: { id: 1, ruleId: 'JZ-06-01', kind: 'override', status: 'pass', reason: '现场核验：线下交付已纳入平台', reviewer: '张三', at: '2027-01-07T10:00:00+08:00' },
  });
  log = appendLogEntry(log, {
    at: '2027-01-07T10:05:00+08:00', who: '李四', action: 'x-episode_judgment', ruleId: 'JZ-21-03',
    after: { episodeKey: 'log_delete|u006|logs/2026-08.jsonl:868', kind: 'log_delete', actor: 'u006', first: '2026-08-30T02:17:00+08:00', verdict: 'needs_incident_report', note: '删除审计日志未见审批' },
  });
  log = appendLogEntry(log, { at: '2027-01-07T10:10:00+08:00', who: '张三', action: 'x-report_build', after: { reportId: 'CD-20270107-ABCDEF', sha256: 'ab'.repeat(32) } });
  return log;
}

/** The appendix's log table: its rows as printed, cell by cell. */
function logRows(doc: { content: DocNode[] }): string[][] {
  const table = doc.content.find((n) => {
    const t = (n as { table?: { body: unknown[][] } }).table;
    return !!t && texts(t.body[0]).join('|') === '序号|时间|操作人|操作|规则|变更（前 → 后）|哈希（前 12 位）';
  }) as { table: { body: unknown[][] } } | undefined;
  if (!table) return [];
  return table.table.body.slice(1).map((row) => row.map((c) => texts(c).join('')));
}

describe('the review log in the report', () => {
  it('prints every entry (seq, local time, who, action, rule, before → after, the hash\'s first 12 hex) under a bookmark, and says the chain holds', () => {
    const log = caseLog();
    const { doc } = buildReport(input({ reviewLog: log }));
    const heading = doc.content.find((n) => (n as { text?: unknown }).text === '附录E　复核日志') as Record<string, unknown>;
    expect(heading).toMatchObject({ outline: true, outlineParentId: 'appendix', id: 'review-log' });
    const rows = logRows(doc);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(rows[2]).toEqual([
      '3', '2027-01-07 10:00:00', '张三', '记录决定', 'JZ-06-01', '改判：不符合 → 符合；现场核验：线下交付已纳入平台', log[2].hash.slice(0, 12),
    ]);
    expect(rows[3].slice(2, 6)).toEqual(['李四', '判断事件迹象', 'JZ-21-03', '日志删除（u006，2026-08-30 02:17）：应按事件报告；删除审计日志未见审批']);
    expect(rows[1][5]).toContain('不符合 3');
    expect(rows[4][5]).toContain('CD-20270107-ABCDEF');
    const text = allText(doc);
    expect(text).toContain(`哈希链校验通过：共 5 条，自创始哈希起逐条相接，各条哈希与内容相符，末条哈希 ${log[4].hash}。`);
    expect(text).toContain('时间为记录时的本地时间（UTC+08:00）。');
    // The decisions section points to it.
    expect(text).toContain('共 5 条，哈希链校验通过，见附录E。');
  });

  it('says which entry broke the chain when one was changed after it was recorded, and marks the rows from there', () => {
    const log = caseLog();
    (log[2].after as { status: string }).status = 'not_applicable';
    const { doc } = buildReport(input({ reviewLog: log }));
    const text = allText(doc);
    expect(text).toMatch(/哈希链校验未通过：审查日志第 3 条（decision_add，张三）的 hash 与内容不符/);
    expect(text).toContain('共 5 条，哈希链校验未通过，见附录E。');
    expect(text).toContain('第 3 条起（以红色标出）不能再以哈希链证明其未被改动。');
    expect(text).not.toContain('哈希链校验通过');
    // A dropped entry breaks it too.
    const dropped = caseLog().filter((e) => e.seq !== 2);
    expect(allText(buildReport(input({ reviewLog: dropped })).doc)).toMatch(/哈希链校验未通过：审查日志第 2 条的序号为 3/);
  });

  it('checks the latest entries of a longer log on their own and says the earlier ones are not in the report', () => {
    const log = caseLog();
    const { doc } = buildReport(input({ reviewLog: log.slice(2) }));
    expect(logRows(doc).map((r) => r[0])).toEqual(['3', '4', '5']);
    const text = allText(doc);
    expect(text).toContain(`本报告列出复核日志第 3–5 条（最近的 3 条），所列各条的哈希与内容相符且首尾相接，末条哈希 ${log[4].hash}；此前的 2 条未随报告提交，本报告无法核验。`);
  });

  it('shows each entry\'s offset when the times were recorded in different zones; has no log appendix without a log', () => {
    let log = caseLog().slice(0, 2);
    log = appendLogEntry(log, { at: '2027-01-07T03:00:00Z', who: '王五', action: 'x-note', after: { text: 'x' } });
    const rows = logRows(buildReport(input({ reviewLog: log })).doc);
    expect(rows[0][1]).toBe('2027-01-07 09:00:00\n+08:00');
    expect(rows[2][1]).toBe('2027-01-07 03:00:00\n+00:00');
    // An action the report does not name is printed as recorded.
    expect(rows[2][3]).toBe('x-note');
    const none = allText(buildReport(input()).doc);
    expect(none).not.toContain('附录E');
    expect(none).not.toContain('复核日志');
    expect(allText(buildReport(input({ reviewLog: [] })).doc)).toContain('复核日志中没有记录。');
  });
});
