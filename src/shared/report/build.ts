// The assessment report as a pdfmake document definition: pure data in (findings, rule
// metadata, the reviewer's decisions), document out. Rendering, fonts, attachments and
// signing live in src/main/services/pdf.

import { conclusionOf } from '../engine/assess.js';
import { evidenceText } from '../engine/evidence-fields.js';
import { figureLines, paramValueText, type FigureSpecs } from '../engine/figures.js';
import { sourcePlaceText } from '../import/provenance.js';
import { addDays } from '../bundle/time.js';
import type { RuleMeta, RuleResult, Severity, Status, Waiver } from '../engine/types.js';
import { verifyLog, verifyLogSegment, type LogVerification } from '../review/log.js';
import { changeText } from '../review/log-text.js';
import { waiverInForce } from '../review/effective.js';
import { DEFAULT_DEADLINE_DAYS } from '../review/types.js';
import type { ReviewLogEntry } from '../review/types.js';
import { statusChart } from './chart.js';
import { incidentsSection } from './incidents.js';
import {
  CONCLUSION_COLOR, CONCLUSION_ZH, SEVERITY_RANK, SEVERITY_ZH, STATUSES, STATUS_COLOR, STATUS_ZH,
  articleHeading, dateZh, groupDigits,
} from './labels.js';
import { summaryLine } from './meta.js';
import type {
  BuiltReport, Counts, DocDefinition, DocNode, ManualJudgment, RectificationItem, ReportInput, ReportMeta,
  ReviewComment, StatusOverride,
} from './types.js';
import { GRID } from './style.js';

export const REPORT_FONT = 'NotoSansSC';
export const REPORT_TITLE = '公共数据资源授权运营合规评估报告';

/** Rows of a figure table in the report; findings.json holds them all. */
const MAX_FIGURE_ROWS = 30;

const DEFAULT_EVIDENCE_PER_RULE = 20;
const DEFAULT_INPUT_ISSUES_MAX = 200;
const DEFAULT_FILES_MAX = 2000;
/** Named destination and bookmark of the review log. */
export const REVIEW_LOG_OUTLINE_ID = 'review-log';
/** Characters of a log entry's before → after printed in its row. */
const LOG_CHANGE_MAX = 240;
/** Evidence excerpts are cut to this many characters in the PDF (findings.json keeps 300). */
const EXCERPT_MAX = 160;

/** A rule's result with the reviewer's decisions applied. */
export interface EffectiveResult {
  result: RuleResult;
  status: Status;
  waiver: Waiver | null;
  override: StatusOverride | null;
  judgment: ManualJudgment | null;
  comments: ReviewComment[];
}

// ---------------------------------------------------------------- helpers

/** Control characters break layout or are not in the font; tabs become spaces. */
function clean(s: unknown): string {
  return String(s ?? '').replace(/\t/g, ' ').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/g, '');
}

function cut(s: string, max: number): string {
  const t = clean(s);
  return t.length > max ? t.slice(0, max) + '…' : t;
}

function lastBy<T extends { ruleId: string }>(items: readonly T[] | undefined): Map<string, T> {
  const m = new Map<string, T>();
  for (const it of items ?? []) m.set(it.ruleId, it);
  return m;
}

function bySeverityThenId(a: EffectiveResult, b: EffectiveResult): number {
  const s = SEVERITY_RANK[a.result.severity] - SEVERITY_RANK[b.result.severity];
  return s !== 0 ? s : a.result.ruleId < b.result.ruleId ? -1 : a.result.ruleId > b.result.ruleId ? 1 : 0;
}


const PLAIN = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 6,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/**
 * Machine text (paths, hashes, log lines): may break between any two characters. The
 * line breaker finds no break in `"a": "b"` (no break around quotation marks) nor in a
 * hash, and pdfmake does not split a word wider than its cell: it would run over.
 */
function raw(text: string, extra: Record<string, unknown> = {}): DocNode {
  return { text, wordBreak: 'break-all', ...extra };
}

function th(text: string): DocNode {
  return { text, style: 'th' };
}

/** A table with a repeated header row; `rows` are already cell arrays. */
function grid(widths: (number | string)[], header: string[], rows: DocNode[][], fontSize = 8): DocNode {
  return {
    // Header rows never stand alone at a page end, and a row is never split across pages.
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [header.map(th), ...rows] },
    layout: GRID,
    fontSize,
    margin: [0, 2, 0, 8],
  };
}

/** Width of the page's text block: A4 less the margins (pageMargins below). */
const TEXT_WIDTH = 595.28 - 50 - 50;
/** A grid cell's padding (3 + 3, style.ts GRID) with room to spare; +1 below for its rule. */
const CELL_PADDING = 8;

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

/** Points a line of `text` takes at `fontSize`: a full em for CJK and full-width forms, about half for the rest. */
function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += CJK.test(ch) ? 1 : 0.56;
  return em * fontSize;
}

/** A value this short (295 分钟, 1,440 条, 重大) is read as one word: never broken. */
const SHORT_VALUE = 10;

/** The widest piece a line of `text` cannot be broken inside: a word, or two CJK characters (no column narrower). */
function unbreakableWidth(text: string, fontSize: number): number {
  const pieces = text.split(/\s+/).flatMap((w) => w.split(/(?<=[\u2e80-\u9fff\uff00-\uffef])|(?=[\u2e80-\u9fff\uff00-\uffef])/));
  return Math.max(2 * fontSize, ...pieces.map((w) => textWidth(w, fontSize)));
}

/**
 * Widths for a table laid out as a browser lays out an automatic table: each column between
 * its longest unbreakable piece (a word, a date) and its whole longest line, the room shared
 * in proportion to what each column would still like; so a time breaks at its spaces, never
 * inside "2026-04-18". When even the unbreakable pieces do not fit, the columns share equally.
 */
export function contentWidths(headers: string[], rows: string[][], fontSize: number, available = TEXT_WIDTH): (number | string)[] {
  const cells = (c: number) => [headers[c], ...rows.map((r) => r[c] ?? '')];
  const values = (c: number) => rows.map((r) => r[c] ?? '').filter((t) => [...t].length <= SHORT_VALUE);
  const min = headers.map((_, c) => Math.max(...cells(c).map((t) => unbreakableWidth(t, fontSize)), ...values(c).map((t) => textWidth(t, fontSize))) + 1);
  const max = headers.map((_, c) => Math.max(min[c], ...cells(c).map((t) => textWidth(t, fontSize) + 1)));
  const room = available - headers.length * (CELL_PADDING + 1);
  const [minSum, maxSum] = [min, max].map((w) => w.reduce((a, b) => a + b, 0));
  if (minSum > room) return headers.map(() => '*');
  // Everything fits on one line: the widest column takes what is left.
  if (maxSum <= room) {
    const widest = max.indexOf(Math.max(...max));
    return max.map((w, c) => (c === widest ? '*' : Math.ceil(w)));
  }
  const share = (room - minSum) / (maxSum - minSum);
  return min.map((w, c) => Math.floor(w + (max[c] - w) * share));
}

function para(text: string, extra: Record<string, unknown> = {}): DocNode {
  return { text, margin: [0, 0, 0, 4], ...extra };
}

function statusText(status: Status, extra: Record<string, unknown> = {}): DocNode {
  return { text: STATUS_ZH[status], color: STATUS_COLOR[status], bold: true, ...extra };
}

function sectionHeading(text: string, id: string, pageBreak = true): DocNode {
  return { text, style: 'h1', outline: true, id, ...(pageBreak ? { pageBreak: 'before' } : { margin: [0, 18, 0, 10] }) };
}

function subHeading(text: string, parentId: string, extra: Record<string, unknown> = {}): DocNode {
  return { text, style: 'h2', outline: true, outlineParentId: parentId, ...extra };
}

// ---------------------------------------------------------------- decisions

/** Each result after the decisions (lists in time order, as toReportDecisions gives them), decided as everywhere (waiverInForce). */
export function effectiveResults(input: ReportInput): EffectiveResult[] {
  const overrides = lastBy(input.decisions?.overrides);
  const judgments = lastBy(input.decisions?.judgments);
  const comments = input.decisions?.comments ?? [];
  const waivers = lastBy(input.waivers);
  return input.findings.results.map((r) => {
    const override = overrides.get(r.ruleId) ?? null;
    const judgment = judgments.get(r.ruleId) ?? null;
    // An explicit change of verdict wins over a judgment of an open rule.
    const status = override?.to ?? judgment?.status ?? r.status;
    const waiver = waiverInForce(status, r.waiver, waivers.get(r.ruleId) ?? null, input.reportDate);
    return { result: r, status, waiver, override, judgment, comments: comments.filter((c) => c.ruleId === r.ruleId) };
  });
}

export function countsOf(eff: EffectiveResult[]): Counts {
  const c = { pass: 0, fail: 0, needs_review: 0, not_applicable: 0, insufficient_evidence: 0 } as Counts;
  for (const e of eff) c[e.status]++;
  c.conclusion = conclusionOf(eff.map((e) => ({ ...e.result, status: e.status, waiver: e.waiver })));
  return c;
}

// ---------------------------------------------------------------- sections

function cover(input: ReportInput, final: Counts, eff: EffectiveResult[]): DocNode[] {
  const f = input.findings;
  const r = input.reviewer;
  const rows: [string, string][] = [
    ['运营机构', f.bundle.operatorName ?? '（证据包未载明）'],
    ['机构编号', f.bundle.operatorId ?? '（证据包未载明）'],
    ['评估期间', `${dateZh(f.period.start)} 至 ${dateZh(f.period.end)}`],
    ['评估人员', r ? r.name + (r.title ? `（${r.title}）` : '') : '（未指定）'],
    ['评估机构', r?.organisation ?? '（未指定）'],
    ['报告日期', dateZh(input.reportDate)],
    ['报告编号', input.reportId],
  ];
  const failing = eff.filter((e) => e.status === 'fail' && !e.waiver);
  const highFailing = failing.filter((e) => e.result.severity === 'high').length;
  const nodes: DocNode[] = [
    { text: '', margin: [0, 50, 0, 0] },
    { text: REPORT_TITLE, style: 'coverTitle', outline: true, outlineText: '封面' },
  ];
  if (input.regulation) {
    nodes.push({ text: `依据《${input.regulation.title}》（${input.regulation.docNo}）`, alignment: 'center', fontSize: 11, color: '#455a64', margin: [0, 0, 0, 36] });
  } else {
    nodes.push({ text: '', margin: [0, 0, 0, 36] });
  }
  nodes.push({
    table: { widths: [80, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true, color: '#37474f' }, { text: clean(v) }]) },
    layout: { ...GRID, hLineColor: () => '#cfd8dc', vLineWidth: () => 0, paddingTop: () => 6, paddingBottom: () => 6, paddingLeft: () => 6 },
    fontSize: 11,
    margin: [40, 0, 40, 36],
  });
  nodes.push({ text: '评估结论', alignment: 'center', fontSize: 12, color: '#455a64', margin: [0, 0, 0, 6] });
  nodes.push({
    table: {
      widths: ['*'],
      body: [[{ text: CONCLUSION_ZH[final.conclusion], fontSize: 44, bold: true, color: CONCLUSION_COLOR[final.conclusion], alignment: 'center', margin: [0, 8, 0, 8] }]],
    },
    layout: {
      hLineWidth: () => 2, vLineWidth: () => 2,
      hLineColor: () => CONCLUSION_COLOR[final.conclusion], vLineColor: () => CONCLUSION_COLOR[final.conclusion],
    },
    margin: [130, 0, 130, 16],
  });
  const summary = `共评估 ${eff.length} 项规则：${STATUSES.map((s) => `${STATUS_ZH[s]} ${final[s]} 项`).join('，')}。`
    + (failing.length ? `未豁免的不符合项 ${failing.length} 项，其中高严重程度 ${highFailing} 项。` : '没有未豁免的不符合项。');
  nodes.push({ text: summary, alignment: 'center', fontSize: 10, margin: [20, 0, 20, eff.length ? 30 : 6] });
  if (!eff.length) {
    nodes.push({ text: '注意：本次评估没有启用任何规则，上述结论不反映运营机构的合规情况。', alignment: 'center', fontSize: 10, bold: true, color: STATUS_COLOR.fail, margin: [20, 0, 20, 24] });
  }
  const sign = input.signer
    ? `本报告以数字签名签署，签署人：${clean(input.signer.name)}`
      + (input.signer.fingerprintSha256 ? `；签名证书 SHA-256 指纹：${input.signer.fingerprintSha256}` : '')
      + '。评估结果原始数据（findings.json）作为附件嵌入本文件，可用 compliance-desk verify 核验签名与附件。'
    : '本报告未作数字签名。评估结果原始数据（findings.json）作为附件嵌入本文件。';
  nodes.push({ text: sign, fontSize: 8, color: '#546e7a', margin: [20, 0, 20, 0] });
  return nodes;
}

function summarySection(input: ReportInput, tool: Counts, final: Counts, eff: EffectiveResult[]): DocNode[] {
  const changed = eff.some((e) => e.status !== e.result.status || (e.waiver && !e.result.waiver));
  const nodes: DocNode[] = [sectionHeading('一、评估概要', 'summary')];
  nodes.push(subHeading('（一）结论与统计', 'summary'));
  const header = changed ? ['判定', '工具判定（项）', '复核后（项）'] : ['判定', '规则数（项）'];
  const rows: DocNode[][] = STATUSES.map((s) => {
    const row: DocNode[] = [statusText(s), { text: String(tool[s]), alignment: 'right' }];
    if (changed) row.push({ text: String(final[s]), alignment: 'right' });
    return row;
  });
  const totalRow: DocNode[] = [{ text: '合计', bold: true }, { text: String(eff.length), alignment: 'right', bold: true }];
  if (changed) totalRow.push({ text: String(eff.length), alignment: 'right', bold: true });
  rows.push(totalRow);
  const concRow: DocNode[] = [{ text: '结论', bold: true }, { text: CONCLUSION_ZH[tool.conclusion], alignment: 'right', color: CONCLUSION_COLOR[tool.conclusion], bold: true }];
  if (changed) concRow.push({ text: CONCLUSION_ZH[final.conclusion], alignment: 'right', color: CONCLUSION_COLOR[final.conclusion], bold: true });
  rows.push(concRow);
  nodes.push(grid(changed ? [110, 90, 90] : [110, 90], header, rows, 9));
  nodes.push(para(
    '结论规则：存在未豁免的高严重程度不符合项为“不合格”；存在其他未豁免的不符合项或证据不足项为“基本合格”；否则为“合格”。'
    + (changed ? '复核人的改判、人工判断与豁免已计入“复核后”一栏，封面结论以此为准。' : ''),
    { fontSize: 8, color: '#546e7a' },
  ));

  nodes.push(subHeading('（二）各条款评估结果', 'summary'));
  nodes.push(statusChart(eff.map((e) => ({ article: e.result.article, status: e.status }))));

  nodes.push(subHeading('（三）不符合项（按严重程度）', 'summary'));
  const fails = eff.filter((e) => e.status === 'fail').sort(bySeverityThenId);
  if (fails.length === 0) {
    nodes.push(para('没有不符合项。'));
  } else {
    nodes.push(grid([58, 50, 26, '*', 46, 60], ['规则', '条款', '严重', '标题', '问题数', '处理'], fails.map((e) => [
      e.result.ruleId,
      articleHeading(e.result.article),
      { text: SEVERITY_ZH[e.result.severity], color: e.result.severity === 'high' ? STATUS_COLOR.fail : undefined, bold: e.result.severity === 'high' },
      clean(e.result.title),
      { text: groupDigits(e.result.evidenceCount), alignment: 'right' },
      e.waiver ? `已豁免至 ${e.waiver.expires}` : '须整改',
    ])));
  }
  const open = eff.filter((e) => e.status === 'needs_review' || e.status === 'insufficient_evidence').sort(bySeverityThenId);
  if (open.length) {
    nodes.push(subHeading('（四）待人工复核与证据不足项', 'summary'));
    nodes.push(grid([58, 50, 56, '*'], ['规则', '条款', '判定', '说明'], open.map((e) => [
      e.result.ruleId, articleHeading(e.result.article), statusText(e.status), cut(e.result.message, 300),
    ])));
  }
  return nodes;
}

function evidenceTable(r: RuleResult, perRule: number): DocNode[] {
  if (r.evidenceCount === 0 && r.evidence.length === 0) return [];
  const shown = r.evidence.slice(0, perRule);
  const nodes: DocNode[] = [];
  if (shown.length) {
    nodes.push(grid([118, 30, 66, '*'], ['文件', '行', '编号', '内容'], shown.map((e) => [
      // An imported bundle's line also names the row of the operator's own export.
      e.source ? { stack: [raw(cut(e.file, 120)), raw(cut(sourcePlaceText(e.source, 'zh'), 160), { color: '#546e7a', fontSize: 6.5 })] } : raw(cut(e.file, 120)),
      { text: e.line === null || e.line === undefined ? '—' : String(e.line), alignment: 'right' },
      raw(cut(e.eventId ?? e.rowId ?? '—', 60)),
      raw(cut(evidenceText(e, 'zh'), EXCERPT_MAX), { color: '#37474f' }),
    ]), 7));
  }
  if (r.evidenceCount > shown.length) {
    const kept = r.evidence.length;
    nodes.push(para(
      `共 ${groupDigits(r.evidenceCount)} 条，此处列出前 ${shown.length} 条；`
      + (kept > shown.length ? `附件 findings.json 列出前 ${groupDigits(kept)} 条。` : '其余条目未逐条保存（受证据条数上限限制）。'),
      { fontSize: 8, color: '#546e7a' },
    ));
  }
  return nodes;
}

/** The rule's figures as its meta declares them: label–value pairs two to a row, then each table. */
function figuresTable(figures: Record<string, unknown> | undefined, specs: FigureSpecs): DocNode[] {
  const lines = figureLines(figures, specs, 'zh', MAX_FIGURE_ROWS);
  const texts = lines.filter((l) => 'text' in l);
  const nodes: DocNode[] = [];
  if (texts.length) {
    const rows: DocNode[][] = [];
    for (let i = 0; i < texts.length; i += 2) {
      const [a, b] = [texts[i], texts[i + 1]];
      rows.push([
        raw(a.label, { color: '#546e7a' }), raw(cut(a.text, 300)),
        raw(b ? b.label : '', { color: '#546e7a' }), raw(b ? cut(b.text, 300) : ''),
      ]);
    }
    nodes.push({
      table: { widths: [90, '*', 90, '*'], body: rows },
      layout: { ...GRID, vLineWidth: () => 0, hLineColor: () => '#eceff1' },
      fontSize: 7.5,
      margin: [0, 0, 0, 6],
    });
  }
  for (const l of lines) {
    if (!('table' in l)) continue;
    const { headers, rows, total } = l.table;
    nodes.push(para(l.label + (total > rows.length ? `（共 ${groupDigits(total)} 项，列出前 ${rows.length} 项，全部见 findings.json）` : ''), { fontSize: 8, color: '#546e7a', margin: [0, 0, 0, 1] }));
    const cells = rows.map((r) => r.map((c) => cut(c, 200)));
    const widths = contentWidths(headers, cells, 7.5);
    // Sized columns hold their longest word: lines break at spaces. Shared ones may break anywhere.
    const sized = widths.some((w) => typeof w === 'number');
    nodes.push(grid(widths, headers, cells.map((r) => r.map((c) => (sized ? { text: c } : raw(c)))), 7.5));
  }
  return nodes;
}

function ruleBlock(e: EffectiveResult, meta: RuleMeta | undefined, perRule: number): DocNode[] {
  const r = e.result;
  const head: DocNode = {
    table: {
      widths: ['*', 70, 56],
      body: [[
        { text: [{ text: r.ruleId + '  ', bold: true }, { text: clean(r.title), bold: true }] },
        { text: [{ text: '判定 ', color: '#546e7a' }, statusText(e.status)], alignment: 'right' },
        { text: [{ text: '严重 ', color: '#546e7a' }, { text: SEVERITY_ZH[r.severity], bold: r.severity === 'high' }], alignment: 'right' },
      ]],
    },
    layout: { ...PLAIN, hLineWidth: (i: number) => (i === 1 ? 0.5 : 0), hLineColor: () => '#90a4ae', fillColor: () => '#f5f7f8', paddingLeft: () => 4 },
    fontSize: 9.5,
    margin: [0, 8, 0, 4],
  };
  const nodes: DocNode[] = [head];
  const toolSaid = e.status !== r.status ? `（工具判定：${STATUS_ZH[r.status]}）` : '';
  nodes.push(para(`${clean(r.message)}${toolSaid}`, { fontSize: 9 }));
  if (e.override) {
    nodes.push(para(`复核改判为“${STATUS_ZH[e.override.to]}”：${clean(e.override.reason)}${e.override.by ? `（${clean(e.override.by)}${e.override.at ? '，' + clean(e.override.at) : ''}）` : ''}`, { fontSize: 8.5, color: '#0d47a1' }));
  } else if (e.judgment) {
    nodes.push(para(`人工判断为“${STATUS_ZH[e.judgment.status]}”：${clean(e.judgment.reason)}${e.judgment.by ? `（${clean(e.judgment.by)}）` : ''}`, { fontSize: 8.5, color: '#0d47a1' }));
  }
  if (e.waiver) {
    const w = e.waiver;
    nodes.push(para(`已豁免：${clean(w.justification)}（批准人 ${clean(w.reviewer)}${w.approvalDoc ? `，文号 ${clean(w.approvalDoc)}` : ''}，有效期至 ${w.expires}）`, { fontSize: 8.5, color: '#6d4c41' }));
  }
  for (const c of e.comments) {
    nodes.push(para(`复核备注：${clean(c.text)}${c.by ? `（${clean(c.by)}）` : ''}`, { fontSize: 8.5, color: '#37474f' }));
  }
  // The heading stays on the page of its message and decisions; tables may run on.
  return [{ stack: nodes, unbreakable: true }, ...figuresTable(r.figures, meta?.figures ?? {}), ...evidenceTable(r, perRule)];
}

/** A shaded box: a small label over paragraphs, quoted when they are the issued text. */
function articleBox(label: string, text: string, quoted: boolean): DocNode {
  const paragraphs = clean(text).split('\n').filter((p) => p.trim());
  return {
    table: {
      widths: ['*'],
      body: [[{
        stack: [
          { text: label, fontSize: 8, bold: true, color: quoted ? '#455a64' : '#8d6e63', margin: [0, 0, 0, 2] },
          ...paragraphs.map((p) => ({ text: quoted ? `“${p}”` : p, fontSize: 9, color: '#263238', margin: [0, 0, 0, 2] })),
        ],
      }]],
    },
    layout: {
      hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => (quoted ? '#90a4ae' : '#bcaaa4'),
      fillColor: () => '#fafafa', paddingLeft: () => 8, paddingRight: () => 6, paddingTop: () => 4, paddingBottom: () => 4,
    },
    margin: [0, 0, 0, 4],
  };
}

function articlesSection(input: ReportInput, eff: EffectiveResult[], metas: Map<string, RuleMeta>): DocNode[] {
  const perRule = input.options?.evidencePerRule ?? DEFAULT_EVIDENCE_PER_RULE;
  const nodes: DocNode[] = [sectionHeading('二、逐条评估结果', 'articles')];
  if (eff.length === 0) {
    nodes.push(para('本次评估没有启用任何规则。'));
    return nodes;
  }
  const byArticle = new Map<number, EffectiveResult[]>();
  for (const e of eff) {
    const list = byArticle.get(e.result.article) ?? [];
    list.push(e);
    byArticle.set(e.result.article, list);
  }
  const articles = [...byArticle.keys()].sort((a, b) => a - b);
  articles.forEach((n, i) => {
    const list = byArticle.get(n)!;
    const meta = list.map((e) => metas.get(e.result.ruleId)).find((m) => !!m?.articleText);
    const counts = STATUSES.filter((s) => list.some((e) => e.status === s))
      .map((s) => `${STATUS_ZH[s]} ${list.filter((e) => e.status === s).length}`).join('，');
    const heading: DocNode = {
      text: [{ text: articleHeading(n) }, { text: `　${list.length} 项规则：${counts}`, fontSize: 9, bold: false, color: '#546e7a' }],
      style: 'h2', outline: true, outlineParentId: 'articles', outlineText: articleHeading(n),
      margin: [0, i === 0 ? 0 : 14, 0, 6],
    };
    const textNode: DocNode = meta
      ? { stack: [articleBox(`条文（${articleHeading(n)}）`, meta.articleText, true), ...(meta.checkPoints ? [articleBox('检查要点', meta.checkPoints, false)] : [])] }
      : para('（本条条文未收录于规则包。）', { fontSize: 8.5, color: '#78909c' });
    const blocks = list.map((e) => ruleBlock(e, metas.get(e.result.ruleId), perRule));
    // Heading, article text and the first rule's heading never part at a page end.
    nodes.push({ stack: [heading, textNode, blocks[0][0]], unbreakable: true });
    nodes.push(...blocks[0].slice(1));
    for (const b of blocks.slice(1)) nodes.push(...b);
  });
  return nodes;
}

function decisionsSection(input: ReportInput, eff: EffectiveResult[]): DocNode[] {
  const nodes: DocNode[] = [sectionHeading('三、复核意见', 'decisions')];
  const r = input.reviewer;
  nodes.push(para(r
    ? `复核人：${clean(r.name)}${r.title ? `（${clean(r.title)}）` : ''}${r.organisation ? `，${clean(r.organisation)}` : ''}。`
    : '复核人：未指定。'));
  const overridden = eff.filter((e) => e.override);
  const judged = eff.filter((e) => e.judgment && !e.override);
  const general = (input.decisions?.comments ?? []).filter((c) => !c.ruleId);
  const ruleComments = (input.decisions?.comments ?? []).filter((c) => c.ruleId);
  if (input.reviewLog) nodes.push(logPointer(input.reviewLog));
  if (!overridden.length && !judged.length && !general.length && !ruleComments.length) {
    nodes.push(para('本报告未记录复核人对工具判定的改判、人工判断或意见；各项判定与结论即工具判定。'));
    return nodes;
  }
  if (overridden.length) {
    nodes.push(subHeading('（一）改判', 'decisions'));
    nodes.push(grid([58, 50, 50, '*', 80], ['规则', '工具判定', '复核结论', '理由', '复核人 / 时间'], overridden.map((e) => [
      e.result.ruleId, statusText(e.result.status), statusText(e.override!.to), clean(e.override!.reason),
      [e.override!.by, e.override!.at].filter(Boolean).map(clean).join('\n') || '—',
    ])));
  }
  if (judged.length) {
    nodes.push(subHeading('（二）人工判断', 'decisions'));
    nodes.push(grid([58, 50, 50, '*', 80], ['规则', '工具判定', '人工判断', '理由', '复核人 / 时间'], judged.map((e) => [
      e.result.ruleId, statusText(e.result.status), statusText(e.judgment!.status), clean(e.judgment!.reason),
      [e.judgment!.by, e.judgment!.at].filter(Boolean).map(clean).join('\n') || '—',
    ])));
  }
  if (general.length || ruleComments.length) {
    nodes.push(subHeading('（三）复核备注', 'decisions'));
    nodes.push(grid([58, '*', 80], ['规则', '意见', '复核人 / 时间'], [...general, ...ruleComments].map((c) => [
      c.ruleId ?? '总体', clean(c.text), [c.by, c.at].filter(Boolean).map(clean).join('\n') || '—',
    ])));
  }
  return nodes;
}

function allWaivers(input: ReportInput): Waiver[] {
  const out: Waiver[] = [];
  const seen = new Set<string>();
  for (const w of [...(input.findings.profile?.waivers ?? []), ...(input.waivers ?? [])]) {
    const key = JSON.stringify([w.ruleId, w.justification, w.reviewer, w.approvalDoc ?? '', w.expires]);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(w);
    }
  }
  return out;
}

function waiversSection(input: ReportInput, eff: EffectiveResult[]): DocNode[] {
  const nodes: DocNode[] = [sectionHeading('四、豁免事项', 'waivers', false)];
  const waivers = allWaivers(input);
  if (!waivers.length) {
    nodes.push(para('本次评估没有豁免事项。'));
    return nodes;
  }
  nodes.push(grid([58, '*', 60, 80, 58, 54], ['规则', '豁免理由', '批准人', '批准文号', '有效期至', '本次适用'], waivers.map((w) => {
    const applied = eff.some((e) => e.result.ruleId === w.ruleId && e.waiver === w);
    const expired = w.expires < input.reportDate;
    return [
      w.ruleId, clean(w.justification), clean(w.reviewer), clean(w.approvalDoc ?? '—'), w.expires,
      { text: applied ? '已适用' : expired ? '已过期' : '未适用', color: applied ? '#6d4c41' : '#78909c' },
    ];
  })));
  nodes.push(para('“已适用”：该规则判定为不符合，豁免有效，不计入结论；“未适用”：该规则本次未判定为不符合。', { fontSize: 8, color: '#546e7a' }));
  return nodes;
}

function rectificationSection(input: ReportInput, eff: EffectiveResult[], metas: Map<string, RuleMeta>): DocNode[] {
  const nodes: DocNode[] = [sectionHeading('五、整改清单', 'rectification', false)];
  const days = input.options?.defaultDeadlineDays ?? DEFAULT_DEADLINE_DAYS;
  const defaultDeadline = addDays(input.reportDate, days);
  const given = new Map<string, RectificationItem[]>();
  for (const item of input.rectification ?? []) given.set(item.ruleId, [...(given.get(item.ruleId) ?? []), item]);
  const failing = eff.filter((e) => e.status === 'fail' && !e.waiver).sort(bySeverityThenId);
  const rows: DocNode[][] = [];
  const listed = new Set<string>();
  const pushRow = (ruleId: string, article: number | null, problem: string, severity: Severity | null, item: RectificationItem | null, fallbackAction: string) => {
    rows.push([
      { text: String(rows.length + 1), alignment: 'right' },
      { text: `${ruleId}\n${article !== null ? articleHeading(article) : ''}${severity ? `\n严重：${SEVERITY_ZH[severity]}` : ''}` },
      cut(problem, 400),
      clean(item?.action ?? fallbackAction),
      clean(item?.owner ?? '运营机构'),
      item?.deadline ?? defaultDeadline,
    ]);
  };
  for (const e of failing) {
    const r = e.result;
    listed.add(r.ruleId);
    const title = metas.get(r.ruleId)?.title ?? r.title;
    const fallback = `按${articleHeading(r.article)}的要求整改，使“${clean(title)}”得到满足；`
      + (r.evidenceCount > 0 ? `逐项处理本报告列出的 ${groupDigits(r.evidenceCount)} 条问题并留存整改记录。` : '留存整改记录。');
    const items = given.get(r.ruleId);
    if (items?.length) for (const item of items) pushRow(r.ruleId, r.article, r.message, r.severity, item, fallback);
    else pushRow(r.ruleId, r.article, r.message, r.severity, null, fallback);
  }
  // Items the reviewer added for rules that do not fail (e.g. decided by judgment) stay listed.
  for (const [ruleId, items] of given) {
    if (listed.has(ruleId)) continue;
    const e = eff.find((x) => x.result.ruleId === ruleId);
    for (const item of items) pushRow(ruleId, e?.result.article ?? null, e ? e.result.message : '（复核人提出）', e?.result.severity ?? null, item, '');
  }
  if (!rows.length) {
    nodes.push(para('没有须整改的不符合项。'));
    return nodes;
  }
  nodes.push(grid([20, 62, '*', '*', 50, 56], ['序号', '规则 / 条款', '问题', '整改要求', '责任方', '整改期限'], rows, 8));
  nodes.push(para(`未指定期限的整改项，期限为报告日期后 ${days} 日，即 ${dateZh(defaultDeadline)}。整改完成后应提交整改报告并接受再次评估。`, { fontSize: 8, color: '#546e7a' }));
  return nodes;
}

function appendix(input: ReportInput, metas: Map<string, RuleMeta>): DocNode[] {
  const f = input.findings;
  const nodes: DocNode[] = [sectionHeading('附录', 'appendix')];

  nodes.push(subHeading('附录A　证据清单', 'appendix'));
  const files = input.files ?? [];
  if (files.length) {
    const max = input.options?.filesMax ?? DEFAULT_FILES_MAX;
    const shown = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, max);
    nodes.push(grid(['*', 58, 232], ['文件', '大小（字节）', 'SHA-256'], shown.map((x) => [
      raw(cut(x.path, 200)), { text: groupDigits(x.bytes), alignment: 'right' }, raw(x.sha256, { fontSize: 6.4 }),
    ]), 7.5));
    const total = files.reduce((s, x) => s + x.bytes, 0);
    nodes.push(para(`共 ${groupDigits(files.length)} 个文件，${groupDigits(total)} 字节${files.length > shown.length ? `；此处列出前 ${shown.length} 个` : ''}。`, { fontSize: 8, color: '#546e7a' }));
  } else {
    nodes.push(para(`未提供逐文件清单。证据包共 ${groupDigits(f.stats.files)} 个文件，${groupDigits(f.stats.bytes)} 字节。`, { fontSize: 9 }));
  }
  if (f.bundle.manifestSha256) nodes.push(para(`manifest.json SHA-256：${f.bundle.manifestSha256}`, { fontSize: 8 }));

  nodes.push(subHeading('附录B　评估依据与工具', 'appendix'));
  const kv: [string, string][] = [
    ['证据包', f.bundle.source],
    ['规则包', `${f.rulePack.id}，版本 ${f.rulePack.version}`],
    ['评估工具', `${f.tool.name} ${f.tool.version}`],
    ['评估时间', f.generatedAt],
    ['日志事件', `${groupDigits(f.stats.events)} 条，其中评估期内 ${groupDigits(f.stats.eventsInPeriod)} 条`],
    ['评估用时', `${f.stats.seconds} 秒`],
    ['每条规则证据上限', groupDigits(f.profile?.maxEvidence ?? 0)],
    ['附件', `findings.json${input.findingsSha256 ? `（SHA-256：${input.findingsSha256}）` : ''}`],
    ['工具判定统计', `${STATUSES.map((s) => `${STATUS_ZH[s]} ${f.summary[s]}`).join('，')}；结论 ${CONCLUSION_ZH[f.summary.conclusion]}`],
  ];
  if (input.regulation) kv.splice(1, 0, ['评估依据', `《${input.regulation.title}》（${input.regulation.docNo}）`]);
  nodes.push({
    table: { widths: [90, '*'], body: kv.map(([k, v]) => [{ text: k, color: '#546e7a' }, raw(clean(v))]) },
    layout: { ...GRID, vLineWidth: () => 0, hLineColor: () => '#eceff1' },
    fontSize: 8.5,
    margin: [0, 0, 0, 8],
  });

  nodes.push(subHeading('附录C　参数调整与停用规则', 'appendix'));
  const changed = Object.entries(f.profile?.changedParams ?? {}).flatMap(([ruleId, params]) =>
    Object.entries(params ?? {}).map(([name, value]) => ({ ruleId, value, spec: metas.get(ruleId)?.params[name] })));
  if (changed.length) {
    nodes.push(grid([58, 90, 60, 60, '*'], ['规则', '参数', '默认值', '本次取值', '说明'], changed.map(({ ruleId, spec, value }) => [
      ruleId, raw(spec ? spec.label.zh : '（规则包未说明的参数）'), raw(spec ? paramValueText(spec, spec.default, 'zh') : '—'),
      raw(spec ? paramValueText(spec, value, 'zh') : '—'), clean(spec ? `${spec.description}（依据：${spec.source}）` : ''),
    ])));
  } else {
    nodes.push(para('全部参数取默认值。', { fontSize: 9 }));
  }
  const disabled = f.profile?.disabledRules ?? [];
  nodes.push(para(disabled.length ? `停用的规则：${disabled.join('、')}。` : '没有停用的规则。', { fontSize: 9 }));

  nodes.push(subHeading('附录D　输入问题', 'appendix'));
  nodes.push(...inputIssuesPart(input));
  if (input.reviewLog) nodes.push(...reviewLogPart(input.reviewLog));
  return nodes;
}

function inputIssuesPart(input: ReportInput): DocNode[] {
  const nodes: DocNode[] = [];
  const f = input.findings;
  const issues = f.inputIssues ?? [];
  if (issues.length) {
    const max = input.options?.inputIssuesMax ?? DEFAULT_INPUT_ISSUES_MAX;
    const sev: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
    nodes.push(grid([120, 34, 34, '*'], ['文件', '行', '级别', '说明'], issues.slice(0, max).map((i) => [
      raw(cut(i.file, 120)), { text: i.line === null || i.line === undefined ? '—' : String(i.line), alignment: 'right' },
      sev[i.severity] ?? i.severity, cut(i.message, 400),
    ]), 7.5));
    if (issues.length > max) nodes.push(para(`共 ${groupDigits(issues.length)} 条，此处列出前 ${max} 条；完整列表见附件 findings.json。`, { fontSize: 8, color: '#546e7a' }));
  } else {
    nodes.push(para('读取证据包时没有发现问题。', { fontSize: 9 }));
  }
  return nodes;
}

// ---------------------------------------------------------------- review log

const LOG_ACTION_ZH: Record<string, string> = {
  case_open: '建立评估任务',
  review_run: '运行评估',
  decision_add: '记录决定',
  decision_withdraw: '撤回决定',
  report_issue: '签发报告',
  package_export: '导出复核包',
  package_import: '导入复核包',
  'x-report_build': '生成报告',
  'x-report_save': '保存报告',
  'x-episode_judgment': '判断事件迹象',
};

const KIND_ZH: Record<string, string> = { override: '改判', judgment: '人工判断', comment: '意见', rectification: '整改要求', waiver: '豁免' };

/** The whole log from its genesis hash, or the tail of a longer one from its first entry's prevHash. */
function logCheckOf(log: readonly ReviewLogEntry[]): LogVerification {
  return log.length && log[0].seq !== 1 ? verifyLogSegment(log) : verifyLog(log);
}

/** 2027-01-07T10:00:00+08:00 → 2027-01-07 10:00:00: the wall time where it was recorded. */
function logTime(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(at);
  return m ? `${m[1]} ${m[2]}` : at;
}

function logOffset(at: string): string | null {
  const m = /(Z|[+-]\d{2}:?\d{2})$/.exec(at);
  return m ? (m[1] === 'Z' ? '+00:00' : m[1]) : null;
}

function verificationText(log: readonly ReviewLogEntry[], v: LogVerification): string {
  const first = log[0]?.seq ?? 1;
  const last = log.length ? log[log.length - 1].seq : 0;
  if (!v.ok) return `哈希链校验未通过：${clean(v.problem)}`;
  if (first > 1) {
    return `本报告列出复核日志第 ${groupDigits(first)}–${groupDigits(last)} 条（最近的 ${groupDigits(log.length)} 条），所列各条的哈希与内容相符且首尾相接，末条哈希 ${v.head}；`
      + `此前的 ${groupDigits(first - 1)} 条未随报告提交，本报告无法核验。`;
  }
  return `哈希链校验通过：共 ${groupDigits(log.length)} 条，自创始哈希起逐条相接，各条哈希与内容相符，末条哈希 ${v.head}。`;
}

/** In 三、复核意见: where the log is and whether it holds. */
function logPointer(log: readonly ReviewLogEntry[]): DocNode {
  const v = logCheckOf(log);
  const state = v.ok ? '哈希链校验通过' : '哈希链校验未通过';
  return para(`每项复核决定均记入只可追加、以哈希链相连的复核日志（操作人、时间、内容、变更前后），共 ${groupDigits(log.length)} 条，${state}，见附录E。`, { fontSize: 9, color: v.ok ? '#37474f' : STATUS_COLOR.fail });
}

function reviewLogPart(log: readonly ReviewLogEntry[]): DocNode[] {
  const v = logCheckOf(log);
  // A page of its own: the table is usually long, and its notes belong on its first page.
  const nodes: DocNode[] = [subHeading('附录E　复核日志', 'appendix', { id: REVIEW_LOG_OUTLINE_ID, pageBreak: 'before', margin: [0, 0, 0, 6] })];
  nodes.push(para(
    '复核日志只可追加：每条的哈希为其内容（含上一条的哈希）的 SHA-256，改动、删除或调换任何一条都会使其后的哈希不再相接。'
    + '“变更”一栏为该操作前后的要点，完整内容见审查台中的复核日志。',
    { fontSize: 8.5, color: '#546e7a' },
  ));
  nodes.push(para(verificationText(log, v), { fontSize: 9, bold: true, color: v.ok ? STATUS_COLOR.pass : STATUS_COLOR.fail }));
  if (!log.length) {
    nodes.push(para('复核日志中没有记录。', { fontSize: 9 }));
    return nodes;
  }
  const offsets = new Set(log.map((e) => logOffset(e.at)));
  const [only] = [...offsets];
  if (offsets.size === 1 && only) nodes.push(para(`时间为记录时的本地时间（UTC${only}）。`, { fontSize: 8, color: '#546e7a' }));
  const broken = v.ok ? null : v.seq;
  const labels = { status: (s: string) => (STATUS_ZH as Record<string, string>)[s] ?? s, kind: (k: string) => KIND_ZH[k] ?? k };
  nodes.push(grid([24, 70, 46, 48, 48, '*', 54], ['序号', '时间', '操作人', '操作', '规则', '变更（前 → 后）', '哈希（前 12 位）'], log.map((e) => {
    const bad = broken !== null && e.seq >= broken;
    const time = logTime(e.at);
    return [
      { text: String(e.seq), alignment: 'right', color: bad ? STATUS_COLOR.fail : undefined, bold: e.seq === broken },
      offsets.size === 1 ? time : `${time}\n${logOffset(e.at) ?? ''}`,
      clean(e.who) || '—',
      LOG_ACTION_ZH[e.action] ?? clean(e.action),
      raw(clean(e.ruleId ?? '')),
      cut(changeText(e, labels), LOG_CHANGE_MAX),
      raw(e.hash.slice(0, 12), { color: bad ? STATUS_COLOR.fail : '#37474f' }),
    ];
  }), 7));
  if (broken !== null) nodes.push(para(`第 ${broken} 条起（以红色标出）不能再以哈希链证明其未被改动。`, { fontSize: 8, color: STATUS_COLOR.fail }));
  return nodes;
}

// ---------------------------------------------------------------- document

function metaOf(input: ReportInput, final: Counts): ReportMeta {
  const f = input.findings;
  return {
    reportId: input.reportId,
    reportDate: input.reportDate,
    title: REPORT_TITLE,
    operatorId: f.bundle.operatorId,
    operatorName: f.bundle.operatorName,
    periodStart: f.period.start,
    periodEnd: f.period.end,
    packId: f.rulePack.id,
    packVersion: f.rulePack.version,
    toolSummary: { ...f.summary },
    finalSummary: final,
    findingsSha256: input.findingsSha256 ?? null,
  };
}

export function buildReport(input: ReportInput): BuiltReport {
  const f = input.findings;
  const metas = new Map(input.rules.map((m) => [m.id, m]));
  const eff = effectiveResults(input);
  const final = countsOf(eff);
  const tool = f.summary;
  const operator = f.bundle.operatorName ?? f.bundle.operatorId ?? f.bundle.source;
  const author = input.reviewer ? input.reviewer.name + (input.reviewer.organisation ? `（${input.reviewer.organisation}）` : '') : f.tool.name;
  const content: DocNode[] = [
    ...cover(input, final, eff),
    ...summarySection(input, tool, final, eff),
    ...articlesSection(input, eff, metas),
    ...decisionsSection(input, eff),
    ...waiversSection(input, eff),
    ...rectificationSection(input, eff, metas),
    ...(input.incidents ? incidentsSection(input.incidents, '六、数据安全事件专项核查') : []),
    ...appendix(input, metas),
  ];
  const doc: DocDefinition = {
    pageSize: 'A4',
    pageMargins: [50, 56, 50, 50], // TEXT_WIDTH above follows the left and right margins
    language: 'zh-CN',
    info: {
      title: `${REPORT_TITLE}（${operator}）`,
      author,
      subject: `${input.regulation ? input.regulation.docNo + ' ' : ''}合规评估：${operator}，评估期 ${f.period.start} 至 ${f.period.end}，结论 ${CONCLUSION_ZH[final.conclusion]}`,
      keywords: [
        '公共数据资源授权运营', '合规评估', input.regulation?.docNo, `报告编号 ${input.reportId}`,
        `rulePack ${f.rulePack.id}@${f.rulePack.version}`, `summary ${summaryLine(tool)}`,
      ].filter(Boolean).join(', '),
      creator: `${f.tool.name} ${f.tool.version}`,
    },
    defaultStyle: { font: REPORT_FONT, fontSize: 9.5, lineHeight: 1.25, color: '#212121' },
    styles: {
      coverTitle: { fontSize: 24, bold: true, alignment: 'center', color: '#0d2c54', margin: [0, 0, 0, 12] },
      h1: { fontSize: 16, bold: true, color: '#0d2c54', margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, color: '#0d2c54', margin: [0, 10, 0, 6] },
      th: { bold: true, fillColor: '#eceff1', color: '#263238' },
    },
    header: (page: number) => ({
      columns: [
        { text: page === 1 ? '' : REPORT_TITLE, fontSize: 7.5, color: '#78909c' },
        { text: `报告编号：${input.reportId}`, fontSize: 7.5, color: '#78909c', alignment: 'right' },
      ],
      margin: [50, 24, 50, 0],
    }),
    footer: (page: number, pages: number) => ({
      text: `第 ${page} 页 / 共 ${pages} 页`, fontSize: 7.5, color: '#78909c', alignment: 'center', margin: [0, 16, 0, 0],
    }),
    content,
  };
  return { doc, meta: metaOf(input, final) };
}
