// 导入原始导出 end to end: a platform's GB18030 CSV export of the full sample (made by
// test/import/raw-exports.ts) read through the workbench, its suggested mapping checked, one
// value mapping edited and seen in the preview, a dry run, the mapping saved, and the case
// created from the imported bundle, whose evidence points at the export's own rows.

import { readFileSync } from 'node:fs';
import { EXPECTED_FULL, expect, expectNoProblems, screen, test } from './fixtures.js';
import { makeRawExport } from '../test/import/raw-exports.js';

test('imports a raw export: suggestion, one value mapping edited, dry run, mapping saved, case reviewed', async ({ app, page, scratch }) => {
  const raw = await test.step('make the raw export', () => makeRawExport('full', 'gb18030', scratch));
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-path').fill(raw);
  await page.getByTestId('import-suggest').click();
  await page.getByTestId('import-source').waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('import-unsure')).toContainText('处');

  await page.getByTestId('import-start').fill('2026-01-01');
  await page.getByTestId('import-end').fill('2026年12月31日');
  await page.getByTestId('import-end').blur();
  await expect(page.getByTestId('import-end')).toHaveValue('2026-12-31');

  // A month of the audit log: its columns found, its first rows before and after mapping side by side.
  const month = await page.getByTestId('import-source-pick').locator('option', { hasText: '审计日志/2026-03.csv' }).getAttribute('value');
  await page.getByTestId('import-source-pick').selectOption(month!);
  await expect(page.getByTestId('column-ts')).toHaveValue('发生时间');
  await expect(page.getByTestId('formats-ts')).toHaveValue('YYYY年M月D日 H:mm:ss');
  const after = page.getByTestId('import-after');
  // The time as exported (2026年3月1日 …) beside the bundle's: named 2026-03-01 09:…, written in ISO 8601.
  await expect(after).toContainText('2026年3月1日');
  await expect(after.locator('td[data-value^="2026-03-01T"]').first()).toHaveText(/^2026-03-01 \d\d:\d\d:\d\d/);
  // Edit one value mapping: the word for login, chosen by name, wrongly, then back; the preview follows.
  const login = page.getByTestId('value-action-登录');
  await expect(login).toHaveValue('login');
  const logins = await after.locator('td[data-value="login"]').count();
  expect(logins).toBeGreaterThan(0);
  await expect(after.locator('td[data-value="login"]').first()).toHaveText('登录');
  await login.selectOption({ label: '登出' });
  await expect(after.locator('td[data-value="login"]')).toHaveCount(0);
  await after.scrollIntoViewIfNeeded();
  await screen(page, '60-import-mapping');
  await login.selectOption({ label: '登录' });
  await expect(after.locator('td[data-value="login"]')).toHaveCount(logins);

  await page.getByTestId('import-check').click();
  const report = page.getByTestId('import-report');
  await report.waitFor({ timeout: 60_000 });
  await expect(report.locator('tr[data-file="审计日志/2026-03.csv"] [data-testid="rows-mapped"]')).not.toHaveText('0');
  // Every word of the logs was named from the whole sample: nothing left unmapped in them.
  await expect(report.locator('[data-testid="import-unmapped"]')).toHaveCount(0);
  await report.scrollIntoViewIfNeeded();
  await screen(page, '61-import-dry-run');

  // The same screen in English: labels and the report in English, the export's own words as written.
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('import-check')).toHaveText('Try it');
  await screen(page, '61-import-dry-run-en');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('import-check')).toHaveText('试运行');

  await page.getByTestId('import-save').click();
  const saved = (await page.getByTestId('import-saved').textContent())!.replace(/^映射已保存到\s*/, '').trim();
  const mapping = JSON.parse(readFileSync(saved, 'utf8')) as { manifest: { period: { end: string } }; sources: { values?: { action?: { map: Record<string, string> } } }[] };
  expect(mapping.manifest.period.end).toBe('2026-12-31');
  expect(mapping.sources.some((s) => s.values?.action?.map['登录'] === 'login')).toBe(true);

  await page.getByTestId('import-run').click();
  await page.getByTestId('overview').waitFor({ timeout: 120_000 });
  // The imported bundle reviewed by every rule; the export's rows beside the bundle's lines.
  const counts = await page.locator('[data-testid="status-counts"] li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(Object.keys(EXPECTED_FULL.rules).length);
  await page.getByTestId('case-tab-findings').click();
  await page.getByTestId('findings-search').fill('JZ-06-01');
  await page.locator('[data-testid="findings-table"] tr[data-rule="JZ-06-01"]').click();
  await page.getByTestId('detail-tab-evidence').click();
  await page.locator('[data-testid="evidence-table"] tr[data-file]').first().getByTestId('evidence-open').click();
  await expect(page.getByTestId('evidence-source')).toHaveText(/^原始导出：审计日志\/2026-\d\d\.csv 第 \d+ 行$/);
  await screen(page, '62-import-evidence-source');
  expectNoProblems(app);
});
