import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { R2_BENCH_BUDGETS, SIM_POOL } from '../pipeline/simulate/pool';
import { writeDataset } from '../pipeline/simulate/writeDataset';
import { pageHeap } from './heap';
import { appUrl, freshPage } from './page';
import { largeFileBench, type LargeFileBench } from './largeFile';
import { benchQueries } from './queries';
import { percentile, round } from './stats';
import { inputAt, installWorkloadProbes, pickFile, PLAN, pressesDuringBatch, whenMatches } from './workloadPage';

/**
 * The workload view (src/ui/workload) on the production build: a file of varied queries
 * (short, long, code, math) predicted in the worker, routed by both routers and swept over
 * 50 values of λ; a re-route after a pool change (no re-prediction); λ presses while a second
 * batch predicts; an R2-Bench-format folder evaluated against its ground truth; and a
 * 200,000-line file, for the longest task it costs the page (largeFile.ts).
 */

export interface WorkloadBench {
  queries: number;
  /** File picked → plan, savings and both 50-point curves on screen. */
  totalMs: number;
  /** File picked → every query predicted (the progress bar gone), inside totalMs. */
  predictMs: number;
  /** An LLM switched off in the pool → every query re-routed and drawn, from cached predictions. */
  rerouteMs: number;
  /** λ presses on the workload view while the worker predicts another batch: keydown → the view's change. */
  sliderDuringBatchMsP95: number | null;
  sliderPressesDuringBatch: number;
  /** Folder picked → the ground-truth metrics on screen (reading every CSV, predicting, the 203-point sweep). */
  evaluateFolderMs: number;
  folder: { queries: number; models: number; budgets: number; csvMB: number; heldOut: number; readMs: number };
  /** The page's JS heap after a full GC, with the 10,000 queries' predictions and plan held. */
  heapMB: number;
  /** A 200,000-line file on a page of its own (largeFile.ts). */
  largeFile: LargeFileBench;
}

async function simulatedFolder(queries: number): Promise<{ dir: string; csvMB: number; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'r2-bench-workload-'));
  const dir = join(root, 'bench-folder');
  await writeDataset(dir, {
    queries,
    seed: 1,
    pool: SIM_POOL,
    budgets: R2_BENCH_BUDGETS,
    command: `npm run simulate -- --out ${dir} --queries ${queries}`,
  });
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const bytes = (await Promise.all(files.map((e) => stat(join(e.parentPath, e.name))))).reduce((s, f) => s + f.size, 0);
  return { dir, csvMB: bytes / 1e6, remove: () => rm(root, { recursive: true, force: true }) };
}

export async function workloadBench(
  browser: Browser,
  base: string,
  bundle: string,
  debounceMs: number,
  counts: { queries: number; folderQueries: number; largeFileLines: number },
  log: (line: string) => void,
): Promise<WorkloadBench> {
  const figures = await viewFigures(browser, base, bundle, debounceMs, counts, log);
  // On a page of its own: the heap above is the 10,000 queries' alone.
  const largeFile = await largeFileBench(browser, base, bundle, debounceMs, counts.largeFileLines, log);
  return { ...figures, largeFile };
}

async function viewFigures(
  browser: Browser,
  base: string,
  bundle: string,
  debounceMs: number,
  counts: { queries: number; folderQueries: number },
  log: (line: string) => void,
): Promise<Omit<WorkloadBench, 'largeFile'>> {
  const app = await freshPage(browser, debounceMs);
  const folder = await simulatedFolder(counts.folderQueries);
  try {
    const { page } = app;
    await page.goto(appUrl(base, bundle, { view: 'workload' }));
    await page.getByTestId('workload-file').waitFor({ state: 'attached' });
    await installWorkloadProbes(page);
    await whenMatches(page, '[data-testid="workload-file"]:not([disabled])', 60_000);
    const n = counts.queries;
    const ready = `${PLAN}[data-queries="${n}"][data-routing="false"]`;

    const predicting = whenMatches(page, '[data-testid="workload-progress"]', 60_000);
    const first = whenMatches(page, ready, 300_000);
    await pickFile(page, benchQueries(n, 2024), 'workload-a.jsonl');
    await predicting;
    const predicted = whenMatches(page, '.workload-status:not(:has([data-testid="workload-progress"]))', 300_000);
    const start = await inputAt(page);
    const predictMs = (await predicted) - start;
    const totalMs = (await first) - start;
    log(`workload: ${n} queries routed and swept in ${round(totalMs, 0)} ms`);
    const heap = await pageHeap(page);

    // A pool change: every query re-routed from its cached prediction.
    const busy = whenMatches(page, `${PLAN}[data-routing="true"]`, 30_000);
    await page.locator('.workload-view [data-testid="pool-editor"] tbody input[type=checkbox]').last().click();
    await busy;
    const rerouteMs = (await whenMatches(page, ready, 60_000)) - (await inputAt(page));
    log(`workload: re-routed after a pool change in ${round(rerouteMs, 0)} ms`);

    // λ presses while a second batch of new queries predicts.
    const second = whenMatches(page, `[data-testid="workload-progress"]`, 60_000);
    await pickFile(page, benchQueries(n, 2025), 'workload-b.jsonl');
    await second;
    const samples = await pressesDuringBatch(page, 60);
    await whenMatches(page, ready, 300_000);
    log(`workload: ${samples.length} λ presses during a batch`);

    const truth = whenMatches(page, '[data-testid="workload-metrics"]', 600_000);
    const read = whenMatches(
      page,
      '.workload-status:is([data-status="predicting"], [data-status="evaluating"])',
      600_000,
    );
    await page.getByTestId('workload-folder').setInputFiles(folder.dir);
    const folderStart = await inputAt(page);
    const folderReadMs = (await read) - folderStart;
    const evaluateFolderMs = (await truth) - folderStart;
    const heldOut = Number(await page.getByTestId('workload-metrics').getAttribute('data-held-out'));
    log(`workload: folder of ${counts.folderQueries} queries evaluated in ${round(evaluateFolderMs, 0)} ms`);

    return {
      queries: n,
      totalMs: round(totalMs, 0),
      predictMs: round(predictMs, 0),
      rerouteMs: round(rerouteMs, 0),
      sliderDuringBatchMsP95: samples.length ? round(percentile(samples, 95), 1) : null,
      sliderPressesDuringBatch: samples.length,
      evaluateFolderMs: round(evaluateFolderMs, 0),
      folder: {
        queries: counts.folderQueries,
        models: SIM_POOL.length,
        budgets: R2_BENCH_BUDGETS.length,
        csvMB: round(folder.csvMB, 0),
        heldOut,
        readMs: round(folderReadMs, 0),
      },
      heapMB: round(heap.heapMB, 1),
    };
  } finally {
    await app.close();
    await folder.remove();
  }
}
