import type { BundleRecords, Row } from '../../bundle/types.js';
import { addEvidence, eventEvidence, evidenceOf, mergeEvidence, newEvidence, rowEvidence } from '../../engine/evidence.js';
import { UNITS } from '../../engine/figures.js';
import type { EvidenceList, LogRule, RuleContext } from '../../engine/types.js';
import type { Words } from '../../names.js';
import { article } from './articles.js';
import { indexById, requireTable, startOf } from './support.js';

const ACTIONS = new Set(['develop', 'model_train', 'deliver', 'query']);
const SCENARIOS: Words = { zh: '个', en: 'scenarios' };

/** "1 scenario", "2 scenarios". */
const many = (n: number, one: string, more = `${one}s`) => `${n} ${n === 1 ? one : more}`;

interface Approval {
  row: Row;
  /** The later of the two approvals, epoch ms; NaN when either is missing or unreadable. */
  approvedMs: number;
}

interface Lookup {
  scenarios: Map<string, Approval>;
  /** Product id → its scenario id ('' when the product names none). */
  productScenario: Map<string, string>;
  /** products.csv present with its id and scenario columns. */
  productsPresent: boolean;
}

// Tables are read once per bundle, not per event; the cache is no part of the rule's state.
const lookups = new WeakMap<BundleRecords, Lookup>();

function lookupOf(ctx: RuleContext): Lookup {
  let l = lookups.get(ctx.records);
  if (!l) {
    const scenarios = new Map<string, Approval>();
    for (const [id, row] of indexById(ctx.records.scenarios)) {
      const a = startOf(ctx, row.cells.authority_approved_at);
      const p = startOf(ctx, row.cells.provider_approved_at);
      scenarios.set(id, { row, approvedMs: Math.max(a, p) }); // Math.max of a NaN is NaN: unapproved
    }
    const productScenario = new Map<string, string>();
    for (const [id, row] of indexById(ctx.records.products)) productScenario.set(id, (row.cells.scenario ?? '').trim());
    const p = ctx.records.products;
    l = { scenarios, productScenario, productsPresent: p.present && p.columns.includes('id') && p.columns.includes('scenario') };
    lookups.set(ctx.records, l);
  }
  return l;
}

interface State {
  checked: number;
  /** Product events with no scenario of their own, not resolvable because products.csv is absent. */
  unresolved: number;
  evidence: EvidenceList;
}

export const rule: LogRule<State> = {
  kind: 'log',
  meta: {
    id: 'JZ-11-01',
    article: 11,
    severity: 'high',
    title: '运营场景经数据主管部门和数据提供单位审核同意后方可开展',
    titleEn: 'Operating scenarios start only after the data authority and the data providers approve them',
    ...article(11),
    evidence: [
      'scenarios.csv：编号、数据主管部门同意时间、数据提供部门同意时间',
      'products.csv：编号、场景',
      'logs/：操作、资源类型、资源、场景、结果、时间',
    ],
    params: {},
    notes:
      '只计评估期内结果为成功的开发、模型训练、交付、查询事件。事件所涉场景为其“场景”字段与（资源类型为产品时）products.csv 中该产品的场景之和，任一场景在事件时尚未获双方同意即违规；'
      + '场景编号不在 scenarios.csv 中视为未经同意；产品不在 products.csv 且事件本身未写场景时，视为未经同意的场景；未写场景、产品也未登记场景的事件不在本条检查之列。'
      + '同意日期按当日 00:00 生效，同意当天的事件不算早于同意；日期无法识别视同未同意。',
    figures: {
      scenarios: { kind: 'count', unit: SCENARIOS, label: { zh: '登记的场景', en: 'Scenarios registered' } },
      unapprovedScenarios: { kind: 'list', of: { kind: 'text' }, label: { zh: '未获双方同意的场景', en: 'Scenarios not approved by both' } },
      checkedEvents: { kind: 'count', unit: UNITS.events, label: { zh: '检查的开发、训练、交付、查询事件', en: 'Development, training, delivery and query events checked' } },
      eventsBeforeApproval: { kind: 'count', unit: UNITS.events, label: { zh: '早于场景获批或涉及未获批场景的事件', en: 'Events before approval or on unapproved scenarios' } },
    },
  },
  init: (ctx) => ({ checked: 0, unresolved: 0, evidence: newEvidence(ctx.maxEvidence) }),
  onEvent(state, ev, inPeriod, ctx) {
    if (!inPeriod || ev.result !== 'success' || !ACTIONS.has(ev.action)) return;
    const l = lookupOf(ctx);
    const named: string[] = [];
    if (ev.scenario) named.push(ev.scenario);
    let unknownProduct = false;
    if (ev.resourceType === 'product' && ev.resource) {
      const viaProduct = l.productScenario.get(ev.resource);
      if (viaProduct) named.push(viaProduct);
      else if (viaProduct === undefined && !ev.scenario) {
        if (l.productsPresent) unknownProduct = true;
        else state.unresolved++;
      }
    }
    if (named.length === 0 && !unknownProduct) return;
    state.checked++;
    const breach = unknownProduct || named.some((id) => {
      const s = l.scenarios.get(id);
      return !s || Number.isNaN(s.approvedMs) || ev.t < s.approvedMs;
    });
    if (breach) addEvidence(state.evidence, eventEvidence(ev));
  },
  merge(into, later) {
    into.checked += later.checked;
    into.unresolved += later.unresolved;
    mergeEvidence(into.evidence, later.evidence);
  },
  finish(state, ctx) {
    const missing = requireTable(ctx.records.scenarios, ['id', 'authority_approved_at', 'provider_approved_at']);
    if (missing) return missing;
    const l = lookupOf(ctx);
    const unapproved = [...l.scenarios.values()].filter((s) => Number.isNaN(s.approvedMs)).map((s) => s.row);
    const events = state.evidence.count;
    const figures = {
      scenarios: l.scenarios.size, unapprovedScenarios: unapproved.map((r) => r.id), checkedEvents: state.checked, eventsBeforeApproval: events,
    };
    if (unapproved.length || events) {
      const evidence = evidenceOf(ctx.maxEvidence, unapproved.map(rowEvidence));
      mergeEvidence(evidence, state.evidence);
      const zh: string[] = [];
      const en: string[] = [];
      if (unapproved.length) {
        const ids = unapproved.map((r) => r.id);
        zh.push(`${unapproved.length} 个场景未获数据主管部门和数据提供单位双方同意（${ids.join('、')}）`);
        en.push(`${many(unapproved.length, 'scenario')} not approved by both the data authority and the data providers (${ids.join(', ')})`);
      }
      if (events) {
        zh.push(`评估期内 ${state.checked} 次开发、训练、交付、查询中有 ${events} 次发生在所涉场景获批之前或涉及未获批、未登记的场景`);
        en.push(`${events} of ${many(state.checked, 'development, training, delivery or query event')} in the period came before ${events === 1 ? 'its scenario was approved or concerns' : 'their scenarios were approved or concern'} an unapproved or unregistered scenario`);
      }
      return { status: 'fail', message: `${zh.join('；')}。`, messageEn: `${en.join('; ')}.`, evidence, figures };
    }
    if (ctx.records.logFiles.length === 0) {
      return {
        status: 'insufficient_evidence',
        message: `${l.scenarios.size} 个场景均已获双方同意，但证据包中没有运营日志（logs/），无法判断场景获批前是否已开展活动。`,
        messageEn: `${l.scenarios.size === 1 ? 'The 1 scenario is' : `All ${l.scenarios.size} scenarios are`} approved by both, but the bundle holds no operation logs (logs/); whether activity started before approval cannot be decided.`,
        figures,
      };
    }
    if (state.unresolved) {
      return {
        status: 'insufficient_evidence',
        message: `缺少 products.csv 或其“场景”列，${state.unresolved} 次针对产品的活动无法对应到场景，无法判断。`,
        messageEn: `products.csv or its “scenario” column is missing: ${many(state.unresolved, 'product event')} cannot be traced to a scenario; cannot decide.`,
        figures,
      };
    }
    if (l.scenarios.size === 0 && state.checked === 0) {
      return {
        status: 'not_applicable',
        message: 'scenarios.csv 未登记运营场景，评估期内也没有涉及场景的开发、训练、交付或查询活动。',
        messageEn: 'scenarios.csv registers no operating scenario, and no development, training, delivery or query in the period concerns a scenario.',
        figures,
      };
    }
    const allApproved = l.scenarios.size === 1 ? 'The 1 scenario is' : `All ${l.scenarios.size} scenarios are`;
    return {
      status: 'pass',
      message: state.checked
        ? `${l.scenarios.size} 个场景均已获双方同意；评估期内 ${state.checked} 次涉及场景的开发、训练、交付、查询均在场景获批之后。`
        : `${l.scenarios.size} 个场景均已获双方同意；评估期内没有涉及场景的开发、训练、交付、查询。`,
      messageEn: state.checked
        ? `${allApproved} approved by both; ${state.checked === 1 ? 'the 1 development, training, delivery or query event' : `all ${state.checked} development, training, delivery and query events`} in the period concerning a scenario came after its approval.`
        : `${allApproved} approved by both; no development, training, delivery or query in the period concerns a scenario.`,
      figures,
    };
  },
};
