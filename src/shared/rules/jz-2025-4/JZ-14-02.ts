import type { BundleRecords, Row } from '../../bundle/types.js';
import { splitMulti } from '../../bundle/normalise.js';
import { addEvidence, eventEvidence, evidenceOf, mergeEvidence, newEvidence, rowEvidence } from '../../engine/evidence.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import { articleText } from './articles.js';

/** agreement.scope_datasets as a set; null when the agreement or the field is missing. */
const scopes = new WeakMap<BundleRecords, Set<string> | null>();

function scopeOf(ctx: RuleContext): Set<string> | null {
  if (!scopes.has(ctx.records)) {
    const list = (ctx.records.agreement.value as { scope_datasets?: unknown } | undefined)?.scope_datasets;
    scopes.set(ctx.records, Array.isArray(list) ? new Set(list.map((x) => String(x).trim()).filter((x) => x !== '')) : null);
  }
  return scopes.get(ctx.records) ?? null;
}

/** Distinct out-of-scope datasets counted one by one; events on further ones are counted together. */
export const MAX_DATASETS = 10_000;

interface State {
  checked: number;
  /** Out-of-scope dataset id → number of events, for at most MAX_DATASETS datasets. */
  outside: Map<string, number>;
  /** Events on out-of-scope datasets past MAX_DATASETS. */
  outsideOther: number;
  evidence: EvidenceList;
}

function countOutside(state: State, dataset: string, n: number): void {
  const had = state.outside.get(dataset);
  if (had !== undefined || state.outside.size < MAX_DATASETS) state.outside.set(dataset, (had ?? 0) + n);
  else state.outsideOther += n;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-14-02',
    article: 14,
    severity: 'high',
    title: '数据产品和运营活动不超出授权数据范围',
    articleText: articleText(14),
    evidence: ['agreement.json: scope_datasets', 'products.csv: id, source_datasets', 'logs/: resource_type, resource, result, ts'],
    params: {},
    notes:
      '检查 products.csv 中全部产品的数据来源，以及评估期内结果为 success、resource_type 为 dataset 的全部事件（不限操作类型）。'
      + '资源编号为空的事件不在本条检查之列。产品清单或日志缺一时，只要另一部分已发现越界即判不合格，否则为证据不足。',
  },
  init: (ctx) => ({ checked: 0, outside: new Map(), outsideOther: 0, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod, ctx) {
    if (!inPeriod || ev.result !== 'success' || ev.resourceType !== 'dataset' || !ev.resource) return;
    const scope = scopeOf(ctx);
    if (!scope) return;
    state.checked++;
    if (!scope.has(ev.resource)) {
      countOutside(state, ev.resource, 1);
      addEvidence(state.evidence, eventEvidence(ev));
    }
  },
  merge(into, later) {
    into.checked += later.checked;
    for (const [k, n] of later.outside) countOutside(into, k, n);
    into.outsideOther += later.outsideOther;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    const scope = scopeOf(ctx);
    if (!scope) {
      return { status: 'insufficient_evidence', message: ctx.records.agreement.value ? 'agreement.json 缺少 scope_datasets（授权数据范围），无法判断。' : '缺少或无法读取 agreement.json，无法判断授权数据范围。' };
    }
    const products = ctx.records.products;
    const productsUsable = products.present && products.columns.includes('id') && products.columns.includes('source_datasets');
    const badProducts: { row: Row; outside: string[] }[] = [];
    if (productsUsable) {
      for (const row of products.rows) {
        const outside = splitMulti(row.cells.source_datasets).filter((d) => !scope.has(d));
        if (outside.length) badProducts.push({ row, outside });
      }
    }
    const events = state.evidence.count;
    const figures = {
      scopeDatasets: scope.size,
      products: productsUsable ? products.rows.length : null,
      productsOutOfScope: badProducts.map((b) => ({ id: b.row.id, datasets: b.outside })),
      checkedEvents: state.checked,
      eventsOutOfScope: events,
      datasetsOutOfScope: Object.fromEntries([...state.outside].sort((a, b) => (a[0] < b[0] ? -1 : 1)).slice(0, ctx.maxEvidence)),
      datasetsOutOfScopeCount: state.outside.size,
      eventsOnUncountedDatasets: state.outsideOther,
    };
    if (badProducts.length || events) {
      const evidence = evidenceOf(ctx.maxEvidence, badProducts.map((b) => rowEvidence(b.row)));
      mergeEvidence(evidence, state.evidence);
      const parts: string[] = [];
      if (badProducts.length) {
        parts.push(`${badProducts.length} 个产品使用了授权范围外的数据集：${badProducts.slice(0, 10).map((b) => `${b.row.id}（${b.outside.join('、')}）`).join('；')}${badProducts.length > 10 ? ' 等' : ''}`);
      }
      if (events) {
        const more = state.outsideOther ? `；超过 ${MAX_DATASETS.toLocaleString('en-US')} 个不同数据集后的 ${state.outsideOther.toLocaleString('en-US')} 次未按数据集逐一统计` : '';
        parts.push(`评估期内 ${state.checked} 次数据集操作中有 ${events} 次涉及授权范围外的数据集（${[...state.outside.keys()].sort().slice(0, 10).join('、')}${state.outside.size > 10 ? ' 等' : ''}${more}）`);
      }
      return { status: 'fail', message: `${parts.join('；')}。`, evidence, figures };
    }
    if (!productsUsable) {
      return { status: 'insufficient_evidence', message: `评估期内数据集操作均在授权范围内，但缺少 products.csv 或其 source_datasets 字段，无法核对产品的数据来源。`, figures };
    }
    if (ctx.records.logFiles.length === 0) {
      return { status: 'insufficient_evidence', message: `${products.rows.length} 个产品的数据来源均在授权范围内，但证据包中没有运营日志（logs/），无法核对数据集操作。`, figures };
    }
    return {
      status: 'pass',
      message: `${products.rows.length} 个产品的数据来源及评估期内 ${state.checked} 次数据集操作均在授权的 ${scope.size} 个数据集范围内。`,
      figures,
    };
  },
};
