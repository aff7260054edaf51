import type { Page } from '@playwright/test';
import type { WorkerTiming } from './probes';
import { probe, type Fetched } from './page';

/** The worker chunk the page loaded (Vite names it after src/worker/worker.ts). */
export function workerChunk(fetched: readonly Fetched[]): string {
  const hit = fetched.find((f) => /\/assets\/worker-[\w-]+\.js$/.test(new URL(f.url).pathname));
  if (!hit) throw new Error('the page loaded no predictor worker chunk (assets/worker-*.js)');
  return hit.url;
}

/**
 * Encode + inference as the worker itself times them, one query per request like the app
 * sends, in a second instance of the app's own worker so nothing else shares its queue.
 */
export async function timePredictor(
  page: Page,
  workerUrl: string,
  bundleBase: string,
  warmUp: readonly string[],
  texts: readonly string[],
): Promise<WorkerTiming> {
  const args = [workerUrl, bundleBase, warmUp, texts].map((a) => JSON.stringify(a)).join(', ');
  return probe<WorkerTiming>(page, `window.__bench.timeWorker(${args})`);
}
