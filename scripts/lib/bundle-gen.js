// Shared by make-sample-bundle.js and make-synthetic-logs.js: a seeded PRNG, the world of a
// fictional operator (锦州数智运营有限公司) as record files, the writers (CSV, JSON,
// GB18030), the log hash chain and the signed manifest of bundle-v1.md.
// Plain Node ESM, node:* only. Nothing here reads the clock or Math.random: same input,
// same bytes.

import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const TIMEZONE = 'Asia/Shanghai';
/** Asia/Shanghai has had no DST since 1991: a fixed offset is exact for 2025–2027. */
export const OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
export const PERIOD = { start: '2026-01-01', end: '2026-12-31' };
export const MANIFEST_CREATED_AT = '2027-01-08T16:30:00+08:00';
/** Seed of the ed25519 manifest key. A demo key: anyone can re-derive it, which is the point. */
export const MANIFEST_KEY_SEED = 'jinzhou-demo manifest key v1';

// ---------------------------------------------------------------------------------------
// PRNG: sfc32 seeded from a string with cyrb128 (both public domain, small and fast).

/**
 * @param {string} str
 * @returns {[number, number, number, number]}
 */
function cyrb128(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A deterministic random source from a seed string. */
/** @param {string} seed */
export function makeRng(seed) {
  let [a, b, c, d] = cyrb128(String(seed));
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  const rng = {
    next,
    /** Integer in [lo, hi], both inclusive. */
    int: (/** @type {number} */ lo, /** @type {number} */ hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /**
     * @template T
     * @param {readonly T[]} arr
     * @returns {T}
     */
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (/** @type {number} */ p) => next() < p,
    /** Index drawn by weight. */
    weighted: (/** @type {number[]} */ weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    /** k distinct items of arr, in arr's order. */
    /**
     * @template T
     * @param {readonly T[]} arr
     * @param {number} k
     * @returns {T[]}
     */
    sample: (arr, k) => {
      const idx = arr.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx.slice(0, k).sort((x, y) => x - y).map((i) => arr[i]);
    },
  };
  return rng;
}

// ---------------------------------------------------------------------------------------
// Local time. Event times are kept as "wall ms": Date.UTC of the local (+08:00) fields.

/**
 * Wall ms of a local date and time.
 * @param {string} date YYYY-MM-DD
 */
export function wall(date, h = 0, m = 0, s = 0) {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), h, m, s);
}

/** @param {number} w */
export function dateOf(w) {
  return new Date(w).toISOString().slice(0, 10);
}

/**
 * @param {string} date
 * @param {number} n
 */
export function addDays(date, n) {
  return dateOf(wall(date) + n * DAY_MS);
}

/** Local time formats that bundle-v1.md accepts; every one means the same instant. */
/** @type {Record<'iso' | 'isoMs' | 'space' | 'slash' | 'utc', (w: number) => string>} */
export const TS_FORMATS = {
  iso: (w) => new Date(w).toISOString().slice(0, 19) + '+08:00',
  isoMs: (w) => new Date(w).toISOString().slice(0, 23) + '+08:00',
  space: (w) => new Date(w).toISOString().slice(0, 19).replace('T', ' '),
  slash: (w) => new Date(w).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/'),
  utc: (w) => new Date(w - OFFSET_MS).toISOString().slice(0, 19) + 'Z',
};

export const isoLocal = TS_FORMATS.iso;

// A fictional calendar of 2025–2026 public holidays (no make-up workdays): activity only.
const HOLIDAYS = new Set([
  '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07',
  '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
  '2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25',
  '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
]);

/** @param {string} date */
export function isWorkday(date) {
  const dow = new Date(wall(date)).getUTCDay();
  return dow !== 0 && dow !== 6 && !HOLIDAYS.has(date);
}

// ---------------------------------------------------------------------------------------
// Ids.

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (GB 32100-2015) with its check character. */
/** @param {string} base17 */
export function uscc(base17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(base17[i]) * USCC_WEIGHTS[i];
  const c = 31 - (sum % 31);
  return base17 + USCC_CHARS[c === 31 ? 0 : c];
}

// ---------------------------------------------------------------------------------------
// The world: operator, agreement, platform and every record table.

export const OPERATOR_ID = uscc('91210703MAC8K3T6X');

/**
 * The operator's records. `variant: 'demo'` carries the planted record breaches of the
 * sample bundle (a developer+approver account, a suspended partner, a late major incident,
 * no record_keeping policy); `'clean'` is the same operator without them.
 */
/**
 * @param {{ variant?: 'demo' | 'clean' }} [options]
 */
export function buildWorld({ variant = 'demo' } = {}) {
  const demo = variant === 'demo';
  const op = OPERATOR_ID;

  const operator = {
    id: op,
    name: '锦州数智运营有限公司',
    business_status: 'normal',
    credit: { status: 'good', dishonest_list: false, checked_at: '2026-12-18' },
    principal: '周立新',
    security_officer: {
      name: '高文博',
      experience_years: 8,
      certifications: ['CISP-DSG', 'CDSP'],
      reports_to: 'principal',
      in_decision_making: true,
    },
    security_budget_cny: 2650000,
    is_public_utility: false,
  };

  const datasets = [
    { id: 'DS-JZ-ENT-01', name: '市场主体登记信息', provider: '市市场监督管理局', classification: 'general', contains_personal_info: false },
    { id: 'DS-JZ-TAX-02', name: '企业纳税信用等级', provider: '国家税务总局锦州市税务局', classification: 'important', contains_personal_info: false },
    { id: 'DS-JZ-SSC-03', name: '社会保险参保缴费记录', provider: '市人力资源和社会保障局', classification: 'important', contains_personal_info: true },
    { id: 'DS-JZ-MED-04', name: '医疗机构门诊结算数据', provider: '市医疗保障局', classification: 'important', contains_personal_info: true },
    { id: 'DS-JZ-TRF-05', name: '城市道路卡口通行数据', provider: '市公安局交通警察支队', classification: 'important', contains_personal_info: true },
    { id: 'DS-JZ-BUS-06', name: '公交线路与站点数据', provider: '市交通运输局', classification: 'general', contains_personal_info: false },
    { id: 'DS-JZ-MET-07', name: '气象观测站逐时数据', provider: '市气象局', classification: 'general', contains_personal_info: false },
    { id: 'DS-JZ-AGR-08', name: '耕地与农业经营主体数据', provider: '市农业农村局', classification: 'general', contains_personal_info: false },
    { id: 'DS-JZ-PRT-09', name: '港口集装箱作业数据', provider: '锦州港口管理部门', classification: 'general', contains_personal_info: false },
    { id: 'DS-JZ-REA-10', name: '不动产登记簿摘要', provider: '市自然资源局', classification: 'important', contains_personal_info: true },
  ];

  const agreement = {
    id: 'JZSJ-SQ-2024-007',
    signed_at: '2024-12-18',
    start: '2025-01-01',
    end: '2029-12-31',
    selection_method: 'public_tender',
    scope_datasets: datasets.map((d) => d.id),
    authority: '锦州市数据局',
  };

  const platform = {
    name: '数智锦州公共数据授权运营平台',
    functions: ['supply_demand', 'case_showcase', 'policy_publicity', 'public_application', 'data_catalog'],
    capabilities: [
      'data_sandbox', 'privacy_computing', 'identity_authentication', 'access_control', 'security_audit',
      'authorization_management', 'process_traceability', 'data_mutual_trust',
    ],
    mlps: { level: 3, record_no: '21070313005-26001', assessment: { date: '2026-05-22', score: 87.5 } },
    crypto: { assessment: { date: '2026-08-19', score: 82.0 } },
    security_planning: { planned: true, built: true, in_use: true },
  };

  // Scenario datasets are not a column of scenarios.csv; the generators use them.
  const scenarios = [
    { id: 'SC-01', name: '小微企业信用融资', authority_approved_at: '2024-12-20', provider_approved_at: '2024-12-26', provider_depts: '市市场监督管理局;国家税务总局锦州市税务局;市人力资源和社会保障局', datasets: ['DS-JZ-ENT-01', 'DS-JZ-TAX-02', 'DS-JZ-SSC-03'] },
    { id: 'SC-02', name: '商业健康保险快速理赔', authority_approved_at: '2025-03-10', provider_approved_at: '2025-03-18', provider_depts: '市医疗保障局;市人力资源和社会保障局', datasets: ['DS-JZ-MED-04', 'DS-JZ-SSC-03'] },
    { id: 'SC-03', name: '智慧交通出行服务', authority_approved_at: '2025-02-05', provider_approved_at: '2025-02-11', provider_depts: '市公安局交通警察支队;市交通运输局;市气象局', datasets: ['DS-JZ-TRF-05', 'DS-JZ-BUS-06', 'DS-JZ-MET-07'] },
    { id: 'SC-04', name: '港口物流调度优化', authority_approved_at: '2025-06-02', provider_approved_at: '2025-06-09', provider_depts: '锦州港口管理部门;市气象局', datasets: ['DS-JZ-PRT-09', 'DS-JZ-MET-07'] },
    { id: 'SC-05', name: '农业气象指数保险', authority_approved_at: '2025-08-12', provider_approved_at: '2025-08-20', provider_depts: '市农业农村局;市气象局;市市场监督管理局', datasets: ['DS-JZ-AGR-08', 'DS-JZ-MET-07', 'DS-JZ-ENT-01'] },
    { id: 'SC-06', name: '不动产抵押登记核验', authority_approved_at: '2026-04-13', provider_approved_at: '2026-04-20', provider_depts: '市自然资源局;市市场监督管理局', datasets: ['DS-JZ-REA-10', 'DS-JZ-ENT-01'] },
  ];

  const products = [
    { id: 'PR-101', name: '小微企业信用评分模型', type: 'model', scenario: 'SC-01', source_datasets: 'DS-JZ-ENT-01;DS-JZ-TAX-02;DS-JZ-SSC-03', developer_org: op, derived_from: '', created_at: '2025-02-10', compliance_review_at: '2025-03-20', anonymization_review_at: '2025-03-15', first_delivered_at: '2025-04-01', status: 'delivered', price_public: 'true', domain: 'finance' },
    { id: 'PR-102', name: '企业纳税信用核验接口', type: 'verification', scenario: 'SC-01', source_datasets: 'DS-JZ-TAX-02', developer_org: op, derived_from: '', created_at: '2025-03-01', compliance_review_at: '2025-04-10', anonymization_review_at: '', first_delivered_at: '2025-04-20', status: 'delivered', price_public: 'true', domain: 'finance' },
    { id: 'PR-103', name: '门诊结算理赔核验服务', type: 'service', scenario: 'SC-02', source_datasets: 'DS-JZ-MED-04', developer_org: op, derived_from: '', created_at: '2025-04-01', compliance_review_at: '2025-05-15', anonymization_review_at: '2025-05-10', first_delivered_at: '2025-06-01', status: 'delivered', price_public: 'true', domain: 'medical' },
    { id: 'PR-104', name: '城市通行热力指数服务', type: 'service', scenario: 'SC-03', source_datasets: 'DS-JZ-TRF-05;DS-JZ-BUS-06', developer_org: op, derived_from: '', created_at: '2025-03-10', compliance_review_at: '2025-04-02', anonymization_review_at: '2025-03-28', first_delivered_at: '2025-04-15', status: 'delivered', price_public: 'true', domain: 'transport' },
    { id: 'PR-105', name: '港口集疏运调度优化模型', type: 'model', scenario: 'SC-04', source_datasets: 'DS-JZ-PRT-09;DS-JZ-MET-07', developer_org: op, derived_from: '', created_at: '2025-07-01', compliance_review_at: '2025-08-15', anonymization_review_at: '', first_delivered_at: '2025-09-01', status: 'delivered', price_public: 'true', domain: 'transport' },
    { id: 'PR-106', name: '农业气象指数保险定价报告', type: 'report', scenario: 'SC-05', source_datasets: 'DS-JZ-AGR-08;DS-JZ-MET-07', developer_org: op, derived_from: '', created_at: '2025-09-01', compliance_review_at: '2025-10-10', anonymization_review_at: '', first_delivered_at: '2025-10-20', status: 'delivered', price_public: 'true', domain: 'agriculture' },
    { id: 'PR-107', name: '个人社保缴费核验接口', type: 'verification', scenario: 'SC-01', source_datasets: 'DS-JZ-SSC-03', developer_org: op, derived_from: '', created_at: '2026-01-12', compliance_review_at: '2026-02-26', anonymization_review_at: '2026-02-20', first_delivered_at: '2026-03-05', status: 'delivered', price_public: 'true', domain: 'finance' },
    { id: 'PR-108', name: '健康险核保风险评分模型', type: 'model', scenario: 'SC-02', source_datasets: 'DS-JZ-MED-04;DS-JZ-SSC-03', developer_org: op, derived_from: '', created_at: '2026-03-02', compliance_review_at: '2026-05-08', anonymization_review_at: '2026-05-06', first_delivered_at: '2026-05-12', status: 'delivered', price_public: 'true', domain: 'medical' },
    { id: 'PR-109', name: '农业经营主体画像组件', type: 'component', scenario: 'SC-05', source_datasets: 'DS-JZ-AGR-08;DS-JZ-ENT-01', developer_org: op, derived_from: '', created_at: '2026-04-01', compliance_review_at: '2026-06-05', anonymization_review_at: '', first_delivered_at: '2026-06-15', status: 'delivered', price_public: 'true', domain: 'agriculture' },
    { id: 'PR-110', name: '不动产抵押登记核验接口', type: 'verification', scenario: 'SC-06', source_datasets: 'DS-JZ-REA-10', developer_org: op, derived_from: '', created_at: '2026-05-06', compliance_review_at: '2026-06-20', anonymization_review_at: '2026-06-18', first_delivered_at: '2026-07-01', status: 'delivered', price_public: 'true', domain: 'finance' },
    { id: 'PR-111', name: '交通拥堵预测模型', type: 'model', scenario: 'SC-03', source_datasets: 'DS-JZ-TRF-05;DS-JZ-MET-07', developer_org: op, derived_from: '', created_at: '2026-08-03', compliance_review_at: '', anonymization_review_at: '2026-11-20', first_delivered_at: '', status: 'developing', price_public: 'false', domain: 'transport' },
    { id: 'PR-112', name: '交通拥堵预测可视化组件', type: 'component', scenario: 'SC-03', source_datasets: 'DS-JZ-TRF-05;DS-JZ-BUS-06', developer_org: op, derived_from: 'PR-111', created_at: '2026-10-15', compliance_review_at: '', anonymization_review_at: '', first_delivered_at: '', status: 'developing', price_public: 'false', domain: 'transport' },
  ];

  // `products` (not a column) is what each partner is served; `api` the products it calls.
  const partners = [
    { id: 'PT-01', name: '锦州银行股份有限公司', contract_start: '2025-01-15', contract_end: '2027-12-31', status: 'active', violation_found_at: '', suspended_at: '', products: ['PR-101', 'PR-102', 'PR-107', 'PR-110'], api: ['PR-102', 'PR-107', 'PR-110'], ip: '36.133.18.' },
    { id: 'PT-02', name: '辽宁锦州农村商业银行股份有限公司', contract_start: '2025-03-01', contract_end: '2027-02-28', status: 'active', violation_found_at: '', suspended_at: '', products: ['PR-101', 'PR-102', 'PR-107', 'PR-110'], api: ['PR-102', 'PR-107', 'PR-110'], ip: '124.93.76.' },
    { id: 'PT-03', name: '锦州安康健康保险服务有限公司', contract_start: '2025-04-01', contract_end: '2027-03-31', status: 'active', violation_found_at: '', suspended_at: '', products: ['PR-103', 'PR-108', 'PR-106'], api: ['PR-103'], ip: '59.46.112.' },
    { id: 'PT-04', name: '锦州港物流发展有限公司', contract_start: '2025-06-15', contract_end: '2027-06-14', status: 'active', violation_found_at: '', suspended_at: '', products: ['PR-105'], api: [], ip: '218.61.5.' },
    { id: 'PT-05', name: '锦州智行交通科技有限公司', contract_start: '2025-03-01', contract_end: '2026-12-31', status: 'active', violation_found_at: '', suspended_at: '', products: ['PR-104'], api: ['PR-104'], ip: '175.170.33.' },
    { id: 'PT-06', name: '辽西农业保险服务有限公司', contract_start: '2026-03-01', contract_end: '2028-02-29', status: 'active', violation_found_at: '', suspended_at: '', products: ['PR-106', 'PR-109'], api: [], ip: '113.231.40.' },
    { id: 'PT-07', name: '锦州恒信数据科技有限公司', contract_start: '2025-05-01', contract_end: '2027-04-30', status: 'suspended', violation_found_at: '2026-09-10', suspended_at: '2026-09-15', products: ['PR-104', 'PR-101'], api: ['PR-104'], ip: '42.7.26.' },
    demo
      ? { id: 'PT-08', name: '锦州云途信息服务有限公司', contract_start: '2025-07-01', contract_end: '2027-06-30', status: 'suspended', violation_found_at: '', suspended_at: '2026-06-01', products: ['PR-104'], api: ['PR-104'], ip: '60.22.95.' }
      : { id: 'PT-08', name: '锦州云途信息服务有限公司', contract_start: '2025-07-01', contract_end: '2027-06-30', status: 'active', violation_found_at: '', suspended_at: '', products: ['PR-104'], api: ['PR-104'], ip: '60.22.95.' },
    { id: 'PT-09', name: '锦州华信征信服务有限公司', contract_start: '2025-02-01', contract_end: '2026-06-30', status: 'terminated', violation_found_at: '', suspended_at: '2026-07-01', products: ['PR-102', 'PR-107'], api: ['PR-102', 'PR-107'], ip: '123.184.9.' },
  ];

  /**
   * @param {string} user_id
   * @param {string} name
   * @param {string} roles
   * @param {string} ip
   */
  const S = (user_id, name, roles, ip) => ({ user_id, name, org: op, roles, ip });
  const staff = [
    S('U1001', '孟凡宇', 'admin', '10.31.2.11'),
    S('U1002', '韩雪松', 'admin', '10.31.2.12'),
    S('U1003', '邵明哲', 'auditor', '10.31.3.21'),
    S('U1004', '高文博', 'security_officer', '10.31.3.8'),
    S('U1005', '田晓燕', 'data_steward', '10.31.4.31'),
    S('U1006', '付国栋', 'data_steward', '10.31.4.32'),
    S('U1007', '崔晨阳', 'developer', '10.31.5.41'),
    S('U1008', '鲁佳琪', 'developer', '10.31.5.42'),
    S('U1009', '贺子涵', 'developer', '10.31.5.43'),
    S('U1010', '蒋天宇', 'developer', '10.31.5.44'),
    S('U1011', '顾思远', 'developer', '10.31.5.45'),
    S('U1012', '白若溪', 'developer', '10.31.5.46'),
    S('U1013', '曹一鸣', 'developer', '10.31.5.47'),
    S('U1014', '秦可欣', 'developer', '10.31.5.48'),
    S('U1015', '罗建平', 'approver', '10.31.6.51'),
    S('U1016', '江海燕', 'approver', '10.31.6.52'),
    S('U1017', '任志刚', 'approver', '10.31.6.53'),
    S('U1018', '方晓东', 'operator', '10.31.7.61'),
    S('U1019', '唐立伟', 'operator', '10.31.7.62'),
    S('U1020', '严雅婷', 'operator', '10.31.7.63'),
    S('U1021', '段宏亮', demo ? 'developer;approver' : 'developer', '10.31.5.50'),
    S('U1022', '钱静怡', 'auditor', '10.31.3.22'),
  ];
  /** @type {{ user_id: string; name: string; org: string; roles: string; ip: string; api: boolean }[]} */
  const partnerUsers = [];
  for (const p of partners) {
    partnerUsers.push({ user_id: `${p.id.replace('-', '')}-API`, name: `${p.name}接口账号`, org: p.id, roles: 'partner_user', ip: `${p.ip}10`, api: true });
    partnerUsers.push({ user_id: `${p.id.replace('-', '')}-U01`, name: `${p.name}业务账号`, org: p.id, roles: 'partner_user', ip: `${p.ip}21`, api: false });
  }

  const requests = buildRequests(makeRng(`${variant}:requests:v1`), scenarios, staff);

  const policyRows = [
    { id: 'POL-DM-01', type: 'data_management', title: '公共数据授权运营数据管理制度', version: '3.0', approved_at: '2025-01-10', last_reviewed_at: '2026-03-18', reported_at: '2026-03-25', file: 'policies/data_management.md' },
    { id: 'POL-OR-01', type: 'operation_rules', title: '公共数据加工处理操作细则', version: '2.2', approved_at: '2025-01-10', last_reviewed_at: '2026-03-18', reported_at: '2026-03-25', file: 'policies/operation_rules.md' },
    { id: 'POL-IR-01', type: 'internal_review', title: '数据开发利用需求内部审核规程', version: '2.0', approved_at: '2025-01-10', last_reviewed_at: '2026-03-18', reported_at: '2026-03-25', file: 'policies/internal_review.md' },
    { id: 'POL-QC-01', type: 'quality_control', title: '公共数据质量管控办法', version: '1.3', approved_at: '2025-02-20', last_reviewed_at: '2026-04-28', reported_at: '2026-05-06', file: 'policies/quality_control.md' },
    { id: 'POL-SR-01', type: 'security_responsibility', title: '数据安全责任制实施办法', version: '1.1', approved_at: '2025-01-10', last_reviewed_at: '2026-02-27', reported_at: '2026-03-04', file: 'policies/security_responsibility.md' },
    { id: 'POL-SM-01', type: 'security_management', title: '数据安全管理制度', version: '2.1', approved_at: '2025-01-10', last_reviewed_at: '2026-02-27', reported_at: '2026-03-04', file: 'policies/security_management.md' },
    { id: 'POL-MA-01', type: 'monitoring_assessment', title: '安全监测与风险评估管理办法', version: '1.2', approved_at: '2025-03-05', last_reviewed_at: '2026-06-12', reported_at: '2026-06-19', file: 'policies/monitoring_assessment.md' },
    { id: 'POL-IC-01', type: 'incident_response', title: '数据安全事件应急预案', version: '2.0', approved_at: '2025-01-10', last_reviewed_at: '2026-08-31', reported_at: '2026-09-07', file: 'policies/incident_response.md' },
    { id: 'POL-PS-01', type: 'partner_supervision', title: '应用单位监督管理办法', version: '1.1', approved_at: '2025-04-15', last_reviewed_at: '2026-09-22', reported_at: '2026-09-29', file: 'policies/partner_supervision.txt' },
  ];
  if (!demo) {
    policyRows.push({ id: 'POL-RK-01', type: 'record_keeping', title: '运营日志与记录留存管理办法', version: '1.0', approved_at: '2025-01-10', last_reviewed_at: '2026-03-18', reported_at: '2026-03-25', file: 'policies/record_keeping.md' });
  }

  const assessments = [
    { id: 'AS-2026-01', type: 'security_test', date: '2026-05-22', result: 'pass', report_file: 'reports/2026-mlps-assessment.pdf' },
    { id: 'AS-2026-02', type: 'security_test', date: '2026-08-26', result: 'pass_with_findings', report_file: 'reports/2026-penetration-test.pdf' },
    { id: 'AS-2026-03', type: 'incident_drill', date: '2026-09-18', result: 'pass', report_file: 'reports/2026-incident-drill.pdf' },
    { id: 'AS-2026-04', type: 'risk_assessment', date: '2026-10-12', result: 'pass_with_findings', report_file: 'reports/2026-risk-assessment.pdf' },
    { id: 'AS-2026-05', type: 'security_review', date: '2026-11-05', result: 'pass', report_file: 'reports/2026-security-review.pdf' },
    { id: 'AS-2026-06', type: 'compliance_review', date: '2026-12-03', result: 'pass', report_file: 'reports/2026-compliance-review.pdf' },
    { id: 'AS-2026-07', type: 'monitoring', date: '2026-12-15', result: 'pass', report_file: 'reports/2026-monitoring-summary.pdf' },
  ];

  const qualityIssues = [
    { id: 'QI-2026-001', dataset: 'DS-JZ-TRF-05', detected_at: '2026-03-09T08:40:00+08:00', description: '部分卡口设备时钟偏差导致通行记录时间错位', reported_at: '2026-03-10T15:00:00+08:00', resolved_at: '2026-03-16T17:30:00+08:00' },
    { id: 'QI-2026-002', dataset: 'DS-JZ-ENT-01', detected_at: '2026-05-19T14:20:00+08:00', description: '注销企业状态未及时同步，约1.2%记录状态过期', reported_at: '2026-05-21T10:00:00+08:00', resolved_at: '2026-06-02T11:00:00+08:00' },
    { id: 'QI-2026-003', dataset: 'DS-JZ-MED-04', detected_at: '2026-08-24T09:00:00+08:00', description: '个别医疗机构结算金额字段单位不一致（元/分）', reported_at: '2026-08-27T17:30:00+08:00', resolved_at: '2026-09-10T16:00:00+08:00' },
    { id: 'QI-2026-004', dataset: 'DS-JZ-MET-07', detected_at: '2026-11-02T07:50:00+08:00', description: '两个自动站11月1日夜间数据缺测', reported_at: '2026-11-02T16:00:00+08:00', resolved_at: '' },
  ];

  const incidents = [
    { id: 'INC-2026-01', type: 'other', grade: 'general', detected_at: '2026-02-26T10:40:00+08:00', plan_activated_at: '2026-02-26T10:52:00+08:00', reported_at: '2026-02-26T14:30:00+08:00', closed_at: '2026-02-27T09:00:00+08:00', datasets: [], summary: '纳税信用核验接口调用量异常激增，已对来源账号限流并核实为合作方系统重试故障。' },
    { id: 'INC-2026-02', type: 'leak', grade: 'major', detected_at: '2026-07-14T09:05:00+08:00', plan_activated_at: '2026-07-14T09:28:00+08:00', reported_at: demo ? '2026-07-14T15:47:00+08:00' : '2026-07-14T12:40:00+08:00', closed_at: '2026-07-17T18:00:00+08:00', datasets: ['DS-JZ-SSC-03'], summary: '社保缴费核验接口测试环境配置错误，向一家应用单位返回了未脱敏的参保人姓名字段，涉及约3200条记录。' },
    { id: 'INC-2026-03', type: 'loss', grade: 'large', detected_at: '2026-11-20T16:00:00+08:00', plan_activated_at: '2026-11-20T16:18:00+08:00', reported_at: '2026-11-20T19:10:00+08:00', closed_at: '2026-11-23T12:00:00+08:00', datasets: [], summary: '一组备份介质校验失败，审计日志副本部分丢失，已从异地备份完整恢复。' },
  ];

  const evaluations = [
    {
      year: 2025,
      conclusion: 'basically_compliant',
      evaluated_at: '2026-01-20',
      evaluator: '锦州市数据局',
      items: [
        { id: 'EV-2025-01', article: 15, finding: '数据操作细则修订后未报送数据主管部门', deadline: '2026-03-31', rectified_at: '2026-03-25', re_evaluated_at: '2026-04-08' },
        { id: 'EV-2025-02', article: 16, finding: '两起数据质量问题报送超过5日', deadline: '2026-05-31', rectified_at: '2026-04-28', re_evaluated_at: '2026-05-20' },
        { id: 'EV-2025-03', article: 8, finding: '商用密码应用安全性评估报告已超过有效期', deadline: '2026-09-30', rectified_at: '2026-08-19', re_evaluated_at: '2026-09-09' },
      ],
    },
  ];

  return {
    variant, operatorId: op, operator, agreement, platform, datasets, scenarios, products, partners, staff,
    partnerUsers, requests, policyRows, assessments, qualityIssues, incidents, evaluations,
  };
}

/**
 * Development requests from Nov 2025 to Dec 2026, every step in order (Art. 11): a few
 * rejected, the December ones still pending. No step falls on 5–10 August (the demo's log gap).
 */
/**
 * @param {ReturnType<typeof makeRng>} rng
 * @param {{ id: string; authority_approved_at: string; provider_approved_at: string; datasets: string[] }[]} scenarios
 * @param {{ user_id: string; roles: string }[]} staff
 */
function buildRequests(rng, scenarios, staff) {
  const developers = staff.filter((s) => s.roles.split(';').includes('developer')).map((s) => s.user_id);
  const approvers = staff.filter((s) => s.roles.split(';').includes('approver')).map((s) => s.user_id);
  const blocked = (/** @type {string} */ d) => d >= '2026-08-05' && d <= '2026-08-10';
  const nextWorkday = (/** @type {string} */ d, /** @type {number} */ n) => {
    let x = d;
    for (let k = 0; k < n;) {
      x = addDays(x, 1);
      if (isWorkday(x) && !blocked(x)) k++;
    }
    return x;
  };
  const out = [];
  let date = '2025-11-10';
  let seq = 0;
  while (date <= '2026-12-28') {
    if (!isWorkday(date) || blocked(date)) {
      date = addDays(date, 1);
      continue;
    }
    const open = scenarios.filter((s) => s.authority_approved_at < date && s.provider_approved_at < date);
    const sc = rng.pick(open);
    const requester = rng.pick(developers);
    const reviewer = rng.pick(approvers.filter((a) => a !== requester));
    const ds = rng.sample(sc.datasets, rng.int(1, Math.min(2, sc.datasets.length)));
    seq++;
    const year = date.slice(0, 4);
    const id = `RQ-${year}-${String(seq).padStart(3, '0')}`;
    const submitted = wall(date, 9, 0) + rng.int(0, 420) * 60_000;
    const recorded = submitted + rng.int(20, 180) * 60_000;
    const reviewDay = nextWorkday(date, rng.int(1, 3));
    const reviewed = wall(reviewDay, 10, 0) + rng.int(0, 300) * 60_000;
    const feedback = reviewed + rng.int(30, 240) * 60_000;
    const pending = date >= '2026-12-14';
    const rejected = !pending && (seq % 13 === 7);
    out.push({
      id, requester, scenario: sc.id, datasets: ds.join(';'),
      submitted_at: isoLocal(submitted), recorded_at: isoLocal(recorded),
      reviewed_at: pending ? '' : isoLocal(reviewed), reviewer: pending ? '' : reviewer,
      review_result: pending ? 'pending' : rejected ? 'rejected' : 'approved',
      feedback_at: pending ? '' : isoLocal(feedback),
      // For the log generators (not columns):
      reviewedWall: pending ? null : reviewed,
      datasetList: ds,
    });
    date = addDays(date, rng.int(7, 11));
  }
  // Ids restart per year, as operators number them.
  let n25 = 0, n26 = 0;
  for (const r of out) {
    const y = r.submitted_at.slice(0, 4);
    const n = y === '2025' ? ++n25 : ++n26;
    r.id = `RQ-${y}-${String(n).padStart(3, '0')}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Writers.

/** @param {unknown} v */
function csvCell(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** @param {unknown[]} cells */
export function csvLine(cells) {
  return cells.map(csvCell).join(',');
}

/** A CSV table: `columns` are [header, key] pairs (or plain keys). */
/**
 * @param {(string | [string, string])[]} columns
 * @param {readonly object[]} rows
 * @param {{ bom?: boolean; crlf?: boolean }} [options]
 */
export function csvTable(columns, rows, { bom = false, crlf = false } = {}) {
  /** @type {[string, string][]} */
  const cols = columns.map((c) => (Array.isArray(c) ? c : [c, c]));
  const eol = crlf ? '\r\n' : '\n';
  const lines = [csvLine(cols.map((c) => c[0]))];
  for (const r of rows) lines.push(csvLine(cols.map((c) => /** @type {Record<string, unknown>} */ (r)[c[1]])));
  return (bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

/** @type {Map<string, number> | null} */
let gbTable = null;

/**
 * GB18030 encoder for the two-byte range, built by decoding every two-byte sequence with
 * TextDecoder('gb18030') (TextEncoder only writes UTF-8). Enough for GBK text, which is
 * what Excel on Chinese Windows writes; a character outside it is an error.
 */
/** @param {string} text */
export function encodeGb18030(text) {
  if (!gbTable) {
    /** @type {Map<string, number>} */
    const table = new Map();
    gbTable = table;
    const dec = new TextDecoder('gb18030');
    const pair = new Uint8Array(2);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        pair[0] = lead;
        pair[1] = trail;
        const s = dec.decode(pair);
        if (s.length === 1 && s !== '\uFFFD' && !table.has(s)) table.set(s, (lead << 8) | trail);
      }
    }
  }
  /** @type {number[]} */
  const out = [];
  for (const ch of text) {
    const c = /** @type {number} */ (ch.codePointAt(0));
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const v = gbTable.get(ch);
    if (v === undefined) throw new Error(`character ${ch} (U+${c.toString(16)}) is outside the GB18030 two-byte range`);
    out.push(v >> 8, v & 0xff);
  }
  return Buffer.from(out);
}

/** @param {unknown} value */
export function jsonText(value) {
  return JSON.stringify(value, null, 2) + '\n';
}

/** gzip with a fixed header (mtime 0, OS byte "Unix") so the bytes do not depend on the host OS. */
/** @param {Buffer | string} buf */
export function gzip(buf) {
  const out = gzipSync(buf, { level: 9 });
  out[9] = 3;
  return out;
}

/** @param {Buffer | string} data */
export function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** bundle-v1.md logs/: hash of one event from its fields exactly as written. */
/**
 * @param {string} prev
 * @param {string} eventId
 * @param {string} ts
 * @param {string} actor
 * @param {string} action
 * @param {string} resource
 * @param {string} result
 */
export function chainHash(prev, eventId, ts, actor, action, resource, result) {
  return createHash('sha256').update(`${prev}|${eventId}|${ts}|${actor}|${action}|${resource}|${result}`).digest('hex');
}

export const ZERO_HASH = '0'.repeat(64);

/** The record files of a world (everything but logs and manifest): [{ path, data }]. */
/**
 * @typedef {ReturnType<typeof buildWorld>} World
 * @typedef {{ path: string; data: Buffer }} BundleFileData
 * @param {World} world
 * @returns {BundleFileData[]}
 */
export function recordFiles(world) {
  /** @type {BundleFileData[]} */
  const files = [];
  const add = (/** @type {string} */ path, /** @type {Buffer | string} */ data) => files.push({ path, data: Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8') });
  add('operator.json', jsonText(world.operator));
  add('agreement.json', jsonText(world.agreement));
  add('platform.json', jsonText(world.platform));
  add('incidents.json', jsonText(world.incidents));
  add('evaluations.json', jsonText(world.evaluations));

  // Exported from Excel on Chinese Windows: GB18030, Chinese headers and values, CRLF.
  /** @type {Record<string, string>} */
  const zhClass = { core: '核心数据', important: '重要数据', general: '一般数据' };
  const dsRows = world.datasets.map((d) => ({ ...d, classification: zhClass[d.classification], contains_personal_info: d.contains_personal_info ? '是' : '否' }));
  add('datasets.csv', encodeGb18030(csvTable(
    [['数据编号', 'id'], ['数据名称', 'name'], ['提供部门', 'provider'], ['分类分级', 'classification'], ['含个人信息', 'contains_personal_info']],
    dsRows, { crlf: true },
  )));
  add('products.csv', csvTable(['id', 'name', 'type', 'scenario', 'source_datasets', 'developer_org', 'derived_from', 'created_at', 'compliance_review_at', 'anonymization_review_at', 'first_delivered_at', 'status', 'price_public', 'domain'], world.products));
  add('scenarios.csv', csvTable(['id', 'name', 'authority_approved_at', 'provider_approved_at', 'provider_depts'], world.scenarios));
  add('requests.csv', csvTable(['id', 'requester', 'scenario', 'datasets', 'submitted_at', 'recorded_at', 'reviewed_at', 'reviewer', 'review_result', 'feedback_at'], world.requests));
  add('partners.csv', csvTable(['id', 'name', 'contract_start', 'contract_end', 'status', 'violation_found_at', 'suspended_at'], world.partners, { bom: true, crlf: true }));
  add('staff.csv', csvTable(['user_id', 'name', 'org', 'roles'], [...world.staff, ...world.partnerUsers], { bom: true, crlf: true }));
  add('policies.csv', csvTable(['id', 'type', 'title', 'version', 'approved_at', 'last_reviewed_at', 'reported_at', 'file'], world.policyRows));
  add('assessments.csv', csvTable(['id', 'type', 'date', 'result', 'report_file'], world.assessments));
  add('quality-issues.csv', csvTable(['id', 'dataset', 'detected_at', 'description', 'reported_at', 'resolved_at'], world.qualityIssues));
  for (const row of world.policyRows) add(row.file, policyText(row, world));
  return files;
}

// ---------------------------------------------------------------------------------------
// Policy documents.

/**
 * @param {World['policyRows'][number]} row
 * @param {World} world
 */
function policyText(row, world) {
  const head = (/** @type {string} */ title) => `# ${title}\n\n${world.operator.name}　${row.id}　第${row.version}版\n\n批准日期：${row.approved_at}　最近复审：${row.last_reviewed_at}　报送数据主管部门：${row.reported_at}\n\n`;
  const body = POLICY_BODIES[row.type];
  if (!body) throw new Error(`no text for policy type ${row.type}`);
  if (row.file.endsWith('.txt')) {
    // Plain text as a word processor saves it: CRLF, no Markdown.
    const text = `${row.title}\r\n\r\n${world.operator.name}  ${row.id}  第${row.version}版\r\n批准日期：${row.approved_at}  最近复审：${row.last_reviewed_at}  报送：${row.reported_at}\r\n\r\n${body.trim().replace(/\n/g, '\r\n')}\r\n`;
    return text;
  }
  return head(row.title) + body.trim() + '\n';
}

/** @type {Record<string, string>} */
const POLICY_BODIES = {
  data_management: `
## 第一章 总则

第一条 为规范本公司公共数据授权运营活动，落实《锦州市公共数据资源授权运营管理办法（试行）》（锦政规〔2025〕4号），制定本制度。

第二条 本制度适用于本公司在授权范围内对公共数据资源开展的汇聚、治理、开发、产品交付及相关管理活动。

## 第二章 职责分工

第三条 数据管理部负责授权数据目录维护、分类分级标识和数据资源台账管理。
第四条 产品研发部负责在数据沙箱内开展数据加工处理，不得将原始公共数据导出平台。
第五条 安全合规部负责数据安全管理、合规审查和脱敏评估，对数据安全责任人负责。

## 第三章 数据使用

第六条 公共数据加工处理一律在运营平台内进行，坚持“原始数据不出域、数据可用不可见”。
第七条 重要数据的查询、开发、模型训练仅可在数据沙箱内开展。
第八条 数据产品须经合规审查后方可交付，涉及个人信息的须先完成脱敏评估。

## 第四章 附则

第九条 本制度每年至少复审一次，修订后十个工作日内报送市数据局。
第十条 本制度自印发之日起施行。
`,
  operation_rules: `
第一条 本细则依据《公共数据授权运营数据管理制度》制定，规定数据加工处理的具体操作要求。

第二条 账号管理：平台账号实行实名制，开发、审批、审计岗位分离设置，同一账号不得同时承担开发与审批职责。

第三条 沙箱操作：进入数据沙箱须经身份认证，沙箱内操作全程记录；退出沙箱时自动清理临时数据。

第四条 数据导出：沙箱内仅可导出经审核的统计结果或模型参数，单次导出记录数超过十万条的，须经安全合规部专项审批。

第五条 产品交付：数据产品通过平台或接口交付应用单位，不得以拷贝介质等线下方式交付。

第六条 日志记录：平台对登录、查询、开发、导出、交付等操作自动记录日志，日志采用哈希链防篡改。

第七条 本细则自印发之日起施行。
`,
  internal_review: `
## 一、适用范围

本规程适用于内部开发人员及应用单位提出的公共数据开发利用需求。

## 二、审核流程

1. 提交：需求人通过平台“需求管理”模块提交开发利用需求，写明应用场景、所需数据、用途和期限。
2. 记录：需求管理员在收到需求后当日完成登记编号，记录提交时间、需求人和所涉数据。
3. 审核：审批人在三个工作日内对需求的场景合规性、数据最小必要性和安全措施进行审核，审批人不得审核本人提出的需求。
4. 反馈：审核结论（通过、驳回）及理由在作出后一个工作日内反馈需求人，并在平台留痕。

## 三、其他

未经审核通过的需求，不得开通数据沙箱权限，不得开展数据开发。
`,
  quality_control: `
第一条 为提高授权运营数据质量，建立事前、事中、事后全流程质量管控机制。

第二条 事前：数据接入前核对数据目录、字段标准和更新频率，明确质量规则。

第三条 事中：加工处理过程中对完整性、一致性、准确性和及时性进行自动校验，异常数据进入问题清单。

第四条 事后：产品交付后开展抽样复核，收集应用单位反馈。

第五条 发现数据质量问题的，应当在五个工作日内向数据提供部门和市数据局报送，并跟踪整改。
`,
  security_responsibility: `
第一条 公司主要负责人是数据安全第一责任人，数据安全责任人（数据安全官）由具有相关专业背景和三年以上工作经验的人员担任，直接向主要负责人报告，参与公司重大决策。

第二条 各部门负责人是本部门数据安全直接责任人，岗位人员对本岗位数据安全负责。

第三条 公司每年与各部门签订数据安全责任书，年度考核实行数据安全一票否决。

第四条 发生数据安全事件的，依照《数据安全事件应急预案》追究相关责任。
`,
  security_management: `
第一条 数据安全工作与运营平台建设同步规划、同步建设、同步使用，每年安排专项安全预算。

第二条 平台按网络安全等级保护第三级要求建设和测评，采用商用密码保护数据传输与存储。

第三条 实施最小权限访问控制，重要数据访问须经审批并在沙箱内进行。

第四条 平台日志集中存储，保存期限不少于六个月，审计员每月开展日志审计。

第五条 定期开展安全监测、风险评估和安全审查，发现的问题限期整改。
`,
  monitoring_assessment: `
第一条 安全运营中心对平台实施7×24小时安全监测，重点监测批量导出、异常访问和权限变更。

第二条 每年至少开展一次渗透测试、一次数据安全风险评估和一次安全审查，并委托第三方开展合规审查。

第三条 评估发现的问题纳入整改台账，整改完成后组织复核。
`,
  incident_response: `
## 一、事件分级

按照影响范围和危害程度，数据安全事件分为特别重大、重大、较大和一般四级。

## 二、报告

发现事件后，值班人员立即报告数据安全责任人；启动预案后，较大及以上事件在4小时内、一般事件在24小时内向市数据局报告，并按要求续报、终报。

## 三、处置

应急小组在30分钟内启动预案，采取隔离、封禁、溯源、恢复等处置措施，保全日志等证据。

## 四、演练

每年至少组织一次应急演练，演练结束后评估预案有效性并修订。
`,
  partner_supervision: `
一、应用单位准入：签订数据产品使用协议，明确使用范围、期限和安全责任。

二、日常监督：按季度检查应用单位的数据产品使用情况，核查接口调用日志。

三、违规处理：发现应用单位超范围使用、转售数据产品等违规行为的，7日内暂停其数据产品使用权限，并报告市数据局。

四、退出：合同期满或终止的，停止交付并收回接口凭证。
`,
  record_keeping: `
第一条 运营平台日志、授权协议、产品清单、审核记录等运营记录完整留存，日志保存期限不少于六个月，其他记录保存至授权期满后三年。

第二条 日志采用哈希链方式防篡改，任何人不得删除或修改日志。

第三条 日志按月归档，异地备份。
`,
};

// ---------------------------------------------------------------------------------------
// Manifest.

/** Canonical JSON of bundle-v1.md: keys sorted recursively, no whitespace, UTF-8. */
/**
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = /** @type {Record<string, unknown>} */ (value);
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The ed25519 key derived from a fixed seed (PKCS#8 prefix + 32-byte seed). */
export function manifestKey(seedText = MANIFEST_KEY_SEED) {
  const seed = createHash('sha256').update(seedText).digest();
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem };
}

/**
 * manifest.json for `files` ([{ path, sha256, bytes }]), sorted by path, signed with
 * ed25519 over the canonical manifest without its signature member.
 */
/**
 * @typedef {{ path: string; sha256: string; bytes: number }} FileEntry
 * @param {{ operatorId: string; files: FileEntry[]; createdAt?: string; period?: { start: string; end: string }; timezone?: string; keySeed?: string }} options
 */
export function buildManifest({ operatorId, files, createdAt = MANIFEST_CREATED_AT, period = PERIOD, timezone = TIMEZONE, keySeed = MANIFEST_KEY_SEED }) {
  /** @type {{ format: string; operator_id: string; created_at: string; period: { start: string; end: string }; timezone: string; files: FileEntry[]; signature?: { alg: string; public_key_pem: string; value: string } }} */
  const manifest = {
    format: 'evidence-bundle/1',
    operator_id: operatorId,
    created_at: createdAt,
    period: { ...period },
    timezone,
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })),
  };
  const { privateKey, publicKeyPem } = manifestKey(keySeed);
  const value = sign(null, Buffer.from(canonicalJson(manifest), 'utf8'), privateKey).toString('base64');
  manifest.signature = { alg: 'ed25519', public_key_pem: publicKeyPem, value };
  return manifest;
}

/**
 * @param {string} path
 * @param {Buffer} data
 * @returns {FileEntry}
 */
export function fileEntry(path, data) {
  return { path, sha256: sha256Hex(data), bytes: data.length };
}

// ---------------------------------------------------------------------------------------
// Output folder.

/**
 * Make `dir` ready to receive a bundle: created when absent, emptied when it holds an
 * earlier output of these generators (a manifest of our operator), refused otherwise so
 * that a mistyped path never loses someone's files.
 */
/** @param {string} dir */
export function prepareOutDir(dir) {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return;
  }
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  const manifestPath = join(dir, 'manifest.json');
  let ours = false;
  if (existsSync(manifestPath)) {
    try {
      ours = JSON.parse(readFileSync(manifestPath, 'utf8')).operator_id === OPERATOR_ID;
    } catch {
      ours = false;
    }
  }
  if (!ours) throw new Error(`${dir} is not empty and holds no bundle of this generator; give an empty or new folder`);
  for (const e of entries) rmSync(join(dir, e), { recursive: true, force: true });
}

/**
 * @param {string} dir
 * @param {BundleFileData[]} files
 */
export function writeFiles(dir, files) {
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
}
