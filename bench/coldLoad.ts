import type { Browser } from '@playwright/test';
import { freshPage, openApp, probe, type Fetched } from './page';

export interface Milestones {
  /** HTML received, DOM ready, first contentful paint (ms since navigation start). */
  responseEndMs: number;
  domContentLoadedMs: number;
  firstContentfulPaintMs: number | null;
  /** The worker's ONNX session creation, as the app reports it. */
  predictorLoadMs: number;
  /** The worker's start to its runtime being ready (fetching, compiling and initialising ORT's .wasm), as the app reports it. */
  runtimeReadyMs: number;
  backend: string;
  timeOriginEpochMs: number;
}

export interface ColdLoad extends Milestones {
  /** Navigation start to the first drawn curve of the default query. */
  coldLoadMs: number;
  fetched: Fetched[];
}

const MILESTONES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    responseEndMs: nav.responseEnd,
    domContentLoadedMs: nav.domContentLoadedEventEnd,
    firstContentfulPaintMs: fcp ? fcp.startTime : null,
    predictorLoadMs: Number(document.querySelector('[data-testid="load-ms"]').getAttribute('data-load-ms')),
    runtimeReadyMs: Number(document.querySelector('[data-testid="load-ms"]').getAttribute('data-runtime-ms')),
    backend: document.querySelector('[data-testid="backend"]').textContent,
    timeOriginEpochMs: performance.timeOrigin,
  };
})()`;

/** One load in a fresh context: nothing cached, nothing stored. */
export async function coldLoad(browser: Browser, base: string, bundle: string, debounceMs: number): Promise<ColdLoad> {
  const app = await freshPage(browser, debounceMs);
  try {
    const coldLoadMs = await openApp(app, base, bundle);
    const m = await probe<Milestones>(app.page, MILESTONES);
    return { coldLoadMs, ...m, fetched: [...app.fetched] };
  } finally {
    await app.close();
  }
}

/** What was fetched before the curves appeared, as [start, end] ms since navigation start. */
export function waterfall(load: ColdLoad): Record<string, [number, number]> {
  const rel = (epoch: number) => Math.round(epoch - load.timeOriginEpochMs);
  const rows: Record<string, [number, number]> = {};
  for (const f of load.fetched) {
    const url = new URL(f.url);
    const key = url.pathname + url.search;
    // ORT's pthread workers fetch its glue again; the first fetch is the one that waits on the network.
    if (rel(f.startEpochMs) <= load.coldLoadMs && !(key in rows)) rows[key] = [rel(f.startEpochMs), rel(f.endEpochMs)];
  }
  return rows;
}
