import type { BundleRecords, Row } from '../../bundle/types.js';
import { splitMulti } from '../../bundle/normalise.js';
import { addEvidence, eventEvidence, evidenceOf, mergeEvidence, newEvidence, rowEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';

const DATASETS: Words = { zh: '个', en: 'datasets' };
const PRODUCTS: Words = { zh: '个', en: 'products' };

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
    titleEn: 'Products and operations stay within the authorised datasets',
    ...article(14),
    evidence: ['agreement.json：授权数据范围', 'products.csv：编号、数据来源', 'logs/：资源类型、资源、结果、时间'],
    params: {},
    notes:
      '检查 products.csv 中全部产品的数据来源，以及评估期内结果为成功、资源类型为数据集的全部事件（不限操作类型）。'
      + '资源编号为空的事件不在本条检查之列。产品清单或日志缺一时，只要另一部分已发现越界即判不合格，否则为证据不足。',
    figures: {
      scopeDatasets: { kind: 'count', unit: DATASETS, label: { zh: '授权范围内的数据集', en: 'Datasets in the authorised scope' } },
      products: { kind: 'count', unit: PRODUCTS, label: { zh: '核对的产品', en: 'Products checked' } },
      productsOutOfScope: {
        kind: 'table',
        label: { zh: '使用授权范围外数据集的产品', en: 'Products using datasets outside the scope' },
        columns: {
          id: { kind: 'text', label: { zh: '产品', en: 'Product' } },
          datasets: { kind: 'list', of: { kind: 'text' }, label: { zh: '范围外的数据集', en: 'Datasets outside the scope' } },
        },
      },
      checkedEvents: { kind: 'count', unit: UNITS.events, label: { zh: '数据集操作事件', en: 'Dataset events checked' } },
      eventsOutOfScope: { kind: 'count', unit: UNITS.events, label: { zh: '涉及范围外数据集的事件', en: 'Events on datasets outside the scope' } },
      datasetsOutOfScope: {
        kind: 'map',
        label: { zh: '各范围外数据集的事件数', en: 'Events per dataset outside the scope' },
        key: { kind: 'text', label: { zh: '数据集', en: 'Dataset' } },
        value: { kind: 'count', unit: UNITS.events, label: { zh: '事件', en: 'Events' } },
      },
      datasetsOutOfScopeCount: { kind: 'count', unit: DATASETS, label: { zh: '涉及的范围外数据集', en: 'Datasets outside the scope touched' } },
      eventsOnUncountedDatasets: { kind: 'count', unit: UNITS.events, label: { zh: '未逐一统计数据集的事件', en: 'Events on datasets not counted one by one' } },
    },
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
      return ctx.records.agreement.value
        ? { status: 'insufficient_evidence', message: 'agreement.json 缺少“授权数据范围”，无法判断。', messageEn: 'agreement.json lacks “datasets in scope”; cannot decide.' }
        : { status: 'insufficient_evidence', message: '缺少或无法读取 agreement.json，无法判断授权数据范围。', messageEn: 'agreement.json is missing or unreadable; the authorised datasets are unknown.' };
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
      const zh: string[] = [];
      const en: string[] = [];
      if (badProducts.length) {
        const n = badProducts.length;
        const shown = badProducts.slice(0, 10);
        const more = n > 10;
        zh.push(`${n} 个产品使用了授权范围外的数据集：${shown.map((b) => `${b.row.id}（${b.outside.join('、')}）`).join('；')}${more ? ' 等' : ''}`);
        en.push(`${n} product${n === 1 ? ' uses' : 's use'} datasets outside the authorised scope: ${shown.map((b) => `${b.row.id} (${b.outside.join(', ')})`).join('; ')}${more ? ' and more' : ''}`);
      }
      if (events) {
        const ids = [...state.outside.keys()].sort().slice(0, 10);
        const more = state.outside.size > 10;
        const max = MAX_DATASETS.toLocaleString('en-US');
        const other = state.outsideOther.toLocaleString('en-US');
        const otherZh = state.outsideOther ? `；超过 ${max} 个不同数据集后的 ${other} 次未按数据集逐一统计` : '';
        const otherEn = state.outsideOther ? `; past ${max} distinct datasets, ${other} more event${state.outsideOther === 1 ? ' is' : 's are'} not counted dataset by dataset` : '';
        zh.push(`评估期内 ${state.checked} 次数据集操作中有 ${events} 次涉及授权范围外的数据集（${ids.join('、')}${more ? ' 等' : ''}${otherZh}）`);
        en.push(`${events} of ${state.checked} dataset event${state.checked === 1 ? '' : 's'} in the period concern${events === 1 ? 's' : ''} datasets outside the authorised scope (${ids.join(', ')}${more ? ' and more' : ''}${otherEn})`);
      }
      return { status: 'fail', message: `${zh.join('；')}。`, messageEn: `${en.join('; ')}.`, evidence, figures };
    }
    if (!productsUsable) {
      return {
        status: 'insufficient_evidence',
        message: '评估期内数据集操作均在授权范围内，但缺少 products.csv 或其“数据来源”列，无法核对产品的数据来源。',
        messageEn: 'Dataset events in the period stay within the authorised scope, but products.csv or its “source datasets” column is missing; the products’ sources cannot be checked.',
        figures,
      };
    }
    const p = products.rows.length;
    if (ctx.records.logFiles.length === 0) {
      return {
        status: 'insufficient_evidence',
        message: `${p} 个产品的数据来源均在授权范围内，但证据包中没有运营日志（logs/），无法核对数据集操作。`,
        messageEn: `The sources of ${p === 1 ? 'the 1 product are' : `all ${p} products are`} within the authorised scope, but the bundle holds no operation logs (logs/); dataset events cannot be checked.`,
        figures,
      };
    }
    return {
      status: 'pass',
      message: `${p} 个产品的数据来源及评估期内 ${state.checked} 次数据集操作均在授权的 ${scope.size} 个数据集范围内。`,
      messageEn: `The sources of ${p} product${p === 1 ? '' : 's'} and ${state.checked} dataset event${state.checked === 1 ? '' : 's'} in the period all stay within the ${scope.size} authorised dataset${scope.size === 1 ? '' : 's'}.`,
      figures,
    };
  },
};
