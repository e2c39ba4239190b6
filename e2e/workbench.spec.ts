// The reviewer's workbench end to end: the built renderer in Debian's Chromium through the
// loopback host, with the real engine and PDF services. Every flow starts in a fresh
// browser context (its own IndexedDB) and makes the cases it needs. No fixed sleeps: each
// step waits for an element or a state. Every screen is checked with axe-core and
// photographed at the project's size (test-results/screens).

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import {
  CLEAN, createCase, EXPECTED_CLEAN, EXPECTED_FULL, expect, expectNoProblems, FULL, KEY_P12, KEY_PASSWORD, platformFonts, ROOT, SAVED,
  screen, setReviewer, tall, test,
} from './fixtures.js';

/** Rows of the findings table as rendered: rule, status. */
async function findingRows(page: Page) {
  return page.locator('[data-testid="findings-table"] tbody tr[data-rule]').evaluateAll((trs) =>
    trs.map((tr) => ({ rule: tr.getAttribute('data-rule')!, status: tr.getAttribute('data-status')! })));
}

async function openRule(page: Page, ruleId: string) {
  await page.getByTestId('findings-search').fill(ruleId);
  await page.locator(`[data-testid="findings-table"] tr[data-rule="${ruleId}"]`).click();
  await page.locator(`[data-testid="finding-detail"][data-rule="${ruleId}"]`).waitFor();
}

/** The path a save reports ("已保存到 …"). */
async function savedPath(page: Page): Promise<string> {
  await page.getByTestId('saved-path').waitFor();
  return (await page.getByTestId('saved-path').textContent())!.replace(/^已保存到\s*/, '').trim();
}

test('creates a case from the full sample, watching progress, and reads the overview', async ({ app, page }) => {
  // Tall enough for the (virtualised) findings table to render every rule at once.
  await tall(page, 3000);
  await expect(page).toHaveTitle('合规审查台');
  // The secret left the address bar as soon as the page read it.
  await expect(page).toHaveURL(`${app.host.origin}/`);
  await page.getByTestId('cases-empty').waitFor();
  await screen(page, '01-cases-empty');

  // Record every progress state the page shows, however briefly.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = seen;
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="progress"]');
      if (p) seen.push(`${p.getAttribute('data-phase')}|${p.textContent}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const caseId = await createCase(page, FULL);
  const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.some((s) => /^(records|logs|verdicts|done)\|/.test(s))).toBe(true);
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/overview`);

  // Counts by status are the expected statuses of the sample.
  const expectedCounts: Record<string, number> = {};
  for (const r of Object.values(EXPECTED_FULL.rules)) expectedCounts[r.status] = (expectedCounts[r.status] ?? 0) + 1;
  const counts = await page.locator('[data-testid="status-counts"] li').evaluateAll((lis) =>
    Object.fromEntries(lis.map((li) => [li.getAttribute('data-status'), Number(li.getAttribute('data-count'))])));
  for (const [s, n] of Object.entries(counts)) expect(n, s).toBe(expectedCounts[s] ?? 0);
  // No decisions yet: the conclusion after review is the tool's.
  const conclusionCard = page.locator('.conclusion-card [data-conclusion]');
  expect(await page.getByTestId('tool-conclusion').textContent()).toContain(await conclusionCard.textContent());
  expect(['compliant', 'basically_compliant', 'non_compliant']).toContain(await conclusionCard.getAttribute('data-conclusion'));

  // The matrix holds every rule once, per article.
  const matrix = await page.locator('[data-testid="article-matrix"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ article: Number(tr.getAttribute('data-article')), total: Number(tr.querySelector('.total')!.textContent) })));
  expect(matrix.reduce((s, r) => s + r.total, 0)).toBe(Object.keys(EXPECTED_FULL.rules).length);
  const articles = [...new Set(Object.keys(EXPECTED_FULL.rules).map((id) => Number(id.split('-')[1])))].sort((a, b) => a - b);
  expect(matrix.map((r) => r.article)).toEqual(articles);

  // Integrity follows JZ-17-03.
  await expect(page.getByTestId('integrity')).toHaveAttribute('data-intact', EXPECTED_FULL.rules['JZ-17-03'].status === 'pass' ? 'true' : 'false');
  await screen(page, '03-overview');

  // Chinese is drawn with the bundled font, not a system one.
  const fonts = await platformFonts(page, '.brand-name');
  expect(fonts.map((f) => f.familyName)).toEqual(['Noto Sans SC']);
  expect(fonts[0].isCustomFont).toBe(true);
  expect(app.requests.some((u) => /NotoSansSC_400Regular.*\.ttf$/.test(u))).toBe(true);

  // Every rule's status as the sample expects, in the findings table.
  await page.getByTestId('case-tab-findings').click();
  await page.locator('[data-testid="findings-table"] tr[data-rule]').first().waitFor();
  const rows = await findingRows(page);
  expect(rows.map((r) => r.rule)).toEqual(Object.keys(EXPECTED_FULL.rules).sort());
  for (const r of rows) expect(r.status, r.rule).toBe(EXPECTED_FULL.rules[r.rule].status);

  // Progress came over the host's event stream; nothing went anywhere else, nothing broke.
  expect(app.requests.some((u) => u.startsWith(`${app.host.origin}/events?`))).toBe(true);
  expectNoProblems(app);
});

test('filters findings to one article, opens the evidence, copies a line; keyboard moves the selection', async ({ app, page }) => {
  const caseId = await createCase(page, FULL);

  // From the matrix: article 6, failures.
  await page.getByTestId('matrix-6-fail').click();
  await page.getByTestId('findings-table').waitFor();
  const six = await findingRows(page);
  const expectedSix = Object.entries(EXPECTED_FULL.rules).filter(([id, r]) => id.startsWith('JZ-06-') && r.status === 'fail').map(([id]) => id).sort();
  expect(six.map((r) => r.rule)).toEqual(expectedSix);
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/findings/${expectedSix[0]}`);

  // The article filter alone (all statuses of article 7), then text within it.
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByTestId('filter-article').selectOption('7');
  const seven = await findingRows(page);
  expect(seven.map((r) => r.rule)).toEqual(Object.keys(EXPECTED_FULL.rules).filter((id) => id.startsWith('JZ-07-')).sort());
  await expect(page.getByTestId('findings-count')).toContainText(`${seven.length} / ${Object.keys(EXPECTED_FULL.rules).length}`);

  // Keyboard: the table takes ↓ and moves the selection (and the detail) to the next rule.
  await page.locator(`[data-testid="findings-table"] tr[data-rule="${seven[0].rule}"]`).click();
  await page.getByTestId('findings-scroll').focus();
  await page.keyboard.press('ArrowDown');
  await page.locator(`[data-testid="finding-detail"][data-rule="${seven[1].rule}"]`).waitFor();

  // Sort by evidence count: a number column sorts most first on the first click.
  await page.getByTestId('filter-article').selectOption('');
  const evidenceHeader = page.locator('[data-testid="findings-table"] th').filter({ hasText: '证据' });
  await evidenceHeader.getByRole('button').click();
  await expect(evidenceHeader).toHaveAttribute('aria-sort', 'descending');
  const counts = await page.locator('[data-testid="findings-table"] tbody tr[data-rule] td.num').allTextContents();
  const numbers = counts.map((c) => Number(c.replace(/,/g, '')));
  expect(numbers.length).toBeGreaterThan(3);
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await evidenceHeader.getByRole('button').click();
  await expect(evidenceHeader).toHaveAttribute('aria-sort', 'ascending');
  await evidenceHeader.getByRole('button').click();

  // Group by article.
  await page.getByTestId('filter-article').selectOption('');
  await page.getByTestId('group-by-article').check();
  await page.locator('tr.vt-group').first().waitFor();
  await screen(page, '05-findings-grouped');
  await page.getByTestId('group-by-article').uncheck();

  // JZ-06-01: article 6 quoted as issued, what is checked, its message, then its evidence.
  await page.getByTestId('filter-article').selectOption('6');
  await page.locator('[data-testid="findings-table"] tr[data-rule="JZ-06-01"]').click();
  const detail = page.locator('[data-testid="finding-detail"][data-rule="JZ-06-01"]');
  await expect(detail.getByTestId('article-quote')).toContainText('作为公共数据授权运营的统一通道');
  await detail.getByTestId('article-points').waitFor();
  await expect(detail.getByTestId('finding-message')).toHaveText(/[\u4e00-\u9fff]/);
  await screen(page, '04-findings');
  await page.getByTestId('detail-tab-evidence').click();
  await page.locator('[data-testid="evidence-table"] tr[data-file]').first().waitFor();
  const evidence = await page.locator('[data-testid="evidence-table"] tr[data-file]').evaluateAll((trs) =>
    trs.map((tr) => ({ file: tr.getAttribute('data-file')!, line: tr.getAttribute('data-line')!, text: tr.textContent! })));
  for (const id of EXPECTED_FULL.rules['JZ-06-01'].eventIds) expect(evidence.some((e) => e.text.includes(id)), id).toBe(true);
  expect(evidence.every((e) => e.file.startsWith('logs/') && Number(e.line) > 0)).toBe(true);
  await screen(page, '06-evidence');

  // Narrow to one event id, copy its line.
  const one = EXPECTED_FULL.rules['JZ-06-01'].eventIds[0];
  await page.getByTestId('evidence-filter').fill(one);
  const row = page.locator('[data-testid="evidence-table"] tr[data-file]');
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /复制第 1 行证据/ }).click();
  await row.locator('[data-copied]').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`${await row.getAttribute('data-file')}:${await row.getAttribute('data-line')}`);
  expect(copied).toContain(one);

  // The record as the bundle wrote it, opened below the table: its fields labelled, the raw line beside.
  await row.getByTestId('evidence-open').click();
  const raw = page.getByTestId('evidence-raw');
  await expect(raw).toContainText('操作');
  await expect(raw.locator('[data-raw]')).toContainText(one);
  await screen(page, '06-evidence-raw');
  expectNoProblems(app);
});

test('overrides a status with a reason, judges an open rule, adds a waiver; after a reload every decision is still there', async ({ app, page }) => {
  await setReviewer(page);
  await screen(page, '12-settings');
  const caseId = await createCase(page, FULL);
  await page.getByTestId('case-tab-findings').click();

  // Override JZ-07-01 (a failure) to pass: refused without a reason, saved with one.
  await openRule(page, 'JZ-07-01');
  await page.getByTestId('detail-tab-decide').click();
  await page.getByTestId('decide-kind-override').check();
  await page.getByTestId('decide-status').selectOption('pass');
  await page.getByTestId('decide-submit').click();
  await expect(page.getByTestId('decide-problems')).toContainText('请填写理由');
  await page.getByTestId('decide-reason').fill('现场核验：平台已具备全部技术能力，证据包遗漏了能力清单');
  await page.getByTestId('decide-submit').click();
  await page.locator('[data-testid="decision-history"] li[data-kind="override"]').waitFor();
  await page.locator('[data-testid="findings-table"] tr[data-rule="JZ-07-01"][data-status="pass"]').waitFor();

  // A manual judgment of a rule the tool left open.
  const open = Object.entries(EXPECTED_FULL.rules).find(([, r]) => r.status === 'needs_review')![0];
  await openRule(page, open);
  await page.getByTestId('detail-tab-decide').click();
  await page.getByTestId('decide-kind-judgment').check();
  await page.getByTestId('decide-status').selectOption('pass');
  await page.getByTestId('decide-reason').fill('人工复核：集中度有合理解释');
  await page.getByTestId('decide-submit').click();
  await page.locator('[data-testid="decision-history"] li[data-kind="judgment"]').waitFor();

  // A waiver of JZ-06-01.
  await openRule(page, 'JZ-06-01');
  await page.getByTestId('detail-tab-decide').click();
  await page.getByTestId('decide-kind-waiver').check();
  await page.getByTestId('decide-reason').fill('线下渠道为过渡安排，已报批');
  await page.getByTestId('decide-approver').fill('王局长');
  await page.getByTestId('decide-approvalDoc').fill('锦数〔2027〕1号');
  await page.getByTestId('decide-expires').fill('2099-12-31');
  await page.getByTestId('decide-submit').click();
  await page.locator('[data-testid="decision-history"] li[data-kind="waiver"]').waitFor();
  await screen(page, '07-decide');

  // Reload: the route brings back the same case and rule; the decisions come from IndexedDB.
  await page.reload();
  await page.locator('[data-testid="finding-detail"][data-rule="JZ-06-01"]').waitFor();
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/findings/JZ-06-01`);
  await page.getByTestId('detail-tab-decide').click();
  const waiver = page.locator('[data-testid="decision-history"] li[data-kind="waiver"]');
  await expect(waiver).toContainText('王局长');
  await expect(waiver).toContainText('锦数〔2027〕1号');
  await expect(waiver).toContainText('2099-12-31');
  await page.getByTestId('findings-search').fill('JZ-07-01');
  await page.locator('[data-testid="findings-table"] tr[data-rule="JZ-07-01"][data-status="pass"]').waitFor();

  // The review record: three decisions, the log chained and intact.
  await page.getByTestId('case-tab-decisions').click();
  const kinds = await page.locator('[data-testid="decisions-table"] tr[data-kind]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind')));
  expect(kinds).toEqual(['override', 'judgment', 'waiver']);
  await expect(page.getByTestId('log-check')).toHaveAttribute('data-ok', 'true');
  const actions = await page.locator('[data-testid="log-table"] tr[data-action]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
  expect(actions).toEqual(['case_open', 'review_run', 'decision_add', 'decision_add', 'decision_add']);
  await screen(page, '08-decisions-log');
  expectNoProblems(app);
});

test('deletes a case only after confirming', async ({ app, page }) => {
  await createCase(page, FULL);
  await page.getByTestId('nav-cases').click();
  const cases = page.locator('[data-testid="cases-table"] tr[data-case]');
  await cases.waitFor();
  await screen(page, '02-cases');
  await page.getByTestId('case-search').fill('锦州 2026');
  await expect(cases).toHaveCount(1);
  await page.getByTestId('case-search').fill('沈阳');
  await page.getByTestId('cases-empty').waitFor();
  await page.getByTestId('case-search').fill('');
  await page.getByTestId('delete-case').click();
  await page.getByTestId('confirm-dialog').waitFor();
  await screen(page, '02-cases-delete-dialog');
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('confirm-dialog')).toBeHidden();
  await expect(cases).toHaveCount(1);
  await page.getByTestId('delete-case').click();
  await page.getByTestId('confirm').click();
  await page.getByTestId('cases-empty').waitFor();
  await page.reload();
  await page.getByTestId('cases-empty').waitFor();
  expectNoProblems(app);
});

test('signs a report, saves it, verifies it once its own certificate is pinned, and tells a changed copy', async ({ app, page, scratch }) => {
  await setReviewer(page);
  await page.getByTestId('key-path').fill(KEY_P12);
  await page.getByTestId('key-password').fill(KEY_PASSWORD);
  await page.getByTestId('import-key').click();
  await expect(page.getByTestId('key-info')).toContainText('审查员甲');
  await createCase(page, FULL);
  await page.getByTestId('case-tab-report').click();
  await page.getByTestId('build-report').click();
  await page.getByTestId('report-preview').waitFor({ timeout: 60_000 });
  const reportId = (await page.getByTestId('report-id').textContent())!;
  expect(reportId).toMatch(/^CD-\d{8}-[0-9A-F]{6}$/);

  // Before signing, the report itself, page by page: turned by the keyboard, each page drawn.
  const pages = page.getByTestId('report-pages');
  await expect(pages).toHaveAttribute('data-drawn', 'true', { timeout: 60_000 });
  expect(Number(await pages.getAttribute('data-pages'))).toBeGreaterThan(10);
  await screen(page, '09-report-page-1');
  await page.getByTestId('page-frame').focus();
  await page.keyboard.press('PageDown');
  await expect(pages).toHaveAttribute('data-page', '2');
  await expect(pages).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  const inked = await page.getByTestId('page-canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
    return dark;
  });
  expect(inked, 'page 2 has text drawn on it').toBeGreaterThan(1000);
  await screen(page, '09-report-page-2');
  await page.keyboard.press('PageUp');
  await expect(pages).toHaveAttribute('data-page', '1');
  await page.keyboard.press('End');
  await expect(page.getByTestId('page-label')).toContainText(`第 ${await pages.getAttribute('data-pages')} 页`);
  await page.getByTestId('sign-report').click();
  await page.getByTestId('signed').waitFor({ timeout: 60_000 });
  await page.getByTestId('save-signed').click();
  const saved = await savedPath(page);
  expect(saved.startsWith(SAVED)).toBe(true);
  expect(existsSync(saved)).toBe(true);
  await page.getByTestId('verify-own').click();
  await page.getByTestId('verification').waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('signature')).toHaveAttribute('data-integrity', 'intact');
  await screen(page, '10-report');

  // A self-made key is nobody's until its certificate is pinned in the trust store.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('trust-path').fill(KEY_P12);
  await page.getByTestId('trust-label').fill('审查员甲（自签名）');
  await page.getByTestId('trust-kind').selectOption('certificate');
  await page.getByTestId('trust-password').fill(KEY_PASSWORD);
  await page.getByTestId('trust-add').click();
  await expect(page.getByTestId('trust-entry').filter({ hasText: '审查员甲（自签名）' }).first()).toBeVisible();

  // The saved PDF, verified as someone else would: by its path.
  await page.getByTestId('nav-verify').click();
  await page.getByTestId('verify-path').fill(saved);
  await page.getByTestId('verify-run').click();
  const v = page.getByTestId('verification');
  await v.waitFor({ timeout: 60_000 });
  await expect(v).toHaveAttribute('data-ok', 'true');
  await expect(v).toHaveAttribute('data-integrity', 'intact');
  await expect(page.getByTestId('signature')).toHaveAttribute('data-indication', 'TOTAL_PASSED');
  await expect(page.getByTestId('verify-signer')).toContainText('审查员甲');
  await expect(page.getByTestId('verify-time')).toHaveText(/\d{4}-\d{2}-\d{2}/);
  await screen(page, '11-verify');

  // A copy changed after signing: one byte inside the signed range.
  const changed = join(scratch, 'changed.pdf');
  copyFileSync(saved, changed);
  const bytes = readFileSync(changed);
  const at = bytes.indexOf(Buffer.from(reportId));
  expect(at).toBeGreaterThan(0);
  bytes[at + reportId.length - 1] = bytes[at + reportId.length - 1] === 0x41 ? 0x42 : 0x41;
  writeFileSync(changed, bytes);
  await page.getByTestId('verify-path').fill(changed);
  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('signature')).toHaveAttribute('data-indication', 'TOTAL_FAILED', { timeout: 60_000 });
  await expect(page.getByTestId('verification')).toHaveAttribute('data-ok', 'false');
  expectNoProblems(app);
});

test('re-runs the clean bundle into the same case and compares: changed rules, rectification closed', async ({ app, page }) => {
  // Tall enough for the (virtualised) comparison to render every changed rule at once.
  await tall(page, 4000);
  await setReviewer(page);
  const caseId = await createCase(page, FULL);
  const fixedRules = Object.keys(EXPECTED_FULL.rules).filter((id) => EXPECTED_FULL.rules[id].status === 'fail' && EXPECTED_CLEAN.rules[id]?.status === 'pass');
  const target = fixedRules[0];
  await page.getByTestId('case-tab-findings').click();
  await openRule(page, target);
  await page.getByTestId('detail-tab-decide').click();
  await page.getByTestId('decide-kind-rectification').check();
  await page.getByTestId('decide-reason').fill('关闭线下交付渠道，全部经统一平台提供');
  await page.getByTestId('decide-deadline').fill('2099-03-31');
  await page.getByTestId('decide-submit').click();
  await page.locator('[data-testid="decision-history"] li[data-kind="rectification"]').waitFor();

  await page.getByTestId('case-tab-compare').click();
  await page.getByTestId('compare-need-two').waitFor();
  await page.getByTestId('bundle-path').fill(CLEAN);
  await page.getByTestId('run').click();
  await page.getByTestId('compare-summary').waitFor({ timeout: 60_000 });
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/compare`);
  const changes = await page.locator('[data-testid="compare-table"] tr[data-rule]').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-rule'), tr.getAttribute('data-change')])));
  const expectedChanged = Object.keys(EXPECTED_FULL.rules).filter((id) => EXPECTED_FULL.rules[id].status !== EXPECTED_CLEAN.rules[id]?.status);
  expect(Object.keys(changes).sort()).toEqual(expectedChanged.sort());
  expect(changes[target]).toBe('improved');
  await expect(page.locator(`[data-testid="rect-table"] tr[data-rule="${target}"]`)).toHaveAttribute('data-closed', 'true');
  await expect(page.getByTestId('rect-summary')).toContainText('1 / 1');
  await screen(page, '09-compare');

  // The case now has two runs; the latest is current.
  await page.getByTestId('nav-cases').click();
  await expect(page.locator(`[data-testid="cases-table"] tr[data-case="${caseId}"] td.num`).first()).toHaveText('2');
  expectNoProblems(app);
});

test('reviews with the default profile: a changed parameter beside its default, a disabled rule', async ({ app, page }) => {
  await page.getByTestId('nav-settings').click();
  const param = page.locator('[data-param="JZ-17-01.max_log_gap_hours"]');
  await param.locator('input').fill('48');
  await param.locator('input').press('Enter');
  await page.locator('[data-param="JZ-17-01.max_log_gap_hours"][data-changed="true"]').waitFor();
  await expect(param).toContainText('默认：72');
  await page.locator('li[data-rule="JZ-24-01"] input[type="checkbox"]').uncheck();
  await expect(page.getByTestId('profile-summary')).toHaveText('1 项参数调整，1 条规则停用');
  await param.scrollIntoViewIfNeeded();
  await screen(page, '12-settings-profile');
  // The profile survives a reload (IndexedDB) and goes with the next review.
  await page.reload();
  await page.locator('[data-param="JZ-17-01.max_log_gap_hours"][data-changed="true"]').waitFor();
  await createCase(page, FULL);
  const overview = page.getByTestId('overview');
  await expect(overview.getByTestId('changed-param')).toHaveText('JZ-17-01 · 日志最长间隔：48 小时');
  await expect(overview).toContainText('停用：JZ-24-01');
  const totals = await page.locator('[data-testid="article-matrix"] tbody tr .total').allTextContents();
  expect(totals.reduce((a, b) => a + Number(b), 0)).toBe(Object.keys(EXPECTED_FULL.rules).length - 1);
  expectNoProblems(app);
});

test('switches to English and keeps the choice across a reload', async ({ app, page }) => {
  await createCase(page, FULL);
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('nav-cases')).toHaveText('Cases');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await page.getByTestId('overview').waitFor();
  await expect(page.getByTestId('nav-cases')).toHaveText('Cases');
  await screen(page, '13-overview-en');

  // Every screen in English, photographed: a rule's basis, its evidence with a record opened, each tab of the case.
  await page.getByTestId('case-tab-findings').click();
  await openRule(page, 'JZ-06-01');
  await expect(page.getByTestId('detail-tab-basis')).toHaveText('Basis and result');
  await screen(page, '13-findings-basis-en');
  await page.getByTestId('detail-tab-evidence').click();
  await page.locator('[data-testid="evidence-table"] tr[data-file]').first().getByTestId('evidence-open').click();
  await expect(page.getByTestId('evidence-raw')).toContainText('action');
  await screen(page, '13-findings-evidence-en');
  for (const tab of ['incidents', 'decisions', 'compare', 'report'] as const) {
    await page.getByTestId(`case-tab-${tab}`).click();
    await expect(page.getByTestId(`case-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
    await screen(page, `13-${tab}-en`);
  }
  await page.getByTestId('case-tab-incidents').click();
  for (const view of ['around', 'episodes'] as const) {
    await page.getByTestId(`inc-tab-${view}`).click();
    await expect(page.getByTestId('incidents')).toHaveAttribute('data-view', view);
    if (view === 'around') await page.locator('[data-testid="around-info"][data-status="ready"]').waitFor({ timeout: 60_000 });
    else await expect(page.getByTestId('episode-fold-open')).toHaveText(/^No conclusion yet: \d+ uncovered signs? (has|have) not been judged yet\.$/);
    await screen(page, `13-incidents-${view}-en`);
  }
  for (const nav of ['settings', 'verify', 'cases'] as const) {
    await page.getByTestId(`nav-${nav}`).click();
    await screen(page, `13-${nav}-en`);
  }
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('nav-cases')).toHaveText('评估任务');
  expectNoProblems(app);
});

test('shows a long review’s progress (bytes, events/s, time left); cancel leaves nothing behind', async ({ app, page, scratch }) => {
  // A large, compliant synthetic bundle from the benchmark's generator: the real engine
  // reads it long enough to watch and to cancel mid-way.
  const big = join(scratch, 'big-bundle');
  await test.step('generate a 600 MB bundle', () =>
    promisify(execFile)(process.execPath, [join(ROOT, 'scripts/make-synthetic-logs.js'), big, '--mb', '600', '--quiet']));
  await page.getByTestId('bundle-path').fill(big);
  await page.getByTestId('run').click();
  const bytes = page.getByTestId('progress-bytes');
  await expect.poll(async () => Number((await bytes.count()) ? await bytes.getAttribute('data-done') : 0), { timeout: 60_000 }).toBeGreaterThan(0);
  expect(Number(await bytes.getAttribute('data-total'))).toBeGreaterThan(500_000_000);
  await expect(bytes).toHaveText(/MB \/ \d+(\.\d)? MB/);
  await page.getByTestId('progress-eta').waitFor();
  await expect(page.getByTestId('progress-rate')).toHaveText(/条事件\/秒/);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'logs');
  await screen(page, '02-progress');
  await page.getByTestId('cancel-review').click();
  await page.getByTestId('run-cancelled').waitFor({ timeout: 60_000 });
  // Nothing was written: no case now, none after a reload.
  await expect(page.getByTestId('cases-empty')).toHaveCount(1);
  await page.reload();
  await page.getByTestId('cases-empty').waitFor();
  expectNoProblems(app);
});

test('shows a bundle that cannot be read as an error, in Chinese, and keeps no case', async ({ app, page }) => {
  await page.getByTestId('bundle-path').fill(join(FULL, 'no-such-folder'));
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-error')).toHaveText(/[\u4e00-\u9fff]/, { timeout: 30_000 });
  await expect(page.getByTestId('cases-empty')).toHaveCount(1);
  expectNoProblems(app);
});

test('a page of another origin cannot call the host', async ({ page, host }) => {
  const attacker = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>other site</title>');
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
  try {
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}`);
    const outcome = await page.evaluate(async (target) => {
      const results: string[] = [];
      try {
        await fetch(`${target}/ipc/settings:set`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"patch":{"workers":7}}' });
        results.push('cors: sent');
      } catch {
        results.push('cors: blocked');
      }
      await fetch(`${target}/ipc/settings:set`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"patch":{"workers":7}}' }).catch(() => {});
      return results;
    }, host.origin);
    expect(outcome).toEqual(['cors: blocked']);
  } finally {
    attacker.closeAllConnections();
    await new Promise((r) => attacker.close(r));
  }
  // Neither request changed the host's settings.
  const res = await fetch(`${host.origin}/ipc/settings:get`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: host.origin, 'X-Desk-Secret': host.secret }, body: '{}',
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { value: { workers: number | null } }).value.workers).not.toBe(7);
});
