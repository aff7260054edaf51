import { expect, test, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_BUNDLE_ID, TINY_DIM, TINY_MODEL_ID, tinyExpectedEmbedding } from '../src/encoder/__fixtures__/tinyQwen3';
import { TINY_TEXT_GEN_ID } from '../src/encoder/__fixtures__/tinyQwen3TextGen';
import { QWEN3_EXPORT } from '../src/encoder/exportFiles';
import { loadNodeEncoder } from '../src/encoder/nodeEncoder';
import { choice, expectCurves, openApp, typeQuery } from './app';
import { offeredPrecisions, readExportFolder, serveHubExports } from './hubExport';
import { nodeChoice } from './nodeChoice';
import { serveTinyBundle, TINY_BUNDLE_DIR } from './tinyQwen3Bundle';

// A bundle that needs the Qwen3 encoder, run offline: the tiny fixture export stands in for
// Qwen3-0.6B and is served at its Hugging Face Hub URLs, so the page's real Hub code path
// (file list, downloads, Cache Storage) runs without a network.

const FIXTURES = 'src/encoder/__fixtures__';
const EXPORT_DIR = join(FIXTURES, 'tiny-qwen3');
const TEXT_GEN_DIR = join(FIXTURES, 'tiny-qwen3-text-generation');
const QUERY = 'Prove that the square root of 2 is irrational.';

/**
 * Serves the tiny bundle under /models/ and the tiny exports as the Hub would; returns the Hub
 * paths requested. `hold` may delay a file's answer (a slow download).
 */
async function serveFixtures(
  context: BrowserContext,
  hold: (file: string) => Promise<void> = () => Promise.resolve(),
): Promise<string[]> {
  await serveTinyBundle(context);
  return serveHubExports(
    context,
    { [TINY_MODEL_ID]: readExportFolder(EXPORT_DIR), [TINY_TEXT_GEN_ID]: readExportFolder(TEXT_GEN_DIR) },
    hold,
  );
}

test('a Qwen3 bundle says its encoder is missing, then predicts once it is loaded, and the second visit loads from the cache', async ({
  context,
  page,
}) => {
  const hubRequests = await serveFixtures(context);
  await openApp(page, { bundle: TINY_BUNDLE_ID });

  await expect(page.getByTestId('encoder-status')).toHaveText('not loaded');
  await expect(page.getByTestId('model-card-encoder')).toContainText(`needs the ${TINY_MODEL_ID} encoder`);
  await page.getByTestId('query-input').fill(QUERY);
  await expect(page.getByTestId('chart-message')).toHaveText(
    'This bundle needs the tiny-qwen3 encoder: load it to see predictions.',
  );
  await expect(page.getByTestId('selection')).toHaveAttribute('data-model', '');
  await expect(page.getByTestId('selection')).toContainText('This bundle needs the tiny-qwen3 encoder');
  await expectCurves(page, 0);

  const precision = page.getByTestId('encoder-precision');
  const offered = offeredPrecisions(EXPORT_DIR);
  expect(offered).toHaveLength(2);
  await expect(precision.locator('option')).toHaveText(offered);
  await expect(precision).toHaveValue('fp32');
  await expect(page.getByTestId('encoder-precision-note')).toHaveAttribute('data-default', 'true');
  await expect(page.getByTestId('encoder-precision-note')).toContainText('fp32 · ');
  await expect(page.getByTestId('encoder-precision-note')).toContainText('(the default on wasm): float32 weights');
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('ready');
  await expect(page.getByTestId('encoder-progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('encoder-hidden-state')).toHaveCount(0);
  await expect(page.getByTestId('encoder-progress')).toContainText('100 %');
  await expect(page.getByTestId('encoder-loaded')).toHaveAttribute('data-from', 'hub');
  await typeQuery(page, QUERY);
  await expectCurves(page, 2);

  // The same numbers as the tiny model's embedding worked out by hand, through the same head in Node.
  const expected = await nodeChoice(TINY_BUNDLE_DIR, tinyExpectedEmbedding(QUERY), QUERY);
  await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
  expect(Math.abs((await choice(page, 'selection')).quality - expected.quality)).toBeLessThan(1e-5);
  expect(hubRequests.length).toBeGreaterThan(0);

  hubRequests.length = 0;
  const again = await context.newPage();
  await openApp(again, { bundle: TINY_BUNDLE_ID });
  await expect(again.getByTestId('encoder-precision').locator('option').first()).toContainText('cached');
  await again.getByTestId('encoder-load').click();
  await expect(again.getByTestId('encoder-status')).toHaveText('ready');
  await expect(again.getByTestId('encoder-loaded')).toHaveAttribute('data-from', 'cache');
  await typeQuery(again, QUERY);
  await expect(again.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
  expect(hubRequests).toEqual([]);

  await again.getByTestId('encoder-forget').click();
  await expect(again.getByTestId('encoder-precision').locator('option').first()).not.toContainText('cached');
  await expect(again.getByTestId('encoder-status')).toHaveText('ready');
});

test('opened on the stage, a Qwen3 bundle keeps its encoder panel there until the encoder is loaded', async ({
  context,
  page,
}) => {
  await serveFixtures(context);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, { bundle: TINY_BUNDLE_ID, present: '1', q: QUERY });
  await expect(page.getByTestId('chart-message')).toHaveText(
    'This bundle needs the tiny-qwen3 encoder: load it to see predictions.',
  );
  await expect(page.getByTestId('encoder-load')).toBeVisible();
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('ready');
  await expectCurves(page, 2);
  // Loaded, it leaves the stage to the chart and the decisions.
  await expect(page.getByTestId('encoder-load')).toBeHidden();
  await expect(page.getByTestId('selection')).not.toHaveAttribute('data-model', '');
});

test('a text-generation export, at its Hub URLs, gives the choice its feature-extraction twin gives in Node, in fp32 and fp16', async ({
  context,
  page,
}) => {
  await serveFixtures(context);
  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await page.getByTestId('encoder-hub-id').fill(TINY_TEXT_GEN_ID);
  const precision = page.getByTestId('encoder-precision');
  const offered = offeredPrecisions(TEXT_GEN_DIR);
  await expect(precision.locator('option')).toHaveText(offered);
  await expect(precision).toHaveValue('fp32');

  // The feature-extraction twin, on onnxruntime-node: what the page must choose for each text.
  const twin = await loadNodeEncoder(EXPORT_DIR, 'fp32', TINY_DIM);
  const expectChoiceFor = async (text: string, tolerance: number) => {
    const expected = await nodeChoice(TINY_BUNDLE_DIR, await twin.embed(text, true), text);
    await typeQuery(page, text);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
    await expect
      .poll(async () => Math.abs((await choice(page, 'selection')).quality - expected.quality))
      .toBeLessThan(tolerance);
  };

  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('ready');
  await expect(page.getByTestId('encoder-hidden-state')).toHaveAttribute('data-patch', 'LM head removed');
  await expectChoiceFor(QUERY, 1e-6);
  await expectCurves(page, 2);

  await precision.selectOption('fp16');
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-loaded')).toContainText('(fp16, wasm)');
  await expectChoiceFor('Write a haiku about routers, in French.', 1e-3);
  await twin.dispose();
});

test('cancelling a load stops it without an error, and the next load works', async ({ context, page }) => {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await serveFixtures(context, (file) => (file.endsWith('.onnx_data') ? released : Promise.resolve()));
  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await page.getByTestId('encoder-hub-id').fill(TINY_TEXT_GEN_ID);
  // The id is read after a pause in typing: wait for this export's own options, not the default's.
  const offered = offeredPrecisions(TEXT_GEN_DIR);
  await expect(page.getByTestId('encoder-precision').locator('option')).toHaveText(offered);
  await expect(page.getByTestId('encoder-precision')).toHaveValue('fp32');
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('loading');
  await page.getByTestId('encoder-cancel').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('not loaded');
  await expect(page.getByTestId('encoder-note')).toHaveText('Loading cancelled: what was downloaded is not kept.');
  // Known by the error's kind, carried across the worker, not by its wording.
  await expect(page.getByTestId('encoder-note')).toHaveAttribute('data-problem', 'cancelled');
  await expect(page.getByTestId('encoder-error')).toHaveCount(0);
  await expect(page.getByTestId('encoder-cancel')).toHaveCount(0);
  await expect(page.getByTestId('encoder-precision').locator('option').first()).not.toContainText('cached');

  release();
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('ready');
  await typeQuery(page, QUERY);
  await expectCurves(page, 2);
});

test('the encoder loads from a picked folder, with no network at all', async ({ context, page }) => {
  const hubRequests = await serveFixtures(context);
  await context.route('https://huggingface.co/**', (r) => {
    hubRequests.push(new URL(r.request().url()).pathname);
    return r.abort('internetdisconnected');
  });
  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await page.getByTestId('encoder-folder').setInputFiles(EXPORT_DIR);
  const precision = page.getByTestId('encoder-precision');
  await expect(precision.locator('option')).toHaveCount(2);
  await precision.selectOption('fp16');
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('ready');
  await expect(page.getByTestId('encoder-loaded')).toHaveAttribute('data-from', 'folder');
  await expect(page.getByTestId('encoder-loaded')).toContainText('(fp16, wasm)');
  await typeQuery(page, QUERY);
  await expectCurves(page, 2);
  // Only the Hub id typed by default was looked up; no picked file went anywhere.
  expect(hubRequests.every((p) => p.startsWith('/api/models/'))).toBe(true);
});

test('switching bundles: a served bundle predicts, a release folder opened from disk asks for its encoder, and back', async ({
  context,
  page,
}) => {
  // No Hub here: the page must say so rather than hang.
  await context.route('https://huggingface.co/**', (r) => r.abort('internetdisconnected'));
  await openApp(page);
  await typeQuery(page, QUERY);
  const served = await page.getByTestId('bundle-picker').inputValue();

  await page.getByTestId('bundle-files').setInputFiles('pipeline/importer/fixtures/release');
  await expect(page.getByTestId('bundle-picker')).toHaveValue('local:release');
  await expect(page.getByTestId('model-card')).toContainText('R2-Router: the authors');
  await expect(page.getByTestId('model-card-encoder')).toContainText('needs the Qwen/Qwen3-0.6B encoder');
  await expect(page.getByTestId('encoder-status')).toHaveText('not loaded');
  await expect(page.getByTestId('encoder-hub-id')).toHaveValue(QWEN3_EXPORT);
  await expect(page.getByTestId('chart-message')).toHaveText(
    'This bundle needs the Qwen3-0.6B encoder: load it to see predictions.',
  );
  await expect(page.getByTestId('selection')).toHaveAttribute('data-model', '');
  await expectCurves(page, 0);
  await expect(page.getByTestId('encoder-error')).toContainText('Could not reach the Hugging Face Hub');
  await expect(page.getByTestId('encoder-load')).toBeDisabled();

  await page.getByTestId('bundle-picker').selectOption(served);
  await expect(page.getByTestId('encoder-panel')).toHaveCount(0);
  await expect(page.getByTestId('selection')).not.toHaveAttribute('data-model', '');
  await expect(page.getByTestId('curves-chart')).toHaveAttribute('aria-busy', 'false');
});

test('the released R2-Router folder, when this machine has it, opens in the page as a bundle that waits for Qwen3-0.6B', async ({
  context,
  page,
}) => {
  const release = '../shared/r2-router-release';
  test.skip(!existsSync(join(release, 'config.json')), `no release at ${release}`);
  await context.route('https://huggingface.co/**', (r) => r.abort('internetdisconnected'));
  await openApp(page);
  await page.getByTestId('bundle-files').setInputFiles(release);
  await expect(page.getByTestId('bundle-picker')).toHaveValue('local:r2-router-release');
  await expect(page.getByTestId('model-card')).toContainText('11 LLMs × 16 budgets');
  await expect(page.getByTestId('model-card-encoder')).toContainText(
    'needs the Qwen/Qwen3-0.6B encoder: its last-token hidden state, 1024-d, L2-normalised',
  );
  await expect(page.getByTestId('encoder-status')).toHaveText('not loaded');
  await expect(page.getByTestId('chart-message')).toHaveText(
    'This bundle needs the Qwen3-0.6B encoder: load it to see predictions.',
  );
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|webgpu)$/);
});
