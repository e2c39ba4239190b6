// findings as an Excel workbook for reviewers and operators: a summary, one row per rule,
// one row per evidence item, the rectification list and the input issues. Chinese headers,
// the header row frozen and filterable, columns as wide as their content (within limits).

import { sourcePlaceText } from '../../../shared/import/provenance.js';
import ExcelJS from 'exceljs';
import { addDays } from '../../../shared/bundle/time.js';
import type { Findings } from '../../../shared/engine/assess.js';
import { CONCLUSION_ZH, SEVERITY_ZH, STATUSES, STATUS_ZH } from '../../../shared/report/labels.js';
import { standingOf } from '../../../shared/review/effective.js';
import { DEFAULT_DEADLINE_DAYS, type Decision } from '../../../shared/review/types.js';
import { evidenceText } from '../../../shared/engine/evidence-fields.js';
import { figuresText } from '../../../shared/engine/figures.js';
import { figureSpecsOf } from '../../../shared/rules/packs.js';

export const XLSX_FILE = 'findings.xlsx';
/** The column of each record as the bundle wrote it: the operator's words, not ours. */
export const RAW_RECORD = '原始记录';

export const SHEETS = { summary: '概况', findings: '检查结果', evidence: '证据', rectification: '整改', issues: '输入问题' } as const;
/** Excel's limit on the characters of a cell. */
const CELL_MAX = 32767;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

export interface XlsxOptions {
  decisions?: readonly Decision[];
  reviewer?: string;
  /** SHA-256 of bundle files by path, shown beside their evidence. */
  fileHashes?: Readonly<Record<string, string>>;
  /** YYYY-MM-DD for waivers and default deadlines; default the findings' date. */
  asOf?: string;
  defaultDeadlineDays?: number;
}

type Cell = string | number | null;

/** XML 1.0 forbids most control characters: they would corrupt the workbook. */
function text(s: unknown): string {
  const t = String(s ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return t.length > CELL_MAX ? t.slice(0, CELL_MAX - 1) + '…' : t;
}

/** Display width in Excel's character units: CJK and full-width forms count double. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
      || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
      || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

function addSheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][], wrap: number[] = []): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r.map((c) => (typeof c === 'string' ? text(c) : c)));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle' };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    c.border = { bottom: { style: 'thin', color: { argb: 'FF90A4AE' } } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  headers.forEach((h, i) => {
    // The widest line of any cell decides, within limits; long text wraps instead.
    let w = displayWidth(h) + 4; // room for the filter button
    for (const r of rows) {
      const v = r[i];
      if (v === null || v === undefined) continue;
      for (const part of String(v).split('\n')) w = Math.max(w, displayWidth(part) + 2);
    }
    const col = ws.getColumn(i + 1);
    col.width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w));
    if (wrap.includes(i)) col.alignment = { wrapText: true, vertical: 'top' };
  });
  return ws;
}

export async function buildXlsx(findings: Findings, opts: XlsxOptions = {}): Promise<Buffer> {
  const asOf = opts.asOf ?? findings.generatedAt.slice(0, 10);
  const { rules: eff, counts, conclusion: final } = standingOf(findings.results, opts.decisions ?? [], asOf);
  const hashes = opts.fileHashes ?? {};

  const wb = new ExcelJS.Workbook();
  wb.creator = `${findings.tool.name} ${findings.tool.version}`;
  const generated = new Date(findings.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;

  const f = findings;
  addSheet(wb, SHEETS.summary, ['项目', '内容'], [
    ['运营机构', f.bundle.operatorName ?? '（证据包未载明）'],
    ['机构编号', f.bundle.operatorId ?? '（证据包未载明）'],
    ['证据包', f.bundle.source],
    ['清单 SHA-256', f.bundle.manifestSha256 ?? '（无）'],
    ['评估期', `${f.period.start} 至 ${f.period.end}`],
    ['规则包', `${f.rulePack.id} ${f.rulePack.version}`],
    ['工具', `${f.tool.name} ${f.tool.version}`],
    ['生成时间', f.generatedAt],
    ['审查员', opts.reviewer ?? '（未指定）'],
    ['工具结论', CONCLUSION_ZH[f.summary.conclusion]],
    ['复核后结论', CONCLUSION_ZH[final]],
    ...STATUSES.map((s): Cell[] => [`${STATUS_ZH[s]}（条）`, counts[s]]),
    ['文件数', f.stats.files],
    ['字节数', f.stats.bytes],
    ['日志事件', f.stats.events],
    ['评估期内事件', f.stats.eventsInPeriod],
    ['输入问题', f.stats.inputIssues],
    ['用时（秒）', f.stats.seconds],
  ]);

  addSheet(wb, SHEETS.findings,
    ['规则编号', '条款', '严重程度', '规则名称', '结论', '工具结论', '说明', '数据', '证据数', '豁免至', '复核人', '复核意见'],
    eff.map((e) => [
      e.result.ruleId, e.result.article, SEVERITY_ZH[e.result.severity], e.result.title, STATUS_ZH[e.status], STATUS_ZH[e.toolStatus],
      e.result.message, figuresText(e.result.figures, figureSpecsOf(f.rulePack.id, e.result.ruleId), 'zh') || null,
      e.result.evidenceCount, e.waiver?.expires ?? null, e.verdict?.reviewer ?? null, e.verdict?.reason ?? null,
    ]),
    [6, 7, 11]);

  addSheet(wb, SHEETS.evidence,
    ['规则编号', '序号', '文件', '行号', '事件编号', '记录编号', '内容', RAW_RECORD, '文件 SHA-256', '原始导出'],
    findings.results.flatMap((r) => r.evidence.map((ev, i): Cell[] => [
      r.ruleId, i + 1, ev.file, typeof ev.line === 'number' ? ev.line : null, ev.eventId ?? null, ev.rowId ?? null,
      evidenceText(ev, 'zh') || null, ev.excerpt ?? null, hashes[ev.file] ?? null,
      // An imported bundle's line: the operator's own export file and row.
      ev.source ? sourcePlaceText(ev.source, 'zh') : null,
    ])),
    [6, 7]);

  const defaultDeadline = addDays(asOf, opts.defaultDeadlineDays ?? DEFAULT_DEADLINE_DAYS);
  addSheet(wb, SHEETS.rectification,
    ['规则编号', '条款', '严重程度', '问题', '整改要求', '责任方', '整改期限', '状态'],
    eff.filter((e) => e.status === 'fail').map((e) => [
      e.result.ruleId, e.result.article, SEVERITY_ZH[e.result.severity], e.result.message,
      e.rectification?.reason ?? `按${e.result.title}的要求整改`,
      e.rectification?.owner ?? f.bundle.operatorName ?? '运营机构',
      e.waiver ? e.waiver.expires : e.rectification?.deadline ?? defaultDeadline,
      e.waiver ? `已豁免（${e.waiver.justification}）` : '待整改',
    ]),
    [3, 4]);

  addSheet(wb, SHEETS.issues, ['文件', '行号', '级别', '说明'],
    findings.inputIssues.map((i) => [i.file, i.line, { error: '错误', warning: '警告', info: '提示' }[i.severity] ?? i.severity, i.message]),
    [3]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
