import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { choice, enabledModels, expectCurves, openApp, typeQuery } from './app';

test.describe('the playground', () => {
  test('draws one curve per enabled LLM for a typed query', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Prove that the square root of 2 is irrational.');
    const enabled = await enabledModels(page);
    expect(enabled).toBeGreaterThan(1);
    await expectCurves(page, enabled);

    // Pointing at a natural-length marker names its LLM and what the point stands for.
    const marker = page.getByTestId('curves-chart').locator('.natural-marker').first();
    await marker.hover({ force: true });
    const tip = page.getByTestId('curves-chart').getByRole('tooltip');
    await expect(tip).toContainText((await marker.getAttribute('data-model'))!);
    await expect(tip).toContainText(/natural length [\d,]+ tok/);
    await expect(tip).toContainText(/quality 0\.\d{3}/);

    await page.getByTestId('pool-editor').locator('tbody input[type=checkbox]').first().uncheck();
    await expectCurves(page, enabled - 1);
    await expect(page.getByTestId('curves-chart').locator('.natural-marker')).toHaveCount(enabled - 1);
  });

  test('runs the predictor on WASM here and reports its timings', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('backend')).toHaveText('wasm');
    await expect(page.getByTestId('load-ms')).toHaveText(/loaded in [\d.]+ ms/);
    expect(Number(await page.getByTestId('load-ms').getAttribute('data-runtime-ms'))).toBeGreaterThan(0);
    await expect(page.getByTestId('latency-ms')).toHaveText(/[\d.]+ ms per query/);
  });

  test('sweeping λ from one end to the other changes the choice', async ({ page }) => {
    await openApp(page);
    await typeQuery(page, 'Write a detailed essay on the causes of the First World War.');
    const slider = page.getByTestId('lambda-slider');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('lambda-value')).toHaveText('λ = 0');
    const qualityFirst = await choice(page, 'selection');
    await page.keyboard.press('End');
    await expect(page.getByTestId('lambda-value')).toHaveText('λ = 1');
    const costFirst = await choice(page, 'selection');
    expect(`${costFirst.model}@${costFirst.budget}`).not.toBe(`${qualityFirst.model}@${qualityFirst.budget}`);
    expect(costFirst.costUsd).toBeLessThan(qualityFirst.costUsd);
    expect(costFirst.quality).toBeLessThanOrEqual(qualityFirst.quality);

    // Arrow keys step the raw λ, shown with the digits that matter.
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('lambda-value')).toHaveText(/λ = 0\.9{5,}/);
  });

  for (const kind of ['tokens', 'usd'] as const) {
    test(`at the cheapest ${kind} cap the choice stays within the cap`, async ({ page }) => {
      await openApp(page);
      await typeQuery(page, 'Explain how a transformer language model works, step by step.');
      if (kind === 'usd') {
        await page.getByTestId('cap-mode').click();
        await expect(page.getByTestId('cap-mode')).toHaveAttribute('data-mode', 'usd');
      }
      await page.getByTestId('lambda-slider').focus();
      await page.keyboard.press('Home');
      await page.getByTestId('budget-slider').focus();
      await page.keyboard.press('Home');
      const cap = Number(await page.getByTestId('cap-value').getAttribute('data-cap-max'));
      expect(cap).toBeGreaterThan(0);
      for (const id of ['selection', 'baseline-selection'] as const) {
        const c = await choice(page, id);
        if (!c.model) continue; // the reactive router may have nothing that fits
        if (kind === 'usd') expect(c.costUsd).toBeLessThanOrEqual(cap * (1 + 1e-9));
        else expect(c.outputTokens).toBeLessThanOrEqual(cap);
      }
      expect((await choice(page, 'selection')).model).not.toBe('');
      await page.keyboard.press('End');
      await expect(page.getByTestId('cap-value')).toHaveText('no cap');
    });
  }

  test('the URL restores the whole view after a reload and in a fresh browser', async ({ page, browser }) => {
    await openApp(page);
    await typeQuery(page, 'Which planet has the most moons? Answer in one word.');
    await page.getByTestId('lambda-slider').focus();
    for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowLeft');
    await page.getByTestId('cap-mode').click();
    await page.getByTestId('budget-slider').focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowLeft');
    await page.getByTestId('x-axis-mode').click();
    await page.getByTestId('pool-editor').locator('tbody input[type=checkbox]').nth(1).uncheck();
    const lambda = await page.getByTestId('lambda-value').textContent();
    const cap = await page.getByTestId('cap-value').textContent();
    const before = await choice(page, 'selection');
    await expect(page).toHaveURL(/x=usd/);
    await page.waitForTimeout(400);
    const url = page.url();

    const check = async (p: typeof page) => {
      await expect(p.getByTestId('query-input')).toHaveValue('Which planet has the most moons? Answer in one word.');
      await expect(p.getByTestId('lambda-value')).toHaveText(lambda!);
      await expect(p.getByTestId('cap-value')).toHaveText(cap!);
      await expect(p.getByTestId('cap-mode')).toHaveAttribute('data-mode', 'usd');
      await expect(p.getByTestId('x-axis-mode')).toHaveAttribute('data-mode', 'usd');
      await expect(p.getByTestId('pool-editor').locator('tbody input[type=checkbox]').nth(1)).not.toBeChecked();
      await expect(p.getByTestId('selection')).toHaveAttribute('data-model', before.model);
      await expect(p.getByTestId('selection')).toHaveAttribute('data-budget', before.budget);
    };
    await page.reload();
    await check(page);

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await check(other);
    await fresh.close();
  });

  test('a broken bundle manifest shows its problems and the app stays usable', async ({ page }) => {
    await page.route('**/models/broken/manifest.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ format: 'r2-bundle/1', id: 'Broken Id', budgets: [10], pool: [] }),
      }),
    );
    await openApp(page, { bundle: 'broken' });
    const error = page.getByTestId('bundle-error');
    await expect(error).toContainText('Bundle "broken" could not be loaded');
    await expect(error).toContainText('pool: the pool needs at least one LLM');
    await expect(error).toContainText('onnx');
    // It fell back to the default bundle, which still predicts.
    await typeQuery(page, 'What is 17 times 23?');
    await expectCurves(page, await enabledModels(page));
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(error).toHaveCount(0);
  });

  test('a manifest that is not JSON, opened from disk, is refused and the current bundle keeps working', async ({
    page,
  }) => {
    await openApp(page);
    await typeQuery(page, 'Name three prime numbers.');
    const before = await choice(page, 'selection');
    const folder = mkdtempSync(join(tmpdir(), 'broken-bundle-'));
    writeFileSync(join(folder, 'manifest.json'), '{ "format": "r2-bundle/1", ');
    await page.getByTestId('bundle-files').setInputFiles(folder);
    await expect(page.getByRole('alert').filter({ hasText: 'not valid JSON' })).toBeVisible();
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', before.model);
  });
});
