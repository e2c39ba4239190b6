// The incident audit (事件核查) end to end, in Chromium through the loopback host with the
// real engine and PDF services, on the full sample bundle: timelines against the
// deadlines, the logs around an incident with marks, the JZ-21-03 episodes judged into the
// rule's decision, everything surviving a reload, and the incident section and review log
// in the PDF. A fresh browser context, no fixed sleeps, axe-core and a screenshot on every
// incident screen.

import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { runTool } from '../test/tools.js';
import { createCase, expect, expectNoProblems, FULL, screen, setReviewer, test } from './fixtures.js';

/** The notice of the last step would hide part of the screen: closed first (it goes by itself later). */
async function shot(page: Page, name: string) {
  const notice = page.getByTestId('notice');
  if (await notice.count()) {
    // It may go by itself while being closed (the button then leaves the page mid-click): either way it must be gone.
    await notice.getByRole('button').click({ timeout: 5_000 }).catch(() => {});
    await expect(notice).toHaveCount(0);
  }
  await screen(page, name);
}

interface EpisodeRow {
  key: string;
  kind: string;
  covered: boolean;
  nearest: string;
  verdict: string;
}

async function episodeRows(page: Page): Promise<EpisodeRow[]> {
  return page.locator('[data-testid="episodes-table"] tbody tr[data-episode]').evaluateAll((trs) => trs.map((tr) => ({
    key: tr.getAttribute('data-episode')!,
    kind: tr.getAttribute('data-kind')!,
    covered: tr.getAttribute('data-covered') === 'true',
    nearest: tr.getAttribute('data-nearest')!,
    verdict: tr.getAttribute('data-verdict')!,
  })));
}

const quoted = (key: string) => key.replace(/"/g, '\\"');

function episodeRow(page: Page, key: string) {
  return page.locator(`[data-testid="episodes-table"] tbody tr[data-episode="${quoted(key)}"]`);
}

async function judge(page: Page, key: string, verdict: 'explained' | 'needs_incident_report', note: string) {
  const judgedBefore = await episodeRow(page, key).getAttribute('data-verdict');
  await episodeRow(page, key).getByTestId('episode-open').click();
  const detail = page.locator(`[data-testid="episode-detail"][data-episode="${quoted(key)}"]`);
  await detail.waitFor();
  // A first judgment starts with nothing chosen, and cannot be saved so.
  if (!judgedBefore) {
    await expect(detail.locator('input[name="episode-verdict"]:checked')).toHaveCount(0);
    await detail.getByTestId('episode-note').fill(note);
    await detail.getByTestId('episode-save').click();
    await detail.getByTestId('episode-no-verdict').waitFor();
  }
  await detail.getByTestId(`episode-verdict-${verdict}`).check();
  await detail.getByTestId('episode-note').fill(note);
  await detail.getByTestId('episode-save').click();
  await page.locator(`[data-testid="episodes-table"] tbody tr[data-verdict="${verdict}"][data-episode="${quoted(key)}"]`).waitFor();
}

/** Rows of the logs table as rendered (the virtualised table renders those in view). */
async function aroundRows(page: Page) {
  return page.locator('[data-testid="around-table"] tbody tr[data-place]').evaluateAll((trs) => trs.map((tr) => ({
    place: tr.getAttribute('data-place')!,
    at: tr.getAttribute('data-at')!,
    marked: tr.getAttribute('data-marked') === 'true',
    event: tr.getAttribute('data-event')!,
  })));
}

async function aroundReady(page: Page): Promise<number> {
  await page.locator('[data-testid="around-info"][data-status="ready"]').waitFor({ timeout: 60_000 });
  return Number(await page.getByTestId('around-count').getAttribute('data-count'));
}

test('timelines, logs around an incident with marks, episodes judged into JZ-21-03; all kept across a reload and in the report', async ({ app, page }) => {
  await setReviewer(page);
  const caseId = await createCase(page, FULL);
  await page.getByTestId('case-tab-incidents').click();
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/incidents`);

  // ---- Timelines: the late incident shows its lateness against its grade's deadline.
  const late = page.locator('[data-testid="incident-timeline"][data-incident="INC-2026-002"]');
  await late.waitFor({ timeout: 60_000 });
  await expect(late).toHaveAttribute('data-verdict', 'late');
  const reported = late.locator('tr[data-step="reported"]');
  await expect(reported).toHaveAttribute('data-state', 'late');
  await expect(reported).toHaveAttribute('data-late-minutes', '60');
  await expect(reported).toHaveAttribute('data-limit', '240');
  await expect(reported.getByTestId('late-minutes')).toHaveText('超时 60 分钟');
  await expect(reported).toContainText('限 240 分钟');
  await expect(late.locator('tr[data-step="plan_activated"]')).toHaveAttribute('data-state', 'ok');
  await expect(late.getByTestId('incident-datasets')).toContainText('DS-HEALTH-02');
  await expect(late).toContainText('合作方接口凭证泄露');
  await expect(late.locator('svg.tl-lane')).toHaveCount(4);
  const onTime = page.locator('[data-testid="incident-timeline"][data-incident="INC-2026-001"]');
  await expect(onTime).toHaveAttribute('data-verdict', 'on_time');
  await expect(onTime.getByTestId('late-minutes')).toHaveCount(0);
  await expect(page.getByTestId('deadlines')).toContainText('重大 240 分钟');
  await shot(page, '14-incidents-timeline');

  // ---- Episodes: three uncovered (denied burst, bulk download, log deletion); the bulk
  // export beside INC-2026-001 is covered by it.
  await page.getByTestId('inc-tab-episodes').click();
  await page.getByTestId('episodes-table').waitFor();
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/incidents/episodes`);
  const episodes = await episodeRows(page);
  const uncovered = episodes.filter((e) => !e.covered);
  expect(uncovered.map((e) => e.kind).sort()).toEqual(['bulk_transfer', 'denied_burst', 'log_delete']);
  const covered = episodes.filter((e) => e.covered);
  expect(covered.map((e) => [e.kind, e.nearest])).toEqual([['bulk_transfer', 'INC-2026-001']]);
  await expect(episodeRow(page, covered[0].key).getByTestId('episode-covered')).toHaveText('已覆盖');
  await shot(page, '15-incidents-episodes');
  // Its event is the export; the uncovered bulk transfer is a download.
  await episodeRow(page, covered[0].key).getByTestId('episode-open').click();
  const coveredDetail = page.getByTestId('episode-detail');
  await coveredDetail.waitFor();
  await expect(coveredDetail).toContainText('INC-2026-001');
  const download = uncovered.find((e) => e.kind === 'bulk_transfer')!;
  await episodeRow(page, download.key).getByTestId('episode-open').click();
  const downloadDetail = page.locator(`[data-testid="episode-detail"][data-episode="${quoted(download.key)}"]`);
  await downloadDetail.waitFor();
  await expect(downloadDetail.getByTestId('episode-events')).toHaveText(/download/);
  const burst = uncovered.find((e) => e.kind === 'denied_burst')!;
  await episodeRow(page, burst.key).getByTestId('episode-open').click();
  const burstEvents = page.locator(`[data-testid="episode-detail"][data-episode="${quoted(burst.key)}"] [data-testid="episode-events"] tbody tr`);
  await burstEvents.first().waitFor();
  expect(await burstEvents.count()).toBeGreaterThan(1);
  await shot(page, '15-incidents-episodes-detail');
  await expect(page.getByTestId('episode-fold')).toHaveAttribute('data-proposal', 'open');

  // Judge every uncovered one: the log deletion needed an incident report.
  const logDelete = uncovered.find((e) => e.kind === 'log_delete')!;
  await judge(page, logDelete.key, 'needs_incident_report', '删除审计日志未见审批记录，应按数据安全事件报告');
  await judge(page, burst.key, 'explained', '密码过期后集中重试，已核实为本人操作');
  await judge(page, download.key, 'explained', '按合同向签约单位交付，有审批单');
  const fold = page.getByTestId('episode-fold');
  await expect(fold).toHaveAttribute('data-proposal', 'ready');
  await expect(fold).toHaveAttribute('data-status', 'fail');
  await expect(fold).toContainText('删除审计日志未见审批记录');
  await shot(page, '15-incidents-episodes-judged');
  await page.getByTestId('record-episode-decision').click();
  await page.getByTestId('episode-decision-recorded').waitFor();

  // ---- The logs around INC-2026-002, from its timeline.
  await page.getByTestId('inc-tab-timelines').click();
  await late.getByTestId('show-logs').click();
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/incidents/around/INC-2026-002`);
  const wide = await aroundReady(page);
  expect(wide).toBeGreaterThan(0);
  await expect(page.getByTestId('around-window')).toHaveText('时间窗 2026-10-20 08:10 至 2026-10-24 08:10');
  for (const r of await aroundRows(page)) expect(r.at >= '2026-10-20T08:10:00+08:00' && r.at <= '2026-10-24T08:10:00+08:00', r.at).toBe(true);
  // The incident's own dataset, marked relevant.
  await page.getByTestId('reason-dataset').click();
  const datasetRows = await aroundRows(page);
  expect(datasetRows.length).toBeGreaterThan(0);
  const target = datasetRows[0];
  const targetRow = page.locator(`[data-testid="around-table"] tr[data-place="${target.place}"]`);
  await expect(targetRow).toContainText('DS-HEALTH-02');
  await targetRow.getByTestId('mark-event').check();
  await page.locator(`[data-testid="around-table"] tr[data-place="${target.place}"][data-marked="true"]`).waitFor();
  await expect(page.getByTestId('marked-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('reason-dataset').click();
  await shot(page, '16-incidents-around');

  // A narrower window: 2 h each side.
  await page.getByTestId('around-before').fill('2');
  await page.getByTestId('around-after').fill('2');
  await page.getByTestId('around-apply').click();
  await expect(page.getByTestId('around-window')).toHaveText('时间窗 2026-10-21 06:10 至 2026-10-21 10:10', { timeout: 60_000 });
  const narrow = await aroundReady(page);
  expect(narrow).toBeLessThan(wide);
  for (const r of await aroundRows(page)) expect(r.at >= '2026-10-21T06:10:00+08:00' && r.at <= '2026-10-21T10:10:00+08:00', r.at).toBe(true);
  await shot(page, '16-incidents-around-narrow');

  // ---- A reload: the route, the mark and the judgments come back from IndexedDB.
  await page.reload();
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/incidents/around/INC-2026-002`);
  await aroundReady(page);
  await expect(page.getByTestId('marked-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('marked-only').check();
  await expect.poll(async () => (await aroundRows(page)).map((r) => [r.place, r.marked])).toEqual([[target.place, true]]);
  await page.getByTestId('inc-tab-episodes').click();
  await page.getByTestId('episodes-table').waitFor();
  const judged = Object.fromEntries((await episodeRows(page)).map((e) => [e.key, e.verdict]));
  expect(judged[logDelete.key]).toBe('needs_incident_report');
  expect(judged[burst.key]).toBe('explained');
  expect(judged[download.key]).toBe('explained');
  expect(judged[covered[0].key]).toBe('');
  await expect(page.getByTestId('episode-fold')).toHaveAttribute('data-proposal', 'recorded');

  // The judgments and the decision they led to are in the hash-chained log.
  await page.getByTestId('case-tab-decisions').click();
  await page.locator('[data-testid="decisions-table"] tr[data-rule="JZ-21-03"][data-kind="judgment"]').waitFor();
  await expect(page.getByTestId('log-check')).toHaveAttribute('data-ok', 'true');
  const actions = await page.locator('[data-testid="log-table"] tr[data-action]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
  expect(actions).toEqual(['case_open', 'review_run', 'x-episode_judgment', 'x-episode_judgment', 'x-episode_judgment', 'decision_add']);

  // ---- The report carries the incident section with the judgments, and the review log.
  await page.getByTestId('case-tab-report').click();
  await page.getByTestId('build-report').click();
  await page.getByTestId('report-preview').waitFor({ timeout: 60_000 });
  await page.getByTestId('save-unsigned').click();
  await page.getByTestId('saved-path').waitFor();
  const saved = (await page.getByTestId('saved-path').textContent())!.replace(/^已保存到\s*/, '').trim();
  expect(existsSync(saved)).toBe(true);
  const r = runTool('pdftotext', ['-layout', saved, '-']);
  expect(r.code, r.out).toBe(0);
  const text = r.stdout.replace(/[ \t]+/g, ' ');
  expect(text).toContain('数据安全事件专项核查');
  expect(text).toContain('INC-2026-002');
  expect(text).toContain('超时 60 分钟');
  expect(text).toContain('应按事件报告');
  expect(text).toContain('删除审计日志未见审批记录');
  expect(text).toMatch(/JZ-21-03 应为\s*“不符合”/);
  expect(text).toContain('附录E 复核日志');
  expect(text).toContain('哈希链校验通过：共 6 条');
  expect(text).toContain('判断事件迹象');
  expectNoProblems(app);
});

test('in English, the incident screens keep their structure', async ({ app, page }) => {
  await createCase(page, FULL);
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('case-tab-incidents').click();
  const late = page.locator('[data-testid="incident-timeline"][data-incident="INC-2026-002"]');
  await late.waitFor({ timeout: 60_000 });
  await expect(late.getByTestId('late-minutes')).toHaveText('60 min late');
  await expect(page.getByTestId('case-tab-incidents')).toHaveText('Incidents');
  await shot(page, '17-incidents-timeline-en');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('case-tab-incidents')).toHaveText('事件核查');
  expectNoProblems(app);
});
