// NIST OSCAL 1.2.1 Assessment Results (and the Assessment Plan it imports) from the
// findings: one result for the run, one observation and one finding per rule, a risk per
// failure, the reviewer's decisions as attestations. Pure and deterministic: every UUID is
// derived from a hash of what it identifies, so the same input gives the same bytes.

import { canonicalJson } from '../bundle/integrity.js';
import { addDays } from '../bundle/time.js';
import type { Findings, RulePack } from '../engine/assess.js';
import { sha256Hex } from '../engine/sha256.js';
import type { EvidenceItem, RuleMeta, Status } from '../engine/types.js';
import { CONCLUSION_ZH, SEVERITY_ZH, STATUS_ZH, articleHeading } from '../report/labels.js';
import { standingOf, type EffectiveRule } from '../review/effective.js';
import { DEFAULT_DEADLINE_DAYS, type Decision, type ReviewLogEntry } from '../review/types.js';
import { MEASURES } from '../rules/jz-2025-4/articles.js';
import { PACKS } from '../rules/packs.js';

export const OSCAL_VERSION = '1.2.1';
/** Namespace of the props this tool defines (OSCAL asks for one on non-OSCAL names). */
export const OSCAL_NS = 'urn:x-compliance-desk:oscal:1';
export const AR_FILE = 'oscal-assessment-results.json';
export const AP_FILE = 'oscal-assessment-plan.json';
/** Days after the findings' date for a failure without a rectification deadline (as the report). */

type Json = Record<string, unknown>;

export interface OscalOptions {
  /** The rule pack that produced the findings; default: the registered pack of that id. */
  pack?: RulePack;
  /** The reviewer responsible for the results (a party with role "reviewer"). */
  reviewer?: string;
  decisions?: readonly Decision[];
  /** The review log, as the result's assessment log. */
  log?: readonly ReviewLogEntry[];
  /** SHA-256 (hex) of bundle files by bundle path, for the evidence they hold. */
  fileHashes?: Readonly<Record<string, string>>;
  /** SHA-256 (hex) of the signed PDF report, listed in the back matter. */
  reportSha256?: string;
  /** Where the assessment plan is written, relative to the results. Default AP_FILE. */
  apHref?: string;
  defaultDeadlineDays?: number;
}

export interface OscalDocuments {
  assessmentResults: Json;
  assessmentPlan: Json;
  /** The documents as written (UTF-8 JSON, 2-space indent, final newline). */
  arText: string;
  apText: string;
}

// ---------------------------------------------------------------- identifiers and strings

/** A UUID from a SHA-256 of the parts, shaped as version 5 (the schema allows 4 or 5). */
export function oscalUuid(...parts: string[]): string {
  const h = sha256Hex(canonicalJson(['compliance-desk/oscal/1', ...parts]));
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One line, trimmed, no control characters: OSCAL's StringDatatype and MarkupLine. */
function line(s: unknown, fallback = '—'): string {
  const t = String(s ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return t || fallback;
}

/** Prose: keeps line breaks, drops other control characters. */
function prose(s: unknown): string {
  return String(s ?? '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function prop(name: string, value: unknown, extra: Json = {}): Json | null {
  if (value === null || value === undefined) return null;
  const v = line(typeof value === 'string' ? value : JSON.stringify(value), '');
  return v ? { name, ns: OSCAL_NS, value: v, ...extra } : null;
}

function props(...items: (Json | null)[]): Json[] | undefined {
  const out = items.filter((x): x is Json => x !== null);
  return out.length ? out : undefined;
}

/** Drop undefined members and empty arrays (OSCAL arrays have minItems 1). */
function compact<T extends Json>(o: T): T {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as T;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO date-time with a zone, as OSCAL requires; null when the text is no instant. */
function dateTime(text: string | undefined): string | null {
  if (!text) return null;
  if (DATE_TIME.test(text)) return text;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The zone offset of the findings' timestamp (the bundle's zone), for dates of that zone. */
function offsetOf(at: string): string {
  const m = /(Z|[+-]\d{2}:\d{2})$/.exec(at);
  return m ? m[1] : 'Z';
}

/** A bundle path as a URI reference (relative). */
function pathHref(path: string): string {
  return encodeURI(path.replace(/\\/g, '/')).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of the UTF-8 encoding of `text` (no Buffer or btoa in shared code). */
export function utf8Base64(text: string): string {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

// ---------------------------------------------------------------- the rule pack as a plan

export const controlId = (article: number): string => `art-${article}`;
export const statementId = (article: number): string => `art-${article}_smt`;

function regulationResource(): Json {
  return {
    uuid: oscalUuid('resource', 'regulation', MEASURES.docNo),
    title: line(`${MEASURES.title}（${MEASURES.docNo}）`),
    description: `评估依据：${MEASURES.title}（${MEASURES.docNo}），${MEASURES.issued} 印发。控制项 art-N 对应其第 N 条。`,
    props: props(prop('document-number', MEASURES.docNo), prop('issued', MEASURES.issued)),
    citation: { text: line(`${MEASURES.docNo} ${MEASURES.title}`) },
  };
}

function metasOf(pack: RulePack | undefined): Map<string, RuleMeta> {
  return new Map((pack?.rules ?? []).map((r) => [r.meta.id, r.meta]));
}

function objectiveOf(m: RuleMeta): Json {
  const params = Object.entries(m.params).map(([k, p]) => prop('parameter', `${k}=${JSON.stringify(p.default)}`, { remarks: prose(`${p.description}（依据：${p.source}）`) }));
  return {
    'control-id': controlId(m.article),
    description: prose(`${articleHeading(m.article)}：${m.articleText}`),
    props: props(prop('rule-id', m.id), prop('severity', m.severity)),
    parts: [compact({
      id: m.id,
      name: 'objective',
      title: line(`${m.id} ${m.title}`),
      props: props(prop('severity', m.severity), ...m.evidence.map((e) => prop('evidence', e)), ...params),
      prose: prose(`${m.title}。严重程度：${SEVERITY_ZH[m.severity]}。${m.notes ? `说明：${m.notes}` : ''}`),
    })],
  };
}

function reviewedControls(items: { id: string; article: number }[]): Json {
  // OSCAL needs at least one selection; a run with every rule disabled says so instead.
  if (items.length === 0) return { 'control-selections': [{ 'include-all': {}, remarks: '未启用任何规则：没有检查任何条款。' }] };
  const articles = [...new Set(items.map((i) => i.article))].sort((a, b) => a - b);
  return {
    'control-selections': [{ 'include-controls': articles.map((a) => ({ 'control-id': controlId(a), 'statement-ids': [statementId(a)] })) }],
    'control-objective-selections': [{ 'include-objectives': items.map((i) => ({ 'objective-id': i.id })) }],
  };
}

/** The assessment plan: the pack's rules as objectives of the articles they check. */
export function assessmentPlan(pack: RulePack, at: string, tool: { name: string; version: string }): Json {
  const metas = [...pack.rules.map((r) => r.meta)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const objectives = metas.map(objectiveOf);
  const bundleFormat = {
    uuid: oscalUuid('resource', 'evidence-bundle-format', '1'),
    title: '证据包格式第 1 版（evidence-bundle/1）',
    description: '被评估对象是运营机构从运营平台导出的证据包：manifest.json 列出每个文件及其 SHA-256，其余为日志、制度和台账。本计划不引用系统安全计划（SSP），评估对象即证据包。',
  };
  return {
    'assessment-plan': {
      uuid: oscalUuid('assessment-plan', pack.id, pack.version, sha256Hex(canonicalJson(objectives))),
      metadata: {
        title: line(`${MEASURES.docNo} 合规评估计划（规则包 ${pack.id} ${pack.version}）`),
        'last-modified': dateTime(at) ?? at,
        version: pack.version,
        'oscal-version': OSCAL_VERSION,
        props: props(prop('rule-pack-id', pack.id), prop('rule-pack-version', pack.version), prop('tool', `${tool.name} ${tool.version}`)),
      },
      'import-ssp': { href: `#${bundleFormat.uuid}`, remarks: '无系统安全计划：评估对象为运营机构提交的证据包（见引用资源）。' },
      'local-definitions': {
        'objectives-and-methods': objectives,
        activities: [{
          uuid: oscalUuid('activity', pack.id, pack.version, 'automated-check'),
          title: '证据包自动检查',
          description: `读取证据包的台账、制度和日志，逐条执行规则包 ${pack.id} 的 ${metas.length} 条规则；工具无法判断的规则（待人工复核、证据不足）由审查员裁定。`,
          props: props(prop('method', 'TEST')),
          'related-controls': reviewedControls(metas),
        }],
      },
      'reviewed-controls': reviewedControls(metas),
      'back-matter': { resources: [regulationResource(), bundleFormat] },
    },
  };
}

// ---------------------------------------------------------------- results

const KIND_ZH: Record<Decision['kind'], string> = {
  override: '改判', judgment: '裁定', comment: '意见', rectification: '整改要求', waiver: '豁免',
};

function targetStatus(e: EffectiveRule): Json {
  const byReviewer = e.verdict ? `（审查员 ${e.verdict.reviewer} ${KIND_ZH[e.verdict.kind]}，工具结论为${STATUS_ZH[e.toolStatus]}）` : '';
  const s: Record<Status, Json> = {
    pass: { state: 'satisfied', reason: 'pass', remarks: `符合${byReviewer}。` },
    fail: { state: 'not-satisfied', reason: 'fail', remarks: `不符合${byReviewer}${e.waiver ? `；已豁免至 ${e.waiver.expires}：${e.waiver.justification}` : ''}。` },
    needs_review: { state: 'not-satisfied', reason: 'other', remarks: '待人工复核：工具不能自动判断，尚无审查员裁定，不能认定为符合。' },
    insufficient_evidence: { state: 'not-satisfied', reason: 'other', remarks: '证据不足：证据包缺少判断所需的文件或字段，不能认定为符合。' },
    not_applicable: { state: 'satisfied', reason: 'other', remarks: `不适用${byReviewer}。` },
  };
  return s[e.status];
}

function evidenceDescription(e: EvidenceItem): string {
  const where = `${e.file}${typeof e.line === 'number' ? ` 第 ${e.line} 行` : ''}`;
  const id = e.eventId ? `事件 ${e.eventId}` : e.rowId ? `记录 ${e.rowId}` : '';
  return id ? `${where}，${id}` : where;
}

export function toOscal(findings: Findings, opts: OscalOptions = {}): OscalDocuments {
  const pack = opts.pack ?? PACKS[findings.rulePack.id];
  const metas = metasOf(pack);
  const at = dateTime(findings.generatedAt) ?? '1970-01-01T00:00:00Z';
  const offset = offsetOf(at);
  const asOf = at.slice(0, 10);
  const decisions = opts.decisions ?? [];
  const { rules: eff, conclusion: final } = standingOf(findings.results, decisions, asOf);
  const hashes = opts.fileHashes ?? {};

  // The plan, written beside the results and embedded in their back matter.
  // A pack this build does not know: the plan is made of the results' own rule data.
  const plan = assessmentPlan(pack ?? {
    id: findings.rulePack.id,
    version: findings.rulePack.version,
    rules: findings.results.map((r) => ({
      kind: 'record' as const,
      meta: { id: r.ruleId, article: r.article, severity: r.severity, title: r.title, articleText: `（规则包 ${findings.rulePack.id} 不随本工具提供，条文未列出）`, evidence: [], params: {} },
      evaluate: () => ({ status: r.status, message: r.message }),
    })),
  }, at, findings.tool);
  const apText = JSON.stringify(plan, null, 2) + '\n';
  const apUuid = (plan['assessment-plan'] as Json).uuid as string;

  // Identity: the document changes whenever any input does.
  const inputHash = sha256Hex(canonicalJson({
    findings, decisions, log: opts.log ?? [], reviewer: opts.reviewer ?? null, fileHashes: hashes, report: opts.reportSha256 ?? null, ap: apUuid,
  }));
  const docUuid = oscalUuid('assessment-results', inputHash);
  const id = (...parts: string[]) => oscalUuid(docUuid, ...parts);

  // Parties: the operator and every reviewer named by the options, decisions or log.
  const operatorKey = findings.bundle.operatorId ?? findings.bundle.operatorName ?? findings.bundle.source;
  const operatorUuid = oscalUuid('party', 'operator', operatorKey);
  const people = new Set<string>();
  if (opts.reviewer) people.add(opts.reviewer);
  for (const d of decisions) people.add(d.reviewer);
  for (const e of opts.log ?? []) people.add(e.who);
  const personUuid = (name: string) => oscalUuid('party', 'person', name);
  const parties: Json[] = [
    compact({
      uuid: operatorUuid,
      type: 'organization',
      name: line(findings.bundle.operatorName ?? findings.bundle.operatorId ?? '（证据包未载明运营机构）'),
      props: props(prop('operator-id', findings.bundle.operatorId)),
    }),
    ...[...people].filter((p) => line(p, '') !== '').map((p) => ({ uuid: personUuid(p), type: 'person', name: line(p) })),
  ];
  const reviewerUuids = [...people].filter((p) => line(p, '') !== '').map(personUuid);
  const toolUuid = oscalUuid('component', findings.tool.name, findings.tool.version);
  const toolOrigin = { actors: [{ type: 'tool', 'actor-uuid': toolUuid }] };
  const originsOf = (e: EffectiveRule) => e.verdict
    ? [toolOrigin, { actors: [{ type: 'party', 'actor-uuid': personUuid(e.verdict.reviewer), 'role-id': 'reviewer' }] }]
    : [toolOrigin];

  // Back matter: the plan, the regulation, the bundle's manifest, every evidence file.
  const fileResource = new Map<string, string>();
  const resources: Json[] = [];
  const apResourceUuid = oscalUuid('resource', 'assessment-plan', apUuid);
  resources.push({
    uuid: apResourceUuid,
    title: line(`评估计划（规则包 ${findings.rulePack.id} ${findings.rulePack.version}）`),
    rlinks: [{ href: opts.apHref ?? AP_FILE, 'media-type': 'application/oscal.ap+json', hashes: [{ algorithm: 'SHA-256', value: sha256Hex(apText) }] }],
    base64: { filename: AP_FILE, 'media-type': 'application/oscal.ap+json', value: utf8Base64(apText) },
  });
  resources.push(regulationResource());
  const manifestUuid = oscalUuid('resource', 'bundle-manifest', findings.bundle.manifestSha256 ?? findings.bundle.source);
  resources.push(compact({
    uuid: manifestUuid,
    title: '证据包清单 manifest.json',
    description: prose(`证据包 ${findings.bundle.source} 的文件清单（evidence-bundle/1）。`),
    props: props(prop('bundle-source', findings.bundle.source), prop('operator-id', findings.bundle.operatorId)),
    rlinks: [compact({ href: 'manifest.json', 'media-type': 'application/json', hashes: findings.bundle.manifestSha256 ? [{ algorithm: 'SHA-256', value: findings.bundle.manifestSha256 }] : undefined })],
  }));
  if (opts.reportSha256) {
    resources.push({
      uuid: oscalUuid('resource', 'report', opts.reportSha256),
      title: '合规评估报告（PDF）',
      rlinks: [{ href: 'report.pdf', 'media-type': 'application/pdf', hashes: [{ algorithm: 'SHA-256', value: opts.reportSha256 }] }],
    });
  }
  const resourceOf = (file: string): string => {
    let u = fileResource.get(file);
    if (!u) {
      u = oscalUuid('resource', 'bundle-file', findings.bundle.manifestSha256 ?? findings.bundle.source, file);
      fileResource.set(file, u);
      const sha = hashes[file];
      resources.push(compact({
        uuid: u,
        title: line(file),
        props: props(prop('bundle-path', file), prop('sha256', sha)),
        rlinks: [compact({ href: pathHref(file), hashes: sha ? [{ algorithm: 'SHA-256', value: sha }] : undefined })],
      }));
    }
    return u;
  };

  const observations: Json[] = [];
  const findingsOut: Json[] = [];
  const risks: Json[] = [];
  for (const e of eff) {
    const r = e.result;
    const meta = metas.get(r.ruleId);
    const obsUuid = id('observation', r.ruleId);
    const evidence = r.evidence.map((ev) => compact({
      href: `#${resourceOf(ev.file)}`,
      description: prose(evidenceDescription(ev)),
      props: props(
        prop('file', ev.file),
        typeof ev.line === 'number' ? prop('line', String(ev.line)) : null,
        prop('event-id', ev.eventId),
        prop('row-id', ev.rowId),
        prop('file-sha256', hashes[ev.file]),
      ),
      remarks: ev.excerpt ? prose(ev.excerpt) : undefined,
    }));
    observations.push(compact({
      uuid: obsUuid,
      title: line(`${r.ruleId} ${r.title}`),
      description: prose(r.message),
      props: props(
        prop('rule-id', r.ruleId),
        prop('tool-status', r.status),
        prop('evidence-count', String(r.evidenceCount)),
        r.evidenceCount > r.evidence.length ? prop('evidence-listed', String(r.evidence.length)) : null,
        r.figures ? prop('figures', canonicalJson(r.figures)) : null,
      ),
      methods: r.status === 'needs_review' ? ['TEST', 'EXAMINE'] : ['TEST'],
      types: r.status === 'fail' ? ['control-objective', 'finding'] : ['control-objective'],
      origins: [toolOrigin],
      subjects: [{ 'subject-uuid': operatorUuid, type: 'party' }],
      'relevant-evidence': evidence,
      collected: at,
    }));

    const riskUuid = id('risk', r.ruleId);
    const failing = e.status === 'fail';
    if (failing) {
      const rect = e.rectification;
      const deadlineDate = e.waiver ? e.waiver.expires : rect?.deadline ?? addDays(asOf, opts.defaultDeadlineDays ?? DEFAULT_DEADLINE_DAYS);
      const deadline = /^\d{4}-\d{2}-\d{2}$/.test(deadlineDate) ? `${deadlineDate}T23:59:59${offset}` : undefined;
      risks.push(compact({
        uuid: riskUuid,
        title: line(`${r.ruleId} ${r.title}`),
        description: prose(r.message),
        statement: prose(meta ? `${articleHeading(r.article)}：${meta.articleText}` : `${articleHeading(r.article)}（规则 ${r.ruleId}）。`),
        props: props(
          prop('rule-id', r.ruleId),
          prop('severity', r.severity),
          prop('deadline-source', e.waiver ? 'waiver' : rect?.deadline ? 'reviewer' : 'default'),
          e.waiver?.approvalDoc ? prop('approval-doc', e.waiver.approvalDoc) : null,
        ),
        status: e.waiver ? 'deviation-approved' : rect ? 'remediating' : 'open',
        origins: originsOf(e),
        deadline,
        remediations: rect ? [compact({
          uuid: id('remediation', r.ruleId),
          lifecycle: 'planned',
          title: line(`${r.ruleId} 整改要求`),
          description: prose(rect.reason),
          props: props(prop('owner', rect.owner ?? findings.bundle.operatorName ?? '运营机构'), prop('deadline', rect.deadline)),
          origins: [{ actors: [{ type: 'party', 'actor-uuid': personUuid(rect.reviewer), 'role-id': 'reviewer' }] }],
        })] : undefined,
        'related-observations': [{ 'observation-uuid': obsUuid }],
      }));
    }

    const status = targetStatus(e);
    findingsOut.push(compact({
      uuid: id('finding', r.ruleId),
      title: line(`${r.ruleId} ${r.title}`),
      description: prose(`${r.message}${e.verdict ? `\n审查员 ${e.verdict.reviewer} ${KIND_ZH[e.verdict.kind]}为“${STATUS_ZH[e.status]}”：${e.verdict.reason}` : ''}`),
      props: props(
        prop('rule-id', r.ruleId),
        prop('severity', r.severity),
        prop('status', e.status),
        prop('tool-status', r.status),
        e.waiver ? prop('waived-until', e.waiver.expires) : null,
      ),
      origins: originsOf(e),
      target: compact({
        type: 'statement-id',
        'target-id': statementId(r.article),
        props: props(prop('rule-id', r.ruleId)),
        status,
        'implementation-status': e.status === 'not_applicable' ? { state: 'not-applicable' } : undefined,
      }),
      'related-observations': [{ 'observation-uuid': obsUuid }],
      'related-risks': failing ? [{ 'risk-uuid': riskUuid }] : undefined,
    }));
  }

  // Attestations: each reviewer's decisions, each decision a part.
  const attestations: Json[] = [];
  const byReviewer = new Map<string, Decision[]>();
  if (opts.reviewer) byReviewer.set(opts.reviewer, []);
  for (const d of decisions) {
    const list = byReviewer.get(d.reviewer) ?? [];
    list.push(d);
    byReviewer.set(d.reviewer, list);
  }
  for (const [name, ds] of byReviewer) {
    if (line(name, '') === '') continue;
    const parts: Json[] = [{
      uuid: id('attestation', name),
      name: 'attestation',
      title: line(`审查员 ${name} 的复核声明`),
      prose: `审查员 ${name} 复核了本结果，作出 ${ds.length} 项决定${ds.length ? '（见下列各项）' : ''}。`,
    }];
    ds.forEach((d, i) => parts.push(compact({
      uuid: id('decision', name, String(i), d.ruleId, d.kind, d.at),
      name: 'decision',
      class: d.kind,
      title: line(`${d.ruleId === '*' ? '整体' : d.ruleId} ${KIND_ZH[d.kind]}${d.status ? `：${STATUS_ZH[d.status]}` : ''}`),
      props: props(
        prop('rule-id', d.ruleId),
        prop('kind', d.kind),
        prop('status', d.status),
        prop('decided-at', d.at),
        prop('deadline', d.deadline),
        prop('owner', d.owner),
        prop('expires', d.expires),
        prop('approval-doc', d.approvalDoc),
      ),
      prose: prose(d.reason),
    })));
    attestations.push({ 'responsible-parties': [{ 'role-id': 'reviewer', 'party-uuids': [personUuid(name)] }], parts });
  }

  const logEntries = (opts.log ?? []).flatMap((e) => {
    const start = dateTime(e.at);
    if (!start) return [];
    return [compact({
      uuid: id('log', String(e.seq), e.hash),
      title: line(`${e.seq}. ${e.action}${e.ruleId ? ` ${e.ruleId}` : ''}`),
      description: prose(`${e.who}：${e.action}${e.ruleId ? `（${e.ruleId}）` : ''}`),
      start,
      props: props(prop('seq', String(e.seq)), prop('hash', e.hash), prop('prev-hash', e.prevHash)),
      'logged-by': line(e.who, '') ? [{ 'party-uuid': personUuid(e.who), 'role-id': 'reviewer' }] : undefined,
    })];
  });

  const who = findings.bundle.operatorName ?? findings.bundle.operatorId ?? findings.bundle.source;
  const period = `${findings.period.start} 至 ${findings.period.end}`;
  const result = compact({
    uuid: oscalUuid('result', docUuid),
    title: line(`${who} 合规评估（${period}）`),
    description: prose(`按 ${MEASURES.docNo} 对 ${who} 评估期 ${period} 的证据包执行规则包 ${findings.rulePack.id} ${findings.rulePack.version}。`
      + `工具结论：${CONCLUSION_ZH[findings.summary.conclusion]}；复核后结论：${CONCLUSION_ZH[final]}。`),
    start: `${findings.period.start}T00:00:00${offset}`,
    end: `${findings.period.end}T23:59:59${offset}`,
    props: props(
      prop('conclusion', final),
      prop('tool-conclusion', findings.summary.conclusion),
      prop('period-start', findings.period.start),
      prop('period-end', findings.period.end),
      prop('events', String(findings.stats.events)),
      prop('input-issues', String(findings.stats.inputIssues)),
      prop('generated-at', at),
      ...Object.entries(findings.profile.changedParams).flatMap(([rule, ps]) => Object.entries(ps as Record<string, unknown>).map(([k, v]) => prop('changed-parameter', `${rule} ${k}=${JSON.stringify(v)}`))),
      ...findings.profile.disabledRules.map((r) => prop('disabled-rule', r)),
    ),
    'local-definitions': {
      components: [{
        uuid: toolUuid,
        type: 'software',
        title: line(`${findings.tool.name} ${findings.tool.version}`),
        description: '合规审查台（Compliance Desk）：离线审查公共数据运营机构证据包的工具。',
        status: { state: 'operational' },
      }],
    },
    'reviewed-controls': reviewedControls(findings.results.map((r) => ({ id: r.ruleId, article: r.article }))),
    attestations,
    'assessment-log': logEntries.length ? { entries: logEntries } : undefined,
    observations,
    risks,
    findings: findingsOut,
  });

  const roles = [{ id: 'reviewer', title: '审查员' }, { id: 'operator', title: '运营机构' }];
  const responsible = [
    { 'role-id': 'operator', 'party-uuids': [operatorUuid] },
    ...(reviewerUuids.length ? [{ 'role-id': 'reviewer', 'party-uuids': reviewerUuids }] : []),
  ];
  const ar = {
    'assessment-results': {
      uuid: docUuid,
      metadata: compact({
        title: line(`${who} 公共数据授权运营合规评估结果（${period}）`),
        published: at,
        'last-modified': at,
        version: '1.0',
        'oscal-version': OSCAL_VERSION,
        props: props(
          prop('rule-pack-id', findings.rulePack.id),
          prop('rule-pack-version', findings.rulePack.version),
          prop('bundle-manifest-sha256', findings.bundle.manifestSha256),
          prop('regulation', MEASURES.docNo),
        ),
        roles,
        parties,
        'responsible-parties': responsible,
      }),
      'import-ap': { href: `#${apResourceUuid}`, remarks: `评估计划由规则包 ${findings.rulePack.id} ${findings.rulePack.version} 生成，文件为 ${opts.apHref ?? AP_FILE}，并以 base64 附于引用资源。` },
      results: [result],
      'back-matter': { resources },
    },
  };
  return { assessmentResults: ar, assessmentPlan: plan, arText: JSON.stringify(ar, null, 2) + '\n', apText };
}
