import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Manifest } from '../bundle/manifest';
import type { Dataset } from '../evaluate/dataset';
import { evaluateHeldOut } from '../evaluate/evaluate';
import { DatasetError } from '../evaluate/errors';
import { loadDataset, type DataFolder } from '../evaluate/loader';
import type { Report } from '../evaluate/report';
import type { Prediction } from '../router/curves';
import type { BatchOptions } from '../predictor/client';
import { readQueryFile, type ParsedQueries, type QueryFile } from './queryFile';
import { paced } from './slices';

/**
 * A workload's state and how it runs: read the files (or an R2-Bench-format folder), predict
 * every query not predicted yet in the worker, chunk by chunk and cancellably, then (with a
 * folder) evaluate against its ground truth with the evaluator `npm run evaluate` uses.
 * Predictions are kept per query text for the bundle they came from, so a change of λ, cap,
 * prices or rules re-routes without predicting again, and a second file re-uses them.
 */

export type WorkloadStatus =
  | 'idle'
  | 'reading'
  /** Read, and waiting for the predictor (or its encoder) to finish loading. */
  | 'waiting'
  | 'predicting'
  | 'evaluating'
  | 'done'
  | 'cancelled'
  | 'failed';

export interface WorkloadState {
  status: WorkloadStatus;
  /** Why the last run failed. */
  error: string | null;
  /** While waiting: what for. */
  waitingFor: string | null;
  /** What was read: files of queries (with what each skipped), or a folder with ground truth. */
  files: ParsedQueries[];
  folder: { name: string; queries: number; dropped: number } | null;
  /** The queries to route, in order (a folder's: its held-out split). */
  texts: string[];
  progress: { done: number; total: number };
  /** Predictions per query text, for the bundle `cacheKey` names (its manifest: `predictedWith`). */
  predictions: Map<string, Prediction>;
  predictedWith: Manifest | null;
  /**
   * During a batch, the map its chunks fill as they arrive (the cache so far included); the
   * same object throughout, so the view can route what has arrived while the rest predicts.
   */
  arriving: ReadonlyMap<string, Prediction> | null;
  cacheKey: string | null;
  /** Ground truth: the report `npm run evaluate` prints for the same bundle and folder. */
  report: Report | null;
}

export interface WorkloadDeps {
  /**
   * The bundle in the worker once it can predict, with a key that changes with it (and with its
   * encoder): waits while it loads, telling `onWait` what for; rejects with the reason when it
   * cannot become ready by itself, or when `signal` aborts.
   */
  ready: (signal: AbortSignal, onWait: (message: string) => void) => Promise<{ key: string; manifest: Manifest }>;
  predictBatch: (texts: string[], options: BatchOptions) => Promise<{ cancelled: boolean }>;
  /** Queries per worker message. */
  chunk?: number;
}

export interface WorkloadActions {
  /** Routes the queries in these files; `column` picks a CSV's query column. */
  runFiles: (files: readonly QueryFile[], column?: string) => Promise<void>;
  /** Evaluates an R2-Bench-format folder against its ground truth. */
  runFolder: (folder: DataFolder) => Promise<void>;
  cancel: () => void;
  clear: () => void;
}

export type WorkloadStore = WorkloadState & WorkloadActions;

const IDLE: WorkloadState = {
  status: 'idle',
  error: null,
  waitingFor: null,
  files: [],
  folder: null,
  texts: [],
  progress: { done: 0, total: 0 },
  predictions: new Map(),
  predictedWith: null,
  arriving: null,
  cacheKey: null,
  report: null,
};

class Cancelled extends Error {}

export function createWorkloadStore(deps: WorkloadDeps): StoreApi<WorkloadStore> {
  const chunk = deps.chunk ?? 256;
  let controller: AbortController | null = null;

  return createStore<WorkloadStore>()((set, get) => {
    /** Predicts the texts not in the cache yet; throws Cancelled when cancelled (what arrived is kept). */
    async function predictMissing(texts: readonly string[], signal: AbortSignal): Promise<Map<string, Prediction>> {
      const bundle = await ready(signal);
      // Filled as chunks arrive and published once at the end: a copy per chunk would cost O(n²).
      const cache = new Map(get().cacheKey === bundle.key ? get().predictions : []);
      const missing = [...new Set(texts)].filter((t) => !cache.has(t));
      let done = texts.length - missing.length;
      set({
        status: 'predicting',
        waitingFor: null,
        cacheKey: bundle.key,
        predictedWith: bundle.manifest,
        arriving: cache,
        progress: { done, total: texts.length },
      });
      try {
        const { cancelled } = await deps.predictBatch(missing, {
          chunk,
          signal,
          onChunk: (from, predictions) => {
            predictions.forEach((p, i) => cache.set(missing[from + i]!, p));
            done += predictions.length;
            set({ progress: { done, total: texts.length } });
          },
        });
        if (cancelled) throw new Cancelled();
      } finally {
        set({ predictions: new Map(cache), arriving: null });
      }
      return cache;
    }

    /** The bundle, once it can predict; a cancel while waiting is a cancel. */
    function ready(signal: AbortSignal) {
      return deps
        .ready(signal, (waitingFor) => set({ status: 'waiting', waitingFor }))
        .catch((e: unknown) => {
          throw signal.aborted ? new Cancelled() : e;
        });
    }

    async function run(body: (signal: AbortSignal) => Promise<void>): Promise<void> {
      controller?.abort();
      const own = new AbortController();
      controller = own;
      try {
        await body(own.signal);
        if (controller === own) set({ status: 'done' });
      } catch (e) {
        if (controller !== own) return;
        if (e instanceof Cancelled) set({ status: 'cancelled', waitingFor: null });
        else set({ status: 'failed', waitingFor: null, error: (e as Error).message || String(e) });
      } finally {
        if (controller === own) controller = null;
      }
    }

    return {
      ...IDLE,
      runFiles: (files, column) =>
        run(async (signal) => {
          set({
            status: 'reading',
            error: null,
            report: null,
            folder: null,
            files: [],
            texts: [],
            progress: { done: 0, total: 0 },
          });
          const parsed: ParsedQueries[] = [];
          for (const file of files) {
            // Paced: a huge file leaves the page its turn (and Cancel its click), and a cancel stops the reading.
            parsed.push(await readQueryFile({ ...file, chunks: paced(file.chunks, signal) }, column));
            if (signal.aborted) throw new Cancelled();
          }
          const texts = parsed.flatMap((p) => p.queries);
          set({ files: parsed, texts });
          if (texts.length === 0) throw new Error('No queries in the file: every line was empty or malformed.');
          await predictMissing(texts, signal);
        }),
      runFolder: (folder) =>
        run(async (signal) => {
          set({ status: 'reading', error: null, report: null, folder: null, files: [], texts: [] });
          let data: Dataset;
          try {
            data = await loadDataset(folder);
          } catch (e) {
            // Every problem, each with its file and line, as the command prints them.
            throw e instanceof DatasetError ? new Error(e.message) : e;
          }
          if (signal.aborted) throw new Cancelled();
          set({ folder: { name: folder.root, queries: data.keys.length, dropped: data.dropped } });
          const bundle = await ready(signal);
          const report = await evaluateHeldOut(bundle.manifest, data, async (prompts) => {
            set({ texts: prompts });
            const cache = await predictMissing(prompts, signal);
            set({ status: 'evaluating' });
            return prompts.map((p) => cache.get(p)!);
          });
          set({ report });
        }),
      cancel: () => controller?.abort(),
      clear: () => {
        controller?.abort();
        controller = null;
        set({ ...IDLE, predictions: get().predictions, cacheKey: get().cacheKey, predictedWith: get().predictedWith });
      },
    };
  });
}
