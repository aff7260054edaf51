import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { predictRows } from '../pipeline/bundle/nodeBundle';
import { writeBundle } from '../pipeline/bundle/writeBundle';
import { loadDataset } from '../pipeline/data/loader';
import { evaluateBundle } from '../pipeline/evaluate/evaluateBundle';
import { SIM_POOL } from '../pipeline/simulate/pool';
import { writeDataset } from '../pipeline/simulate/writeDataset';
import { tempDir } from '../pipeline/testing/tinyData';
import { RELEASE_DEFAULT_LAMBDA } from '../src/config';
import { TINY_BUNDLE_ID } from '../src/encoder/__fixtures__/tinyQwen3';
import { l2Normalize } from '../src/encoder/lastToken';
import { PROBE_TEXT } from '../src/encoder/server/serverEncoder';
import { DEFAULT_QUERY } from '../src/state/viewState';
import { FIXTURE_RELEASE, releaseFiles, REPO_ROOT } from '../src/importer/__fixtures__/releaseFixtures';
import { importRelease } from '../src/importer/importRelease';
import { buildCurves } from '../src/router/curves';
import { releaseInputTokens } from '../src/router/releaseRules';
import { route } from '../src/router/search';
import type { Candidate } from '../src/router/types';
import type { PlanExportRow } from '../src/workload/exports';
import { choice, downloadText, openApp, typeQuery } from './app';
import { fakeEmbedding, startFakeEmbeddings, type FakeEmbeddings } from './fakeEmbeddings';
import { expectKeyNowhere } from './fakeProviderSpec';
import { nodeChoice } from './nodeChoice';
import { serveTinyBundle, TINY_BUNDLE_DIR } from './tinyQwen3Bundle';

// The encoder panel's server source against a fake OpenAI-compatible embeddings server on
// 127.0.0.1 (e2e/fakeEmbeddings.ts): its vector for a text is fakeEmbedding(text), its answers
// come shuffled, each vector with its index. The bundle is the fixture release (1024-d heads),
// opened from disk; Node routes the same vectors through the same heads by the release's rules.

const KEY = 'sk-embeddings-e2e-secret-5a4b3c2d1e';
const QUERIES = [
  'Prove that the square root of 2 is irrational.',
  'Write a Python function that merges two sorted lists.',
  'What is the capital of Australia?',
];

let fake: FakeEmbeddings;
test.beforeAll(async () => {
  fake = await startFakeEmbeddings({ dim: 1024 });
});
test.afterAll(() => fake.close());
test.beforeEach(() => fake.reset());

const release = importRelease(releaseFiles(FIXTURE_RELEASE)).then(async ({ manifest, onnxBytes }) => ({
  manifest,
  onnxBytes,
  session: await ort.InferenceSession.create(onnxBytes),
}));

/** What the page's worker feeds the heads for a text: the server's vector, L2-normalised as the bundle asks. */
const served = (text: string) => l2Normalize(Float32Array.from(fakeEmbedding(text, 1024, true)));

/** The release's ranking of every (LLM, budget) for each text at λ, from the server's vectors, in Node. */
async function nodeRankings(texts: readonly string[], lambda = RELEASE_DEFAULT_LAMBDA): Promise<Candidate[][]> {
  const { manifest, session } = await release;
  const rows = new Float32Array(texts.length * 1024);
  texts.forEach((t, i) => rows.set(served(t), i * 1024));
  const predictions = await predictRows({ dir: '', manifest, session }, rows, texts.length);
  return predictions.map(
    (p, i) =>
      route({
        curves: buildCurves(manifest, p, manifest.pool, () => true),
        lambda,
        inputTokens: releaseInputTokens(texts[i]!),
        cap: null,
        continuous: true,
        rules: 'release',
      }).ranked,
  );
}

const nodeDecisions = async (texts: readonly string[]) => (await nodeRankings(texts)).map((ranked) => ranked[0]!);
const label = (model: string | null, budget: string | number | null) => `${model} @ ${budget}`;

/**
 * The page's choices equal Node's, but for ties that floating point decides: the release rounds
 * each score to 8 decimals (about 1e-6 at the default λ), so two candidates a rounding step apart
 * may swap when onnxruntime-web and onnxruntime-node differ in a quality's last bits. Such a
 * swap must be rare, and between candidates Node scores at most one step apart.
 */
function expectSameChoices(page: { llm: string | null; budget: string | null }[], node: Candidate[][]): void {
  const swaps = page.flatMap((row, i) => {
    const [best] = node[i]!;
    if (label(row.llm, row.budget) === label(best!.model, best!.budget)) return [];
    const chosen = node[i]!.find((c) => label(c.model, c.budget) === label(row.llm, row.budget));
    return [
      {
        i,
        page: label(row.llm, row.budget),
        node: label(best!.model, best!.budget),
        gap: best!.score - (chosen?.score ?? -Infinity),
      },
    ];
  });
  expect(
    swaps.filter((s) => s.gap > 1.0000001e-8),
    JSON.stringify(swaps),
  ).toEqual([]);
  expect(swaps.length, JSON.stringify(swaps)).toBeLessThanOrEqual(Math.ceil(page.length / 200));
}

const many = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${QUERIES[i % 3]} (${tag} ${i})`);

async function openRelease(page: Page): Promise<void> {
  await openApp(page);
  await page.getByTestId('bundle-files').setInputFiles(FIXTURE_RELEASE);
  await expect(page.getByTestId('bundle-picker')).toHaveValue('local:release');
  await expect(page.getByTestId('encoder-status')).toHaveAttribute('data-status', 'not loaded');
}

interface Connection {
  url?: string;
  key?: string;
  batch?: number;
  concurrency?: number;
  timeoutSeconds?: number;
}

async function fillServer(page: Page, c: Connection = {}): Promise<void> {
  await page.getByTestId('encoder-source').selectOption('server');
  await page.getByTestId('encoder-server-url').fill(c.url ?? fake.baseUrl);
  await expect(page.getByTestId('encoder-server-model')).toHaveValue('Qwen/Qwen3-0.6B');
  await expect(page.getByTestId('encoder-server-batch')).toHaveValue('64');
  await expect(page.getByTestId('encoder-server-concurrency')).toHaveValue('4');
  if (c.key) await page.getByTestId('encoder-server-key').fill(c.key);
  if (c.batch) await page.getByTestId('encoder-server-batch').fill(String(c.batch));
  if (c.concurrency) await page.getByTestId('encoder-server-concurrency').fill(String(c.concurrency));
  if (c.timeoutSeconds) await page.getByTestId('encoder-server-timeout').fill(String(c.timeoutSeconds));
}

async function connect(page: Page, c: Connection = {}): Promise<void> {
  await fillServer(page, c);
  await page.getByTestId('encoder-load').click();
  await expect(page.getByTestId('encoder-status')).toHaveAttribute('data-status', 'ready');
}

async function expectChoice(page: Page, expected: Candidate): Promise<void> {
  await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
  await expect(page.getByTestId('selection')).toHaveAttribute('data-budget', String(expected.budget));
  expect(Math.abs((await choice(page, 'selection')).quality - expected.quality)).toBeLessThan(1e-5);
}

async function routeFile(page: Page, name: string, texts: readonly string[]): Promise<void> {
  await page.getByTestId('workload-file').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(texts.join('\n')),
  });
}

async function expectRouted(page: Page, count: number): Promise<void> {
  const plan = page.getByTestId('workload-plan');
  await expect(plan).toHaveAttribute('data-queries', String(count), { timeout: 60_000 });
  await expect(plan).toHaveAttribute('data-routing', 'false');
  await expect(page.getByTestId('workload-error')).toHaveCount(0);
}

/** The texts of `texts` the server answered, each once: nothing embedded twice, nothing missed. */
function expectEmbeddedOnce(texts: readonly string[]): void {
  expect(fake.embeddedAmong(texts)).toEqual([...new Set(texts)].sort());
}

/** Every request the browser made: the key may go to the embeddings server only. */
function recordRequests(context: BrowserContext) {
  const seen: { url: string; text: string }[] = [];
  context.on('request', (r) =>
    seen.push({ url: r.url(), text: `${JSON.stringify(r.headers())}${r.postData() ?? ''}` }),
  );
  return seen;
}

test('single queries through the server decide as Node does on the same vectors; the key reaches that server and nowhere else', async ({
  context,
  page,
}) => {
  fake.key = KEY;
  const seen = recordRequests(context);
  await openRelease(page);
  await connect(page, { key: KEY });
  await expect(page.getByTestId('encoder-server-connected')).toHaveAttribute('data-normalized', 'true');
  await expect(page.getByTestId('encoder-server-connected')).toContainText('L2-normalised');
  await expect(page.getByTestId('encoder-server-latency')).toHaveAttribute('data-ms', /^\d+$/);
  await expect(page.getByTestId('fidelity-approximate')).toContainText('an embeddings server');

  for (const query of QUERIES) {
    const before = fake.requests.length;
    await typeQuery(page, query);
    const [expected] = await nodeDecisions([query]);
    await expectChoice(page, expected!);
    // One debounced query, one request.
    expect(fake.requests.length - before).toBe(1);
    expect(fake.requests.at(-1)!.body!.input).toEqual([query]);
  }

  expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${KEY}` && r.path === '/v1/embeddings')).toBe(
    true,
  );
  const embeddings = new URL(fake.baseUrl).origin;
  expect(seen.filter((r) => r.text.includes(KEY)).every((r) => r.url.startsWith(embeddings))).toBe(true);
  expect(seen.filter((r) => !r.url.startsWith(embeddings)).length).toBeGreaterThan(0);

  // The link names the server and model, never the key; nor do storage, the markup or the exports.
  await expect(page).toHaveURL(new RegExp(`[?&]embeddings=${encodeURIComponent(fake.baseUrl)}(&|$)`));
  await expect(page).toHaveURL(/[?&]embeddings-model=Qwen%2FQwen3-0\.6B(&|$)/);
  await expectKeyNowhere(page, KEY);
  for (const testId of ['export-chart-svg', 'export-candidates-csv', 'export-lambda-map-csv'])
    expect(await downloadText(page, testId)).not.toContain(KEY);

  // Remembered on request, and only then.
  await page.getByTestId('encoder-server-remember').check();
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain(KEY);
  await page.getByTestId('encoder-server-forget').click();
  await expectKeyNowhere(page, KEY);
});

test('a 1,000-query workload through the server: every query’s decision equals Node’s, and npm run route on the same server equals the page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const texts = many(1000, 'workload');
  await openRelease(page);
  await connect(page);
  await page.getByTestId('workload').click();
  await routeFile(page, 'many.txt', texts);
  await expectRouted(page, texts.length);
  expectEmbeddedOnce(texts);
  expect(fake.requests.slice(1).every((r) => r.body!.input.length <= 64)).toBe(true);

  const rows = JSON.parse(await downloadText(page, 'workload-export-json')) as PlanExportRow[];
  const rankings = await nodeRankings(texts);
  expect(rows.map((r) => r.query)).toEqual(texts);
  expectSameChoices(rows, rankings);
  rows.forEach((r, i) => {
    const same = rankings[i]!.find((c) => label(c.model, c.budget) === label(r.llm, r.budget))!;
    expect(Math.abs(r.predictedQuality! - same.quality)).toBeLessThan(1e-5);
  });
  expect(new Set(rankings.map(([c]) => label(c!.model, c!.budget))).size).toBeGreaterThan(2);

  // The command line, on the same server and the same file.
  const tmp = await tempDir('r2-embeddings-e2e');
  try {
    const { manifest, onnxBytes } = await release;
    const bundle = join(tmp.path, 'bundle');
    await writeBundle(bundle, manifest, onnxBytes);
    const file = join(tmp.path, 'many.txt');
    await writeFile(file, texts.join('\n'));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
        [
          join(REPO_ROOT, 'pipeline', 'cli', 'route.ts'),
          ...['--bundle', bundle, '--queries', file, '--embeddings-url', fake.baseUrl],
          ...['--lambda', String(RELEASE_DEFAULT_LAMBDA)],
        ],
        { cwd: REPO_ROOT, maxBuffer: 16 << 20 },
        (error, out, err) => (error ? reject(new Error(err)) : resolve(out)),
      ),
    );
    const { decisions } = JSON.parse(stdout) as { decisions: { model: string; budget: number | string }[] };
    // Node's runtime, as the test's: Node's routing to the letter, hence the page's but for the float ties above.
    expect(decisions.map((d) => label(d.model, d.budget))).toEqual(rankings.map(([c]) => label(c!.model, c!.budget)));
    expectSameChoices(
      decisions.map((d) => ({ llm: d.model, budget: String(d.budget) })),
      rows.map((r, i) => [
        rankings[i]!.find((c) => label(c.model, c.budget) === label(r.llm, r.budget))!,
        ...rankings[i]!,
      ]),
    );
  } finally {
    await tmp.remove();
  }
});

test('an R2-Bench-format folder is evaluated through the server: its held-out queries embedded there once, the metrics npm run evaluate gives on the same vectors', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tmp = await tempDir('r2-embeddings-folder');
  try {
    const dir = join(tmp.path, 'bench-folder');
    // The fixture release's two LLMs, simulated at its budgets.
    const pool = ['Alpha-7B', 'Beta-1B'].map((name, i) => ({ ...SIM_POOL[i * 5]!, name, path: `fixture/${name}` }));
    await writeDataset(dir, { queries: 300, seed: 5, pool, budgets: [10, 100, 'unlimited'], command: 'test' });
    const { manifest, session } = await release;
    const expected = await evaluateBundle(
      { dir: '', manifest, session },
      await loadDataset(dir),
      undefined,
      (prompts) => {
        const rows = new Float32Array(prompts.length * 1024);
        prompts.forEach((p, i) => rows.set(served(p), i * 1024));
        return Promise.resolve(rows);
      },
    );

    await openRelease(page);
    await connect(page);
    await page.getByTestId('workload').click();
    await page.getByTestId('workload-folder').setInputFiles(dir);
    const metrics = page.getByTestId('workload-metrics');
    await expect(metrics).toHaveAttribute('data-held-out', String(expected.heldOut.queries), { timeout: 60_000 });
    for (const method of ['r2', 'reactive'] as const)
      for (const metric of ['audc', 'qnc', 'peak'] as const) {
        const shown = Number(await metrics.getAttribute(`data-${method}-${metric}`));
        expect(Math.abs(shown - expected.heldOut[method][metric]), `${method} ${metric}`).toBeLessThan(1e-6);
      }
    // Besides the probe and the query of the single-query view, the held-out queries, each once.
    const embedded = fake.embedded().filter((t) => t !== PROBE_TEXT && t !== DEFAULT_QUERY);
    expect(embedded).toHaveLength(expected.heldOut.queries);
    expect(new Set(embedded).size).toBe(embedded.length);
  } finally {
    await tmp.remove();
  }
});

test('connecting refuses, each with its message: a wrong key, the wrong dimension, NaN, an origin the policy blocks', async ({
  page,
}) => {
  await openRelease(page);
  await page.getByTestId('query-input').fill(QUERIES[0]!);

  fake.key = KEY;
  await fillServer(page, { key: 'sk-wrong-key-000' });
  await page.getByTestId('encoder-load').click();
  const error = page.getByTestId('encoder-error');
  await expect(error).toContainText('refused the probe request (401): the API key is missing or wrong');
  await expect(page.getByTestId('encoder-status')).toHaveAttribute('data-status', 'not loaded');
  await expect(page.getByTestId('query-input')).toHaveValue(QUERIES[0]!);
  await expect(page.getByTestId('encoder-server-url')).toHaveValue(fake.baseUrl);
  fake.key = null;

  fake.mode = 'wrong-dim';
  await page.getByTestId('encoder-load').click();
  await expect(error).toContainText("The server's vectors have 1025 numbers; this bundle's heads read 1024");

  fake.mode = 'nan';
  await page.getByTestId('encoder-load').click();
  await expect(error).toContainText('holds NaN or infinite values');

  const sent = fake.requests.length;
  await page.getByTestId('encoder-server-url').fill('https://gpu.example.org/v1');
  const problems = page.getByTestId('encoder-server-problems');
  await expect(problems).toContainText('Content-Security-Policy blocks https://gpu.example.org');
  await expect(problems).toContainText('VITE_EXTRA_CONNECT_ORIGINS="https://gpu.example.org" npm run build');
  await expect(page.getByTestId('encoder-load')).toBeDisabled();
  expect(fake.requests.length).toBe(sent);

  // The policy lets loopback through on any port; the server then works.
  fake.mode = 'ok';
  await connect(page);
  await typeQuery(page, QUERIES[0]!);
  await expectChoice(page, (await nodeDecisions([QUERIES[0]!]))[0]!);
});

test('a workload rides out a 429 with Retry-After (shown) and a 500; fewer vectors than texts and a 401 stop it with their message; resumed, every query is routed and none embedded twice', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openRelease(page);
  await connect(page, { batch: 16, concurrency: 2 });
  await page.getByTestId('workload').click();

  const first = many(200, 'retries');
  fake.retryAfterSeconds = 2;
  fake.script = ['ok', 'rate-limited', 'ok', 'server-error'];
  await routeFile(page, 'retries.txt', first);
  const retry = page.getByTestId('encoder-server-retry');
  await expect(retry.first()).toContainText(
    /answered 429 to batch \d+ \(16 queries, .*\): retry 1 of 4 in 2\.0 s, as its Retry-After asks/,
  );
  await expectRouted(page, first.length);
  await expect(retry).toHaveCount(0);
  await expect(page.getByTestId('encoder-server-latency')).toContainText('retried');
  expect(fake.requests.filter((r) => r.status === 429 || r.status === 500)).toHaveLength(2);
  expectEmbeddedOnce(first);

  const second = many(200, 'fewer');
  fake.script = ['ok', 'ok', 'fewer'];
  await routeFile(page, 'fewer.txt', second);
  await expect(page.getByTestId('workload-error')).toContainText(/returned 15 vectors for the 16 texts of batch \d+/);
  await page.getByTestId('workload-resume').click();
  await expectRouted(page, second.length);
  expectEmbeddedOnce(second);

  const third = many(200, 'key');
  fake.script = ['ok', 'ok', 'ok', 'unauthorized'];
  await routeFile(page, 'key.txt', third);
  await expect(page.getByTestId('workload-error')).toContainText(/refused batch \d+ .*\(401\)/);
  await expect(page.getByTestId('workload-error')).toContainText('Every vector received before it is kept.');
  await page.getByTestId('workload-resume').click();
  await expectRouted(page, third.length);
  expectEmbeddedOnce(third);
});

test('a server that never answers is a timeout with its message, not a hang', async ({ page }) => {
  await openRelease(page);
  await connect(page, { timeoutSeconds: 2 });
  await typeQuery(page, QUERIES[0]!);
  fake.mode = 'hang';
  await page.getByTestId('query-input').fill(QUERIES[1]!);
  await expect(page.getByTestId('chart-message')).toContainText(
    /did not answer batch \d+ \(1 query, the first “Write a Python function.*within 2 s/,
  );
});

test('Cancel mid-run, then Resume: the progress shows queries/s, and nothing is embedded twice', async ({ page }) => {
  test.setTimeout(120_000);
  await openRelease(page);
  await connect(page, { batch: 8, concurrency: 2 });
  await page.getByTestId('workload').click();
  const texts = many(400, 'cancel');
  fake.delayMs = 150;
  await routeFile(page, 'cancel.txt', texts);
  await expect(page.getByTestId('workload-rate')).toHaveAttribute('data-per-second', /^[1-9]\d*$/);
  await page.getByTestId('workload-cancel').click();
  await expect(page.getByTestId('workload-cancelled')).toBeVisible();
  const routed = Number(await page.getByTestId('workload-plan').getAttribute('data-queries'));
  expect(routed).toBeGreaterThan(0);
  expect(routed).toBeLessThan(texts.length);

  fake.delayMs = 0;
  await page.getByTestId('workload-resume').click();
  await expectRouted(page, texts.length);
  expectEmbeddedOnce(texts);
});

test('a link naming a server fills the panel and asks before sending anything to it', async ({ context, page }) => {
  const small = await startFakeEmbeddings({ dim: 8 });
  try {
    await serveTinyBundle(context);
    await openApp(page, {
      bundle: TINY_BUNDLE_ID,
      embeddings: small.baseUrl,
      'embeddings-model': 'r2-fixtures/tiny-qwen3',
      q: QUERIES[0]!,
    });
    await expect(page.getByTestId('encoder-source')).toHaveValue('server');
    await expect(page.getByTestId('encoder-server-url')).toHaveValue(small.baseUrl);
    await expect(page.getByTestId('encoder-server-model')).toHaveValue('r2-fixtures/tiny-qwen3');
    await expect(page.getByTestId('encoder-server-from-link')).toContainText('Nothing has been sent to it');
    await expect(page.getByTestId('encoder-status')).toHaveAttribute('data-status', 'not loaded');
    await page.waitForTimeout(500);
    expect(small.requests).toEqual([]);

    await page.getByTestId('encoder-load').click();
    await expect(page.getByTestId('encoder-status')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('encoder-server-from-link')).toHaveCount(0);
    await expect(page.getByTestId('selection')).not.toHaveAttribute('data-model', '');
    const expected = await nodeChoice(TINY_BUNDLE_DIR, l2Normalize(fakeEmbedding(QUERIES[0]!, 8, true)), QUERIES[0]!);
    await expect(page.getByTestId('selection')).toHaveAttribute('data-model', expected.model);
    expect(Math.abs((await choice(page, 'selection')).quality - expected.quality)).toBeLessThan(1e-5);
  } finally {
    await small.close();
  }
});
