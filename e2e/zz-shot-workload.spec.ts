import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { tempDir, writeTinyDataset } from '../pipeline/testing/tinyData';
import { openApp } from './app';

for (const width of [1440, 390]) {
  test(`shot ${width}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    const tmp = await tempDir('shot');
    const dir = await writeTinyDataset(join(tmp.path, 'tiny-bench'), 300);
    await openApp(page);
    await page.getByTestId('workload').click();
    await page.getByTestId('workload-folder').setInputFiles(dir);
    await expect(page.getByTestId('workload-metrics')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: `/tmp/wl/shot-${width}.png`, fullPage: true });
    await page.getByTestId('workload-plan').screenshot({ path: `/tmp/wl/plan-${width}.png` });
    await page.getByTestId('workload-metrics').locator('xpath=..').screenshot({ path: `/tmp/wl/truth-${width}.png` });
    await page.locator('.workload-view > section').first().screenshot({ path: `/tmp/wl/top-${width}.png` });
    await tmp.remove();
  });
}
