// Made-up findings and rule metadata for the report tests (no real pack needed).

import type { Findings } from '../engine/assess.js';
import type { EvidenceItem, RuleMeta, RuleResult, Severity, Status } from '../engine/types.js';

export const TEST_POINTS_LABEL = '【条文要点，依据规则目录整理，非原文】';

interface RuleSpec {
  id: string;
  article: number;
  severity: Severity;
  status: Status;
  title: string;
  message: string;
  evidence?: number;
  figures?: Record<string, unknown>;
}

export const TEST_RULES: RuleSpec[] = [
  { id: 'JZ-06-01', article: 6, severity: 'high', status: 'fail', title: '数据产品和服务经统一运营平台提供', message: '评估期内 12 次交付经平台之外的渠道完成。', evidence: 12, figures: { outboundEvents: 5321, offPlatform: 12 } },
  { id: 'JZ-06-02', article: 6, severity: 'medium', status: 'pass', title: '平台具备供需对接等功能', message: '平台功能清单齐全。' },
  { id: 'JZ-07-01', article: 7, severity: 'high', status: 'needs_review', title: '核心、重要数据在沙箱内处理', message: '3 个数据集分级缺失，需人工确认。', evidence: 3 },
  { id: 'JZ-10-02', article: 10, severity: 'high', status: 'fail', title: '公共数据资源未违规提供给第三方', message: '57 次向外部机构导出原始数据集。', evidence: 57, figures: { exports: 57, partners: 4, share: 0.31 } },
  { id: 'JZ-12-03', article: 12, severity: 'low', status: 'fail', title: '交付不过度集中', message: 'HHI 为 3120，超过阈值 2500。', evidence: 0, figures: { hhi: 3120, threshold: 2500 } },
  { id: 'JZ-17-01', article: 17, severity: 'medium', status: 'insufficient_evidence', title: '运营日志覆盖评估期全过程', message: '日志在 2026-05 缺失 2 段，最长 61 小时。', evidence: 2 },
  { id: 'JZ-21-01', article: 21, severity: 'medium', status: 'not_applicable', title: '安全事件按时限报告', message: '评估期内没有安全事件。' },
];

export function testMetas(): RuleMeta[] {
  const text: Record<number, string> = {
    6: TEST_POINTS_LABEL + '运营机构依托全市统一的公共数据运营平台开展授权运营，数据产品和服务经平台（含沙箱、接口）提供。',
    7: TEST_POINTS_LABEL + '运营平台具备数据沙箱、隐私计算等技术能力；核心、重要数据在沙箱内处理。',
    10: '运营机构不得将原始公共数据提供给第三方。\n数据产品只向签约且未被暂停的应用单位交付。',
    12: TEST_POINTS_LABEL + '交付不得过度集中，产品价格公开。',
    17: TEST_POINTS_LABEL + '运营机构完整记录并留存运营日志及相关记录。',
    21: TEST_POINTS_LABEL + '发生数据安全事件立即启动预案并按时限报告。',
  };
  return TEST_RULES.map((r): RuleMeta => ({
    id: r.id, article: r.article, severity: r.severity, title: r.title, articleText: text[r.article] ?? '',
    evidence: ['logs/'], params: r.id === 'JZ-17-01'
      ? { max_log_gap_hours: { type: 'integer', default: 24, source: '第十七条', description: '允许的最长日志间断（小时）' } }
      : {} as RuleMeta['params'],
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
      ruleId: r.id, article: r.article, severity: r.severity, status: r.status, title: r.title,
      message: r.id === 'JZ-10-02' ? `${n} 次向外部机构导出原始数据集。` : r.message,
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
