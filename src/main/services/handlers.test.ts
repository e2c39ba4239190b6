import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Findings } from '../../shared/engine/assess.js';
import type { EventName, IncidentsAroundResponse, IncidentsTimelinesResponse, IpcEvents, ReviewProgress } from '../../shared/ipc/contract.js';
import { appendLogEntry } from '../../shared/review/log.js';
import { DEFAULT_PACK_ID, packById } from '../../shared/rules/packs.js';
import { ReviewCancelled, type ReviewOptions } from './engine/run-review.js';
import { createHandlers, dispatch, type Dialogs, type HandlerDeps, type SignConfirmation } from './handlers.js';
import { memoryKeyStore } from './keys.js';
import { KeyError, type ReportBackend, type ReportJob } from './report-backend.js';
import { memorySettingsStore, DEFAULT_SETTINGS } from './settings.js';
import { sampleBundle } from '../../../test/fixtures.js';

const SAMPLE = sampleBundle('full');

function setup(o: { review?: HandlerDeps['review']; confirm?: boolean; saveTo?: string | null } = {}) {
  const events: { event: EventName; payload: unknown }[] = [];
  const confirmations: SignConfirmation[] = [];
  const jobs: ReportJob[] = [];
  const signed: Uint8Array[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cd-handlers-'));
  const dialogs: Dialogs = {
    chooseBundle: async ({ typed }) => typed,
    chooseReport: async ({ typed }) => typed,
    chooseKeyFile: async ({ typed }) => typed,
    chooseTrustFile: async ({ typed }) => typed,
    chooseSavePath: async ({ suggestedName }) => (o.saveTo === null ? null : join(o.saveTo ?? dir, suggestedName)),
    confirmSign: async (c) => {
      confirmations.push(c);
      return o.confirm ?? true;
    },
  };
  const reports: ReportBackend = {
    async render(job) {
      jobs.push(job);
      return { pdf: new TextEncoder().encode(`%PDF-1.7 report ${job.reportId}`), finalSummary: { ...job.findings.summary } };
    },
    async describeKey(m) {
      if (m.password !== 'right') throw new KeyError('密钥口令不正确');
      return { subject: '张三', fingerprintSha256: 'AA:BB', notAfter: null };
    },
    async sign(pdf) {
      signed.push(pdf);
      return new Uint8Array([...pdf, ...new TextEncoder().encode(' signed')]);
    },
    async verify(pdf, source) {
      const signed = new TextDecoder().decode(pdf).endsWith('signed');
      return { source, reportId: null, ok: signed, signed, signatures: [], integrity: { state: 'intact', changes: [] }, contentMatches: true, messages: [] };
    },
  };
  const log = vi.fn();
  const handlers = createHandlers({
    dialogs,
    keys: memoryKeyStore(),
    trust: { path: join(dir, 'trust.json') },
    importsDir: join(dir, 'imports'),
    settings: memorySettingsStore({ ...DEFAULT_SETTINGS, reviewer: { name: '设置中的复核员' }, workers: 0 }),
    reports,
    emit: <E extends EventName>(event: E, payload: IpcEvents[E]) => events.push({ event, payload }),
    tool: { name: 'compliance-desk', version: '0.0.0-test' },
    review: o.review,
    now: () => new Date(2027, 0, 6, 9, 0, 0),
    log,
  });
  const call = (channel: string, payload: unknown) => dispatch(handlers, channel, payload, log);
  return { handlers, call, events, confirmations, jobs, signed, dir, log };
}

type Reviewed = { outcome: 'reviewed'; reviewId: string; findings: Findings; findingsArtifactId: string; bundlePath: string };

describe('bundle:open runs the real engine', () => {
  it('reviews the sample bundle, streaming progress with the run id', async () => {
    const t = setup();
    const env = await t.call('bundle:open', { runId: 'run-1', path: SAMPLE });
    expect(env.ok).toBe(true);
    const r = (env as { value: Reviewed }).value;
    expect(r.outcome).toBe('reviewed');
    expect(r.bundlePath).toBe(SAMPLE);
    expect(r.findings.results.map((x) => x.ruleId)).toEqual(packById(DEFAULT_PACK_ID).rules.map((x) => x.meta.id).sort());
    const progress = t.events.filter((e) => e.event === 'review:progress').map((e) => e.payload as ReviewProgress);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.runId === 'run-1')).toBe(true);
    expect(progress.at(-1)!.phase).toBe('done');

    // findings.json as main keeps it, saved through the save dialog.
    const saved = await t.call('file:save', { artifactId: r.findingsArtifactId });
    expect(saved).toEqual({ ok: true, value: { saved: true, path: join(t.dir, 'findings.json') } });
    expect(JSON.parse(readFileSync(join(t.dir, 'findings.json'), 'utf8'))).toEqual(r.findings);
  });

  it('answers no-selection when no bundle is chosen', async () => {
    const t = setup();
    expect(await t.call('bundle:open', { runId: 'r' })).toEqual({ ok: true, value: { outcome: 'no-selection' } });
  });

  it('reports an unreadable bundle as a bundle error', async () => {
    const t = setup();
    const env = await t.call('bundle:open', { runId: 'r', path: join(t.dir, 'no-such-bundle') });
    expect(env).toMatchObject({ ok: false, error: { code: 'bundle' } });
  });
});

describe('bundle:open with a profile', () => {
  it('runs the engine with the profile: a changed parameter and a disabled rule show in the findings', async () => {
    const t = setup();
    const env = await t.call('bundle:open', {
      runId: 'p', path: SAMPLE,
      profile: { rules: { 'JZ-17-01': { params: { max_log_gap_hours: 48 } }, 'JZ-24-01': { enabled: false } } },
    });
    const r = (env as { value: Reviewed }).value;
    expect(r.findings.profile.changedParams).toEqual({ 'JZ-17-01': { max_log_gap_hours: 48 } });
    expect(r.findings.profile.disabledRules).toEqual(['JZ-24-01']);
    expect(r.findings.results.some((x) => x.ruleId === 'JZ-24-01')).toBe(false);
  });

  it('refuses a profile the engine cannot use, in Chinese, as a bad request', async () => {
    const t = setup();
    const env = await t.call('bundle:open', { runId: 'p', path: SAMPLE, profile: { rules: { 'JZ-17-01': { params: { no_such_param: 1 } } } } });
    expect(env).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((env as { error: { message: string } }).error.message).toMatch(/审查配置不正确.*no_such_param/);
    // Nothing is left running.
    expect(await t.call('bundle:open', { runId: 'q' })).toEqual({ ok: true, value: { outcome: 'no-selection' } });
  });
});

describe('one review at a time, and cancel', () => {
  function slowReview() {
    const seen: ReviewOptions[] = [];
    const review = (_path: string, opts: ReviewOptions) =>
      new Promise<Findings>((_resolve, reject) => {
        seen.push(opts);
        opts.signal!.addEventListener('abort', () => reject(new ReviewCancelled()));
      });
    return { review, seen };
  }

  it('refuses a second review while one runs, and cancels by run id', async () => {
    const slow = slowReview();
    const t = setup({ review: slow.review });
    const first = t.call('bundle:open', { runId: 'a', path: SAMPLE });
    await vi.waitFor(() => expect(slow.seen).toHaveLength(1));
    expect(await t.call('bundle:open', { runId: 'b', path: SAMPLE })).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await t.call('review:cancel', { runId: 'other' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await t.call('review:cancel', { runId: 'a' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await first).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    // Free again.
    expect(await t.call('bundle:open', { runId: 'c' })).toEqual({ ok: true, value: { outcome: 'no-selection' } });
  });

  it('passes the period and the worker setting to the engine', async () => {
    const slow = slowReview();
    const t = setup({ review: slow.review });
    void t.call('bundle:open', { runId: 'a', path: SAMPLE, period: { start: '2026-01-01', end: '2026-06-30' } });
    await vi.waitFor(() => expect(slow.seen).toHaveLength(1));
    expect(slow.seen[0].period).toEqual({ start: '2026-01-01', end: '2026-06-30' });
    expect(slow.seen[0].workers).toBe(0);
    await t.call('review:cancel', { runId: 'a' });
  });
});

describe('reports', () => {
  async function reviewed() {
    const t = setup();
    const env = await t.call('bundle:open', { runId: 'r', path: SAMPLE });
    return { t, r: (env as { value: Reviewed }).value };
  }

  it('report:build needs a review main holds', async () => {
    const t = setup();
    expect(await t.call('report:build', { reviewId: 'r-unknown' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('builds from the findings main holds, with the reviewer of the settings unless given', async () => {
    const { t, r } = await reviewed();
    const env = await t.call('report:build', { reviewId: r.reviewId, decisions: { comments: [{ text: '同意' }] } });
    expect(env.ok).toBe(true);
    const built = (env as { value: { artifactId: string; reportId: string; sha256: string; pdf: Uint8Array; fileName: string } }).value;
    expect(t.jobs[0].findings).toBe(r.findings);
    expect(t.jobs[0].reviewer).toEqual({ name: '设置中的复核员' });
    expect(t.jobs[0].decisions).toEqual({ comments: [{ text: '同意' }] });
    expect(t.jobs[0].reportDate).toBe('2027-01-06');
    expect(built.reportId).toMatch(/^CD-20270106-[0-9A-F]{6}$/);
    expect(built.fileName).toBe(`合规评估报告-${built.reportId}.pdf`);
    expect(built.sha256).toBe(createHash('sha256').update(built.pdf).digest('hex'));

    await t.call('report:build', { reviewId: r.reviewId, reviewer: { name: '王五' } });
    expect(t.jobs[1].reviewer).toEqual({ name: '王五' });
  });

  it('signs only after the confirmation shows the report id and hash, with the key kept in main', async () => {
    const { t, r } = await reviewed();
    const built = ((await t.call('report:build', { reviewId: r.reviewId })) as { value: { artifactId: string; reportId: string; sha256: string } }).value;
    expect(await t.call('report:sign', { artifactId: built.artifactId, role: '编制' })).toMatchObject({ ok: false, error: { code: 'key' } });

    const keyFile = join(t.dir, 'k.p12');
    writeFileSync(keyFile, 'p12 bytes');
    expect(await t.call('key:import', { password: 'wrong', path: keyFile })).toMatchObject({ ok: false, error: { code: 'key', message: '密钥口令不正确' } });
    const imported = await t.call('key:import', { password: 'right', path: keyFile });
    expect(imported).toEqual({ ok: true, value: { outcome: 'imported', key: { subject: '张三', fingerprintSha256: 'AA:BB', notAfter: null, persisted: false } } });
    // key:get describes the key; nothing the page receives holds the key or its passphrase.
    const info = await t.call('key:get', {});
    expect(JSON.stringify(info)).not.toMatch(/right|p12 bytes/);

    const env = await t.call('report:sign', { artifactId: built.artifactId, role: '编制' });
    expect(t.confirmations).toEqual([expect.objectContaining({ reportId: built.reportId, sha256: built.sha256, signer: '张三（编制）', fingerprintSha256: 'AA:BB' })]);
    const signed = (env as { value: { signed: true; artifactId: string; fileName: string; pdf: Uint8Array } }).value;
    expect(signed.signed).toBe(true);
    expect(signed.fileName).toBe(`合规评估报告-${built.reportId}-已签名-编制.pdf`);
    expect(new TextDecoder().decode(signed.pdf)).toMatch(/signed$/);

    // A signed report takes a further signature in another role (an incremental update); findings.json takes none.
    const counter = await t.call('report:sign', { artifactId: signed.artifactId, role: '审核' });
    expect(counter).toMatchObject({ ok: true, value: { signed: true, fileName: `合规评估报告-${built.reportId}-已签名-审核.pdf` } });
    expect(await t.call('report:sign', { artifactId: r.findingsArtifactId, role: '审核' })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const verified = await t.call('report:verify', { artifactId: signed.artifactId });
    expect(verified).toMatchObject({ ok: true, value: { outcome: 'verified', verification: { ok: true, signed: true, source: signed.fileName } } });
  });

  it('does not sign when the reviewer declines', async () => {
    const t = setup({ confirm: false });
    const r = ((await t.call('bundle:open', { runId: 'r', path: SAMPLE })) as { value: Reviewed }).value;
    const keyFile = join(t.dir, 'k.p12');
    writeFileSync(keyFile, 'x');
    await t.call('key:import', { password: 'right', path: keyFile });
    const built = ((await t.call('report:build', { reviewId: r.reviewId })) as { value: { artifactId: string } }).value;
    expect(await t.call('report:sign', { artifactId: built.artifactId, role: '编制' })).toEqual({ ok: true, value: { signed: false, reason: 'declined' } });
    expect(t.signed).toEqual([]);
  });

  it('verifies a report file by path, and refuses an oversize key file', async () => {
    const t = setup();
    const pdf = join(t.dir, 'r.pdf');
    writeFileSync(pdf, '%PDF-1.7 x signed');
    expect(await t.call('report:verify', { path: pdf })).toMatchObject({ ok: true, value: { verification: { source: 'r.pdf', ok: true } } });
    expect(await t.call('report:verify', { path: join(t.dir, 'missing.pdf') })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await t.call('report:verify', {})).toEqual({ ok: true, value: { outcome: 'no-selection' } });
    const big = join(t.dir, 'big.p12');
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1));
    expect(await t.call('key:import', { password: 'right', path: big })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('file:save of an unknown artifact is not found; a cancelled dialog saves nothing', async () => {
    const t = setup({ saveTo: null });
    expect(await t.call('file:save', { artifactId: 'a-nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const r = ((await t.call('bundle:open', { runId: 'r', path: SAMPLE })) as { value: Reviewed }).value;
    expect(await t.call('file:save', { artifactId: r.findingsArtifactId })).toEqual({ ok: true, value: { saved: false } });
  });
});

describe('incidents', () => {
  async function reviewed(path = SAMPLE) {
    const t = setup();
    const env = await t.call('bundle:open', { runId: 'r', path });
    return { t, r: (env as { value: Reviewed }).value };
  }

  it('incidents:timelines measures every incident against the review\'s deadlines and lists JZ-21-03\'s episodes', async () => {
    const { t, r } = await reviewed();
    const env = await t.call('incidents:timelines', { reviewId: r.reviewId });
    expect(env.ok).toBe(true);
    const v = (env as { value: IncidentsTimelinesResponse }).value;
    expect(v.incidentsPresent).toBe(true);
    expect(v.defaultWindow).toEqual({ startMinutes: -1440, endMinutes: 4320 });
    expect(v.deadlines.reportDeadlineMinutes.major).toBe(240);
    expect(v.timelines.map((x) => [x.id, x.verdict])).toEqual([['INC-2026-001', 'on_time'], ['INC-2026-002', 'late']]);
    const reported = v.timelines[1].steps.find((s) => s.step === 'reported')!;
    expect(reported).toMatchObject({ state: 'late', minutes: 300, limitMinutes: 240, lateMinutes: 60 });
    // The episodes come from the findings main holds: the same as JZ-21-03's figures.
    const figures = r.findings.results.find((x) => x.ruleId === 'JZ-21-03')!.figures as { episodes: unknown[] };
    expect(v.episodes.available).toBe(true);
    expect(v.episodes.episodes).toHaveLength(figures.episodes.length);
    expect(v.episodes.episodes.filter((e) => !e.covered).map((e) => e.kind).sort()).toEqual(['bulk_transfer', 'denied_burst', 'log_delete']);
    expect(await t.call('incidents:timelines', { reviewId: 'r-gone' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('incidents:around returns the events of the window, and a narrower window fewer', async () => {
    const { t, r } = await reviewed();
    const wide = (await t.call('incidents:around', { reviewId: r.reviewId, incidentId: 'INC-2026-002', window: { startMinutes: -1440, endMinutes: 4320 } })) as { ok: true; value: IncidentsAroundResponse };
    expect(wide.ok).toBe(true);
    expect(wide.value).toMatchObject({ incidentId: 'INC-2026-002', windowStart: '2026-10-20T08:10:00+08:00', windowEnd: '2026-10-24T08:10:00+08:00', truncated: false });
    expect(wide.value.count).toBe(wide.value.rows.length);
    expect(wide.value.rows.length).toBeGreaterThan(5);
    expect(wide.value.rows.some((x) => x.resource === 'DS-HEALTH-02' && x.reasons.includes('dataset'))).toBe(true);
    const narrow = (await t.call('incidents:around', { reviewId: r.reviewId, incidentId: 'INC-2026-002', window: { startMinutes: -120, endMinutes: 120 } })) as { ok: true; value: IncidentsAroundResponse };
    expect(narrow.value.windowStart).toBe('2026-10-21T06:10:00+08:00');
    expect(narrow.value.rows.length).toBeLessThan(wide.value.rows.length);
    for (const row of narrow.value.rows) expect(row.at >= '2026-10-21T06:10:00+08:00' && row.at <= '2026-10-21T10:10:00+08:00', row.at).toBe(true);
    expect(await t.call('incidents:around', { reviewId: r.reviewId, incidentId: 'INC-NONE', window: { startMinutes: -60, endMinutes: 60 } }))
      .toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('INC-NONE') } });
  });

  it('refuses to read a bundle that changed after its review', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-changed-'));
    const copy = join(dir, 'bundle');
    cpSync(SAMPLE, copy, { recursive: true });
    const { t, r } = await reviewed(copy);
    // The timelines were read right after the review, from the bundle reviewed, and stay.
    expect((await t.call('incidents:timelines', { reviewId: r.reviewId })).ok).toBe(true);
    const manifest = join(copy, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/\}\s*$/, ', "note": "changed"}\n'));
    expect((await t.call('incidents:timelines', { reviewId: r.reviewId })).ok).toBe(true);
    // The logs are read again each time: from a changed bundle they are refused.
    expect(await t.call('incidents:around', { reviewId: r.reviewId, incidentId: 'INC-2026-002', window: { startMinutes: -60, endMinutes: 60 } }))
      .toMatchObject({ ok: false, error: { code: 'bundle', message: expect.stringContaining('已被改动') } });
  });

  it('report:build hands the renderer the review log and the incident section main draws, with the reviewer\'s judgments', async () => {
    const { t, r } = await reviewed();
    const log = appendLogEntry([], { at: '2027-01-06T09:00:00+08:00', who: '张三', action: 'case_open' });
    const judgments = [{ episodeKey: 'log_delete|u006|logs/2026-08.jsonl:868', verdict: 'needs_incident_report' as const, note: '未见审批' }];
    expect((await t.call('report:build', { reviewId: r.reviewId, reviewLog: log, incidents: { judgments } })).ok).toBe(true);
    expect(t.jobs[0].reviewLog).toEqual(log);
    expect(t.jobs[0].incidents?.timelines.map((x) => x.id)).toEqual(['INC-2026-001', 'INC-2026-002']);
    expect(t.jobs[0].incidents?.episodes?.length).toBe(4);
    expect(t.jobs[0].incidents?.judgments).toEqual(judgments);
    expect(t.jobs[0].incidents?.deadlines?.planActivationMaxMinutes).toBe(30);
    // Without the request for it, no section (and no log).
    await t.call('report:build', { reviewId: r.reviewId });
    expect(t.jobs[1].incidents).toBeUndefined();
    expect(t.jobs[1].reviewLog).toBeUndefined();
  });
});

describe('settings', () => {
  it('get and set', async () => {
    const t = setup();
    expect(await t.call('settings:get', {})).toMatchObject({ ok: true, value: { workers: 0 } });
    const set = await t.call('settings:set', { patch: { evidencePerRule: 5 } });
    expect(set).toMatchObject({ ok: true, value: { evidencePerRule: 5, workers: 0, reviewer: { name: '设置中的复核员' } } });
    expect(await t.call('settings:get', {})).toEqual(set);
  });
});

describe('dispatch', () => {
  it('refuses before the handler runs, and hides internal errors from the page', async () => {
    const t = setup();
    const boom = { ...t.handlers, 'settings:get': vi.fn(async () => { throw new Error('disk on fire at /home/u/secret'); }) };
    const env = await dispatch(boom, 'settings:get', {}, t.log);
    expect(env).toEqual({ ok: false, error: { code: 'internal', message: '内部错误，详情见日志' } });
    expect(t.log).toHaveBeenCalledWith(expect.stringContaining('disk on fire'));
    expect(await dispatch(boom, 'settings:get', { x: 1 }, t.log)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(boom['settings:get']).toHaveBeenCalledTimes(1);
    expect(await dispatch(boom, 'shell:openExternal', {}, t.log)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatch(boom, '__proto__', {}, t.log)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
