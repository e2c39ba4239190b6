import { addDays, localDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf } from '../../names.js';
import { article } from './articles.js';
import { requireTable, startOf } from './support.js';

const REQUIRED = ['monitoring', 'security_test', 'risk_assessment', 'security_review', 'compliance_review'];

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-20-01',
    article: 20,
    severity: 'medium',
    title: '定期开展安全监测、测评、风险评估和安全、合规审查',
    titleEn: 'Regular security monitoring, testing, risk assessment and security and compliance reviews',
    ...article(20),
    evidence: ['assessments.csv：编号、类型、日期'],
    params: {
      assessment_max_age_days: {
        type: 'integer',
        default: 365,
        source: '锦政规〔2025〕4号第二十条（常态化开展监测、测评、评估和审查）；365 天：每年至少一次，与年度评估对应',
        description: '每类活动最近一次的日期距评估期末不超过的天数（期末之后的日期也计入）。',
        label: { zh: '各类活动最长间隔', en: 'Longest age of each activity' },
        unit: { zh: '天', en: 'days' },
      },
    },
    notes:
      '某类活动在期限内至少有一条记录即满足，不看“结果”列的结论；日期按本地日历日比较，不早于评估期末减去该天数即为期限内，期末之后的日期也计入。' +
      '没有任何记录的类型在消息和指标中列出；有记录但都过期（或日期无法识别）的类型，以这些行作为证据。',
    figures: {
      cutoff: { kind: 'date', label: { zh: '最早可接受日期', en: 'Earliest date accepted' } },
      maxAgeDays: { kind: 'duration', unit: 'days', label: { zh: '最长间隔', en: 'Longest age allowed' } },
      latest: {
        kind: 'map',
        label: { zh: '各类最近一次', en: 'Latest of each type' },
        key: { kind: 'enum', names: 'assessmentType', label: { zh: '类型', en: 'Type' } },
        value: { kind: 'date', label: { zh: '最近日期', en: 'Latest date' } },
      },
      missingTypes: { kind: 'list', of: { kind: 'enum', names: 'assessmentType' }, label: { zh: '没有记录的类型', en: 'Types with no record' } },
      staleTypes: { kind: 'list', of: { kind: 'enum', names: 'assessmentType' }, label: { zh: '已过期的类型', en: 'Types out of date' } },
    },
  },
  evaluate(ctx) {
    const table = ctx.records.assessments;
    const missingTable = requireTable(table, ['type', 'date']);
    if (missingTable) return missingTable;
    const maxAge = Number(ctx.params.assessment_max_age_days);
    const cutoff = addDays(ctx.records.period.end, -maxAge);
    const tz = ctx.records.timezone;

    const absent: string[] = [];
    const stale: string[] = [];
    const staleRows: Row[] = [];
    const latest: Record<string, string | null> = {};
    for (const type of REQUIRED) {
      const rows = table.rows.filter((r) => r.cells.type === type);
      const dates = rows.map((r) => {
        const t = startOf(ctx, r.cells.date);
        return Number.isNaN(t) ? null : localDate(t, tz);
      });
      const known = dates.filter((d): d is string => d !== null).sort();
      latest[type] = known.length ? known[known.length - 1] : null;
      if (rows.length === 0) absent.push(type);
      else if (!dates.some((d) => d !== null && d >= cutoff)) {
        stale.push(type);
        for (const r of rows) staleRows.push(r);
      }
    }
    const zh = (t: string) => nameOf('assessmentType', t);
    const en = (t: string) => nameOf('assessmentType', t, 'en');
    const figures = { cutoff, maxAgeDays: maxAge, latest, missingTypes: absent, staleTypes: stale };
    if (absent.length === 0 && stale.length === 0) {
      return {
        status: 'pass',
        message: `五类安全与合规活动最近一次均在 ${cutoff} 当天或之后。`,
        messageEn: `The latest of each of the five security and compliance activities is on or after ${cutoff}.`,
        figures,
      };
    }
    const parts: string[] = [];
    const partsEn: string[] = [];
    if (absent.length) {
      parts.push(`没有记录：${absent.map(zh).join('、')}`);
      partsEn.push(`no record of ${absent.map(en).join(', ')}`);
    }
    if (stale.length) {
      parts.push(`最近一次早于 ${cutoff}（超过 ${maxAge} 天）：${stale.map((t) => `${zh(t)} ${latest[t] ?? '日期无法识别'}`).join('、')}`);
      partsEn.push(`latest before ${cutoff} (more than ${maxAge} days): ${stale.map((t) => `${en(t)} ${latest[t] ?? 'date unreadable'}`).join(', ')}`);
    }
    const k = absent.length + stale.length;
    return {
      status: 'fail',
      message: `五类活动中有 ${k} 类未在评估期末前 ${maxAge} 天内开展。${parts.join('；')}。`,
      messageEn: `${k} of the five activities ${k === 1 ? 'was' : 'were'} not carried out within ${maxAge} days before the period end: ${partsEn.join('; ')}.`,
      evidence: evidenceOf(ctx.maxEvidence, staleRows.map(rowEvidence)),
      figures,
    };
  },
};
