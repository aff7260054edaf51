import type { Page } from '@playwright/test';
import { pressAndTime, pressPlan } from '../slider';
import { percentile, round } from '../stats';

/**
 * λ and cap presses while the app's worker embeds a long query: the page keeps the last
 * curves, marked stale (`aria-busy` on the chart), and routes on them, so a press should
 * still reach the DOM within a frame. Each press is counted only if the embedding was still
 * running when its commit landed.
 */

export interface SliderDuringEmbedding {
  presses: number;
  /** Presses whose commit landed while the embedding still ran (the others are not counted). */
  duringEmbedding: number;
  sliderToSelectionMs: { p50: number; p95: number; max: number } | null;
  /** Curves were on screen, marked stale, at every counted press. */
  curvesKeptAndStale: boolean;
}

const CHART = '[data-testid="curves-chart"]';

async function chartState(page: Page): Promise<{ lines: number; busy: boolean }> {
  return page.$eval(CHART, (el) => ({
    lines: el.querySelectorAll('path.curve-line').length,
    busy: el.getAttribute('aria-busy') === 'true',
  }));
}

export async function slidersDuringEmbedding(
  page: Page,
  query: string,
  presses: number,
): Promise<SliderDuringEmbedding> {
  await page.getByTestId('query-input').fill(query);
  // The debounce (150 ms) then the request: wait until the chart says its curves are stale.
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-busy') === 'true', CHART, {
    timeout: 10_000,
  });
  const samples: number[] = [];
  let kept = true;
  for (const press of pressPlan(presses)) {
    const [t] = await pressAndTime(page, [press]);
    const state = await chartState(page);
    if (!state.busy) break;
    kept &&= state.lines > 0;
    if (t?.committedAt !== null && t?.committedAt !== undefined)
      samples.push((t.selectionAt ?? t.committedAt) - t.down);
  }
  return {
    presses,
    duringEmbedding: samples.length,
    sliderToSelectionMs: samples.length
      ? { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)) }
      : null,
    curvesKeptAndStale: kept && samples.length > 0,
  };
}
