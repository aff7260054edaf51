import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { predictRows } from '../pipeline/bundle/nodeBundle';
import { pinFiles, type Answer } from '../src/bundle/__fixtures__/remoteRelease';
import { AUTHORS_RELEASE, RELEASE_BASE } from '../src/bundle/authorsRelease';
import type { Manifest } from '../src/bundle/manifest';
import { Tokenizer } from 'tokenizers';
import { QWEN3_TOKENIZER_PATH } from '../src/encoder/__fixtures__/qwen3TokenizerFiles';
import { QWEN3_VOCABULARY, qwen3VocabularyExport } from '../src/encoder/__fixtures__/qwen3Vocabulary';
import { tinyEmbeddingOf, tinyExpectedEmbedding } from '../src/encoder/__fixtures__/tinyQwen3';
import { tinyTextGenExport } from '../src/encoder/__fixtures__/tinyQwen3TextGen';
import { QWEN3_EXPORT } from '../src/encoder/exportFiles';
import {
  FIXTURE_RELEASE,
  HAS_REAL_RELEASE,
  REAL_RELEASE,
  releaseFiles,
} from '../src/importer/__fixtures__/releaseFixtures';
import { importRelease } from '../src/importer/importRelease';
import { buildCurves } from '../src/router/curves';
import { releaseInputTokens } from '../src/router/releaseRules';
import { estimateInputTokens } from '../src/router/cost';
import { route } from '../src/router/search';
import type { DecisionRules } from '../src/router/types';
import { choice, openApp, typeQuery } from './app';
import { loadEncoder, pickRelease, serveRelease } from './authorsRelease';
import { serveHubExports } from './hubExport';

// The authors' release, one click away: the page fetches it from raw.githubusercontent.com at the
// pinned commit. Offline here, so the files are served by request interception at those URLs: the
// project's fixture release (with its own digests standing in for the pinned ones), or the real
// checkpoints when ../shared/r2-router-release is on this machine (checked against the real pins).
// A 1024-wide tiny text-generation export with Qwen3's own tokenizer and vocabulary stands in for
// onnx-community/Qwen3-0.6B-ONNX at the Hub; Node's choice comes from the Rust tokenizer's ids.

const QUERY = 'Prove that the square root of 2 is irrational: assume √2 = p/q, with gcd(p, q) = 1…';
const FIXTURE = releaseFiles(FIXTURE_RELEASE);
const ENCODER = qwen3VocabularyExport(1024);
const HEAD = 'checkpoints/Beta-1B_ridge_alpha10.0/unlimited_token_predictor.joblib';

/** The choices the page must make for QUERY at each λ: the folder's import, run in Node on the tiny model's embedding. */
async function expectedChoices(
  files: ReadonlyMap<string, Uint8Array>,
  lambdas: number[],
  rules: DecisionRules = 'release',
  embedding?: Float32Array,
) {
  const { manifest, onnxBytes } = await importRelease(files);
  const session = await ort.InferenceSession.create(onnxBytes);
  const ids = (await Tokenizer.fromFile(QWEN3_TOKENIZER_PATH).encode(QUERY)).getIds();
  const [prediction] = await predictRows(
    { dir: '', manifest, session },
    embedding ?? tinyEmbeddingOf(ids, true, 1024, QWEN3_VOCABULARY),
    1,
  );
  const curves = buildCurves(manifest, prediction!, manifest.pool, () => true);
  const inputTokens = rules === 'release' ? releaseInputTokens(QUERY) : estimateInputTokens(QUERY);
  return lambdas.map((lambda) => route({ curves, lambda, inputTokens, cap: null, continuous: true, rules }).best!);
}

async function expectChoice(page: Page, expected: { model: string; budget: number | string; quality: number }) {
  await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
  await expect(page.getByTestId('selection')).toHaveAttribute('data-budget', String(expected.budget));
  expect(Math.abs((await choice(page, 'selection')).quality - expected.quality)).toBeLessThan(1e-5);
}

test('one click: the authors’ release is fetched from GitHub and imported, and with the encoder loaded it chooses as the folder’s import does in Node', async ({
  context,
  page,
}) => {
  const requests = await serveRelease(context, FIXTURE, { pins: pinFiles(FIXTURE) });
  await serveHubExports(context, { [QWEN3_EXPORT]: ENCODER });
  await openApp(page);
  await expect(page.getByTestId('bundle-picker').locator(`option[value="${AUTHORS_RELEASE.id}"]`)).toHaveText(
    'R2-Router (released by the authors)',
  );

  await pickRelease(page);
  const progress = page.getByTestId('release-progress');
  await expect(progress).toHaveAttribute('data-files', String(FIXTURE.size));
  await expect(progress).toContainText(`${FIXTURE.size} files`);
  await expect(progress).toContainText('from commit b0b2291 of UCF-ML-Research/R2-Router');
  await expect(progress).toContainText('downloaded and kept for offline visits');
  expect(requests[0]).toBe(`${RELEASE_BASE}config.json`);
  expect([...requests].sort()).toEqual([...FIXTURE.keys()].map((p) => RELEASE_BASE + p).sort());

  const card = page.getByTestId('model-card');
  await expect(card).toContainText('R2-Router: the authors');
  await expect(page.getByTestId('fidelity-real')).toContainText('Ridge heads for these 2 LLMs, trained on R2-Bench');
  await expect(page.getByTestId('fidelity-approximate')).toContainText('vLLM');
  await expect(page.getByTestId('fidelity-unverified')).toContainText('not been measured');
  await expect(page.getByTestId('fidelity-check')).toHaveText(/^npm run -s embed -- .* --compare vllm\.json$/);
  await expect(card).toContainText(`git -C R2-Router checkout ${AUTHORS_RELEASE.commit}`);

  await loadEncoder(page);
  await expect(page.getByTestId('fidelity-approximate')).toContainText(`Loaded now: ${QWEN3_EXPORT}`);
  await expect(page.getByTestId('encoder-tokenizer-warning')).toHaveCount(0);
  await typeQuery(page, QUERY);
  const [expected] = await expectedChoices(FIXTURE, [0.99999]);
  await expectChoice(page, expected!);

  // The release's own rules decide by default; the playground's are one toggle away, and the link says which.
  const rules = page.getByTestId('decision-rules');
  await expect(rules).toHaveAttribute('data-rules', 'release');
  await expect(page.getByTestId('search-mode')).toBeDisabled();
  await rules.click();
  await expect(rules).toHaveAttribute('data-rules', 'playground');
  const [playground] = await expectedChoices(FIXTURE, [0.99999], 'playground');
  await expectChoice(page, playground!);
  await expect(page).toHaveURL(/[?&]rules=app(&|$)/);
});

test('the link ?bundle=r2-router opens it; a second visit reads it from this browser’s cache with no request, even offline; forgetting the copy makes the next visit download it', async ({
  context,
  page,
}) => {
  const requests = await serveRelease(context, FIXTURE, { pins: pinFiles(FIXTURE) });
  await openApp(page, { bundle: AUTHORS_RELEASE.id });
  await expect(page.getByTestId('release-progress')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('bundle-picker')).toHaveValue(AUTHORS_RELEASE.id);
  expect(requests).toHaveLength(FIXTURE.size);

  requests.length = 0;
  await context.unroute('https://raw.githubusercontent.com/**');
  await context.route('https://raw.githubusercontent.com/**', (r) => {
    requests.push(r.request().url());
    return r.abort('internetdisconnected');
  });
  const again = await context.newPage();
  await openApp(again, { bundle: AUTHORS_RELEASE.id });
  const progress = again.getByTestId('release-progress');
  await expect(progress).toHaveAttribute('data-state', 'ready');
  await expect(progress).toHaveAttribute('data-cached', String(FIXTURE.size));
  await expect(progress).toContainText('read from this browser’s cache');
  await expect(again.getByTestId('model-card')).toContainText('R2-Router: the authors');
  expect(requests).toEqual([]);

  await again.getByTestId('release-forget').click();
  await expect(progress).toContainText('Forgotten: the next load downloads the release again.');
  await expect(again.getByTestId('release-forget')).toHaveCount(0);
  const third = await context.newPage();
  await openApp(third, { bundle: AUTHORS_RELEASE.id });
  await expect(third.getByTestId('bundle-error')).toContainText('Could not reach raw.githubusercontent.com');
  expect(requests).toEqual([`${RELEASE_BASE}config.json`]);
});

test('an export whose tokenizer.json is not Qwen3’s: the panel warns, and the encoder still loads and decides', async ({
  context,
  page,
}) => {
  await serveRelease(context, FIXTURE, { pins: pinFiles(FIXTURE) });
  // The byte-level tokenizer of the project's tiny export, over the same kind of model.
  await serveHubExports(context, { [QWEN3_EXPORT]: tinyTextGenExport(1024) });
  await openApp(page);
  await pickRelease(page);
  await loadEncoder(page);
  const warning = page.getByTestId('encoder-tokenizer-warning');
  await expect(warning).toContainText(`${QWEN3_EXPORT}'s tokenizer.json is not Qwen3's (SHA-256`);
  await expect(warning).toContainText('expected aeb13307a71a…');
  await expect(warning).toContainText('Loaded anyway.');
  await typeQuery(page, QUERY);
  const [expected] = await expectedChoices(FIXTURE, [0.99999], 'release', tinyExpectedEmbedding(QUERY, true, 1024));
  await expectChoice(page, expected!);
});

const changed = FIXTURE.get(HEAD)!.slice();
changed[changed.length - 1]! ^= 1;
const garbage = new Map(FIXTURE).set(HEAD, new TextEncoder().encode('<html>rate limited</html>'));

const FAILURES: Array<{
  what: string;
  files?: ReadonlyMap<string, Uint8Array>;
  answers?: Record<string, Answer>;
  message: string | RegExp;
}> = [
  {
    what: 'offline, with nothing cached',
    answers: { 'config.json': 'offline' },
    message:
      /^R2-Router \(released by the authors\) could not be loaded\. Could not reach raw\.githubusercontent\.com for config\.json \(.*\)\. Check the connection/,
  },
  {
    what: 'a file gone from the repository (404)',
    answers: { [HEAD]: 404 },
    message: `raw.githubusercontent.com has no ${HEAD} at commit b0b2291 of UCF-ML-Research/R2-Router (HTTP 404)`,
  },
  {
    what: 'a file that is not the one pinned',
    answers: { [HEAD]: changed },
    message: new RegExp(
      `${HEAD} is not the file the authors released at commit b0b2291 of UCF-ML-Research/R2-Router: its SHA-256 is`,
    ),
  },
  {
    what: 'a file as pinned that does not read as a checkpoint',
    files: garbage,
    message: `The downloaded release could not be read: cannot import the release: 1 problem\n  • Beta-1B: ${HEAD}`,
  },
];

for (const failure of FAILURES)
  test(`${failure.what}: says so in its own words, and the default bundle stays usable`, async ({ context, page }) => {
    const files = failure.files ?? FIXTURE;
    await serveRelease(context, files, { pins: pinFiles(files), answers: failure.answers });
    await openApp(page);
    await page.getByTestId('bundle-picker').selectOption(AUTHORS_RELEASE.id);
    const banner = page.getByTestId('bundle-error');
    await expect(banner.locator('pre')).toContainText(failure.message);
    await expect(page.getByTestId('bundle-picker')).toHaveValue('default');
    await expect(banner).toContainText('Showing the default bundle instead.');
    await typeQuery(page, QUERY);
  });

test('the authors’ real checkpoints, when this machine has them, pass the pinned digests and predict exactly as the folder’s import', async ({
  context,
  page,
}) => {
  test.skip(!HAS_REAL_RELEASE, `no release at ${REAL_RELEASE}`);
  const real = releaseFiles(REAL_RELEASE);
  // What the page hands the predictor worker: the bundle's manifest and ONNX bytes.
  await page.addInitScript(() => {
    const loads: Array<{ manifest: unknown; onnx: ArrayBuffer }> = [];
    Object.assign(window, { bundleLoads: loads });
    type Post = (this: Worker, message: unknown, transfer: Transferable[]) => void;
    const post = Object.getOwnPropertyDescriptor(Worker.prototype, 'postMessage')!.value as Post;
    const recording: Post = function (message, transfer) {
      const m = message as { type?: string; manifest?: unknown; onnx?: ArrayBuffer };
      if (m.type === 'load' && m.onnx) loads.push({ manifest: m.manifest, onnx: m.onnx.slice(0) });
      post.call(this, message, transfer);
    };
    Object.defineProperty(Worker.prototype, 'postMessage', { value: recording });
  });
  await serveRelease(context, real);
  await serveHubExports(context, { [QWEN3_EXPORT]: ENCODER });
  await openApp(page);
  await pickRelease(page);
  await expect(page.getByTestId('model-card')).toContainText('11 LLMs × 16 budgets');

  const loaded = await page.evaluate(async () => {
    const { manifest, onnx } = (
      window as unknown as { bundleLoads: Array<{ manifest: unknown; onnx: ArrayBuffer }> }
    ).bundleLoads.at(-1)!;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', onnx));
    return { manifest, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
  });
  const folder = await importRelease(real);
  const manifest = loaded.manifest as Manifest;
  expect({ ...manifest, card: { ...manifest.card, reproduce: '' } }).toEqual({
    ...folder.manifest,
    card: { ...folder.manifest.card, reproduce: '' },
  });
  expect(loaded.sha256).toBe(createHash('sha256').update(folder.onnxBytes).digest('hex'));

  await loadEncoder(page);
  await typeQuery(page, QUERY);
  const [atDefault, atZero, atOne] = await expectedChoices(real, [0.99999, 0, 1]);
  await expectChoice(page, atDefault!);
  await page.getByTestId('lambda-slider').press('Home');
  await expectChoice(page, atZero!);
  await page.getByTestId('lambda-slider').press('End');
  await expectChoice(page, atOne!);
});

test('with the release and no encoder, the workload view says the encoder must be loaded, and routes once it is', async ({
  context,
  page,
}) => {
  await serveRelease(context, FIXTURE, { pins: pinFiles(FIXTURE) });
  await serveHubExports(context, { [QWEN3_EXPORT]: ENCODER });
  await openApp(page, { bundle: AUTHORS_RELEASE.id, view: 'workload' });
  const blocked = page.getByTestId('workload-blocked');
  await expect(blocked).toHaveAttribute('data-why', 'encoder-not-loaded');
  await expect(blocked).toContainText('This bundle needs the Qwen3-0.6B encoder');
  await expect(page.getByTestId('workload-file')).toBeDisabled();

  await loadEncoder(page);
  await expect(blocked).toHaveCount(0);
  await page
    .getByTestId('workload-file')
    .setInputFiles({ name: 'q.txt', mimeType: 'text/plain', buffer: Buffer.from(`${QUERY}\nWhat is 2 + 2?`) });
  await expect(page.getByTestId('workload-plan')).toHaveAttribute('data-queries', '2');
});
