// The accessibility checks of every flow are only worth something if axe-core really runs
// in the page: under the page's own CSP (no inline script), with nothing loosened for it.

import { axeSerious, expect, test } from './fixtures.js';

test('axe-core runs under the page’s CSP, which still refuses inline script, and reports a planted violation', async ({ app, page }) => {
  // The CSP is in force: an inline script is refused, and the problem watcher sees it.
  const refused = await page.evaluate(() => new Promise<string>((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
  }));
  expect(refused).toMatch(/^script-src/);
  expect(await page.evaluate(() => '__inlineRan' in window)).toBe(false);
  await expect.poll(() => app.problems.some((p) => /Content Security Policy/.test(p))).toBe(true);

  // The cases screen as it is: nothing serious. Then a button without a name: axe-core says so.
  expect(await axeSerious(page)).toEqual([]);
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'planted';
    document.querySelector('main')!.append(b);
  });
  const found = await axeSerious(page);
  expect(found.some((f) => f.startsWith('button-name (critical)') && f.includes('#planted')), found.join('\n')).toBe(true);
  expect(app.requests.filter((u) => !u.startsWith(`${app.host.origin}/`))).toEqual([]);
});
