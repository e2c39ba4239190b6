import { addDays } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import type { RecordRule } from '../../engine/types.js';
import { articleText } from './articles.js';
import { failRows, policiesOfType, requireTable, startOf } from './support.js';

const TYPES: Record<string, string> = { data_management: '数据管理制度', operation_rules: '数据操作细则' };

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-15-03',
    article: 15,
    severity: 'medium',
    title: '数据管理制度和操作细则定期评审并报送数据主管部门',
    articleText: articleText(15),
    evidence: ['policies.csv: id, type, last_reviewed_at, reported_at'],
    params: {
      policy_review_max_age_days: {
        type: 'integer',
        default: 365,
        source: '第十五条（制度建设）；按年度评审',
        description: '制度最近评审日期距评估期末（period.end）的最长天数，期末之后的日期也算',
      },
    },
    notes:
      '每类制度有多份时，只要一份同时满足评审时间与报送时间即可；都不满足时列出该类的每一份。'
      + 'last_reviewed_at 不早于 period.end − N 天（按当日 00:00）；reported_at 须填写且可识别为日期。',
  },
  evaluate(ctx) {
    const missing = requireTable(ctx.records.policies, ['id', 'type', 'last_reviewed_at', 'reported_at']);
    if (missing) return missing;
    const maxAge = Number(ctx.params.policy_review_max_age_days);
    const earliest = addDays(ctx.records.period.end, -maxAge);
    const earliestMs = startOf(ctx, earliest);
    const absent: string[] = [];
    const bad: { row: Row; problems: string[] }[] = [];
    for (const type of Object.keys(TYPES)) {
      const rows = policiesOfType(ctx.records, type);
      if (rows.length === 0) {
        absent.push(type);
        continue;
      }
      const checked = rows.map((row) => {
        const problems: string[] = [];
        const reviewed = row.cells.last_reviewed_at ?? '';
        const reviewedMs = startOf(ctx, reviewed);
        if (!reviewed) problems.push('未填写最近评审日期');
        else if (Number.isNaN(reviewedMs)) problems.push(`最近评审日期“${reviewed}”无法识别`);
        else if (reviewedMs < earliestMs) problems.push(`最近评审于 ${reviewed}，早于 ${earliest}`);
        const reported = row.cells.reported_at ?? '';
        if (!reported) problems.push('未报送数据主管部门');
        else if (Number.isNaN(startOf(ctx, reported))) problems.push(`报送日期“${reported}”无法识别`);
        return { row, problems };
      });
      if (checked.some((c) => c.problems.length === 0)) continue;
      for (const c of checked) bad.push(c);
    }
    const figures = { earliestReview: earliest, missingTypes: absent, faulty: bad.map((b) => ({ id: b.row.id, problems: b.problems })) };
    if (absent.length === 0 && bad.length === 0) {
      return { status: 'pass', message: `数据管理制度和数据操作细则均在 ${earliest} 之后评审，并已报送数据主管部门。`, figures };
    }
    const parts: string[] = [];
    if (absent.length) parts.push(`缺少${absent.map((t) => `${TYPES[t]}（${t}）`).join('、')}`);
    if (bad.length) parts.push(`${bad.length} 份制度未按期评审或未报送：${bad.slice(0, 10).map((b) => `${b.row.id}（${TYPES[b.row.cells.type]}：${b.problems.join('，')}）`).join('；')}${bad.length > 10 ? ' 等' : ''}`);
    return failRows(ctx, bad.map((b) => b.row), `${parts.join('；')}。`, [], figures);
  },
};
