import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decision, makeFindings } from '../../../shared/review/testing.js';
import { buildXlsx, displayWidth, RAW_RECORD, SHEETS } from './xlsx.js';

async function open(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function values(ws: ExcelJS.Worksheet, row: number): unknown[] {
  return (ws.getRow(row).values as unknown[]).slice(1);
}

describe('Excel export', () => {
  const f = makeFindings();

  it('reopens with the expected sheets, headers and rows', async () => {
    const wb = await open(await buildXlsx(f, { reviewer: '审查员甲', fileHashes: { 'logs/2026-03.csv': 'c'.repeat(64) } }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.summary, SHEETS.findings, SHEETS.evidence, SHEETS.rectification, SHEETS.issues]);

    const rules = wb.getWorksheet(SHEETS.findings)!;
    expect(values(rules, 1)).toEqual(['规则编号', '条款', '严重程度', '规则名称', '结论', '工具结论', '说明', '数据', '证据数', '豁免至', '复核人', '复核意见']);
    expect(rules.rowCount).toBe(1 + f.results.length);
    expect(values(rules, 2).slice(0, 5)).toEqual(['JZ-06-01', 6, '高', f.results[0].title, '不符合']);
    // Figures by the rule's declared labels and units, never by key.
    expect(String(values(rules, 2)[7])).toContain('3,005 ');
    expect(String(values(rules, 2)[7])).not.toMatch(/outboundEvents|offPlatform/);

    const ev = wb.getWorksheet(SHEETS.evidence)!;
    const items = f.results.reduce((n, r) => n + r.evidence.length, 0);
    expect(ev.rowCount).toBe(1 + items);
    expect(values(ev, 1)).toEqual(['规则编号', '序号', '文件', '行号', '事件编号', '记录编号', '内容', RAW_RECORD, '文件 SHA-256', '原始导出']);
    expect(values(ev, 2)).toEqual(['JZ-06-01', 1, 'logs/2026-03.csv', 419, 'E00002168', undefined, '时间：2026-03-02 09:15:00 +08:00；操作人：u007；操作：导出；渠道：线下；结果：成功', f.results[0].evidence[0].excerpt, 'c'.repeat(64)]);
    // An evidence item of an imported bundle names the export's own file and row.
    const imported = makeFindings();
    imported.results[0].evidence[0] = { ...imported.results[0].evidence[0], source: { file: '审计日志/2026-03.csv', row: 420 } };
    const wbi = await open(await buildXlsx(imported, {}));
    expect(values(wbi.getWorksheet(SHEETS.evidence)!, 2)[9]).toBe('原始导出：审计日志/2026-03.csv 第 420 行');
    // Text that looks like a formula stays text.
    expect(typeof ev.getCell('H2').value).toBe('string');

    const rect = wb.getWorksheet(SHEETS.rectification)!;
    expect(values(rect, 1)).toEqual(['规则编号', '条款', '严重程度', '问题', '整改要求', '责任方', '整改期限', '状态']);
    expect(rect.rowCount).toBe(1 + f.results.filter((r) => r.status === 'fail').length);
    expect(values(rect, 2)[6]).toBe('2027-04-06');
    expect(String(values(rect, 3)[7])).toContain('已豁免');

    const summary = wb.getWorksheet(SHEETS.summary)!;
    const kv = Object.fromEntries(Array.from({ length: summary.rowCount - 1 }, (_, i) => values(summary, i + 2)));
    expect(kv['运营机构']).toBe('锦州数据运营有限公司');
    expect(kv['审查员']).toBe('审查员甲');
    expect(kv['不符合（条）']).toBe(2);
    expect(wb.getWorksheet(SHEETS.issues)!.rowCount).toBe(1 + f.inputIssues.length);
  });

  it('freezes and filters the header row of every sheet and fits the columns', async () => {
    const wb = await open(await buildXlsx(f));
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
    const rules = wb.getWorksheet(SHEETS.findings)!;
    const titleWidth = Math.max(...f.results.map((r) => displayWidth(r.title) + 2));
    expect(rules.getColumn(4).width).toBe(titleWidth);
    // Long messages are capped and wrap.
    expect(rules.getColumn(7).width).toBeLessThanOrEqual(60);
    expect(rules.getColumn(7).alignment?.wrapText).toBe(true);
    expect(rules.getColumn(1).width).toBeGreaterThanOrEqual(displayWidth('JZ-06-01'));
  });

  it('applies the reviewer\'s decisions and rectification deadlines', async () => {
    const wb = await open(await buildXlsx(f, {
      decisions: [
        decision({ ruleId: 'JZ-12-02', kind: 'judgment', status: 'fail', reason: '集中度过高', reviewer: '审查员乙' }),
        decision({ ruleId: 'JZ-06-01', kind: 'rectification', reason: '关闭线下渠道', deadline: '2027-03-31', owner: '运营部' }),
      ],
    }));
    const rules = wb.getWorksheet(SHEETS.findings)!;
    const row = Array.from({ length: rules.rowCount - 1 }, (_, i) => values(rules, i + 2)).find((r) => r[0] === 'JZ-12-02')!;
    expect(row[4]).toBe('不符合');
    expect(row[5]).toBe('待人工复核');
    expect(row[10]).toBe('审查员乙');
    const rect = wb.getWorksheet(SHEETS.rectification)!;
    const rows = Array.from({ length: rect.rowCount - 1 }, (_, i) => values(rect, i + 2));
    expect(rows.map((r) => r[0])).toEqual(['JZ-06-01', 'JZ-12-02', 'JZ-14-01']);
    expect(rows[0].slice(4, 7)).toEqual(['关闭线下渠道', '运营部', '2027-03-31']);
  });

  it('drops control characters that would corrupt the file', async () => {
    const g = makeFindings();
    g.results[0] = { ...g.results[0], message: '含\u0001控制\u0008字符' };
    const wb = await open(await buildXlsx(g));
    expect(values(wb.getWorksheet(SHEETS.findings)!, 2)[6]).toBe('含控制字符');
  });

  it('counts CJK characters double', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('规则编号')).toBe(8);
    expect(displayWidth('（）')).toBe(4);
  });
});
