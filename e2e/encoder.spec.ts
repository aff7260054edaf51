import { expect, test, type BrowserContext } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBundle, predictRows } from '../pipeline/bundle/nodeBundle';
import { TINY_BUNDLE_ID, TINY_MODEL_ID, tinyExpectedEmbedding } from '../src/encoder/__fixtures__/tinyQwen3';
import { exportOptions, type ExportFile } from '../src/encoder/exportFiles';
import { listFolder } from '../src/encoder/nodeFolder';
import { estimateInputTokens } from '../src/router/cost';
import { buildCurves } from '../src/router/curves';
import { route } from '../src/router/search';
import { formatBytes } from '../src/ui/format';
import { choice, expectCurves, openApp, typeQuery } from './app';

// A bundle that needs the Qwen3 encoder, run offline: the tiny fixture export stands in for
// Qwen3-0.6B and is served at its Hugging Face Hub URLs, so the page's real Hub code path
// (file list, downloads, Cache Storage) runs without a network.

const FIXTURES = 'src/encoder/__fixtures__';
const EXPORT_DIR = join(FIXTURES, 'tiny-qwen3');
const BUNDLE_DIR = join(FIXTURES, 'tiny-qwen3-bundle');
const QUERY = 'Prove that the square root of 2 is irrational.';

/** What GET /api/models/<id>/tree/main/<folder> answers: the folder's files and subfolders. */
function hubTree(files: ExportFile[], folder: string) {
  const prefix = folder ? `${folder}/` : '';
  const entries = new Map<string, { type: 'file' | 'directory'; path: string; size: number }>();
  for (const f of files.filter((f) => f.path.startsWith(prefix))) {
    const [head, ...rest] = f.path.slice(prefix.length).split('/');
    const path = `${prefix}${head}`;
    entries.set(path, rest.length ? { type: 'directory', path, size: 0 } : { type: 'file', path, size: f.size });
  }
  return [...entries.values()];
}

/** Serves the tiny bundle under /models/ and the tiny export as the Hub would; returns the Hub paths requested. */
async function serveFixtures(context: BrowserContext): Promise<string[]> {
  const hubRequests: string[] = [];
  await context.route(`**/models/${TINY_BUNDLE_ID}/**`, (r) => {
    const file = new URL(r.request().url()).pathname.split('/').pop()!;
    if (file !== 'manifest.json' && file !== 'predictor.onnx') return r.fulfill({ status: 404 });
    return r.fulfill({
      body: readFileSync(join(BUNDLE_DIR, file)),
      contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    });
  });
  const files = listFolder(EXPORT_DIR);
  const cors = { 'access-control-allow-origin': '*' };
  await context.route('https://huggingface.co/**', (r) => {
    const path = new URL(r.request().url()).pathname;
    hubRequests.push(path);
    const tree = new RegExp(`^/api/models/${TINY_MODEL_ID}/tree/main(?:/(.+))?$`).exec(path);
    if (tree) return r.fulfill({ json: hubTree(files, tree[1] ?? ''), headers: cors });
    const file = new RegExp(`^/${TINY_MODEL_ID}/resolve/main/(.+)$`).exec(path)?.[1];
    if (file && files.some((f) => f.path === file)) {
      const body = readFileSync(join(EXPORT_DIR, file));
      return r.fulfill({
        body,
        headers: { ...cors, 'content-length': String(body.length), 'content-type': 'application/octet-stream' },
      });
    }
    return r.fulfill({ status: 404, headers: cors });
  });
  return hubRequests;
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
  const offered = exportOptions(listFolder(EXPORT_DIR), 'x').map((o) => `${o.precision} · ${formatBytes(o.bytes)}`);
  expect(offered).toHaveLength(2);
  await expect(precision.locator('option')).toHaveText(offered);
  await expect(precision).toHaveValue('fp32');
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveText('ready');
  await expect(page.getByTestId('encoder-progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('encoder-progress')).toContainText('100 %');
  await expect(page.getByTestId('encoder-loaded')).toHaveAttribute('data-from', 'hub');
  await typeQuery(page, QUERY);
  await expectCurves(page, 2);

  // The same numbers as the tiny model's embedding worked out by hand, through the same head in Node.
  const bundle = await openBundle(BUNDLE_DIR);
  const [prediction] = await predictRows(bundle, tinyExpectedEmbedding(QUERY), 1);
  const curves = buildCurves(bundle.manifest, prediction!, bundle.manifest.pool, () => true);
  const expected = route({
    curves,
    lambda: 0.99999,
    inputTokens: estimateInputTokens(QUERY),
    cap: null,
    continuous: true,
  }).best!;
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
