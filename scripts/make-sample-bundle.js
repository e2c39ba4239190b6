#!/usr/bin/env node
// Writes the demo evidence bundle of a fictional operator (锦州数智运营有限公司, review
// period 2026) with a documented set of planted breaches, one per catalogue rule, and every
// other rule designed to pass. Deterministic: a seeded PRNG, a key from a fixed seed, no
// clock. Usage: node scripts/make-sample-bundle.js [bundle-folder] [--docs DIR]
// (default samples/jinzhou-demo/bundle; BREACHES.md and README.md go to the folder above
// a folder named "bundle", or to --docs).

import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DAY_MS, MANIFEST_KEY_SEED, PERIOD, TS_FORMATS, ZERO_HASH, addDays, buildManifest, buildWorld, chainHash, csvLine, dateOf,
  fileEntry, gzip, isWorkday, jsonText, makeRng, prepareOutDir, recordFiles, wall, writeFiles,
} from './lib/bundle-gen.js';

/**
 * @typedef {import('./lib/bundle-gen.js').World} World
 * @typedef {World['staff'][number] | World['partnerUsers'][number]} User
 * @typedef {{ action: string; rtype: string; resource: string; scenario?: string; request?: string; channel?: string; records?: number | null; dest?: string }} ActionFields
 * @typedef {{ t: number; actor: string; org: string; action: string; rtype: string; resource: string; scenario: string; request: string;
 *   records: number | null; dest: string; channel: string; result: string; ip: string; plant: { rule: string; what: string } | null; seq: number;
 *   id: string; file: string; line: number; tamper?: string; originalActor?: string; storedHash?: string; tamperRecomputed?: string;
 *   badTs?: string; unterminated?: string }} DemoEvent
 * @typedef {{ month: string; path: string; kind: 'jsonl' | 'csv'; ts: keyof typeof TS_FORMATS; chain: boolean; cols?: string[]; gzip?: boolean; zh?: boolean }} LogFileSpec
 * @typedef {{ path: string; data: Buffer }} FileData
 */

/**
 * The value, or an error naming what was missing (the generator's data is fixed, so this
 * fires only when someone edits it inconsistently).
 * @template T
 * @param {T | undefined | null} value
 * @param {string} what
 * @returns {T}
 */
function must(value, what) {
  if (value === undefined || value === null) throw new Error(`missing ${what}`);
  return value;
}

const MIN = 60_000;
const SEC = 1000;

/** The log gap of JZ-17-01: nothing is logged from GAP_START (inclusive) to GAP_END. */
const GAP_START = wall('2026-08-05', 12, 0, 0);
const GAP_END = wall('2026-08-10', 12, 0, 0);

// Values of bundle-v1.md's Chinese vocabulary, for the month written the way a Chinese UI exports it.
/** @type {Record<'action' | 'result' | 'channel' | 'resource_type', Record<string, string>>} */
const ZH = {
  action: {
    login: '登录', logout: '登出', query: '查询', download: '下载', export: '导出', api_call: '接口调用',
    sandbox_enter: '进入沙箱', sandbox_exit: '退出沙箱', develop: '开发', model_train: '模型训练',
    model_export: '模型导出', deliver: '交付', share: '共享', approve: '审批通过', reject: '审批驳回',
    grant_role: '授权', revoke_role: '撤销授权', config_change: '配置变更', modify: '修改', delete: '删除',
    log_delete: '日志删除', log_export: '日志导出', backup: '备份',
  },
  result: { success: '成功', failure: '失败', denied: '拒绝' },
  channel: { platform: '平台', sandbox: '沙箱', api: '接口', offline: '线下' },
  resource_type: { dataset: '数据集', product: '产品', model: '模型', request: '需求', system: '系统', log: '日志' },
};

const STD_COLS = ['event_id', 'ts', 'actor', 'actor_org', 'action', 'resource_type', 'resource', 'scenario', 'request', 'records', 'destination', 'channel', 'result', 'src_ip', 'prev_hash', 'hash'];
const ALT_COLS = ['ts', 'event_id', 'action', 'actor', 'actor_org', 'resource_type', 'resource', 'result', 'channel', 'records', 'destination', 'scenario', 'request', 'src_ip', 'hash', 'prev_hash'];
const LEGACY_COLS = ['ts', 'event_id', 'actor', 'actor_org', 'action', 'resource_type', 'resource', 'scenario', 'request', 'records', 'destination', 'channel', 'result', 'src_ip', 'remark'];

/** How each month is written: formats, time styles and chains vary as real exports do. */
/** @type {LogFileSpec[]} */
const LOG_FILES = [
  { month: '01', path: 'logs/2026-01.jsonl', kind: 'jsonl', ts: 'iso', chain: true },
  { month: '02', path: 'logs/2026-02.csv', kind: 'csv', ts: 'space', chain: true, cols: STD_COLS },
  { month: '03', path: 'logs/2026-03.jsonl.gz', kind: 'jsonl', ts: 'iso', chain: true, gzip: true },
  { month: '04', path: 'logs/2026-04.jsonl', kind: 'jsonl', ts: 'iso', chain: true },
  { month: '05', path: 'logs/2026-05.csv', kind: 'csv', ts: 'slash', chain: false, cols: LEGACY_COLS },
  { month: '06', path: 'logs/2026-06.jsonl.gz', kind: 'jsonl', ts: 'iso', chain: true, gzip: true },
  { month: '07', path: 'logs/2026-07.jsonl', kind: 'jsonl', ts: 'iso', chain: true },
  { month: '08', path: 'logs/2026-08.csv', kind: 'csv', ts: 'space', chain: true, cols: ALT_COLS },
  { month: '09', path: 'logs/2026-09.jsonl.gz', kind: 'jsonl', ts: 'iso', chain: true, gzip: true },
  { month: '10', path: 'logs/2026-10.jsonl', kind: 'jsonl', ts: 'isoMs', chain: false },
  { month: '11', path: 'logs/2026-11.csv', kind: 'csv', ts: 'iso', chain: true, cols: STD_COLS, zh: true },
  { month: '12', path: 'logs/2026-12.jsonl.gz', kind: 'jsonl', ts: 'utc', chain: true, gzip: true },
];

// ---------------------------------------------------------------------------------------
// Events.

/**
 * @param {World} world
 * @returns {DemoEvent[]}
 */
function generateEvents(world) {
  const rng = makeRng('jinzhou-demo:logs:v1');
  const OP = world.operatorId;
  /** @type {Map<string, User>} */
  const users = new Map([...world.staff, ...world.partnerUsers].map((u) => [u.user_id, u]));
  const datasets = new Map(world.datasets.map((d) => [d.id, d]));
  const products = new Map(world.products.map((p) => [p.id, p]));
  const sandboxOnly = (/** @type {string} */ dsId) => ['core', 'important'].includes(must(datasets.get(dsId), dsId).classification);
  const generalDatasets = world.datasets.filter((d) => d.classification === 'general').map((d) => d.id);
  /** @type {DemoEvent[]} */
  const events = [];

  /**
   * @param {number} t
   * @param {string} actor
   * @param {string} action
   * @param {string} rtype
   * @param {string} resource
   * @param {Partial<DemoEvent>} [extra]
   * @returns {DemoEvent}
   */
  const ev = (t, actor, action, rtype, resource, extra = {}) => {
    const u = users.get(actor);
    if (!u) throw new Error(`unknown actor ${actor}`);
    /** @type {DemoEvent} */
    const e = {
      id: '', file: '', line: 0, t, actor, org: u.org, action, rtype, resource, scenario: '', request: '', records: null, dest: '',
      channel: 'platform', result: 'success', ip: u.ip, plant: null, ...extra, seq: events.length,
    };
    events.push(e);
    return e;
  };

  // A partner is served only while its contract runs, before any suspension, and (our
  // operator's practice) not after a violation is found.
  const partnerActive = (/** @type {World['partners'][number]} */ p, /** @type {string} */ date) => date >= p.contract_start && date <= p.contract_end
    && (!p.suspended_at || date < p.suspended_at) && (!p.violation_found_at || date < p.violation_found_at);
  // Products delivered in the period get their first delivery on first_delivered_at itself
  // (scheduled below); ordinary traffic starts the day after.
  const servable = (/** @type {string} */ prodId, /** @type {string} */ date) => {
    const p = must(products.get(prodId), prodId);
    return p.first_delivered_at !== '' && (p.first_delivered_at < PERIOD.start ? true : p.first_delivered_at < date);
  };
  const ownProducts = (/** @type {string} */ date) => world.products.filter((p) => p.developer_org === OP && p.created_at <= date && p.status !== 'withdrawn');

  // --- role actions: each returns the fields of one event -------------------------------
  /** @type {Record<string, (u: User, date: string, t: number) => ActionFields>} */
  const actions = {
    developer(u, date, t) {
      const active = world.requests.filter((r) => r.requester === u.user_id && r.review_result === 'approved'
        && r.reviewedWall !== null && r.reviewedWall + 10 * MIN <= t && t - r.reviewedWall < 45 * DAY_MS);
      if (active.length && rng.chance(0.75)) {
        const r = rng.pick(active);
        const ds = rng.pick(r.datasetList);
        const action = rng.pick(['query', 'develop', 'develop', 'model_train']);
        const channel = sandboxOnly(ds) || action === 'model_train' ? 'sandbox' : rng.pick(['sandbox', 'platform']);
        return { action, rtype: 'dataset', resource: ds, scenario: r.scenario, request: r.id, channel, records: action === 'query' ? rng.int(50, 20000) : null };
      }
      const x = rng.next();
      const prods = ownProducts(date);
      const p = rng.pick(prods);
      if (x < 0.45) return { action: 'develop', rtype: 'product', resource: p.id, scenario: p.scenario };
      if (x < 0.62) return { action: 'modify', rtype: 'product', resource: p.id };
      if (x < 0.67 && p.type === 'model') return { action: 'model_export', rtype: 'model', resource: p.id, channel: 'sandbox', dest: OP };
      return { action: 'query', rtype: 'dataset', resource: rng.pick(generalDatasets), channel: 'platform', records: rng.int(10, 5000) };
    },
    data_steward() {
      const x = rng.next();
      const ds = rng.pick(world.datasets).id;
      if (x < 0.5) return { action: 'query', rtype: 'dataset', resource: ds, channel: sandboxOnly(ds) ? 'sandbox' : 'platform', records: rng.int(20, 30000) };
      if (x < 0.7) return { action: 'export', rtype: 'dataset', resource: ds, dest: OP, records: rng.int(200, 15000) };
      if (x < 0.85) return { action: 'download', rtype: 'dataset', resource: ds, dest: OP, records: rng.int(100, 5000) };
      return { action: 'config_change', rtype: 'system', resource: 'DATA-CATALOG' };
    },
    approver(u, date) {
      const p = rng.pick(ownProducts(date));
      return rng.chance(0.7) ? { action: 'query', rtype: 'product', resource: p.id } : { action: 'modify', rtype: 'product', resource: p.id };
    },
    operator(u, date) {
      const x = rng.next();
      if (u.user_id === 'U1019' || x < 0.3) return { action: 'config_change', rtype: 'system', resource: rng.pick(['PLATFORM', 'API-GATEWAY', 'SANDBOX-POOL']) };
      const delivered = ownProducts(date).filter((p) => servable(p.id, date));
      const p = rng.pick(delivered);
      if (x < 0.85) return { action: 'download', rtype: 'product', resource: p.id, dest: OP, records: rng.int(1, 300) };
      const to = world.partners.filter((pt) => partnerActive(pt, date) && pt.products.includes('PR-106'));
      if (to.length && servable('PR-106', date)) return { action: 'share', rtype: 'product', resource: 'PR-106', dest: rng.pick(to).id, records: 1 };
      return { action: 'query', rtype: 'product', resource: p.id };
    },
    admin() {
      const x = rng.next();
      if (x < 0.6) return { action: 'config_change', rtype: 'system', resource: rng.pick(['PLATFORM', 'IAM', 'API-GATEWAY']) };
      const target = rng.pick(world.staff).user_id;
      return { action: x < 0.85 ? 'grant_role' : 'revoke_role', rtype: 'system', resource: target };
    },
    auditor() {
      return rng.chance(0.9) ? { action: 'query', rtype: 'log', resource: 'AUDIT-LOG' } : { action: 'log_export', rtype: 'log', resource: 'AUDIT-LOG', dest: OP };
    },
    security_officer() {
      return rng.chance(0.7) ? { action: 'query', rtype: 'log', resource: 'AUDIT-LOG' } : { action: 'config_change', rtype: 'system', resource: 'DLP-POLICY' };
    },
  };

  const session = (/** @type {User} */ u, /** @type {string} */ date, /** @type {number} */ startMin) => {
    let t = wall(date) + startMin * MIN + rng.int(0, 59) * SEC;
    if (rng.chance(0.03)) {
      ev(t, u.user_id, 'login', 'system', 'PLATFORM', { result: 'failure' });
      t += rng.int(10, 90) * SEC;
    }
    ev(t, u.user_id, 'login', 'system', 'PLATFORM');
    const roles = u.roles.split(';').filter((r) => actions[r]);
    let sandbox = false;
    const n = rng.int(2, 5);
    for (let i = 0; i < n; i++) {
      t += rng.int(3, 40) * MIN + rng.int(0, 59) * SEC;
      const role = rng.pick(roles);
      const a = actions[role](u, date, t);
      if (a.channel === 'sandbox' && !sandbox) {
        ev(t, u.user_id, 'sandbox_enter', 'system', 'SANDBOX-POOL', { channel: 'sandbox' });
        t += rng.int(15, 90) * SEC;
        sandbox = true;
      }
      const denied = (a.action === 'query' && rng.chance(0.015)) || (a.action === 'download' && rng.chance(0.01));
      ev(t, u.user_id, a.action, a.rtype, a.resource, {
        scenario: a.scenario ?? '', request: a.request ?? '', records: denied ? null : a.records ?? null, dest: a.dest ?? '',
        channel: a.channel ?? 'platform', result: denied ? 'denied' : 'success',
      });
    }
    if (sandbox) {
      t += rng.int(2, 15) * MIN;
      ev(t, u.user_id, 'sandbox_exit', 'system', 'SANDBOX-POOL', { channel: 'sandbox' });
    }
    t += rng.int(2, 30) * MIN;
    ev(t, u.user_id, 'logout', 'system', 'PLATFORM');
  };

  /** @type {Record<string, number>} */
  const sessionOdds = { developer: 0.45, data_steward: 0.6, approver: 0.45, operator: 0.6, admin: 0.35, auditor: 0.3, security_officer: 0.4 };
  const firstDeliveries = new Map([['PR-107', 'PT-01'], ['PR-108', 'PT-03'], ['PR-109', 'PT-06'], ['PR-110', 'PT-02']]);

  for (let date = PERIOD.start; date <= PERIOD.end; date = addDays(date, 1)) {
    const work = isWorkday(date);
    // Nightly backups keep the log alive on quiet days.
    ev(wall(date, 2, 0) + rng.int(0, 600) * SEC, 'U1019', 'backup', 'system', 'DB-MAIN');
    ev(wall(date, 2, 30) + rng.int(0, 600) * SEC, 'U1019', 'backup', 'log', 'LOG-ARCHIVE');

    // Staff sessions.
    for (const u of world.staff) {
      const main = u.roles.split(';')[0];
      const odds = work ? sessionOdds[main] : (u.user_id === 'U1019' ? 0.5 : main === 'admin' ? 0.15 : 0.03);
      if (rng.chance(odds)) session(u, date, rng.int(8 * 60 + 20, 15 * 60));
    }

    // Monthly audit log export on the first workday.
    if (work && !isWorkday(addDays(date, -1)) && date.slice(8) <= '05') {
      ev(wall(date, 9, 40) + rng.int(0, 600) * SEC, 'U1003', 'log_export', 'log', 'AUDIT-LOG', { dest: OP, records: rng.int(60000, 95000) });
    }

    // Request reviews.
    for (const r of world.requests) {
      if (r.reviewedWall === null || dateOf(r.reviewedWall) !== date) continue;
      ev(r.reviewedWall, r.reviewer, r.review_result === 'approved' ? 'approve' : 'reject', 'request', r.id);
    }

    // First deliveries of products delivered in the period, on first_delivered_at.
    for (const [prodId, to] of firstDeliveries) {
      const p = must(products.get(prodId), prodId);
      if (p.first_delivered_at !== date) continue;
      ev(wall(date, 10, 15) + rng.int(0, 300) * SEC, 'U1018', 'deliver', 'product', prodId, { dest: to, scenario: p.scenario, records: rng.int(800, 6000) });
    }

    // Product deliveries.
    if (work) {
      /** @type {[World['partners'][number], World['products'][number]][]} */
      const pairs = [];
      for (const pt of world.partners) {
        if (!partnerActive(pt, date)) continue;
        for (const prodId of pt.products) if (servable(prodId, date)) pairs.push([pt, must(products.get(prodId), prodId)]);
      }
      const n = rng.weighted([3, 4, 2]);
      for (let i = 0; i < n && pairs.length; i++) {
        const [pt, p] = rng.pick(pairs);
        ev(wall(date, 9, 30) + rng.int(0, 450) * MIN + rng.int(0, 59) * SEC, rng.pick(['U1018', 'U1020']), 'deliver', 'product', p.id, {
          dest: pt.id, scenario: p.scenario, records: rng.int(800, 6000), channel: rng.chance(0.85) ? 'platform' : 'api',
        });
      }
    }

    // Partners: machine API calls, and now and then a person downloading a report.
    for (const pt of world.partners) {
      if (!partnerActive(pt, date)) continue;
      const apiProducts = pt.api.filter((id) => servable(id, date));
      const api = `${pt.id.replace('-', '')}-API`;
      const n = apiProducts.length ? (work ? rng.int(1, 5) : rng.int(0, 1)) : 0;
      for (let i = 0; i < n; i++) {
        const x = rng.next();
        ev(wall(date, 8, 0) + rng.int(0, 13 * 3600) * SEC, api, 'api_call', 'product', rng.pick(apiProducts), {
          channel: 'api', dest: pt.id, records: rng.int(1, 40), result: x < 0.01 ? 'denied' : x < 0.015 ? 'failure' : 'success',
        });
      }
      const portal = pt.products.filter((id) => servable(id, date) && ['report', 'model', 'component'].includes(must(products.get(id), id).type));
      if (work && portal.length && rng.chance(0.12)) {
        const person = `${pt.id.replace('-', '')}-U01`;
        let t = wall(date, 9, 0) + rng.int(0, 8 * 60) * MIN;
        ev(t, person, 'login', 'system', 'PLATFORM');
        t += rng.int(1, 10) * MIN;
        ev(t, person, 'download', 'product', rng.pick(portal), { dest: pt.id, records: 1 });
        t += rng.int(1, 20) * MIN;
        ev(t, person, 'logout', 'system', 'PLATFORM');
      }
    }
  }

  // --- planted breaches -----------------------------------------------------------------
  const plant = (/** @type {string} */ rule, /** @type {string} */ what, /** @type {DemoEvent} */ e) => {
    e.plant = { rule, what };
    return e;
  };
  // JZ-06-01: a report burnt to disc for a partner, outside the platform.
  plant('JZ-06-01', 'offline', ev(wall('2026-03-17', 15, 22, 40), 'U1018', 'export', 'product', 'PR-106', { dest: 'PT-06', channel: 'offline', records: 1 }));
  // JZ-11-01: development in scenario SC-06 a fortnight before the data provider agreed (2026-04-20).
  {
    let t = wall('2026-04-08', 14, 2, 11);
    ev(t, 'U1011', 'sandbox_enter', 'system', 'SANDBOX-POOL', { channel: 'sandbox' });
    plant('JZ-11-01', 'before-approval', ev(t += 3 * MIN + 7 * SEC, 'U1011', 'query', 'dataset', 'DS-JZ-REA-10', { channel: 'sandbox', scenario: 'SC-06', records: 5000 }));
    plant('JZ-11-01', 'before-approval', ev(t += 26 * MIN + 40 * SEC, 'U1011', 'develop', 'dataset', 'DS-JZ-REA-10', { channel: 'sandbox', scenario: 'SC-06' }));
    plant('JZ-11-01', 'before-approval', ev(t += 38 * MIN + 5 * SEC, 'U1011', 'develop', 'dataset', 'DS-JZ-REA-10', { channel: 'sandbox', scenario: 'SC-06' }));
    ev(t + 31 * MIN, 'U1011', 'sandbox_exit', 'system', 'SANDBOX-POOL', { channel: 'sandbox' });
  }
  // JZ-10-02: raw registration data downloaded for a bank.
  plant('JZ-10-02', 'raw-dataset', ev(wall('2026-05-27', 10, 5, 12), 'U1013', 'download', 'dataset', 'DS-JZ-ENT-01', { dest: 'PT-02', records: 48210 }));
  // JZ-10-03: a delivery to a partner suspended since 2026-06-01.
  plant('JZ-10-03', 'suspended-partner', ev(wall('2026-06-18', 11, 30, 5), 'U1018', 'deliver', 'product', 'PR-104', { dest: 'PT-08', scenario: 'SC-03', records: 3200 }));
  // JZ-21-03: a late-evening bulk export of social insurance records (to the operator itself).
  plant('JZ-21-03', 'bulk', ev(wall('2026-09-22', 21, 47, 31), 'U1009', 'export', 'dataset', 'DS-JZ-SSC-03', { dest: OP, records: 186400 }));
  // JZ-21-03: a partner API account probing raw datasets at night: 24 denials in 6½ minutes.
  {
    const ids = world.datasets.map((d) => d.id);
    let t = wall('2026-11-06', 2, 14, 5);
    for (let i = 0; i < 24; i++) {
      plant('JZ-21-03', 'burst', ev(t, 'PT05-API', 'query', 'dataset', ids[i % ids.length], { channel: 'api', result: 'denied', ip: '185.220.101.47' }));
      t += rng.int(12, 20) * SEC;
    }
  }

  // JZ-17-01: the platform logged nothing for five days (a migration that lost its logs).
  const kept = events.filter((e) => e.plant || e.t < GAP_START || e.t >= GAP_END);
  kept.sort((a, b) => a.t - b.t || a.seq - b.seq);
  /** @type {Map<string, number>} */
  const perMonth = new Map();
  for (const e of kept) {
    const ym = dateOf(e.t).slice(0, 7);
    const n = (perMonth.get(ym) ?? 0) + 1;
    perMonth.set(ym, n);
    e.id = `JZ${ym.slice(2, 4)}${ym.slice(5, 7)}-${String(n).padStart(5, '0')}`;
  }
  return kept;
}

// ---------------------------------------------------------------------------------------
// Log files.

/**
 * @param {DemoEvent} e
 * @param {LogFileSpec} spec
 * @param {string} ts
 * @returns {Record<string, string>}
 */
function fieldsOf(e, spec, ts) {
  const zh = spec.zh;
  return {
    event_id: e.id, ts, actor: e.actor, actor_org: e.org,
    action: zh ? ZH.action[e.action] : e.action,
    resource_type: zh ? ZH.resource_type[e.rtype] : e.rtype,
    resource: e.resource, scenario: e.scenario, request: e.request,
    records: e.records === null ? '' : String(e.records), destination: e.dest,
    channel: zh ? ZH.channel[e.channel] : e.channel,
    result: zh ? ZH.result[e.result] : e.result,
    src_ip: e.ip,
  };
}

/**
 * @param {LogFileSpec} spec
 * @param {DemoEvent[]} events
 * @param {ReturnType<typeof makeRng>} rng
 */
function writeLogFile(spec, events, rng) {
  /** @type {string[]} */
  const lines = [];
  const cols = spec.cols ?? [];
  const header = spec.kind === 'csv' ? 1 : 0;
  if (header) lines.push(csvLine(cols));
  let prev = ZERO_HASH;
  let lastSec = -1;
  let lastMs = -1;
  events.forEach((e, i) => {
    let ts;
    if (spec.ts === 'isoMs') {
      // Milliseconds as a second system writes them, kept increasing within a second.
      const sec = Math.floor(e.t / SEC);
      let ms = rng.int(0, 999);
      if (sec === lastSec && ms <= lastMs) ms = Math.min(999, lastMs + 1);
      lastSec = sec;
      lastMs = ms;
      ts = TS_FORMATS.isoMs(e.t + ms);
    } else {
      ts = TS_FORMATS[spec.ts](e.t);
    }
    const f = fieldsOf(e, spec, ts);
    if (spec.chain) {
      f.prev_hash = prev;
      f.hash = chainHash(prev, f.event_id, f.ts, f.actor, f.action, f.resource, f.result);
      prev = f.hash;
    }
    // Planted file-level defects, applied after hashing so the chain shows them.
    if (e.tamper) {
      e.originalActor = f.actor;
      e.storedHash = f.hash;
      f.actor = e.tamper;
      e.tamperRecomputed = chainHash(f.prev_hash, f.event_id, f.ts, f.actor, f.action, f.resource, f.result);
    }
    if (e.badTs) {
      f.ts = e.badTs;
    }
    e.file = spec.path;
    e.line = i + 1 + header;
    if (spec.kind === 'jsonl') {
      /** @type {Record<string, string | number>} */
      const o = {};
      for (const k of ['event_id', 'ts', 'actor', 'actor_org', 'action', 'resource_type', 'resource', 'scenario', 'request', 'records', 'destination', 'channel', 'result', 'src_ip', 'prev_hash', 'hash']) {
        const v = f[k];
        if (v === undefined || v === '') continue;
        o[k] = k === 'records' ? Number(v) : v;
      }
      lines.push(JSON.stringify(o));
    } else {
      if (cols.includes('remark')) f.remark = remarkOf(e);
      if (e.unterminated) {
        // A truncated export: the last record opens a quote it never closes.
        lines.push(csvLine(cols.slice(0, -1).map((c) => f[c])) + ',"' + e.unterminated);
      } else {
        lines.push(csvLine(cols.map((c) => f[c])));
      }
    }
  });
  let text;
  if (spec.kind === 'csv') {
    // Excel-style: UTF-8 with BOM, CRLF; the truncated file has no final line end.
    text = '\uFEFF' + lines.join('\r\n') + (events.length && events[events.length - 1].unterminated ? '' : '\r\n');
  } else {
    text = lines.join('\n') + '\n';
  }
  let data = Buffer.from(text, 'utf8');
  if (spec.gzip) data = gzip(data);
  return data;
}

/** @param {DemoEvent} e */
function remarkOf(e) {
  if (e.action === 'deliver') return `交付批次${e.id.slice(-5)},共${e.records}条`;
  if (e.action === 'api_call' && e.records !== null && e.records > 30) return `批量核验,${e.records}笔`;
  return '';
}

// ---------------------------------------------------------------------------------------
// The bundle.

export function generateDemoBundle() {
  const world = buildWorld({ variant: 'demo' });
  const events = generateEvents(world);
  const rng = makeRng('jinzhou-demo:files:v1');

  /** @type {Map<string, DemoEvent[]>} */
  const byMonth = new Map(LOG_FILES.map((s) => [s.month, []]));
  /** @param {string} month */
  const monthEvents = (month) => must(byMonth.get(month), `month ${month}`);
  for (const e of events) monthEvents(dateOf(e.t).slice(5, 7)).push(e);

  // JZ-07-03: in July someone rewrote the actor of one download after the fact.
  const july = monthEvents('07');
  const tampered = must(july.find((e) => e.action === 'download' && e.rtype === 'dataset' && e.result === 'success' && dateOf(e.t) >= '2026-07-21' && ['U1005', 'U1006'].includes(e.actor)), 'a July download to tamper with');
  tampered.tamper = tampered.actor === 'U1005' ? 'U1006' : 'U1005';
  tampered.plant = { rule: 'JZ-07-03', what: 'tampered' };
  // Input issue: a hand-edited line in October whose time no longer parses.
  const oct = monthEvents('10');
  const badTs = must(oct.find((e) => dateOf(e.t) === '2026-10-20' && e.action === 'login' && new Date(e.t).getUTCHours() === 8), 'an October login to spoil');
  badTs.badTs = TS_FORMATS.space(badTs.t).replace(' 08:', ' 8:');
  badTs.plant = { rule: 'input', what: 'bad-ts' };
  // Input issue: May's export was cut off inside a quoted remark.
  const may = monthEvents('05');
  const last = must(may.at(-1), 'an event in May');
  last.unterminated = '5月日志导出中断，本行之后的记录见';
  last.plant = { rule: 'input', what: 'unterminated' };

  const files = recordFiles(world);
  for (const spec of LOG_FILES) files.push({ path: spec.path, data: writeLogFile(spec, monthEvents(spec.month), rng) });
  const manifest = buildManifest({ operatorId: world.operatorId, files: files.map((f) => fileEntry(f.path, f.data)) });
  files.push({ path: 'manifest.json', data: Buffer.from(jsonText(manifest), 'utf8') });
  return { world, events, files, manifest };
}

// ---------------------------------------------------------------------------------------
// BREACHES.md and README.md.

/**
 * @param {string} text
 * @param {string} needle
 */
function lineOf(text, needle) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, i).split('\n').length;
}

/**
 * @param {World} world
 * @param {DemoEvent[]} events
 */
function hhiOf(world, events) {
  /** @type {Map<string, number>} */
  const weight = new Map();
  for (const e of events) {
    if (e.action !== 'deliver' || e.rtype !== 'product' || e.result !== 'success' || e.badTs || e.unterminated) continue;
    weight.set(e.dest, (weight.get(e.dest) ?? 0) + (e.records ?? 1));
  }
  let total = 0;
  for (const w of weight.values()) total += w;
  let hhi = 0;
  for (const w of weight.values()) hhi += (100 * w / total) ** 2;
  return { hhi: Math.round(hhi), destinations: weight.size, deliveries: events.filter((e) => e.action === 'deliver' && e.result === 'success' && !e.unterminated).length };
}

/**
 * @param {{ world: World; events: DemoEvent[]; files: FileData[] }} bundle
 */
function breachesMarkdown({ world, events, files }) {
  const text = (/** @type {string} */ p) => must(files.find((f) => f.path === p), p).data.toString('utf8');
  const planted = (/** @type {string} */ rule, /** @type {string} */ what) => events.filter((e) => e.plant && e.plant.rule === rule && e.plant.what === what);
  const ts = (/** @type {DemoEvent} */ e) => TS_FORMATS.iso(e.t);
  const inc = must(world.incidents.find((i) => i.id === 'INC-2026-02'), 'INC-2026-02');
  const incLate = (Date.parse(inc.reported_at) - Date.parse(inc.detected_at)) / MIN;
  const staffLine = lineOf(text('staff.csv'), '\r\nU1021,') + 1;
  const incLine = lineOf(text('incidents.json'), '"id": "INC-2026-02"');
  const before = must(events.filter((e) => e.t < GAP_START && !e.unterminated && !e.badTs).at(-1), 'an event before the gap');
  const after = must(events.find((e) => e.t >= GAP_END), 'an event after the gap');
  const gapHours = ((after.t - before.t) / 3_600_000).toFixed(2);
  const [tam] = planted('JZ-07-03', 'tampered');
  const [bad] = planted('input', 'bad-ts');
  const [cut] = planted('input', 'unterminated');
  const burst = planted('JZ-21-03', 'burst');
  const [bulk] = planted('JZ-21-03', 'bulk');
  const [off] = planted('JZ-06-01', 'offline');
  const [raw] = planted('JZ-10-02', 'raw-dataset');
  const [sus] = planted('JZ-10-03', 'suspended-partner');
  const pre = planted('JZ-11-01', 'before-approval');
  const conc = hhiOf(world, events);
  const burstLast = must(burst.at(-1), 'the burst');
  const burstSpan = ((burstLast.t - burst[0].t) / SEC);

  return `# Planted breaches of the Jinzhou demo bundle

Generated by \`scripts/make-sample-bundle.js\` together with the bundle; do not edit by
hand (line numbers and ids come from the generator). The operator, its people and its
partners are fictional.

Each breach below is designed against exactly one rule of \`rules-jz-2025.md\`; every other
rule is designed to pass (JZ-24-01 is \`not_applicable\`: the operator is not a public
utility). Lines are 1-based; a CSV's header is line 1. Times are local (+08:00).

| # | rule | expected | file | where | what a reviewer should see |
|---|---|---|---|---|---|
| 1 | JZ-06-01 | fail | \`${off.file}\` | line ${off.line}, \`${off.id}\` | ${ts(off)} \`U1018\` exported product PR-106 (农业气象指数保险定价报告) to partner PT-06 with \`channel\` = \`offline\`: 1 event outside the platform. |
| 2 | JZ-07-03 | fail | \`${tam.file}\` | line ${tam.line}, \`${tam.id}\` | the \`actor\` was changed from \`${notes0(tam).originalActor}\` to \`${notes0(tam).writtenActor}\` after the event was hashed: its stored \`hash\` (${must(tam.storedHash, 'the stored hash').slice(0, 12)}…) differs from the recomputed one (${must(tam.tamperRecomputed, 'the recomputed hash').slice(0, 12)}…). Exactly 1 breaking event; the next event's \`prev_hash\` still matches the stored hash. |
| 3 | JZ-10-02 | fail | \`${raw.file}\` | line ${raw.line}, \`${raw.id}\` | ${ts(raw)} \`U1013\` downloaded raw dataset DS-JZ-ENT-01 (${raw.records} records) with destination PT-02 (a bank): 1 event. |
| 4 | JZ-10-03 | fail | \`${sus.file}\` | line ${sus.line}, \`${sus.id}\` | ${ts(sus)} delivery of PR-104 to PT-08, whose \`suspended_at\` is 2026-06-01 (partners.csv line ${lineOf(text('partners.csv'), '\r\nPT-08,') + 1}, status suspended, no violation recorded): 1 event. |
| 5 | JZ-11-01 | fail | \`${pre[0].file}\` | lines ${pre.map((e) => e.line).join(', ')}: ${pre.map((e) => `\`${e.id}\``).join(', ')} | on 2026-04-08 \`U1011\` queried and developed DS-JZ-REA-10 in the sandbox naming scenario SC-06, whose later approval is 2026-04-20 (provider; authority 2026-04-13): ${pre.length} events before approval. The scenario row itself has both approvals. |
| 6 | JZ-15-01 | fail | \`staff.csv\` | line ${staffLine}, row \`U1021\` | account U1021 (段宏亮) holds \`developer;approver\`; it develops on its own requests and approves other people's (never its own, so JZ-15-02 passes). |
| 7 | JZ-17-01 | fail | \`${before.file}\` | between line ${before.line} (\`${before.id}\`, ${ts(before)}) and line ${after.line} (\`${after.id}\`, ${ts(after)}) | no event in any file for ${gapHours} hours (limit 72): 1 gap. Coverage of the period's ends and the 180-day retention are met. |
| 8 | JZ-17-02 | fail | \`policies.csv\` | (no row) | no policy of type \`record_keeping\`; agreement.json, policy documents and log files are present. |
| 9 | JZ-21-02 | fail | \`incidents.json\` | line ${incLine}, \`INC-2026-02\` | major leak detected ${inc.detected_at}, plan activated after 23 minutes (within 30), reported to the data authority ${inc.reported_at}: ${incLate} minutes (limit 240 for \`major\`). The other two incidents are on time. |
| 10 | JZ-21-03 | needs_review | \`${bulk.file}\` | line ${bulk.line}, \`${bulk.id}\` | sign 1: ${ts(bulk)} \`U1009\` exported ${bulk.records} records of DS-JZ-SSC-03 (≥ 100000) to the operator itself (so JZ-10-02 is not concerned). |
| 11 | JZ-21-03 | needs_review | \`${burst[0].file}\` | lines ${burst[0].line}–${burstLast.line}, \`${burst[0].id}\` … \`${burstLast.id}\` | sign 2: partner API account PT05-API had ${burst.length} \`denied\` queries on datasets (written \`拒绝\`) from ${ts(burst[0])} to ${ts(burstLast)} (${burstSpan} s, within 10 minutes) from 185.220.101.47. Neither sign is within 24 hours of an incident. |
| 12 | input issue | error | \`${cut.file}\` | line ${cut.line}, \`${cut.id}\` | the file's last record opens a quoted \`remark\` and never closes it (the export was cut off): "unterminated quoted field", the record is skipped. The file has no hash chain. |
| 13 | input issue | error | \`${bad.file}\` | line ${bad.line}, \`${bad.id}\` | \`ts\` is \`${bad.badTs}\` (hour not zero-padded): unreadable timestamp, the line is skipped and is not an event. The file has no hash chain, so no chain break follows. |

## Expected status of every rule

- **fail**: JZ-06-01, JZ-07-03, JZ-10-02, JZ-10-03, JZ-11-01, JZ-15-01, JZ-17-01, JZ-17-02, JZ-21-02
- **needs_review**: JZ-21-03 (${1 + burst.length} sign events: 1 bulk export and ${burst.length} denied events)
- **not_applicable**: JZ-24-01
- **pass**: every other rule. Figures a reviewer can check: JZ-12-02 HHI ≈ ${conc.hhi}
  over ${conc.destinations} destinations (${conc.deliveries} successful product deliveries,
  weighted by \`records\`; limit 2500); JZ-17-03 every file listed with its SHA-256, and the
  ed25519 signature verifies.
- Conclusion: \`non_compliant\` (high-severity rules fail).
- Input issues: 2 errors (items 12 and 13). No unknown actions.

## What is deliberately irregular but compliant

- Log formats vary by month: JSONL, JSONL.gz, UTF-8-with-BOM CSV with CRLF; \`ts\` with
  offset, without offset (\`2026-02-03 09:15:00\`, \`2026/05/…\`), with milliseconds
  (October) and in UTC (\`…Z\`, December); \`logs/2026-08.csv\` has its columns in another
  order; \`logs/2026-11.csv\` writes action, resource type, channel and result in Chinese
  (登录, 数据集, 沙箱, 成功 …); May's CSV has an extra \`remark\` column with quoted commas.
- \`logs/2026-05.csv\` and \`logs/2026-10.jsonl\` carry no hash chain (a gateway export and a
  second system); every other log file is chained.
- \`datasets.csv\` is GB18030 with the Chinese alias headers (数据编号, 数据名称, 提供部门,
  分类分级, 含个人信息) and Chinese values (重要数据, 是/否).
- \`partners.csv\` and \`staff.csv\` are UTF-8 with BOM and CRLF; a policy is a \`.txt\`.
- PT-07 had a violation found 2026-09-10 and was suspended 2026-09-15 (within 7 days);
  nothing was delivered to it or called by it after 2026-09-09 (JZ-22-01 passes).
  PT-09's contract ended 2026-06-30 (terminated, \`suspended_at\` 2026-07-01); PT-06's
  started 2026-03-01; deliveries respect both.
- PR-112 is derived from PR-111, which was never delivered (JZ-12-01 passes).
- ${world.requests.filter((r) => r.review_result === 'rejected').length} requests were rejected and are never named by an event; ${world.requests.filter((r) => r.review_result === 'pending').length} submitted in December are still pending (submitted and recorded only).
`;
  /** @param {DemoEvent} e */
  function notes0(e) {
    return { originalActor: e.originalActor, writtenActor: e.tamper };
  }
}

/**
 * @param {{ files: FileData[]; events: DemoEvent[]; bundleRel: string }} bundle
 */
function readmeMarkdown({ files, events, bundleRel }) {
  const rows = files
    .slice()
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((f) => `| \`${f.path}\` | ${f.data.length.toLocaleString('en-US')} |`).join('\n');
  const total = files.reduce((s, f) => s + f.data.length, 0);
  return `# Jinzhou demo evidence bundle

A realistic, entirely fictional evidence bundle (bundle-v1) of 锦州数智运营有限公司 for the
review period 2026-01-01 … 2026-12-31 (Asia/Shanghai), with planted breaches listed in
[BREACHES.md](BREACHES.md). It is the bundle the project's demo reviews.

## Regenerate

\`\`\`
node scripts/make-sample-bundle.js ${bundleRel}
\`\`\`

The generator needs Node ≥ 20 and nothing else (node:* only). It empties the folder first
when the folder holds an earlier output of the generator, and refuses any other non-empty
folder. BREACHES.md and this README are written beside the \`bundle\` folder.

## How it is made

- Every random choice comes from a seeded PRNG (sfc32, seeds \`jinzhou-demo:…:v1\`); no
  clock, no \`Math.random\`. Two runs give identical bytes.
- The manifest lists every file with SHA-256 and size and is signed with ed25519: the key
  is derived from a fixed seed (SHA-256 of \`${MANIFEST_KEY_SEED}\`), the signed
  text is the canonical JSON of the manifest without \`signature\` (keys sorted recursively,
  no whitespace, UTF-8), the value is base64. It is a demo key: anyone can re-derive it.
- \`datasets.csv\` is encoded GB18030 by a small encoder whose table is built by decoding
  every two-byte sequence with \`TextDecoder('gb18030')\`.
- \`.gz\` files are gzip level 9 with mtime 0 and the OS byte fixed to Unix. Their bytes
  depend on the deflate implementation of the Node build (Node bundles its zlib), which
  is the one thing that could differ on another Node version.
- ${events.length.toLocaleString('en-US')} log events (including the planted ones) over 12 monthly files;
  the hash chain of bundle-v1.md in 10 of them.

## Check it

\`\`\`
sha256sum ${bundleRel}/logs/*       # compare with manifest.json
node bin/compliance-desk.js verify ${bundleRel}
node bin/compliance-desk.js check ${bundleRel} --out review-out --format json
\`\`\`

## Files (${total.toLocaleString('en-US')} bytes)

| file | bytes |
|---|---|
${rows}
`;
}

// ---------------------------------------------------------------------------------------

/** @param {string[]} argv */
function main(argv) {
  let bundleDir = 'samples/jinzhou-demo/bundle';
  /** @type {string | null} */
  let docsDir = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--docs') docsDir = argv[++i];
    else if (argv[i] === '-h' || argv[i] === '--help') {
      process.stdout.write('usage: node scripts/make-sample-bundle.js [bundle-folder] [--docs DIR]\n');
      return;
    } else bundleDir = argv[i];
  }
  if (!docsDir && basename(resolve(bundleDir)) === 'bundle') docsDir = dirname(resolve(bundleDir));
  const out = generateDemoBundle();
  prepareOutDir(bundleDir);
  writeFiles(bundleDir, out.files);
  const total = out.files.reduce((s, f) => s + f.data.length, 0);
  process.stderr.write(`wrote ${out.files.length} files, ${total} bytes, ${out.events.length} events to ${bundleDir}\n`);
  if (docsDir) {
    mkdirSync(docsDir, { recursive: true });
    // Relative to the repository, not the cwd, so README's bytes do not depend on where it ran.
    const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
    const bundleRel = relative(repoRoot, resolve(bundleDir)).replace(/\\/g, '/') || '.';
    writeFileSync(join(docsDir, 'BREACHES.md'), breachesMarkdown(out));
    writeFileSync(join(docsDir, 'README.md'), readmeMarkdown({ ...out, bundleRel }));
    process.stderr.write(`wrote BREACHES.md and README.md to ${docsDir}\n`);
  } else {
    process.stderr.write('BREACHES.md and README.md not written (the folder is not named "bundle"; use --docs DIR)\n');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`make-sample-bundle: ${/** @type {Error} */ (e).message}\n`);
    process.exitCode = 2;
  }
}
