import { expect, test } from '@playwright/test';
import { AUTHORS_RELEASE } from '../src/bundle/authorsRelease';
import { SAMPLE_FILE_NAME, sampleQueries } from '../src/workload/sample';
import { openApp } from './app';
import { serveFixtureRelease } from './authorsRelease';

// A newcomer's first minute: a whole workload without a file of their own, and the real router one
// click from the simulated predictor's warning.

test('the built-in sample workload is routed with no file', async ({ page }) => {
  await openApp(page, { view: 'workload' });
  await page.getByTestId('workload-sample').click();
  const plan = page.getByTestId('workload-plan');
  await expect(plan).toHaveAttribute('data-queries', String(sampleQueries().length), { timeout: 30_000 });
  await expect(plan).toHaveAttribute('data-routing', 'false');
  await expect(page.getByTestId('workload-read')).toContainText(SAMPLE_FILE_NAME);
});

test('the simulated predictor’s banner opens the authors’ router in one click, with the encoder panel in view', async ({
  context,
  page,
}) => {
  await serveFixtureRelease(context);
  await openApp(page);
  const banner = page.getByTestId('simulated-note');
  await expect(banner).toContainText('simulated');
  await expect(banner).toContainText('Or train on R2-Bench');
  await banner.getByTestId('try-release').click();

  await expect(page.getByTestId('bundle-picker')).toHaveValue(AUTHORS_RELEASE.id);
  await expect(page.getByTestId('release-progress')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('encoder-panel')).toBeInViewport();
  // Each precision the export offers, with its download.
  const options = page.getByTestId('encoder-precision').locator('option');
  await expect(options.first()).toHaveText(/^\w+ · [\d.,]+ (B|kB|MB|GB)/);
  await expect(page.getByTestId('encoder-precision-note')).toContainText('the default on');
  await expect(page.getByTestId('simulated-note')).toHaveCount(0);
});
