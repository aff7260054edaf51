import { expect, test } from '@playwright/test';
import { ensureExport } from '../bench/encoder/exportFolder';
import { QWEN3_0_6B } from '../bench/encoder/qwen3Graph';
import { TINY_BUNDLE_ID, TINY_DIM } from '../src/encoder/__fixtures__/tinyQwen3';
import { loadNodeEncoder } from '../src/encoder/nodeEncoder';
import { choice, openApp, typeQuery } from './app';
import { readExportFolder, serveHubExports } from './hubExport';
import { nodeChoice } from './nodeChoice';
import { serveTinyBundle, TINY_BUNDLE_DIR } from './tinyQwen3Bundle';

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
  await serveTinyBundle(context);
  await serveHubExports(context, { [GQA_MODEL_ID]: readExportFolder(exp.dir) });

  await openApp(page, { bundle: TINY_BUNDLE_ID });
  await page.getByTestId('encoder-hub-id').fill(GQA_MODEL_ID);
  for (const [precision, query, tolerance] of RUNS) {
    const node = await loadNodeEncoder(exp.dir, precision, TINY_DIM);
    expect(node.hiddenState).toMatchObject({ patch: 'cut to the last position', kvCache: 'detached' });
    const expected = await nodeChoice(TINY_BUNDLE_DIR, await node.embed(query, true), query);
    await node.dispose();

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
