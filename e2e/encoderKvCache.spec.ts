import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureExport } from '../bench/encoder/exportFolder';
import { QWEN3_0_6B } from '../bench/encoder/qwen3Graph';
import { openBundle, predictRows } from '../pipeline/bundle/nodeBundle';
import { TINY_BUNDLE_ID, TINY_DIM } from '../src/encoder/__fixtures__/tinyQwen3';
import { estimateInputTokens } from '../src/router/cost';
import { buildCurves } from '../src/router/curves';
import { route } from '../src/router/search';
import { loadNodeEncoder } from '../src/encoder/nodeEncoder';
import { choice, openApp, typeQuery } from './app';
import { readExportFolder, serveHubExports } from './hubExport';

// The Hub's layout of Qwen3 (onnxruntime-genai's GroupQueryAttention with a KV cache), tiny,
// from the bench's generator: in transformers.js's onnxruntime-web build the patch leaves
// attention without its cache, and the page gives the choice Node gives. That Node's
// embedding is the untouched graph's is bench/encoder/kvCacheDetach.test.ts's part.

const GQA_MODEL_ID = 'r2-fixtures/tiny-qwen3-gqa';
// GroupQueryAttention wants heads a multiple of 8 wide; the tiny bundle reads 8-wide embeddings.
const TINY = {
  ...QWEN3_0_6B,
  layers: 2,
  hidden: TINY_DIM,
  heads: 1,
  kvHeads: 1,
  headDim: 8,
  intermediate: 16,
  vocab: 300,
  maxPositions: 512,
};
const BUNDLE_DIR = 'src/encoder/__fixtures__/tiny-qwen3-bundle';
/** Per precision, a query and how close the page's predicted quality must come to Node's. */
const RUNS = [
  ['q8', 'Prove that the square root of 2 is irrational.', 1e-5],
  ['fp16', 'Write a haiku about routers, in French.', 1e-3],
] as const;

test('a GroupQueryAttention export with a KV cache runs in the page with its cache detached, as in Node', async ({
  context,
  page,
}) => {
  const exp = ensureExport('text-generation', ['q8', 'fp16'], () => undefined, TINY);
  await context.route(`**/models/${TINY_BUNDLE_ID}/**`, (r) => {
    const file = new URL(r.request().url()).pathname.split('/').pop()!;
    if (file !== 'manifest.json' && file !== 'predictor.onnx') return r.fulfill({ status: 404 });
    return r.fulfill({ body: readFileSync(join(BUNDLE_DIR, file)) });
  });
  await serveHubExports(context, { [GQA_MODEL_ID]: readExportFolder(exp.dir) });
  const bundle = await openBundle(BUNDLE_DIR);

  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await page.getByTestId('encoder-hub-id').fill(GQA_MODEL_ID);
  for (const [precision, query, tolerance] of RUNS) {
    const node = await loadNodeEncoder(exp.dir, precision, TINY_DIM);
    expect(node.hiddenState).toMatchObject({ patch: 'cut to the last position', kvCache: 'detached' });
    const [prediction] = await predictRows(bundle, await node.embed(query, true), 1);
    await node.dispose();
    const curves = buildCurves(bundle.manifest, prediction!, bundle.manifest.pool, () => true);
    const expected = route({
      curves,
      lambda: 0.99999,
      inputTokens: estimateInputTokens(query),
      cap: null,
      continuous: true,
    }).best!;

    await page.getByTestId('encoder-precision').selectOption(precision);
    await page.getByTestId('encoder-load').click();
    await expect(page.getByTestId('encoder-loaded')).toContainText(`(${precision}, wasm)`);
    await expect(page.getByTestId('encoder-hidden-state')).toHaveAttribute('data-patch', 'cut to the last position');
    await typeQuery(page, query);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
    await expect
      .poll(async () => Math.abs((await choice(page, 'selection')).quality - expected.quality))
      .toBeLessThan(tolerance);
  }
});
