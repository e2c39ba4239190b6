// Cases that keep their identity: a re-evaluation with another operator's bundle is refused
// (both cases remain, the offered new case made), an earlier run stays readable read-only
// after a re-evaluation, and the list and the delete dialog tell cases apart. The other
// operator's bundle is made here: a copy of the clean sample with another credit code and
// name in operator.json, its manifest made again by the CLI.

import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { CLEAN, createCase, EXPECTED_CLEAN, EXPECTED_FULL, expect, expectNoProblems, FULL, ROOT, screen, setReviewer, tall, test } from './fixtures.js';

const OTHER_CODE = '91210700MA0JZ0099Q';
const OTHER_NAME = '锦州城市数据服务有限公司';

/** The clean sample as another operator's bundle, in `dir`/<name>. */
async function otherOperatorBundle(dir: string, name = 'other-operator-bundle'): Promise<string> {
  const bundle = join(dir, name);
  cpSync(CLEAN, bundle, { recursive: true });
  const opPath = join(bundle, 'operator.json');
  const op = JSON.parse(readFileSync(opPath, 'utf8')) as { id: string; name: string };
  writeFileSync(opPath, JSON.stringify({ ...op, id: OTHER_CODE, name: OTHER_NAME }, null, 2));
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin/compliance-desk.js'), 'bundle', 'make', bundle, '--operator', OTHER_CODE, '--quiet']);
  return bundle;
}

/** The manifest hash of a bundle as the review records it: SHA-256 of manifest.json. */
async function manifestHash(page: Page, bundle: string): Promise<string> {
  const bytes = [...readFileSync(join(bundle, 'manifest.json'))];
  return page.evaluate(async (b) => {
    const d = await crypto.subtle.digest('SHA-256', new Uint8Array(b));
    return [...new Uint8Array(d)].map((x) => x.toString(16).padStart(2, '0')).join('');
  }, bytes);
}

async function reEvaluate(page: Page, bundle: string) {
  await page.getByTestId('case-tab-compare').click();
  await page.getByTestId('bundle-path').fill(bundle);
  await page.getByTestId('run').click();
}

test('refuses to re-evaluate a case with another operator\'s bundle, naming both; the new case it offers keeps both cases', async ({ app, page, scratch }) => {
  const other = await otherOperatorBundle(scratch);
  const firstId = await createCase(page, FULL);
  const firstName = await page.getByTestId('case-title').textContent();
  expect(firstName).toBe('锦州数据运营有限公司');

  await reEvaluate(page, other);
  const refused = page.getByTestId('run-refused');
  await refused.waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('refused-case')).toHaveText('锦州数据运营有限公司（统一社会信用代码 91210700MA0JZ0001X），评估期 2026-01-01 至 2026-12-31');
  await expect(page.getByTestId('refused-bundle')).toHaveText(`${OTHER_NAME}（统一社会信用代码 ${OTHER_CODE}），评估期 2026-01-01 至 2026-12-31`);
  // Nothing changed: still one run, under the case's own name.
  await expect(page.getByTestId('case-title')).toHaveText('锦州数据运营有限公司');
  await expect(page.getByTestId('compare-need-two')).toBeVisible();
  await refused.scrollIntoViewIfNeeded();
  await screen(page, 'cases-01-refused');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('refused-bundle')).toHaveText(`${OTHER_NAME} (unified social credit code ${OTHER_CODE}), period 2026-01-01 to 2026-12-31`);
  await screen(page, 'cases-01-refused-en');
  await page.getByTestId('lang-toggle').click();

  await page.getByTestId('refused-new-case').click();
  await page.getByTestId('overview').waitFor();
  await expect(page.getByTestId('case-title')).toHaveText(OTHER_NAME);
  const secondId = await page.getByTestId('case').getAttribute('data-case');
  expect(secondId).not.toBe(firstId);

  await page.getByTestId('nav-cases').click();
  const rows = page.locator('[data-testid="cases-table"] tr[data-case]');
  await expect(rows).toHaveCount(2);
  await expect(page.locator(`tr[data-case="${firstId}"]`)).toContainText('锦州数据运营有限公司');
  await expect(page.locator(`tr[data-case="${firstId}"]`)).toContainText('91210700MA0JZ0001X');
  await expect(page.locator(`tr[data-case="${secondId}"]`)).toContainText(OTHER_NAME);
  await expect(page.locator(`tr[data-case="${secondId}"]`)).toContainText('other-operator-bundle');
  await screen(page, 'cases-02-both-cases');

  // Both survive a reload; the first still has its one run.
  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(page.locator(`tr[data-case="${firstId}"] td.num`)).toHaveText('1');
  expectNoProblems(app);
});

test('an earlier run opens read-only after a re-evaluation, with its findings and the decisions made on it; any two runs compare', async ({ app, page }) => {
  await tall(page, 1400);
  await setReviewer(page);
  const caseId = await createCase(page, FULL);
  // A comment on the first run, which the second run does not inherit.
  const rule = Object.keys(EXPECTED_FULL.rules).find((id) => EXPECTED_FULL.rules[id].status === 'fail' && EXPECTED_CLEAN.rules[id]?.status === 'pass')!;
  await page.getByTestId('case-tab-findings').click();
  await page.getByTestId('findings-search').fill(rule);
  await page.locator(`[data-testid="findings-table"] tr[data-rule="${rule}"]`).click();
  await page.getByTestId('detail-tab-decide').click();
  await page.getByTestId('decide-kind-comment').check();
  await page.getByTestId('decide-reason').fill('第一次评估时的意见：线下渠道待核实');
  await page.getByTestId('decide-submit').click();
  await page.locator('[data-testid="decision-history"] li[data-kind="comment"]').waitFor();

  await reEvaluate(page, CLEAN);
  await page.getByTestId('compare-summary').waitFor({ timeout: 60_000 });
  const picker = page.getByTestId('run-picker');
  await expect(picker.locator('option')).toHaveCount(2);
  const run1 = picker.locator('option[data-seq="1"]');
  await expect(run1).toContainText('第 1 次');
  await expect(run1).toContainText(' · bundle · ');
  await expect(run1).toContainText((await manifestHash(page, FULL)).slice(0, 12));
  await expect(picker.locator('option[data-seq="2"]')).toContainText('（当前）');
  await expect(page.getByTestId('case')).toHaveAttribute('data-read-only', 'false');

  // The first run, read-only: its status of the rule, its comment, no decision controls.
  await picker.selectOption((await run1.getAttribute('value'))!);
  const banner = page.getByTestId('read-only');
  await expect(banner).toContainText('只读 · 第 1 次运行');
  await expect(page.getByTestId('case')).toHaveAttribute('data-read-only', 'true');
  await page.getByTestId('case-tab-findings').click();
  await page.getByTestId('findings-search').fill(rule);
  await expect(page.locator(`[data-testid="findings-table"] tr[data-rule="${rule}"]`)).toHaveAttribute('data-status', 'fail');
  await page.locator(`[data-testid="findings-table"] tr[data-rule="${rule}"]`).click();
  await page.getByTestId('detail-tab-decide').click();
  await expect(page.getByTestId('decide-read-only')).toBeVisible();
  await expect(page.getByTestId('decide-submit')).toHaveCount(0);
  await expect(page.getByTestId('decision-history')).toContainText('第一次评估时的意见：线下渠道待核实');
  await expect(page.getByTestId('decision-history').getByRole('button', { name: '撤回' })).toHaveCount(0);
  await screen(page, 'cases-03-earlier-run-read-only');
  await page.getByTestId('lang-toggle').click();
  await expect(banner).toContainText('Read-only · run 1');
  await screen(page, 'cases-03-earlier-run-read-only-en');
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('case-tab-decisions').click();
  await expect(page.locator('[data-testid="decisions-table"] tr[data-kind="comment"]')).toHaveCount(1);
  await page.getByTestId('case-tab-report').click();
  await expect(page.getByTestId('report-read-only')).toBeVisible();

  // Compare: the run on the screen against the current one; no re-evaluation from an earlier run.
  await page.getByTestId('case-tab-compare').click();
  await page.getByTestId('compare-summary').waitFor();
  await expect(page.locator(`[data-testid="compare-table"] tr[data-rule="${rule}"]`)).toHaveAttribute('data-change', 'improved');
  await expect(page.getByTestId('bundle-path')).toHaveCount(0);
  await screen(page, 'cases-04-earlier-run-compare');

  // Back to the current run: decisions can be made again, and its list has none of the first's.
  await page.getByTestId('back-to-current').click();
  await expect(page.getByTestId('read-only')).toHaveCount(0);
  await expect(page.getByTestId('case')).toHaveAttribute('data-read-only', 'false');
  await page.getByTestId('case-tab-decisions').click();
  await expect(page.locator('[data-testid="decisions-table"] tr[data-kind]')).toHaveCount(0);
  await expect(page).toHaveURL(`${app.host.origin}/#/case/${caseId}/decisions`);
  expectNoProblems(app);
});

test('the list and the delete dialog tell two cases of the same operator and period apart', async ({ app, page, scratch }) => {
  // The same bundle under two folder names: same operator, period and manifest, different bundles.
  const copy = join(scratch, 'bundle-resubmitted');
  cpSync(FULL, copy, { recursive: true });
  const firstId = await createCase(page, FULL);
  const secondId = await createCase(page, copy);
  await page.getByTestId('nav-cases').click();
  const first = page.locator(`[data-testid="cases-table"] tr[data-case="${firstId}"]`);
  const second = page.locator(`[data-testid="cases-table"] tr[data-case="${secondId}"]`);
  await expect(first).toBeVisible();
  const hash = (await manifestHash(page, FULL)).slice(0, 12);
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  for (const row of [first, second]) {
    await expect(row).toContainText('91210700MA0JZ0001X');
    await expect(row).toContainText('2026-01-01 – 2026-12-31');
    await expect(row).toContainText(hash);
    await expect(row).toContainText(today);
  }
  await expect(first).toContainText('bundle');
  await expect(second).toContainText('bundle-resubmitted');
  await screen(page, 'cases-05-list');

  await second.getByTestId('delete-case').click();
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.waitFor();
  const facts = await page.getByTestId('case-facts').locator('.fact-row').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('dt')!.textContent, r.querySelector('dd')!.textContent])));
  expect(facts).toEqual({
    运营机构: '锦州数据运营有限公司',
    统一社会信用代码: '91210700MA0JZ0001X',
    评估期: '2026-01-01 至 2026-12-31',
    '证据包（当前评估）': 'bundle-resubmitted',
    '清单哈希（前 12 位）': hash,
    创建日期: today,
    评估次数: '1',
  });
  await screen(page, 'cases-06-delete-dialog');
  await page.getByTestId('confirm').click();
  await expect(page.locator('[data-testid="cases-table"] tr[data-case]')).toHaveCount(1);
  await expect(first).toBeVisible();

  await page.getByTestId('lang-toggle').click();
  await first.getByTestId('delete-case').click();
  await expect(page.getByTestId('case-facts')).toContainText('Unified social credit code');
  await screen(page, 'cases-06-delete-dialog-en');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(first).toBeVisible();
  expectNoProblems(app);
});
