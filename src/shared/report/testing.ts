// Made-up findings and rule metadata for the report tests (no real pack needed).

import type { Findings } from '../engine/assess.js';
import { UNITS, type FigureSpecs } from '../engine/figures.js';
import type { Words } from '../names.js';
import type { EvidenceItem, RuleMeta, RuleResult, Severity, Status } from '../engine/types.js';

interface RuleSpec {
  id: string;
  article: number;
  severity: Severity;
  status: Status;
  title: string;
  titleEn: string;
  message: string;
  messageEn: string;
  evidence?: number;
  figures?: Record<string, unknown>;
}

export const TEST_RULES: RuleSpec[] = [
  { id: 'JZ-06-01', article: 6, severity: 'high', status: 'fail', title: '数据产品和服务经统一运营平台提供', titleEn: 'Products and services are provided through the unified platform', message: '评估期内 12 次交付经平台之外的渠道完成。', messageEn: '12 deliveries in the period went through channels outside the platform.', evidence: 12, figures: { outboundEvents: 5321, offPlatform: 12 } },
  { id: 'JZ-06-02', article: 6, severity: 'medium', status: 'pass', title: '平台具备供需对接等功能', titleEn: 'The platform has supply-demand matching and the other functions', message: '平台功能清单齐全。', messageEn: 'The platform lists every function.' },
  { id: 'JZ-07-01', article: 7, severity: 'high', status: 'needs_review', title: '核心、重要数据在沙箱内处理', titleEn: 'Core and important data are processed in the sandbox', message: '3 个数据集分级缺失，需人工确认。', messageEn: '3 datasets lack a classification; please confirm.', evidence: 3 },
  { id: 'JZ-10-02', article: 10, severity: 'high', status: 'fail', title: '公共数据资源未违规提供给第三方', titleEn: 'Public data are not provided to third parties', message: '57 次向外部机构导出原始数据集。', messageEn: '57 exports of raw datasets to outside organisations.', evidence: 57, figures: { exports: 57, partners: 4, share: 0.31 } },
  { id: 'JZ-12-03', article: 12, severity: 'low', status: 'fail', title: '交付不过度集中', titleEn: 'Deliveries are not overly concentrated', message: 'HHI 为 3120，超过阈值 2500。', messageEn: 'The HHI is 3,120, above the threshold 2,500.', evidence: 0, figures: { hhi: 3120, threshold: 2500 } },
  { id: 'JZ-17-01', article: 17, severity: 'medium', status: 'insufficient_evidence', title: '运营日志覆盖评估期全过程', titleEn: 'Operation logs cover the whole review period', message: '日志在 2026-05 缺失 2 段，最长 61 小时。', messageEn: 'The logs miss 2 stretches in 2026-05, the longest 61 hours.', evidence: 2 },
  { id: 'JZ-21-01', article: 21, severity: 'medium', status: 'not_applicable', title: '安全事件按时限报告', titleEn: 'Security incidents are reported in time', message: '评估期内没有安全事件。', messageEn: 'No security incident in the period.' },
];

const count = (zh: string, en: string, unit: Words = UNITS.times) => ({ kind: 'count' as const, unit, label: { zh, en } });

/** Declarations of every figure the made-up results report. */
const TEST_FIGURES: FigureSpecs = {
  outboundEvents: count('对外提供', 'Outbound provisions'),
  offPlatform: count('平台外提供', 'Off the platform'),
  exports: count('导出', 'Exports'),
  partners: count('接收机构', 'Recipients', UNITS.items),
  share: { kind: 'ratio', label: { zh: '占比', en: 'Share' } },
  hhi: { kind: 'number', digits: 0, label: { zh: '集中度指数（HHI）', en: 'Concentration (HHI)' } },
  threshold: { kind: 'number', digits: 0, label: { zh: '阈值', en: 'Threshold' } },
};

export function testMetas(): RuleMeta[] {
  // Article 10 in two paragraphs, the others one: the report quotes each paragraph.
  const text: Record<number, string> = {
    6: '运营机构应当按照市数据主管部门提出的标准建设公共数据运营平台,作为公共数据授权运营的统一通道。',
    7: '公共数据运营平台应当采用数据沙箱、隐私计算等技术,实现公共数据运营全过程可记录、可审计、可追溯。',
    10: '运营机构不得将原始公共数据提供给第三方。\n数据产品只向签约且未被暂停的应用单位交付。',
    12: '开展授权运营活动,不得滥用行政权力或市场支配地位排除、限制竞争。',
    17: '运营机构应当建立信息保存制度,并按相关要求妥善保存运营日志等各项关键信息。',
    21: '发生数据安全事件时,应当立即启动应急处置预案,并向市数据主管部门报告。',
  };
  const points: Record<number, string> = { 6: '数据产品和服务经平台提供。', 10: '不得将原始公共数据提供给第三方。', 17: '日志覆盖评估期全过程。' };
  return TEST_RULES.map((r): RuleMeta => ({
    id: r.id, article: r.article, severity: r.severity, title: r.title, titleEn: r.titleEn, articleText: text[r.article] ?? '', checkPoints: points[r.article] ?? '',
    evidence: ['logs/'], params: r.id === 'JZ-17-01'
      ? { max_log_gap_hours: { type: 'integer', default: 24, source: '第十七条', description: '允许的最长日志间断（小时）', label: { zh: '最长日志间断', en: 'Longest log gap' }, unit: { zh: '小时', en: 'hours' } } }
      : {} as RuleMeta['params'],
    figures: TEST_FIGURES,
  }));
}

function items(ruleId: string, n: number, cap: number): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (let i = 0; i < Math.min(n, cap); i++) {
    out.push({
      file: `logs/2026-${String((i % 12) + 1).padStart(2, '0')}.jsonl`,
      line: 1000 + i,
      eventId: `E${String(i + 1).padStart(8, '0')}`,
      excerpt: `{"id":"E${String(i + 1).padStart(8, '0')}","rule":"${ruleId}","action":"export","channel":"email","partner":"外部机构${i}","dataset":"人口基础信息库","result":"success"}`,
    });
  }
  return out;
}

export interface TestFindingsOptions {
  /** Evidence of JZ-10-02 (the big one). */
  bigEvidence?: number;
  /** No rule results at all. */
  empty?: boolean;
  maxEvidence?: number;
  operatorName?: string;
}

export function testFindings(o: TestFindingsOptions = {}): Findings {
  const cap = o.maxEvidence ?? 1000;
  const results: RuleResult[] = o.empty ? [] : TEST_RULES.map((r) => {
    const n = r.id === 'JZ-10-02' && o.bigEvidence !== undefined ? o.bigEvidence : r.evidence ?? 0;
    const res: RuleResult = {
      ruleId: r.id, article: r.article, severity: r.severity, status: r.status, title: r.title, titleEn: r.titleEn,
      message: r.id === 'JZ-10-02' ? `${n} 次向外部机构导出原始数据集。` : r.message,
      messageEn: r.id === 'JZ-10-02' ? `${n} exports of raw datasets to outside organisations.` : r.messageEn,
      evidenceCount: n, evidence: items(r.id, n, cap), waiver: null,
    };
    if (r.figures) res.figures = r.figures;
    return res;
  });
  const summary = { pass: 0, fail: 0, needs_review: 0, not_applicable: 0, insufficient_evidence: 0 } as Findings['summary'];
  for (const r of results) summary[r.status]++;
  const failing = results.filter((r) => r.status === 'fail');
  summary.conclusion = failing.some((r) => r.severity === 'high') ? 'non_compliant'
    : failing.length || summary.insufficient_evidence ? 'basically_compliant' : 'compliant';
  return {
    format: 'compliance-desk/findings/1',
    tool: { name: 'compliance-desk', version: '0.1.0' },
    rulePack: { id: 'jz-2025-4', version: '1.0.0' },
    bundle: { source: 'operator-2026.zip', operatorId: '91210700MA0XXXXXX1', operatorName: o.operatorName ?? '锦州数据运营有限公司', manifestSha256: 'ab'.repeat(32) },
    period: { start: '2026-01-01', end: '2026-12-31' },
    generatedAt: '2027-01-06T09:00:00+08:00',
    profile: { changedParams: { 'JZ-17-01': { max_log_gap_hours: 48 } }, disabledRules: [], waivers: [], maxEvidence: cap },
    summary,
    stats: { files: 18, bytes: 123456789, events: 1500000, eventsInPeriod: 1490000, inputIssues: 1, seconds: 6.2 },
    results,
    inputIssues: [{ file: 'logs/2026-04.csv', line: 88, severity: 'error', message: '引号未闭合的字段' }],
  };
}
