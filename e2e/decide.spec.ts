// Deciding on a rule in a browser whose locale is not Chinese: dates are typed and shown as
// YYYY-MM-DD whatever the locale, and "前往设置" (to name the reviewer first) comes back to the
// very rule, by its button or by Esc.

import { createCase, EXPECTED_FULL, expect, expectNoProblems, FULL, screen, test } from './fixtures.js';

// An American browser: its own date control would show mm/dd/yyyy.
test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

const FAILING = Object.keys(EXPECTED_FULL.rules).filter((id) => EXPECTED_FULL.rules[id].status === 'fail').sort()[0];

/** YYYY-MM-DD `days` after `day`. */
function plusDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

test('dates typed as people type them, and settings that come back to the rule', async ({ app, page }) => {
  // The reviewer is kept by the host across flows: start without one.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('reviewer-name').fill('');
  await page.getByTestId('save-reviewer').click();
  await page.getByTestId('notice').filter({ hasText: '已保存审查员信息' }).waitFor();
  await page.locator('h1').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.getByTestId('nav-cases').click();
  const caseId = await createCase(page, FULL);
  await page.getByTestId('case-tab-findings').click();
  await page.getByTestId('findings-search').fill(FAILING);
  await page.locator(`[data-testid="findings-table"] tr[data-rule="${FAILING}"]`).click();
  await page.getByTestId('detail-tab-decide').click();

  // No reviewer yet: settings first, then straight back to this rule.
  await page.getByTestId('go-settings').click();
  await expect(page.getByTestId('settings-back')).toContainText(FAILING);
  await expect(page.getByTestId('reviewer-name')).toBeFocused();
  await screen(page, '50-settings-from-rule');
  await page.getByTestId('reviewer-name').fill('审查员乙');
  await page.getByTestId('save-reviewer').click();
  await page.getByTestId('notice').filter({ hasText: '已保存审查员信息' }).waitFor();
  // Esc inside a field belongs to the field; outside it, it goes back.
  await page.getByTestId('reviewer-name').press('Escape');
  await expect(page.getByTestId('settings-back')).toBeVisible();
  await page.locator('h1').click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`#/case/${caseId}/findings/${FAILING}$`));
  await page.locator(`[data-testid="finding-detail"][data-rule="${FAILING}"]`).waitFor();

  // The deadline starts at today + the settings' 90 days, written YYYY-MM-DD in an en-US browser.
  await page.getByTestId('detail-tab-decide').click();
  await page.getByTestId('decide-kind-rectification').check();
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const deadline = page.getByTestId('decide-deadline');
  await expect(deadline).toHaveValue(plusDays(today, 90));
  await expect(deadline).toHaveAttribute('type', 'text');

  // What people type is rewritten on leaving the field; the arrows move a day.
  await deadline.fill('2099/3/31');
  await deadline.blur();
  await expect(deadline).toHaveValue('2099-03-31');
  await deadline.press('ArrowUp');
  await expect(deadline).toHaveValue('2099-04-01');
  await deadline.fill('2099年3月31日');
  await deadline.blur();
  await expect(deadline).toHaveValue('2099-03-31');

  // The browser locale's own form is no date here: refused, saying which form to use.
  await page.getByTestId('decide-reason').fill('关闭线下交付渠道');
  await deadline.fill('03/31/2099');
  await page.getByTestId('decide-submit').click();
  await expect(page.getByTestId('decide-problems')).toHaveText('请填写有效的整改期限（年-月-日，如 2027-03-01）。');
  await expect(deadline).toHaveAttribute('aria-invalid', 'true');
  await screen(page, '51-decide-date-refused');

  // Typed another way and saved with Enter before the field rewrote it: stored as YYYY-MM-DD.
  await deadline.fill('2099.4.1');
  await deadline.press('Enter');
  const saved = page.locator('[data-testid="decision-history"] li[data-kind="rectification"]');
  await expect(saved).toContainText('2099-04-01');

  // The same form in English.
  await page.getByTestId('nav-settings').click();
  await page.getByLabel('English').check();
  await page.goBack();
  await page.locator(`[data-testid="finding-detail"][data-rule="${FAILING}"]`).waitFor();
  await page.getByTestId('detail-tab-decide').click();
  await page.getByTestId('decide-kind-waiver').check();
  await expect(page.getByTestId('decide-expires')).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  await page.getByTestId('decide-submit').click();
  await expect(page.getByTestId('decide-problems')).toContainText('Enter a valid expiry date (YYYY-MM-DD, e.g. 2027-03-01).');
  await screen(page, '52-decide-waiver-en');
  expectNoProblems(app);
});
