import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { pageHeap } from './heap';
import { appUrl, freshPage } from './page';
import { benchQueries } from './queries';
import { round } from './stats';
import { inputAt, installWorkloadProbes, whenMatches } from './workloadPage';

/**
 * A huge workload file (src/ui/workload): a plain-text file of 200,000 queries, one per line,
 * read, predicted and routed, with every main-thread task the browser reports as long
 * (PerformanceObserver 'longtask', over 50 ms) recorded from the file's pick to the plan.
 * The target is on the longest: Cancel and the slider must answer throughout.
 */

export interface LargeFileBench {
  lines: number;
  /** File picked → the plan of every query, its savings and both λ sweeps on screen. */
  totalMs: number;
  /** The longest main-thread task in that time. */
  longestTaskMs: number;
  /** How many tasks took over 50 ms, and over 200 ms. */
  longTasks: number;
  tasksOver200Ms: number;
  /** The page's JS heap after a full GC, holding every prediction, λ map and the plan. */
  heapMB: number;
}

/** The queries of the workload bench, each on one line and cut to 300 characters: a file of about 30 MB. */
function lines(count: number): string {
  return benchQueries(count, 2026)
    .map((q) => q.replace(/\s+/g, ' ').slice(0, 300))
    .join('\n');
}

const LONG_TASKS = `
(() => {
  const tasks = [];
  window.__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask' });
})();
`;

export async function largeFileBench(
  browser: Browser,
  base: string,
  bundle: string,
  debounceMs: number,
  count: number,
  log: (line: string) => void,
): Promise<LargeFileBench> {
  const app = await freshPage(browser, debounceMs);
  const dir = await mkdtemp(join(tmpdir(), 'r2-bench-large-'));
  try {
    // From disk, as a person picks it: Playwright hands the browser the path, not 30 MB through a script.
    const file = join(dir, 'large-workload.txt');
    await writeFile(file, lines(count));
    const { page } = app;
    await page.goto(appUrl(base, bundle, { view: 'workload' }));
    await page.getByTestId('workload-file').waitFor({ state: 'attached' });
    await installWorkloadProbes(page);
    await whenMatches(page, '[data-testid="workload-file"]:not([disabled])', 60_000);
    await page.evaluate(LONG_TASKS);

    const done = whenMatches(
      page,
      `[data-testid="workload-plan"][data-queries="${count}"][data-routing="false"]`,
      900_000,
    );
    await page.getByTestId('workload-file').setInputFiles(file);
    const start = await inputAt(page);
    const totalMs = (await done) - start;
    const tasks = (await page.evaluate<{ start: number; ms: number }[]>('window.__longTasks')).filter(
      (t) => t.start + t.ms >= start,
    );
    const longestTaskMs = Math.max(0, ...tasks.map((t) => t.ms));
    log(`workload: ${count} lines routed in ${round(totalMs, 0)} ms; longest task ${round(longestTaskMs, 0)} ms`);
    const heap = await pageHeap(page);
    return {
      lines: count,
      totalMs: round(totalMs, 0),
      longestTaskMs: round(longestTaskMs, 0),
      longTasks: tasks.length,
      tasksOver200Ms: tasks.filter((t) => t.ms > 200).length,
      heapMB: round(heap.heapMB, 1),
    };
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}
