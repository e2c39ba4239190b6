import { addDays } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import type { RecordRule } from '../../engine/types.js';
import { nameOf, type Words } from '../../names.js';
import { article } from './articles.js';
import { failRows, policiesOfType, requireTable, startOf } from './support.js';

const TYPES = ['data_management', 'operation_rules'];
const policyName = (type: string): Words => ({ zh: nameOf('policyType', type), en: nameOf('policyType', type, 'en') });

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-15-03',
    article: 15,
    severity: 'medium',
    title: '数据管理制度和操作细则定期评审并报送数据主管部门',
    titleEn: 'The data management policy and operating rules are reviewed regularly and reported to the data authority',
    ...article(15),
    evidence: ['policies.csv：编号、类型、最近评审时间、报送时间'],
    params: {
      policy_review_max_age_days: {
        type: 'integer',
        default: 365,
        source: '第十五条（制度建设）；按年度评审',
        description: '制度最近评审日期距评估期末的最长天数，期末之后的日期也算',
        label: { zh: '制度评审最长间隔', en: 'Longest time since a policy review' },
        unit: { zh: '天', en: 'days' },
      },
    },
    notes:
      '每类制度有多份时，只要一份同时满足评审时间与报送时间即可；都不满足时列出该类的每一份。'
      + '最近评审时间不早于评估期末前 N 天（按当日 00:00）；报送时间须填写且可识别为日期。',
    figures: {
      earliestReview: { kind: 'date', label: { zh: '最近评审不早于', en: 'Last review no earlier than' } },
      missingTypes: { kind: 'list', of: { kind: 'enum', names: 'policyType' }, label: { zh: '缺少的制度', en: 'Missing policies' } },
      faulty: {
        kind: 'table',
        label: { zh: '未按期评审或未报送的制度', en: 'Policies not reviewed in time or not reported' },
        columns: {
          id: { kind: 'text', label: { zh: '制度编号', en: 'Policy' } },
          problems: { kind: 'list', of: { kind: 'text' }, label: { zh: '问题', en: 'Problems' } },
        },
      },
    },
  },
  evaluate(ctx) {
    const missing = requireTable(ctx.records.policies, ['id', 'type', 'last_reviewed_at', 'reported_at']);
    if (missing) return missing;
    const maxAge = Number(ctx.params.policy_review_max_age_days);
    const earliest = addDays(ctx.records.period.end, -maxAge);
    const earliestMs = startOf(ctx, earliest);
    const absent: string[] = [];
    const bad: { row: Row; problems: Words[] }[] = [];
    for (const type of TYPES) {
      const rows = policiesOfType(ctx.records, type);
      if (rows.length === 0) {
        absent.push(type);
        continue;
      }
      const checked = rows.map((row) => {
        const problems: Words[] = [];
        const reviewed = row.cells.last_reviewed_at ?? '';
        const reviewedMs = startOf(ctx, reviewed);
        if (!reviewed) problems.push({ zh: '未填写最近评审日期', en: 'no last review date' });
        else if (Number.isNaN(reviewedMs)) problems.push({ zh: `最近评审日期“${reviewed}”无法识别`, en: `last review date “${reviewed}” cannot be read` });
        else if (reviewedMs < earliestMs) problems.push({ zh: `最近评审于 ${reviewed}，早于 ${earliest}`, en: `last reviewed ${reviewed}, before ${earliest}` });
        const reported = row.cells.reported_at ?? '';
        if (!reported) problems.push({ zh: '未报送数据主管部门', en: 'not reported to the data authority' });
        else if (Number.isNaN(startOf(ctx, reported))) problems.push({ zh: `报送日期“${reported}”无法识别`, en: `report date “${reported}” cannot be read` });
        return { row, problems };
      });
      if (checked.some((c) => c.problems.length === 0)) continue;
      for (const c of checked) bad.push(c);
    }
    const figures = { earliestReview: earliest, missingTypes: absent, faulty: bad.map((b) => ({ id: b.row.id, problems: b.problems.map((p) => p.zh) })) };
    const [dm, ops] = TYPES.map(policyName);
    if (absent.length === 0 && bad.length === 0) {
      return {
        status: 'pass',
        message: `${dm.zh}和${ops.zh}均在 ${earliest} 之后评审，并已报送数据主管部门。`,
        messageEn: `The ${dm.en} and the ${ops.en} were both reviewed after ${earliest} and reported to the data authority.`,
        figures,
      };
    }
    const zh: string[] = [];
    const en: string[] = [];
    if (absent.length) {
      zh.push(`缺少${absent.map((t) => policyName(t).zh).join('、')}`);
      en.push(`no ${absent.map((t) => policyName(t).en).join(' and no ')} listed`);
    }
    if (bad.length) {
      const n = bad.length;
      const shown = bad.slice(0, 10);
      const more = n > 10;
      zh.push(`${n} 份制度未按期评审或未报送：${shown.map((b) => `${b.row.id}（${policyName(b.row.cells.type).zh}：${b.problems.map((p) => p.zh).join('，')}）`).join('；')}${more ? ' 等' : ''}`);
      en.push(`${n} ${n === 1 ? 'policy was' : 'policies were'} not reviewed in time or not reported: ${shown.map((b) => `${b.row.id} (${policyName(b.row.cells.type).en}: ${b.problems.map((p) => p.en).join(', ')})`).join('; ')}${more ? ' and more' : ''}`);
    }
    const messageEn = en.join('; ');
    return failRows(ctx, bad.map((b) => b.row), `${zh.join('；')}。`, `${messageEn[0].toUpperCase()}${messageEn.slice(1)}.`, [], figures);
  },
};
