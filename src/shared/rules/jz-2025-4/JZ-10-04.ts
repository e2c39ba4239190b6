import { parseBool, splitMulti } from '../../bundle/normalise.js';
import { isDateOnly } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import { article } from './articles.js';
import { endOf, requireTable, startOf } from './support.js';

/** `a` on or before `b`: a date `b` covers its whole day, a timestamp is exact. NaN-safe (false). */
function onOrBefore(ctx: RuleContext, a: string, b: string): boolean {
  const aMs = startOf(ctx, a);
  return isDateOnly(b) ? aMs < endOf(ctx, b) : aMs <= startOf(ctx, b);
}

function readable(ctx: RuleContext, text: string): boolean {
  return !Number.isNaN(startOf(ctx, text));
}

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-10-04',
    article: 10,
    severity: 'high',
    title: '使用个人信息的数据模型在交付前完成脱敏（匿名化）评估',
    titleEn: 'Models using personal information are assessed for anonymisation before delivery',
    ...article(10),
    evidence: [
      'products.csv：编号、类型、数据来源、脱敏评估时间、首次交付时间',
      'datasets.csv：编号、含个人信息',
    ],
    params: {},
    figures: {
      modelsUsingPersonalInfo: { kind: 'count', unit: { zh: '个', en: 'models' }, label: { zh: '使用个人信息的数据模型', en: 'Models using personal information' } },
      late: { kind: 'count', unit: { zh: '个', en: 'models' }, label: { zh: '未及时评估', en: 'Not assessed in time' } },
      undetermined: { kind: 'count', unit: { zh: '个', en: 'models' }, label: { zh: '无法判断', en: 'Cannot tell' } },
    },
    notes:
      '“在首次交付之时或之前”：同一天的评估算作及时；双方都是时间戳时比较时刻。未交付的模型须在评估期末（当日 24:00）前完成评估，' +
      '未填写评估时间即不合格。来源数据集不在 datasets.csv 中、或“含个人信息”为空或无法识别、或日期无法读取时无法判断，' +
      '无违规时为需人工复核。没有使用含个人信息数据集的数据模型时为不适用。',
  },
  evaluate(ctx) {
    const { products, datasets } = ctx.records;
    const missing =
      requireTable(products, ['id', 'type', 'source_datasets', 'anonymization_review_at', 'first_delivered_at']) ??
      requireTable(datasets, ['id', 'contains_personal_info']);
    if (missing) return missing;
    const personal = new Map<string, boolean | null>();
    for (const row of datasets.rows) {
      if (!row.id || personal.has(row.id)) continue;
      const v = parseBool(row.cells.contains_personal_info);
      personal.set(row.id, typeof v === 'boolean' ? v : null);
    }
    const failed: Row[] = [];
    const failedText: string[] = [];
    const failedEn: string[] = [];
    const undetermined: Row[] = [];
    let subject = 0;
    for (const row of products.rows) {
      if (row.cells.type !== 'model') continue;
      const sources = splitMulti(row.cells.source_datasets);
      const uses = sources.some((id) => personal.get(id) === true);
      if (!uses) {
        if (sources.some((id) => personal.get(id) !== false)) undetermined.push(row);
        continue;
      }
      subject++;
      const review = row.cells.anonymization_review_at ?? '';
      const delivered = row.cells.first_delivered_at ?? '';
      if (!review) {
        failed.push(row);
        failedText.push(`${row.id}（未做脱敏评估${delivered ? `，首次交付 ${delivered}` : ''}）`);
        failedEn.push(`${row.id} (not assessed${delivered ? `, first delivered ${delivered}` : ''})`);
      } else if (!readable(ctx, review) || (delivered && !readable(ctx, delivered))) {
        undetermined.push(row);
      } else if (delivered ? !onOrBefore(ctx, review, delivered) : !(startOf(ctx, review) < ctx.periodEndMs)) {
        failed.push(row);
        failedText.push(delivered ? `${row.id}（评估 ${review} 晚于首次交付 ${delivered}）` : `${row.id}（未交付，评估 ${review} 晚于评估期末）`);
        failedEn.push(delivered ? `${row.id} (assessed ${review}, after first delivery ${delivered})` : `${row.id} (not delivered, assessed ${review}, after the period)`);
      }
    }
    const figures = { modelsUsingPersonalInfo: subject, late: failed.length, undetermined: undetermined.length };
    const undeterminedNote = undetermined.length
      ? `另有 ${undetermined.length} 个数据模型因来源数据集是否含个人信息不明或日期无法读取而无法判断：${undetermined.map((r) => r.id).join('、')}。`
      : '';
    const undeterminedEn = undetermined.length
      ? ` ${undetermined.length} more model${undetermined.length === 1 ? '' : 's'} cannot be judged (personal information of the source unknown, or dates unreadable): ${undetermined.map((r) => r.id).join(', ')}.`
      : '';
    if (failed.length) {
      return {
        status: 'fail',
        message: `${subject} 个使用含个人信息数据集的数据模型中有 ${failed.length} 个未在首次交付前完成脱敏评估：${failedText.join('；')}。${undeterminedNote}`,
        messageEn: `${failed.length} of ${subject} models using personal information were not assessed for anonymisation before first delivery: ${failedEn.join('; ')}.${undeterminedEn}`,
        evidence: evidenceOf(ctx.maxEvidence, failed.map(rowEvidence)),
        figures,
      };
    }
    if (undetermined.length) {
      return { status: 'needs_review', message: `未发现违规；${undeterminedNote}`, messageEn: `No breach found;${undeterminedEn}`, evidence: evidenceOf(ctx.maxEvidence, undetermined.map(rowEvidence)), figures };
    }
    if (subject === 0) return { status: 'not_applicable', message: '没有使用含个人信息数据集的数据模型。', messageEn: 'No model uses a dataset with personal information.', figures };
    return {
      status: 'pass', message: `${subject} 个使用含个人信息数据集的数据模型均在首次交付前（未交付的在评估期末前）完成脱敏评估。`,
      messageEn: `All ${subject} models using personal information were assessed for anonymisation before first delivery (or, undelivered, before the period's end).`, figures,
    };
  },
};
