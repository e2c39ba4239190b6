import { isDateOnly, localDate } from '../../bundle/time.js';
import type { Row } from '../../bundle/types.js';
import { splitMulti } from '../../bundle/normalise.js';
import { evidenceOf, rowEvidence } from '../../engine/evidence.js';
import type { RecordRule, RuleContext } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';
import { failRows, indexById, insufficient, operatorId, requireTable, startOf } from './support.js';

/**
 * a strictly before b. When either is a bare date the order is judged by local calendar
 * day: a product created on its parent's delivery day is given the benefit of the doubt.
 */
function before(ctx: RuleContext, a: string, b: string): boolean {
  const ta = startOf(ctx, a);
  const tb = startOf(ctx, b);
  if (isDateOnly(a) || isDateOnly(b)) return localDate(ta, ctx.records.timezone) < localDate(tb, ctx.records.timezone);
  return ta < tb;
}

const PRODUCTS: Words = { zh: '个', en: 'products' };

export const rule: RecordRule = {
  kind: 'record',
  meta: {
    id: 'JZ-12-01',
    article: 12,
    severity: 'high',
    title: '运营机构不得对已交付的数据产品进行二次开发',
    titleEn: 'The operator does not re-develop data products already delivered',
    ...article(12),
    evidence: ['products.csv：编号、开发主体、来源产品、创建时间、首次交付时间', 'operator.json：编号、名称'],
    params: {},
    notes:
      '开发主体为运营机构（operator.json 的编号或名称，缺省取 manifest.json 的运营机构编号）且来源产品在其创建之前已首次交付的，判为违规。'
      + '任一时间只写日期时按日历日比较，同日不算“之前”。来源产品不在 products.csv、来源产品的首次交付时间或新产品的创建时间缺失或无法识别时，转人工复核。',
    figures: {
      derivedProducts: { kind: 'count', unit: PRODUCTS, label: { zh: '运营机构自行开发的衍生产品', en: 'Derived products the operator developed' } },
      breaches: {
        kind: 'table',
        label: { zh: '基于已交付产品再开发的产品', en: 'Products re-developed from delivered ones' },
        columns: {
          id: { kind: 'text', label: { zh: '产品', en: 'Product' } },
          derivedFrom: { kind: 'text', label: { zh: '来源产品', en: 'Derived from' } },
          parentFirstDeliveredAt: { kind: 'time', label: { zh: '来源产品首次交付时间', en: 'Source first delivered' } },
          createdAt: { kind: 'time', label: { zh: '本产品创建时间', en: 'Product created' } },
        },
      },
      undecided: { kind: 'list', of: { kind: 'text' }, label: { zh: '无法判断的产品', en: 'Products that cannot be decided' } },
    },
  },
  evaluate(ctx) {
    const table = ctx.records.products;
    const missing = requireTable(table, ['id', 'developer_org', 'derived_from', 'created_at', 'first_delivered_at']);
    if (missing) return missing;
    const opId = operatorId(ctx.records);
    if (!opId) {
      return insufficient(
        'operator.json 与 manifest.json 均未给出运营机构编号，无法识别运营机构自行开发的产品。',
        'Neither operator.json nor manifest.json gives the operator’s id; the products the operator developed cannot be told apart.',
      );
    }
    if (table.rows.length === 0) {
      return { status: 'not_applicable', message: 'products.csv 未登记任何数据产品。', messageEn: 'products.csv registers no data product.', figures: { derivedProducts: 0 } };
    }
    const opName = String((ctx.records.operator.value as { name?: unknown } | undefined)?.name ?? '').trim();
    const own = (row: Row) => {
      const dev = row.cells.developer_org ?? '';
      return dev !== '' && (dev === opId || (opName !== '' && dev === opName));
    };
    const byId = indexById(table);
    const breaches: { row: Row; parent: string; delivered: string }[] = [];
    const undecided: { row: Row; reason: Words }[] = [];
    let derived = 0;
    for (const row of table.rows) {
      const parents = splitMulti(row.cells.derived_from);
      if (!own(row) || parents.length === 0) continue;
      derived++;
      const created = row.cells.created_at ?? '';
      let breach: { parent: string; delivered: string } | null = null;
      let reason: Words | null = null;
      for (const id of parents) {
        const parent = byId.get(id);
        if (!parent) {
          reason ??= { zh: `来源产品 ${id} 未在 products.csv 中登记`, en: `source product ${id} is not registered in products.csv` };
          continue;
        }
        const delivered = parent.cells.first_delivered_at ?? '';
        if (!delivered) continue; // never delivered: re-developing it is allowed
        if (Number.isNaN(startOf(ctx, delivered))) {
          reason ??= { zh: `来源产品 ${id} 的首次交付时间“${delivered}”无法识别`, en: `the first delivery time “${delivered}” of source product ${id} cannot be read` };
          continue;
        }
        if (Number.isNaN(startOf(ctx, created))) {
          reason ??= created
            ? { zh: `创建时间“${created}”无法识别`, en: `creation time “${created}” cannot be read` }
            : { zh: '缺少创建时间', en: 'no creation time' };
          continue;
        }
        if (before(ctx, delivered, created)) {
          breach = { parent: id, delivered };
          break;
        }
      }
      if (breach) breaches.push({ row, ...breach });
      else if (reason) undecided.push({ row, reason });
    }
    const figures = {
      derivedProducts: derived,
      breaches: breaches.map((b) => ({ id: b.row.id, derivedFrom: b.parent, parentFirstDeliveredAt: b.delivered, createdAt: b.row.cells.created_at })),
      undecided: undecided.map((u) => u.row.id),
    };
    if (breaches.length) {
      const shown = breaches.slice(0, 10);
      const more = breaches.length > 10;
      const n = breaches.length;
      return failRows(
        ctx,
        breaches.map((b) => b.row),
        `运营机构自行开发的 ${derived} 个衍生产品中有 ${n} 个基于已交付产品再开发：`
          + `${shown.map((b) => `${b.row.id}（来源 ${b.parent} 已于 ${b.delivered} 交付，本产品创建于 ${b.row.cells.created_at}）`).join('；')}${more ? ' 等' : ''}。`
          + (undecided.length ? `另有 ${undecided.length} 个无法判断。` : ''),
        `${n} of the ${derived} derived product${derived === 1 ? '' : 's'} the operator developed ${n === 1 ? 'was' : 'were'} built on a product already delivered: `
          + `${shown.map((b) => `${b.row.id} (source ${b.parent} delivered ${b.delivered}, this product created ${b.row.cells.created_at})`).join('; ')}${more ? ' and more' : ''}.`
          + (undecided.length ? ` ${undecided.length} more cannot be decided.` : ''),
        [],
        figures,
      );
    }
    if (undecided.length) {
      const shown = undecided.slice(0, 10);
      const n = undecided.length;
      return {
        status: 'needs_review',
        message: `运营机构自行开发的衍生产品中有 ${n} 个无法判断来源产品是否已先行交付：${shown.map((u) => `${u.row.id}（${u.reason.zh}）`).join('；')}，请人工复核。`,
        messageEn: `For ${n} derived product${n === 1 ? '' : 's'} the operator developed it cannot be decided whether the source was delivered first: ${shown.map((u) => `${u.row.id} (${u.reason.en})`).join('; ')}. Please review.`,
        evidence: evidenceOf(ctx.maxEvidence, undecided.map((u) => rowEvidence(u.row))),
        figures,
      };
    }
    const all = table.rows.length;
    return {
      status: 'pass',
      message: derived
        ? `运营机构自行开发的 ${derived} 个衍生产品均不是基于已交付产品再开发。`
        : `products.csv 的 ${all} 个产品中没有运营机构基于其他产品衍生开发的产品。`,
      messageEn: derived
        ? `${derived === 1 ? 'The 1 derived product' : `None of the ${derived} derived products`} the operator developed ${derived === 1 ? 'is not' : 'is'} built on a product already delivered.`
        : `None of the ${all} product${all === 1 ? '' : 's'} in products.csv is derived by the operator from another product.`,
      figures,
    };
  },
};
