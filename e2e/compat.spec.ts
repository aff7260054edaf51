import { expect, test } from '@playwright/test';
import { openApp } from './app';

/** What the page needs beyond Chromium: package.json's browserslist, checked in lint; here, Safari's gaps at run time. */

test('without requestIdleCallback, as in Safari, a workload file routes with no page error', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    for (const name of ['requestIdleCallback', 'cancelIdleCallback'])
      Object.defineProperty(window, name, { value: undefined, configurable: true, writable: true });
  });
  await openApp(page, { view: 'workload' });
  expect(await page.evaluate(() => typeof window.requestIdleCallback)).toBe('undefined');
  // Picking a file before the predictor is ready is another matter: this waits for it.
  await expect(page.getByTestId('workload-file')).toBeEnabled();
  // Several chunks, so the plan is built from arriving predictions too, where the idle callbacks were.
  const queries = Array.from({ length: 600 }, (_, i) => `Query number ${i}: what is ${i} squared, and why?`);
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q.txt', mimeType: 'text/plain', buffer: Buffer.from(queries.join('\n')) });
  const plan = page.getByTestId('workload-plan');
  await expect(plan).toHaveAttribute('data-queries', String(queries.length));
  await expect(plan).toHaveAttribute('data-routing', 'false');
  await expect(page.getByTestId('workload-savings')).toBeVisible();
  expect(errors).toEqual([]);
});
