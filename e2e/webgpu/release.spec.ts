import { expect, test, type Page } from '@playwright/test';
import { ensureExport } from '../../bench/encoder/exportFolder';
import { QWEN3_0_6B } from '../../bench/encoder/qwen3Graph';
import { pinFiles } from '../../src/bundle/__fixtures__/remoteRelease';
import { QWEN3_EXPORT, type Precision } from '../../src/encoder/exportFiles';
import { FIXTURE_RELEASE, releaseFiles } from '../../src/importer/__fixtures__/releaseFixtures';
import { choice, openApp, typeQuery, type Choice } from '../app';
import { pickRelease, serveRelease } from '../authorsRelease';
import { readExportFolder, serveHubExports } from '../hubExport';

// The released router with its encoder on WebGPU (SwiftShader), through the page's graph patch,
// against the same export on WASM in the same page. The export is the bench's generator at 1024
// wide and 2 layers: the Hub export's operators (GroupQueryAttention, which the patch rewrites
// to continue a KV cache, RotaryEmbedding, SimplifiedLayerNormalization, MatMulNBits,
// MatMulInteger) in every precision transformers.js names. Its tokenizer is byte-level, so a query of 80 bytes is 80
// tokens: past the 32 where SwiftShader's subgroup attention went wrong (webgpuAdapter.ts).

const DIMS = {
  ...QWEN3_0_6B,
  layers: 2,
  heads: 2,
  kvHeads: 1,
  headDim: 64,
  intermediate: 64,
  vocab: 300,
  maxPositions: 512,
};
const QUERY = 'Prove that the square root of 2 is irrational, then say which step needs the most care.';
const HIDDEN_TEXTS = [QUERY, 'Bonjour ! Quelle heure est-il à Tokyo ? 🗼', 'x = 1'];
/**
 * Precisions SwiftShader's adapter runs on WebGPU, and how far WebGPU may be from WASM: in each
 * number of the L2-normalised embedding, and in the predicted quality of each choice. q8
 * quantises activations at run time (DynamicQuantizeLinear): a rounding difference of one ulp
 * before the round flips an 8-bit code, so it is looser (measured: 9e-4 and 5e-3 on this export;
 * fp32 and q4 within 2e-7).
 */
const ON_WEBGPU: Array<[Precision, { hidden: number; quality: number }]> = [
  ['fp32', { hidden: 1e-5, quality: 1e-5 }],
  ['q8', { hidden: 3e-3, quality: 2e-2 }],
  ['q4', { hidden: 1e-5, quality: 1e-5 }],
];
/** The float16 precisions need shader-f16, which SwiftShader lacks. */
const NEED_F16: Precision[] = ['fp16', 'q4f16'];

interface Run {
  decisions: Choice[];
  hidden: number[][];
}

/** The loaded encoder's embedding of `text`, L2-normalised, from the page's own worker (its encoderHost module). */
async function embedInPage(page: Page, text: string): Promise<number[]> {
  const worker = page.workers().find((w) => /\/assets\/worker-[\w-]+\.js$/.test(w.url()));
  if (!worker) throw new Error('the page has no predictor worker');
  return worker.evaluate(async (t) => {
    const url = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .find((n) => /\/assets\/encoderHost-[\w-]+\.js$/.test(n));
    if (!url) throw new Error('the worker has not loaded its encoder module');
    const host = (await import(url)) as { embedBatch(texts: string[]): Promise<Float32Array[]> };
    const [vector] = await host.embedBatch([t]);
    const norm = Math.hypot(...vector!);
    return Array.from(vector!, (v) => v / norm);
  }, text);
}

async function load(page: Page, precision: Precision, device: 'wasm' | 'webgpu', runsOn: 'wasm' | 'webgpu') {
  await page.getByTestId('encoder-device').selectOption(device);
  await page.getByTestId('encoder-precision').selectOption(precision);
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-loaded')).toContainText(`(${precision}, ${runsOn})`);
  await expect(page.getByTestId('encoder-webgpu-fallback')).toHaveCount(device === runsOn ? 0 : 1);
  await expect(page.getByTestId('encoder-status')).toHaveText('ready');
}

/** The choices at λ = 0, at λ = 1 and ten slider steps below 1, and the embeddings of HIDDEN_TEXTS. */
async function run(page: Page): Promise<Run> {
  await typeQuery(page, QUERY);
  const decisions: Choice[] = [];
  const slider = page.getByTestId('lambda-slider');
  for (const keys of [['Home'], ['End'], Array<string>(10).fill('ArrowLeft')]) {
    for (const key of keys) await slider.press(key);
    decisions.push(await choice(page, 'selection'));
  }
  const hidden = [];
  for (const text of HIDDEN_TEXTS) hidden.push(await embedInPage(page, text));
  return { decisions, hidden };
}

test('the released router’s encoder on WebGPU, through the graph patch, decides and embeds as on WASM', async ({
  context,
  page,
}) => {
  const exp = ensureExport('text-generation', [...ON_WEBGPU.map(([p]) => p), ...NEED_F16], () => undefined, DIMS);
  const fixture = releaseFiles(FIXTURE_RELEASE);
  await serveRelease(context, fixture, { pins: pinFiles(fixture) });
  await serveHubExports(context, { [QWEN3_EXPORT]: readExportFolder(exp.dir) });
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await pickRelease(page);
  // The release's heads compute in float64, which WebGPU has no type for: its predictor runs on WASM, and says why.
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('backend-fallback')).toHaveAttribute(
    'title',
    "WebGPU failed, so this runs on WASM: Can't create a session. Provider type for Cast node with name 'Cast_0' is not set.",
  );
  await expect(page.getByTestId('encoder-device')).toHaveValue('webgpu');

  for (const [precision, tolerance] of ON_WEBGPU) {
    await load(page, precision, 'wasm', 'wasm');
    const wasm = await run(page);
    await load(page, precision, 'webgpu', 'webgpu');
    await expect(page.getByTestId('encoder-hidden-state')).toHaveAttribute('data-patch', 'LM head removed');
    const webgpu = await run(page);
    const differences = webgpu.hidden.flatMap((h, i) => h.map((v, k) => Math.abs(v - wasm.hidden[i]![k]!)));
    expect(Math.max(...differences)).toBeLessThan(tolerance.hidden);
    webgpu.decisions.forEach((d, i) => {
      const ref = wasm.decisions[i]!;
      expect({ model: d.model, budget: d.budget }).toEqual({ model: ref.model, budget: ref.budget });
      expect(Math.abs(d.quality - ref.quality)).toBeLessThan(tolerance.quality);
    });
  }

  // What SwiftShader cannot run falls back to WASM, and the panel says why.
  for (const precision of NEED_F16) {
    await load(page, precision, 'webgpu', 'wasm');
    await expect(page.getByTestId('encoder-webgpu-fallback')).toHaveText(
      `WebGPU could not run ${QWEN3_EXPORT} (${precision}): ${precision} needs the GPU’s shader-f16 feature, which this adapter lacks. It runs on WASM instead.`,
    );
    await typeQuery(page, QUERY);
    await expect(page.getByTestId('selection')).not.toHaveAttribute('data-model', '');
  }
});
