import type { Browser } from '@playwright/test';
import { pageHeap, type Heap } from './heap';
import { typeAndTime, type KeystrokeRun } from './keystrokes';
import { freshPage, openApp } from './page';
import { timePredictor, workerChunk } from './predict';
import type { WorkerTiming } from './probes';
import { benchQueries } from './queries';
import { pressAndTime, pressPlan, type PressSample } from './slider';

export interface SessionCounts {
  queries: number;
  warmUp: number;
  keystrokes: number;
  presses: number;
}

export interface SessionResult {
  predict: WorkerTiming;
  keys: KeystrokeRun;
  presses: PressSample[];
  heap: Heap;
}

/** One warm page, as a person would use it: predictor alone, typing, then the sliders. */
export async function runSession(
  browser: Browser,
  base: string,
  bundle: string,
  debounceMs: number,
  counts: SessionCounts,
): Promise<SessionResult> {
  const app = await freshPage(browser, debounceMs);
  try {
    await openApp(app, base, bundle);
    const bundleBase = new URL(`models/${encodeURIComponent(bundle)}/`, base).href;
    // Warm-up texts come from another seed, so the timed 200 are never the first run of a shape.
    const predict = await timePredictor(
      app.page,
      workerChunk(app.fetched),
      bundleBase,
      benchQueries(counts.warmUp, 1),
      benchQueries(counts.queries),
    );
    const keys = await typeAndTime(app.page, counts.keystrokes);
    const presses = await pressAndTime(app.page, pressPlan(counts.presses));
    const heap = await pageHeap(app.page);
    return { predict, keys, presses, heap };
  } finally {
    await app.close();
  }
}
