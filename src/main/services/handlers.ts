// The handler registry behind every channel of src/shared/ipc/contract.ts. Electron's
// main process and the loopback host both call `dispatch`, which checks the payload with
// its guard first; this file knows nothing of Electron or HTTP: what differs between the
// two (dialogs, where keys and settings live, how events reach the page) comes in as
// dependencies.

import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Findings } from '../../shared/engine/assess.js';
import type {
  BundleKind, Channel, Envelope, EventName, IpcErrorCode, IpcEvents, IpcRequest, IpcResponse, Settings, TrustEntryView,
} from '../../shared/ipc/contract.js';
import { INCIDENT_ROWS_MAX } from '../../shared/ipc/contract.js';
import { checkRequest, isChannel } from '../../shared/ipc/guards.js';
import { DEFAULT_WINDOW } from '../../shared/incidents/window.js';
import { ProfileError } from '../../shared/engine/profile.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import { BundleError, openSource } from './bundle/source.js';
import type { TrustContext } from './crypto/judge.js';
import { readCrl } from './crypto/crl.js';
import {
  TrustError, addEntries, anchorsOf, certificateEntry, operatorKeyEntry, operatorKeys, readTrustMaterial, readTrustStore, removeEntries, writeTrustStore,
  type TrustEntry,
} from './crypto/trust-store.js';
import { ReviewCancelled, runReview, type ReviewOptions } from './engine/run-review.js';
import { BundleChanged, incidentsOfReview, incidentsSection, logsAroundOfReview, type ReviewIncidents } from './incidents/review-incidents.js';
import type { KeyStore } from './keys.js';
import { KeyError, type ReportBackend } from './report-backend.js';
import { applyPatch, type SettingsStore } from './settings.js';
import { parseJson } from '../../shared/bundle/json.js';
import { mappingShapeProblems, type Mapping } from '../../shared/import/mapping.js';
import { ImportError, importBundle, mappingProblems } from './import/import-bundle.js';
import { suggestForExport } from './import/suggest-export.js';
import { FileRefused, MAX_REPORT_BYTES, readRegularFile } from './regular-file.js';

/** A refusal with a code the renderer can act on; the message is shown to people. */
export class HandlerError extends Error {
  constructor(readonly code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'HandlerError';
  }
}

export interface SignConfirmation {
  reportId: string;
  fileName: string;
  sha256: string;
  signer: string;
  fingerprintSha256: string;
}

/**
 * How a file is chosen. The desktop app shows native dialogs and refuses a path typed by
 * the renderer; the loopback host has no dialogs and takes the typed path.
 */
export interface Dialogs {
  chooseBundle(o: { kind: BundleKind; typed: string | null }): Promise<string | null>;
  chooseReport(o: { typed: string | null }): Promise<string | null>;
  chooseKeyFile(o: { typed: string | null }): Promise<string | null>;
  /** A certificate, P12 or CRL file for the trust store or a verification. */
  chooseTrustFile(o: { typed: string | null; purpose: 'certificate' | 'crl' }): Promise<string | null>;
  chooseSavePath(o: { suggestedName: string; filter: { name: string; extensions: string[] } }): Promise<string | null>;
  /** Shows what will be signed (report id, SHA-256, signer) and asks; true to sign. */
  confirmSign(o: SignConfirmation): Promise<boolean>;
}

/** Where the trust store lives: a file in the app's data (desktop) or the host's folder (loopback). */
export interface TrustStoreFile {
  path: string;
}

export interface HandlerDeps {
  dialogs: Dialogs;
  keys: KeyStore;
  trust: TrustStoreFile;
  settings: SettingsStore;
  reports: ReportBackend;
  emit<E extends EventName>(event: E, payload: IpcEvents[E]): void;
  tool: { name: string; version: string };
  /** Default: the engine's runReview. */
  review?: (bundlePath: string, opts: ReviewOptions) => Promise<Findings>;
  now?: () => Date;
  /** Errors that are not refusals (bugs, I/O): logged here, reported to the page as `internal`. */
  log?: (message: string) => void;
  limits?: Partial<Limits>;
  /** Where bundles imported from raw exports are written (import:run). */
  importsDir: string;
}

export interface Limits {
  /** Reviews whose findings main keeps for report:build. */
  reviewsKept: number;
  /** Artifacts (findings.json, PDFs) kept for file:save and report:sign. */
  artifactsKept: number;
  /** A PDF to verify. */
  maxReportBytes: number;
  /** A PKCS#12 file. */
  maxKeyBytes: number;
}

const DEFAULT_LIMITS: Limits = { reviewsKept: 8, artifactsKept: 32, maxReportBytes: MAX_REPORT_BYTES, maxKeyBytes: 1024 * 1024 };

export type Handlers = { [C in Channel]: (req: IpcRequest<C>) => Promise<IpcResponse<C>> };

type ArtifactKind = 'findings' | 'report' | 'signed-report';

interface Artifact {
  kind: ArtifactKind;
  fileName: string;
  bytes: Uint8Array;
  reportId: string | null;
}

interface Review {
  findings: Findings;
  bundlePath: string;
  /** Read once from the bundle, on first need (the incidents tab, a report with the incident section). */
  incidents?: Promise<ReviewIncidents>;
}

/** Insertion-ordered map that drops its oldest entries past `max`. */
class Bounded<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(id: string): V | undefined {
    return this.map.get(id);
  }
  set(id: string, v: V): void {
    this.map.set(id, v);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('base64url')}`;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** CD-20270106-3F9A2C: the date and six random hex digits, unique enough for one office. */
export function newReportId(now: Date): string {
  return `CD-${localDate(now).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

async function readBounded(path: string, max: number, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readRegularFile(path, { maxBytes: max, what }));
  } catch (e) {
    if (!(e instanceof FileRefused)) throw e;
    throw new HandlerError(e.reason === 'too-large' ? 'bad-request' : 'not-found', e.message.replace(path, basename(path)));
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const review = deps.review ?? runReview;
  const now = deps.now ?? (() => new Date());
  const reviews = new Bounded<Review>(limits.reviewsKept);
  const artifacts = new Bounded<Artifact>(limits.artifactsKept);
  const running = new Map<string, AbortController>();
  // Raw exports chosen for import, and bundles imported from them: the page names them by id, never by path.
  const raws = new Bounded<string>(limits.reviewsKept);
  const imported = new Bounded<string>(limits.reviewsKept);
  const mappingOf = (text: string): Mapping => {
    let v: unknown;
    try {
      v = parseJson(text);
    } catch (e) {
      throw new HandlerError('bad-request', `映射不是有效的 JSON：${(e as Error).message}`);
    }
    const shape = mappingShapeProblems(v);
    const problems = shape.length ? shape : mappingProblems(v as Mapping);
    if (problems.length) throw new HandlerError('bad-request', `映射有误：${problems.join('；')}`);
    return v as Mapping;
  };
  const rawOf = (id: string): string => {
    const p = raws.get(id);
    if (!p) throw new HandlerError('not-found', '找不到该原始导出，请重新选择');
    return p;
  };
  const importing = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof ImportError || e instanceof BundleError) throw new HandlerError('bundle', e.message);
      throw e;
    }
  };

  const artifact = (id: string, kinds: ArtifactKind[]): Artifact => {
    const a = artifacts.get(id);
    if (!a || !kinds.includes(a.kind)) throw new HandlerError('not-found', '找不到该文件（可能已被新的结果替换），请重新生成');
    return a;
  };
  const keep = (a: Artifact): string => {
    const id = newId('a');
    artifacts.set(id, a);
    return id;
  };
  const heldReview = (id: string): Review => {
    const r = reviews.get(id);
    if (!r) throw new HandlerError('not-found', '找不到该审查结果，请重新打开证据包');
    return r;
  };
  const bundleRead = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof BundleChanged) throw new HandlerError('bundle', e.message);
      throw e;
    }
  };
  const trustStore = async () => trusted(() => readTrustStore(deps.trust.path));
  const trustContext = async (): Promise<TrustContext> => ({ anchors: anchorsOf(await trustStore()), crls: [] });
  const incidentsOf = (r: Review): Promise<ReviewIncidents> => {
    if (!r.incidents) {
      r.incidents = bundleRead(() => incidentsOfReview(r.bundlePath, r.findings));
      // A failed read is not kept: the next request tries again (the bundle may be back).
      r.incidents.catch(() => {
        r.incidents = undefined;
      });
    }
    return r.incidents;
  };

  return {
    async 'bundle:open'(req) {
      // One review at a time: it already uses the cores, a second would only slow both.
      if (running.size > 0) throw new HandlerError('busy', '另一项审查正在进行，请等待完成或取消后再试');
      const controller = new AbortController();
      running.set(req.runId, controller);
      try {
        const path = req.importedId ? imported.get(req.importedId) : await deps.dialogs.chooseBundle({ kind: req.kind ?? 'folder', typed: req.path ?? null });
        if (req.importedId && !path) throw new HandlerError('not-found', '找不到该导入的证据包，请重新导入');
        if (!path) return { outcome: 'no-selection' };
        if (controller.signal.aborted) return { outcome: 'cancelled' };
        const settings = await deps.settings.load();
        const findings = await review(path, {
          operatorKeys: operatorKeys(await trustStore()),
          pack: packById(DEFAULT_PACK_ID),
          tool: deps.tool,
          period: req.period,
          profile: req.profile,
          workers: settings.workers ?? undefined,
          signal: controller.signal,
          onProgress: (p) => deps.emit('review:progress', { runId: req.runId, ...p }),
        });
        if (controller.signal.aborted) return { outcome: 'cancelled' };
        const reviewId = newId('r');
        const held: Review = { findings, bundlePath: path };
        reviews.set(reviewId, held);
        // Read the incidents now, while the bundle is surely the one reviewed; a failure is
        // not kept (incidentsOf tries again when they are asked for).
        incidentsOf(held).catch(() => {});
        const findingsArtifactId = keep({
          kind: 'findings',
          fileName: 'findings.json',
          bytes: new TextEncoder().encode(JSON.stringify(findings, null, 2) + '\n'),
          reportId: null,
        });
        return { outcome: 'reviewed', reviewId, bundlePath: path, findings, findingsArtifactId };
      } catch (e) {
        if (e instanceof ReviewCancelled || controller.signal.aborted) return { outcome: 'cancelled' };
        if (e instanceof BundleError) throw new HandlerError('bundle', e.message);
        if (e instanceof ProfileError) throw new HandlerError('bad-request', `审查配置不正确：${e.message}`);
        throw e;
      } finally {
        running.delete(req.runId);
      }
    },

    async 'review:cancel'(req) {
      const controller = running.get(req.runId);
      if (!controller) return { cancelled: false };
      controller.abort();
      return { cancelled: true };
    },

    async 'report:build'(req) {
      const r = heldReview(req.reviewId);
      const incidents = req.incidents ? incidentsSection(await incidentsOf(r), r.findings, req.incidents.judgments) : undefined;
      const settings = await deps.settings.load();
      const key = await deps.keys.info();
      const reportId = newReportId(now());
      const { pdf, finalSummary } = await deps.reports.render({
        findings: r.findings,
        reportId,
        reportDate: localDate(now()),
        reviewer: req.reviewer ?? settings.reviewer,
        decisions: req.decisions,
        waivers: req.waivers,
        rectification: req.rectification,
        ...(req.reviewLog ? { reviewLog: req.reviewLog } : {}),
        ...(incidents ? { incidents } : {}),
        evidencePerRule: settings.evidencePerRule,
        defaultDeadlineDays: settings.defaultDeadlineDays,
        signer: key ? { subject: key.subject, fingerprintSha256: key.fingerprintSha256, notAfter: key.notAfter } : null,
      });
      const fileName = `合规评估报告-${reportId}.pdf`;
      const artifactId = keep({ kind: 'report', fileName, bytes: pdf, reportId });
      return { artifactId, reportId, fileName, sha256: sha256(pdf), pdf, finalSummary };
    },

    async 'incidents:timelines'(req) {
      const r = heldReview(req.reviewId);
      return { ...(await incidentsOf(r)), defaultWindow: DEFAULT_WINDOW };
    },

    async 'incidents:around'(req) {
      const r = heldReview(req.reviewId);
      const logs = await bundleRead(() => logsAroundOfReview(r.bundlePath, r.findings, { incidentId: req.incidentId, window: req.window, maxRows: INCIDENT_ROWS_MAX }));
      if (!logs) throw new HandlerError('not-found', `incidents.json 中没有编号为“${req.incidentId}”的事件`);
      return logs;
    },

    async 'report:sign'(req) {
      const info = await deps.keys.info();
      const material = await deps.keys.material();
      if (!info || !material) throw new HandlerError('key', '尚未导入签名密钥（PKCS#12）');
      // A built report (first signature), a signed one kept here, or a signed report chosen by the reviewer.
      let a: Pick<Artifact, 'fileName' | 'bytes' | 'reportId'>;
      if (req.artifactId) a = artifact(req.artifactId, ['report', 'signed-report']);
      else {
        const path = await deps.dialogs.chooseReport({ typed: req.path ?? null });
        if (!path) return { signed: false, reason: 'declined' };
        a = { fileName: basename(path), bytes: await readBounded(path, limits.maxReportBytes, '报告文件'), reportId: null };
      }
      const digest = sha256(a.bytes);
      const ok = await deps.dialogs.confirmSign({
        reportId: a.reportId ?? a.fileName,
        fileName: a.fileName,
        sha256: digest,
        signer: `${info.subject}（${req.role}）`,
        fingerprintSha256: info.fingerprintSha256,
      });
      if (!ok) return { signed: false, reason: 'declined' };
      const signed = await deps.reports.sign(a.bytes, material, req.role);
      const fileName = `${a.fileName.replace(/\.pdf$/i, '').replace(/-已签名.*$/, '')}-已签名-${req.role}.pdf`;
      const artifactId = keep({ kind: 'signed-report', fileName, bytes: signed, reportId: a.reportId });
      return { signed: true, artifactId, fileName, sha256: sha256(signed), pdf: signed };
    },

    async 'report:verify'(req) {
      let bytes: Uint8Array;
      let source: string;
      if (req.artifactId) {
        const a = artifact(req.artifactId, ['report', 'signed-report']);
        bytes = a.bytes;
        source = a.fileName;
      } else {
        const path = await deps.dialogs.chooseReport({ typed: req.path ?? null });
        if (!path) return { outcome: 'no-selection' };
        bytes = await readBounded(path, limits.maxReportBytes, '报告文件');
        source = basename(path);
      }
      const trust = await trustContext();
      if (req.crlPath || req.chooseCrl) {
        const crlPath = await deps.dialogs.chooseTrustFile({ typed: req.crlPath ?? null, purpose: 'crl' });
        if (crlPath) {
          try {
            trust.crls.push(readCrl(Buffer.from(await readBounded(crlPath, limits.maxKeyBytes * 16, 'CRL 文件'))));
          } catch (e) {
            if (e instanceof HandlerError) throw e;
            throw new HandlerError('bad-request', `${basename(crlPath)} 不是 CRL 文件（DER 或 PEM）：${(e as Error).message}`);
          }
        }
      }
      return { outcome: 'verified', verification: await deps.reports.verify(bytes, source, trust) };
    },

    async 'file:save'(req) {
      const a = artifact(req.artifactId, ['findings', 'report', 'signed-report']);
      const filter = a.kind === 'findings' ? { name: 'JSON', extensions: ['json'] } : { name: 'PDF', extensions: ['pdf'] };
      const path = await deps.dialogs.chooseSavePath({ suggestedName: a.fileName, filter });
      if (!path) return { saved: false };
      await writeFile(path, a.bytes);
      return { saved: true, path };
    },

    async 'key:import'(req) {
      const path = await deps.dialogs.chooseKeyFile({ typed: req.path ?? null });
      if (!path) return { outcome: 'no-selection' };
      const p12 = await readBounded(path, limits.maxKeyBytes, '密钥文件');
      const material = { p12, password: req.password };
      const description = await deps.reports.describeKey(material);
      return { outcome: 'imported', key: await deps.keys.save(material, description) };
    },

    async 'key:get'() {
      return { key: await deps.keys.info() };
    },

    async 'settings:get'() {
      return deps.settings.load();
    },

    async 'settings:set'(req) {
      const next: Settings = applyPatch(await deps.settings.load(), req.patch);
      await deps.settings.save(next);
      return next;
    },

    async 'trust:list'() {
      return { entries: (await trustStore()).entries.map(entryView) };
    },

    async 'trust:add'(req) {
      const path = await deps.dialogs.chooseTrustFile({ typed: req.path ?? null, purpose: 'certificate' });
      if (!path) return { outcome: 'no-selection' };
      const bytes = Buffer.from(await readBounded(path, limits.maxKeyBytes, '证书文件'));
      const store = await trustStore();
      const certificates = trusted(() => readTrustMaterial(bytes, { file: basename(path), p12Password: req.password }).certificates);
      if (!certificates.length) throw new HandlerError('bad-request', `${basename(path)} 中没有证书`);
      const entries = certificates.map((c, i) => certificateEntry(c, certificates.length > 1 ? `${req.label} #${i + 1}` : req.label, req.kind));
      const { store: next, added } = addEntries(store, entries);
      await writeTrustStore(deps.trust.path, next);
      return { outcome: 'added', added: added.map(entryView), already: entries.length - added.length };
    },

    async 'trust:remove'(req) {
      const { store, removed } = removeEntries(await trustStore(), req.fingerprintSha256);
      if (removed.length) await writeTrustStore(deps.trust.path, store);
      return { removed: removed.length };
    },

    async 'trust:register-operator'(req) {
      const r = heldReview(req.reviewId);
      const manifest = await bundleRead(() => manifestOf(r.bundlePath));
      const sig = manifest.signature as { public_key_pem?: unknown } | undefined;
      const operatorId = typeof manifest.operator_id === 'string' ? manifest.operator_id : '';
      if (typeof sig?.public_key_pem !== 'string') throw new HandlerError('bad-request', '该证据包的清单没有签名公钥，无法登记');
      const entry = trusted(() => operatorKeyEntry(sig.public_key_pem as string, operatorId, req.label));
      const { store } = addEntries(await trustStore(), [entry]);
      await writeTrustStore(deps.trust.path, store);
      return { entry: entryView(entry) };
    },

    async 'import:suggest'(req) {
      const path = await deps.dialogs.chooseBundle({ kind: req.kind ?? 'folder', typed: req.path ?? null });
      if (!path) return { outcome: 'no-selection' };
      const s = await importing(() => suggestForExport(path));
      const importId = newId('i');
      raws.set(importId, path);
      const samples = s.samples.map((x) => ({
        file: x.file, ...(x.sheet ? { sheet: x.sheet } : {}), columns: x.columns,
        rows: Array.from({ length: Math.min(SAMPLE_ROWS, Math.max(0, ...Object.values(x.values).map((v) => v.length))) }, (_, i) => Object.fromEntries(x.columns.map((c) => [c, x.values[c][i] ?? '']))),
      }));
      return { outcome: 'suggested', importId, rawName: basename(path), mapping: JSON.stringify(s.mapping, null, 2), unsure: s.unsure, samples };
    },

    async 'import:check'(req) {
      const mapping = mappingOf(req.mapping);
      return { report: await importing(() => importBundle(rawOf(req.importId), mapping, { dryRun: true })) };
    },

    async 'import:run'(req) {
      const mapping = mappingOf(req.mapping);
      const raw = rawOf(req.importId);
      const name = `${basename(raw).replace(/\.zip$/i, '').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'export'}-${now().toISOString().replace(/[:.]/g, '-')}`;
      const report = await importing(() => importBundle(raw, mapping, { out: join(deps.importsDir, name) }));
      const importedId = newId('b');
      imported.set(importedId, report.out!);
      return { importedId, bundleName: name, report };
    },

    async 'import:save-mapping'(req) {
      mappingOf(req.mapping);
      const path = await deps.dialogs.chooseSavePath({ suggestedName: 'mapping.json', filter: { name: 'JSON', extensions: ['json'] } });
      if (!path) return { saved: false };
      await writeFile(path, req.mapping.endsWith('\n') ? req.mapping : req.mapping + '\n');
      return { saved: true, path };
    },
  };
}

/** First rows of each source shown beside their mapping in the workbench. */
const SAMPLE_ROWS = 5;

/**
 * The one entry for a request from the page, whatever carried it: the channel must be
 * known and the payload must pass its guard before a handler sees it; whatever the
 * handler throws becomes an error envelope (refusals keep their message, bugs do not).
 */
/** A trust store entry for the page (without the certificate or key itself). */
function entryView(e: TrustEntry): TrustEntryView {
  return {
    kind: e.kind, label: e.label, fingerprintSha256: e.fingerprintSha256, subject: e.subject ?? null, notAfter: e.notAfter ?? null,
    creditCode: e.creditCode ?? null, addedAt: e.addedAt,
  };
}

/** Trust-store refusals become refusals the page shows; anything else stays a bug. */
function trusted<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TrustError) throw new HandlerError('bad-request', e.message);
    throw e;
  }
}

/** The manifest of a bundle as written (the signature's key travels in it). */
async function manifestOf(bundlePath: string): Promise<Record<string, unknown>> {
  const source = await openSource(bundlePath);
  try {
    const text = (await source.read('manifest.json')).toString('utf8').replace(/^\ufeff/, '');
    const m = parseJson(text);
    if (!m || typeof m !== 'object' || Array.isArray(m)) throw new HandlerError('bundle', 'manifest.json 不是 JSON 对象');
    return m as Record<string, unknown>;
  } finally {
    await source.close();
  }
}

export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown, log?: (m: string) => void): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'bad-request', message: '未知的请求通道' } };
  const checked = checkRequest(channel, payload);
  if (!checked.ok) return { ok: false, error: { code: 'bad-request', message: `请求格式不正确：${checked.reason}` } };
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(checked.value) };
  } catch (e) {
    if (e instanceof HandlerError) return { ok: false, error: { code: e.code, message: e.message } };
    if (e instanceof KeyError) return { ok: false, error: { code: 'key', message: e.message } };
    if (e instanceof BundleError) return { ok: false, error: { code: 'bundle', message: e.message } };
    log?.(`${channel}: ${(e as Error)?.stack ?? String(e)}`);
    return { ok: false, error: { code: 'internal', message: '内部错误，详情见日志' } };
  }
}
