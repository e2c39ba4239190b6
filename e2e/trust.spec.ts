// Whom a signed report is from, in the workbench: the CA added in settings makes its
// evaluator's report green, and every other case — an impostor with the same name, an
// expired or revoked certificate, a byte changed, an annotation added after signing — is
// told apart with its own verdict, never beside a green claim. A second reviewer adds a
// signature (审核) to a signed report; an operator's manifest key is registered after its
// fingerprint is shown.

import { basename } from 'node:path';
import type { Page } from '@playwright/test';
import { runTool } from '../test/tools.js';
import { createCase, expect, expectNoProblems, screen, test } from './fixtures.js';
import { makeSigners, SIGNER_PASSWORD, type Signers } from './signers.js';

let s: Signers;
test.beforeAll(() => {
  s = makeSigners();
});

/** Settings open with the trust store loaded (its table, or the note that it is empty). */
async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('trust-list').or(page.getByTestId('trust-empty'))).toBeVisible();
}

/** The organisation's CA in the trust store (added through settings unless it is there). */
async function trustCa(page: Page): Promise<void> {
  await openSettings(page);
  const row = page.getByTestId('trust-entry').filter({ hasText: s.caFingerprint });
  if (await row.count()) return;
  await page.getByTestId('trust-path').fill(s.caPem);
  await page.getByTestId('trust-label').fill('锦州市数据局评估 CA');
  await page.getByTestId('trust-add').click();
  // The fingerprint is shown on adding, to be compared with the CA's out of band.
  await expect(page.getByTestId('notice').filter({ hasText: s.caFingerprint })).toBeVisible();
  await expect(row).toHaveAttribute('data-kind', 'root');
}

/** Verifies `path` (with a CRL when given) on the verify screen and returns the verification. */
async function verify(page: Page, path: string, crl = ''): Promise<ReturnType<Page['getByTestId']>> {
  await page.getByTestId('nav-verify').click();
  await page.getByTestId('verify-path').fill(path);
  await page.getByTestId('verify-crl').fill(crl);
  await page.getByTestId('verify-run').click();
  const v = page.getByTestId('verification');
  await v.waitFor({ timeout: 60_000 });
  return v;
}

/** The one signature's verdict as the page marks it. */
async function expectVerdict(page: Page, indication: string, sub: string | null): Promise<void> {
  const sig = page.getByTestId('signature');
  await expect(sig).toHaveCount(1);
  await expect(sig).toHaveAttribute('data-indication', indication);
  await expect(sig).toHaveAttribute('data-sub', sub ?? '');
}

/** Not green anywhere: the report's verdict is not ok, and no claim in it is shown in green. */
async function expectNothingGreen(page: Page): Promise<void> {
  await expect(page.getByTestId('verification')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('verification').locator('.ok-text, .verdict-ok')).toHaveCount(0);
}

test('a report by an evaluator of the CA added in settings is green: intact, valid, trusted', async ({ app, page }) => {
  await trustCa(page);
  await screen(page, '30-settings-trust');
  const v = await verify(page, s.reports.zhang);
  await expect(v).toHaveAttribute('data-ok', 'true');
  await expectVerdict(page, 'TOTAL_PASSED', null);
  await expect(page.getByTestId('signature-trust')).toContainText('锦州市数据局评估 CA');
  await expect(page.getByTestId('verify-signer')).toHaveText('张三');
  await expect(page.getByTestId('signature-integrity')).toContainText('未被改动');
  await screen(page, '31-verify-trusted');
  expectNoProblems(app);
});

test('an impostor with the same name is not trusted, and the fingerprint to compare is shown', async ({ app, page }) => {
  await trustCa(page);
  await verify(page, s.reports.impostor);
  await expectVerdict(page, 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND');
  await expectNothingGreen(page);
  await expect(page.getByTestId('verify-signer')).toHaveText('张三');
  await expect(page.getByTestId('verify-fingerprint')).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await expect(page.getByTestId('signature-action')).toContainText('指纹');
  await expect(page.getByTestId('verdict')).toContainText('签名人');
  await screen(page, '32-verify-impostor');
  expectNoProblems(app);
});

test('a certificate that had expired when the report was signed is INDETERMINATE / OUT_OF_BOUNDS_NO_POE', async ({ app, page }) => {
  await trustCa(page);
  await verify(page, s.reports.expired);
  await expectVerdict(page, 'INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE');
  await expectNothingGreen(page);
  await expect(page.getByTestId('signature-trust')).toContainText('过期');
  await screen(page, '33-verify-expired');
  expectNoProblems(app);
});

test('a certificate revoked in the CA’s CRL is TOTAL_FAILED / REVOKED once the CRL is given', async ({ app, page }) => {
  await trustCa(page);
  await verify(page, s.reports.li);
  await expectVerdict(page, 'TOTAL_PASSED', null);
  await verify(page, s.reports.li, s.crl);
  await expect(page.getByTestId('signature')).toHaveAttribute('data-sub', 'REVOKED');
  await expectVerdict(page, 'TOTAL_FAILED', 'REVOKED');
  await expectNothingGreen(page);
  await expect(page.getByTestId('signature-trust')).toContainText('吊销');
  await screen(page, '34-verify-revoked');
  expectNoProblems(app);
});

test('a byte changed inside the signed range is TOTAL_FAILED / HASH_FAILURE, and pdfsig agrees', async ({ app, page }) => {
  await trustCa(page);
  await verify(page, s.reports.flipped);
  await expectVerdict(page, 'TOTAL_FAILED', 'HASH_FAILURE');
  await expectNothingGreen(page);
  expect(runTool('pdfsig', [s.reports.flipped]).stdout).not.toContain('Signature is Valid');
  await screen(page, '35-verify-hash-failure');
  expectNoProblems(app);
});

test('an annotation added after signing: the signature holds, the report is modified after it, and what changed is named', async ({ app, page }) => {
  await trustCa(page);
  const v = await verify(page, s.reports.annotated);
  await expectVerdict(page, 'TOTAL_PASSED', null);
  await expect(page.getByTestId('signature')).toHaveAttribute('data-integrity', 'modified');
  await expect(v).toHaveAttribute('data-integrity', 'modified');
  await expect(page.getByTestId('verify-integrity')).toContainText('批注');
  await expectNothingGreen(page);
  const sig = runTool('pdfsig', [s.reports.annotated]).stdout;
  expect(sig).toContain('Signature is Valid');
  expect(sig).toContain('Not total document signed');
  await screen(page, '36-verify-modified');
  expectNoProblems(app);
});

test('a second reviewer signs the report as 审核: both signatures intact and trusted, pdfsig sees two', async ({ app, page }) => {
  await trustCa(page);
  await page.getByTestId('key-path').fill(s.keys.zhao);
  await page.getByTestId('key-password').fill(SIGNER_PASSWORD);
  await page.getByTestId('import-key').click();
  await expect(page.getByTestId('key-info')).toContainText('赵六');
  await verify(page, s.reports.zhang);
  await page.getByTestId('countersign-role').selectOption('审核');
  await page.getByTestId('countersign-run').click();
  await page.getByTestId('countersigned').waitFor({ timeout: 60_000 });
  const sigs = page.getByTestId('signature');
  await expect(sigs).toHaveCount(2);
  await expect(page.getByTestId('verification')).toHaveAttribute('data-ok', 'true');
  for (const i of [0, 1]) {
    await expect(sigs.nth(i)).toHaveAttribute('data-indication', 'TOTAL_PASSED');
    await expect(sigs.nth(i)).toHaveAttribute('data-integrity', 'intact');
  }
  await expect(sigs.nth(1).getByTestId('verify-signer')).toHaveText('赵六');
  await screen(page, '37-verify-countersigned');
  await page.getByTestId('countersigned-save').click();
  const notice = page.getByTestId('notice').filter({ hasText: /已保存到/ });
  await notice.waitFor();
  const saved = /已保存到\s*(\S+\.pdf)/.exec((await notice.textContent())!)![1];
  expect(basename(saved)).toMatch(/-已签名-审核\.pdf$/);
  expect(runTool('pdfsig', [saved]).stdout.match(/Signature is Valid/g)).toHaveLength(2);
  expectNoProblems(app);
});

test('removing the CA from the trust store, after confirming, leaves its evaluator untrusted', async ({ app, page }) => {
  await trustCa(page);
  const row = page.getByTestId('trust-entry').filter({ hasText: s.caFingerprint });
  await row.getByTestId('trust-remove').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(s.caFingerprint);
  await dialog.getByRole('button', { name: '移除' }).click();
  await expect(row).toHaveCount(0);
  await verify(page, s.reports.zhang);
  await expectVerdict(page, 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND');
  expectNoProblems(app);
});

test('an operator’s manifest key is registered after its fingerprint is shown, and then named as the operator’s', async ({ app, page }) => {
  // Keys registered by an earlier run are removed first: the operator gets a new key each run.
  await openSettings(page);
  const operatorRows = page.getByTestId('trust-entry').and(page.locator('[data-kind="operator-key"]'));
  while (await operatorRows.count()) {
    const before = await operatorRows.count();
    await operatorRows.first().getByTestId('trust-remove').click();
    await page.getByRole('dialog').getByRole('button', { name: '移除' }).click();
    await expect(operatorRows).toHaveCount(before - 1);
  }
  await createCase(page, s.signedBundle);
  const key = page.getByTestId('integrity-key');
  await expect(key).toHaveAttribute('data-registration', 'unregistered');
  const fingerprint = /([0-9A-F]{2}:){31}[0-9A-F]{2}/.exec((await key.textContent())!)![0];
  await screen(page, '38-integrity-unregistered');
  await key.getByTestId('register-key').click();
  await expect(page.getByTestId('register-fingerprint')).toHaveText(fingerprint);
  await page.getByRole('dialog').getByRole('button', { name: /登记/ }).click();
  await expect(page.getByTestId('notice').filter({ hasText: '已登记' })).toBeVisible();
  await openSettings(page);
  await expect(operatorRows).toHaveCount(1);
  await expect(operatorRows).toContainText('91210700MA0JZ0001X');
  await createCase(page, s.signedBundle);
  await expect(page.getByTestId('integrity-key')).toHaveAttribute('data-registration', 'registered');
  await screen(page, '39-integrity-registered');
  expectNoProblems(app);
});
