// Small findings and decisions for the tests of the review and export modules: one rule of
// every status, a waived failure, evidence from logs, tables and JSON files.

import type { Findings } from '../engine/assess.js';
import type { RuleResult } from '../engine/types.js';
import type { Decision } from './types.js';

export function makeFindings(over: Partial<Findings> = {}): Findings {
  const results: RuleResult[] = [
    {
      ruleId: 'JZ-06-01', article: 6, severity: 'high', status: 'fail', title: '数据产品经统一运营平台提供', titleEn: 'Products are provided through the unified platform',
      message: '评估期内 3005 次对外提供中有 2 次未经统一运营平台。', messageEn: '2 of 3,005 outbound provisions in the period bypassed the unified platform.', evidenceCount: 2,
      evidence: [
        {
          file: 'logs/2026-03.csv', line: 419, eventId: 'E00002168', excerpt: '=cmd|"/c calc"!A1,u007,"quoted, with comma"',
          fields: { ts: '2026-03-02T09:15:00+08:00', actor: 'u007', action: 'export', channel: 'offline', result: 'success' },
        },
        { file: 'logs/2026-05.jsonl', line: 12, eventId: 'E00004001', excerpt: '{"event_id":"E00004001"}' },
      ],
      figures: { outboundEvents: 3005, offPlatform: 2 }, waiver: null,
    },
    {
      ruleId: 'JZ-07-01', article: 7, severity: 'medium', status: 'pass', title: '平台具备八项技术能力', titleEn: 'The platform has the eight technical capabilities',
      message: '平台具备全部 8 项技术能力。', messageEn: 'The platform has all 8 technical capabilities.', evidenceCount: 0, evidence: [], waiver: null,
    },
    {
      ruleId: 'JZ-12-02', article: 12, severity: 'low', status: 'needs_review', title: '交付不过度集中', titleEn: 'Deliveries are not overly concentrated',
      message: '7 个接收方的 HHI 为 8356，高于 2500，请人工复核。', messageEn: 'The HHI of 7 recipients is 8,356, above 2,500; please review.', evidenceCount: 0, evidence: [], waiver: null,
    },
    {
      ruleId: 'JZ-13-01', article: 13, severity: 'medium', status: 'insufficient_evidence', title: '以往评估问题按期整改', titleEn: 'Earlier findings are rectified on time',
      message: '证据包中没有 evaluations.json。', messageEn: 'The bundle has no evaluations.json.', evidenceCount: 0, evidence: [], waiver: null,
    },
    {
      ruleId: 'JZ-14-01', article: 14, severity: 'medium', status: 'fail', title: '数据集分级完整', titleEn: 'Every dataset is classified',
      message: '8 个数据集中有 1 个未分级：DS-CULT-06。', messageEn: '1 of 8 datasets is unclassified: DS-CULT-06.', evidenceCount: 1,
      evidence: [{ file: 'datasets.csv', line: 7, rowId: 'DS-CULT-06', excerpt: 'DS-CULT-06,文旅场馆客流,市文化旅游和广播电视局,,false' }],
      waiver: { ruleId: 'JZ-14-01', justification: '分级工作由数据局统一开展', reviewer: '王审查', expires: '2027-06-30' },
    },
    {
      ruleId: 'JZ-24-01', article: 24, severity: 'low', status: 'not_applicable', title: '公用企业参照执行', titleEn: 'Public utilities follow the measures',
      message: '运营机构不是公用企业，本条不适用。', messageEn: 'The operator is not a public utility; the article does not apply.', evidenceCount: 0, evidence: [], waiver: null,
    },
  ];
  const summary = { pass: 0, fail: 0, needs_review: 0, not_applicable: 0, insufficient_evidence: 0 } as Findings['summary'];
  for (const r of results) summary[r.status]++;
  summary.conclusion = 'non_compliant';
  return {
    format: 'compliance-desk/findings/1',
    tool: { name: 'compliance-desk', version: '0.1.0' },
    rulePack: { id: 'jz-2025-4', version: '1.0.0' },
    bundle: { source: '/data/operator-2026.zip', operatorId: '91210700MA0JZ0001X', operatorName: '锦州数据运营有限公司', manifestSha256: 'ab'.repeat(32) },
    period: { start: '2026-01-01', end: '2026-12-31' },
    generatedAt: '2027-01-06T09:00:00+08:00',
    profile: { changedParams: { 'JZ-17-01': { max_log_gap_hours: 48 } }, disabledRules: [], waivers: [], maxEvidence: 1000 },
    summary,
    stats: { files: 18, bytes: 123456, events: 10770, eventsInPeriod: 10770, inputIssues: 1, seconds: 0.6 },
    results,
    inputIssues: [{ file: 'logs/2026-04.csv', line: 88, severity: 'error', message: '引号未闭合的字段' }],
    ...over,
  };
}

export function decision(over: Partial<Decision> & Pick<Decision, 'ruleId' | 'kind'>): Decision {
  return { reason: '复核意见', reviewer: '审查员甲', at: '2027-01-07T10:00:00+08:00', ...over };
}
