import type { Browser } from '@playwright/test';
import { startFakeEmbeddings } from '../e2e/fakeEmbeddings';
import { BENCH_BUNDLE_ID } from './encoder/benchBundle';
import { serveBundle } from './encoder/encoderMode';
import { pageHeap } from './heap';
import { appUrl, freshPage } from './page';
import { benchQueries } from './queries';
import { percentile, round } from './stats';
import { inputAt, installWorkloadProbes, pickFile, PLAN, pressesDuringBatch, whenMatches } from './workloadPage';

/**
 * `npm run bench -- --embeddings-server`: the workload view routes a file of varied queries
 * through the encoder panel's server source, against a loopback OpenAI-compatible server that
 * answers at once (e2e/fakeEmbeddings.ts: 1024 floats a text, base64, shuffled by index). The
 * bundle reads a 1024-wide embedding and is shaped like the release (11 LLMs × 16 budgets), so
 * what is timed is the page's side: requests, decoding, batching, the worker's predictions and
 * the plan. A real server adds its own time per request.
 */

export interface EmbeddingsServerBench {
  queries: number;
  /** File picked → plan, savings and both 50-point curves on screen. */
  totalMs: number;
  queriesPerSecond: number;
  /** Requests the server answered for the file (the connection's probe not counted). */
  requests: number;
  batch: number;
  concurrency: number;
  /** λ presses on the workload view while the batch runs: keydown → the view's change. */
  sliderDuringBatchMsP95: number | null;
  sliderPressesDuringBatch: number;
  /** The page's JS heap after a full GC, with every query's predictions and plan held. */
  heapMB: number;
}

const SEED = 2026;

export async function embeddingsServerBench(
  browser: Browser,
  base: string,
  debounceMs: number,
  queries: number,
  log: (line: string) => void,
): Promise<EmbeddingsServerBench> {
  const server = await startFakeEmbeddings({ dim: 1024 });
  const app = await freshPage(browser, debounceMs);
  try {
    const { page } = app;
    await serveBundle(app.context, 'Qwen/Qwen3-0.6B');
    await page.goto(appUrl(base, BENCH_BUNDLE_ID, { view: 'workload' }));
    await page.getByTestId('encoder-panel').waitFor({ timeout: 60_000 });
    await page.getByTestId('encoder-source').selectOption('server');
    await page.getByTestId('encoder-server-url').fill(server.baseUrl);
    const batch = Number(await page.getByTestId('encoder-server-batch').inputValue());
    const concurrency = Number(await page.getByTestId('encoder-server-concurrency').inputValue());
    await page.getByTestId('encoder-load').click();
    await page.locator('[data-testid="encoder-status"][data-status="ready"]').waitFor({ timeout: 60_000 });
    log(`embeddings server: connected to ${server.baseUrl}, ${batch} texts a request, ${concurrency} in flight`);
    await installWorkloadProbes(page);
    await whenMatches(page, '[data-testid="workload-file"]:not([disabled])', 60_000);
    const answered = server.requests.length;

    const ready = `${PLAN}[data-queries="${queries}"][data-routing="false"]`;
    const predicting = whenMatches(page, '[data-testid="workload-progress"]', 60_000);
    const done = whenMatches(page, ready, 600_000);
    await pickFile(page, benchQueries(queries, SEED), 'embeddings-server.jsonl');
    await predicting;
    // Read before the presses: each is an input too.
    const picked = await inputAt(page);
    const samples = await pressesDuringBatch(page, 200);
    const totalMs = (await done) - picked;
    log(
      `embeddings server: ${queries} queries routed in ${round(totalMs, 0)} ms, ${samples.length} λ presses meanwhile`,
    );
    const heap = await pageHeap(page);
    return {
      queries,
      totalMs: round(totalMs, 0),
      queriesPerSecond: round(queries / (totalMs / 1000), 0),
      requests: server.requests.length - answered,
      batch,
      concurrency,
      sliderDuringBatchMsP95: samples.length ? round(percentile(samples, 95), 1) : null,
      sliderPressesDuringBatch: samples.length,
      heapMB: round(heap.heapMB, 1),
    };
  } finally {
    await app.close();
    await server.close();
  }
}
