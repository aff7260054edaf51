import type { BrowserContext, Page } from '@playwright/test';
import { defaultPrecision, exportOptions, type Precision } from '../../src/encoder/exportFiles';
import { appUrl, probe, type AppPage } from '../page';
import { workerChunk } from '../predict';
import { percentile, round, type Spread } from '../stats';
import { AppWorker, type EncoderInfo, type PredictTiming } from './appWorker';
import { BENCH_BUNDLE_ID, benchBundle } from './benchBundle';
import { distinctQueries, queryOfTokens } from './encoderQueries';
import { timeWorkload, type EncoderWorkload } from './encoderWorkload';
import { ensureExport, type BenchExport } from './exportFolder';
import { serveFiles } from './fileServer';
import { serveAsHub } from './hubRoutes';
import { profilePage } from './profilePage';
import type { BuiltPrecision, ExportShape } from './qwen3Graph';
import { slidersDuringEmbedding, type SliderDuringEmbedding } from './sliderDuringEmbedding';

/**
 * `npm run bench -- --encoder`: the Qwen3-0.6B-shaped random export loaded and run through
 * the app's own path (its worker chunk, transformers.js, the Hub code with Cache Storage),
 * at the precision the encoder panel picks by default, then slider presses on the app page
 * while its worker embeds a long query.
 */

const BUILT: readonly BuiltPrecision[] = ['fp16', 'q8', 'q4f16', 'q4'];
const DIM = 1024;
/** In the table of every precision: the 50-token figure only. */
const TABLE_SAMPLES: Record<string, number> = { '50': 3 };
const SLIDER_PRESSES = 100;

export interface EncoderRun {
  precision: Precision;
  modelMB: number;
  /** The app's load figure for a load from this browser's cache (no network): read, session, probe text. */
  loadMs: number;
  embedMs: Record<string, Spread>;
  /** A batch of varied queries through predict-batch, after the timed queries; null when none was asked for. */
  workload: EncoderWorkload | null;
  /** The same queries after one shared 200-token system text: what continuing a cached prefix saves a batch. */
  workloadTemplated: EncoderWorkload | null;
  detail: {
    /** The first load, downloading from loopback into Cache Storage. */
    firstLoadMs: number;
    samplesMs: Record<string, number[]>;
    /** The worker's request round trip minus the embedding: the bundle's heads and messaging. */
    restMsP50: number;
    /** How the app got the hidden state out of the export (it cuts a text-generation export's LM head to one row). */
    hiddenState: EncoderInfo['hiddenState'] | null;
    /** Where the load from the cache spent its time (the app's own clock): read, patch, session, probe. */
    loadSteps: EncoderInfo['loadSteps'] | null;
    /** Whether the page (and so the encoder's runtime) was cross-origin isolated: WASM threads or one thread. */
    crossOriginIsolated: boolean;
  };
}

export interface PrecisionRow {
  precision: Precision;
  modelMB: number;
  loadMs: number | null;
  embed50MsP50: number | null;
  error?: string;
}

export type Log = (line: string) => void;

const spreadOf = (xs: number[]): Spread => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)) });

/** Serves the bench bundle, reading `modelId`'s embedding, at its URLs under models/. */
export async function serveBundle(context: BrowserContext, modelId: string): Promise<void> {
  const { manifest, onnx } = benchBundle(modelId);
  await context.route(`**/models/${BENCH_BUNDLE_ID}/**`, (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop();
    if (file === 'manifest.json') return route.fulfill({ json: manifest });
    if (file === manifest.onnx)
      return route.fulfill({ body: Buffer.from(onnx), contentType: 'application/octet-stream' });
    return route.fulfill({ status: 404 });
  });
}

/** The app in a new browser profile, with the export at its Hub URLs and the bench bundle served. */
export async function openEncoderPage(ctx: Context, exp: BenchExport, cdn: string): Promise<AppPage> {
  const viaWorker = ctx.isolation === 'service worker';
  const app = await profilePage(ctx.device, ctx.debounceMs, viaWorker ? 'allow' : 'block');
  await serveAsHub(app.context, exp.modelId, exp, cdn);
  await serveBundle(app.context, exp.modelId);
  await app.page.goto(appUrl(ctx.base, BENCH_BUNDLE_ID));
  await app.page.getByTestId('encoder-panel').waitFor({ timeout: 60_000 });
  if (viaWorker) {
    // The app's own way: its encoder panel offers the reload once the service worker is active.
    await app.page.getByTestId('threads-reload').click({ timeout: 120_000 });
    await app.page.locator('[data-testid="threads-note"][data-threads="several"]').waitFor({ timeout: 60_000 });
  }
  return app;
}

function megabytes(exp: BenchExport, precision: Precision): number {
  const option = exportOptions(exp.files, exp.modelId).find((o) => o.precision === precision);
  return round((option?.bytes ?? 0) / 1e6, 0);
}

async function timeQueries(
  worker: AppWorker,
  samples: Record<string, number>,
  log: Log,
): Promise<Record<string, PredictTiming[]>> {
  const distinct = distinctQueries();
  // The load already embedded a probe text; one short query more settles the first-use costs.
  await worker.predict(distinct(50, 0));
  const out: Record<string, PredictTiming[]> = {};
  for (const [tokens, count] of Object.entries(samples)) {
    out[tokens] = [];
    for (let i = 0; i < count; i++) {
      const t = await worker.predict(distinct(Number(tokens), i + 1));
      if (t.reused) throw new Error(`a timed ${tokens}-token query reused ${t.reused} cached tokens: not a whole text`);
      out[tokens].push(t);
      log(`${tokens} tokens: embedding ${round(t.encodeMs, 0)} ms`);
    }
  }
  return out;
}

export interface Context {
  /** The app's URL. */
  base: string;
  debounceMs: number;
  device: 'wasm' | 'webgpu';
  log: Log;
  /**
   * 'service worker': the app's service worker is allowed and the page reloaded once it is
   * active, which makes the page cross-origin isolated on a host that sends no such headers
   * (--threads). Otherwise service workers are blocked, and isolation is the server's.
   */
  isolation?: 'service worker';
}

/** Loads `precision` twice in the app's worker (from the "Hub", then from the cache), times queries, then a batch of `batch` (if any). */
async function runPrecision(
  ctx: Context,
  exp: BenchExport,
  cdn: string,
  precision: Precision,
  samples: Record<string, number>,
  batch = 0,
) {
  const app = await openEncoderPage(ctx, exp, cdn);
  try {
    const url = workerChunk(app.fetched);
    const isolated = await app.page.evaluate(() => crossOriginIsolated);
    const first = await AppWorker.start(app.page, url);
    const downloaded = await first.loadEncoder(exp.modelId, precision, DIM, ctx.device);
    await first.stop();
    ctx.log(`${precision}: first load ${round(downloaded.loadMs, 0)} ms (from ${downloaded.from})`);
    const worker = await AppWorker.start(app.page, url);
    const cached = await worker.loadEncoder(exp.modelId, precision, DIM, ctx.device);
    ctx.log(`${precision}: load from the cache ${round(cached.loadMs, 0)} ms (from ${cached.from})`);
    await worker.loadBundle(new URL(`models/${BENCH_BUNDLE_ID}/`, ctx.base).href);
    const timings = await timeQueries(worker, samples, ctx.log);
    const workload = batch ? await timeWorkload(worker, batch, ctx.log) : null;
    const workloadTemplated = batch ? await timeWorkload(worker, batch, ctx.log, true) : null;
    await worker.stop();
    if (cached.from !== 'cache')
      throw new Error(`the second load of ${precision} came from ${cached.from}, not from the cache`);
    return {
      isolated,
      firstLoadMs: downloaded.loadMs,
      loadMs: cached.loadMs,
      hiddenState: cached.hiddenState ?? null,
      loadSteps: cached.loadSteps ?? null,
      timings,
      workload,
      workloadTemplated,
    };
  } finally {
    await app.close();
  }
}

/** `samples`: how many queries of each length (in tokens) to time; `batch`: how many varied queries in one batch after them. */
export async function encoderRun(
  ctx: Context,
  shape: ExportShape,
  precision: Precision | null,
  samples: Record<string, number>,
  batch: number,
): Promise<{ run: EncoderRun; exp: BenchExport }> {
  const exp = ensureExport(shape, BUILT, ctx.log);
  const chosen = precision ?? defaultPrecision(exportOptions(exp.files, exp.modelId), ctx.device);
  ctx.log(`encoder: ${exp.modelId} (${shape}), ${chosen}${precision ? '' : ' (the panel’s default)'} on ${ctx.device}`);
  const cdn = await serveFiles({ '/export/': exp.dir });
  try {
    const r = await runPrecision(ctx, exp, cdn.url, chosen, samples, batch);
    const samplesMs = Object.fromEntries(
      Object.entries(r.timings).map(([k, ts]) => [k, ts.map((t) => round(t.encodeMs, 1))]),
    );
    const rest = Object.values(r.timings).flatMap((ts) => ts.map((t) => t.roundTripMs - t.encodeMs));
    return {
      exp,
      run: {
        precision: chosen,
        modelMB: megabytes(exp, chosen),
        loadMs: round(r.loadMs, 0),
        embedMs: Object.fromEntries(Object.entries(samplesMs).map(([k, xs]) => [k, spreadOf(xs)])),
        workload: r.workload,
        workloadTemplated: r.workloadTemplated,
        detail: {
          firstLoadMs: round(r.firstLoadMs, 0),
          samplesMs,
          restMsP50: round(percentile(rest, 50)),
          hiddenState: r.hiddenState,
          loadSteps: r.loadSteps,
          crossOriginIsolated: r.isolated,
        },
      },
    };
  } finally {
    await cdn.close();
  }
}

/** Every built precision: load from the cache and the 50-token embedding, or why it failed. */
export async function precisionTable(ctx: Context, shape: ExportShape): Promise<PrecisionRow[]> {
  const exp = ensureExport(shape, BUILT, ctx.log);
  const cdn = await serveFiles({ '/export/': exp.dir });
  const rows: PrecisionRow[] = [];
  try {
    for (const precision of BUILT) {
      const modelMB = megabytes(exp, precision);
      try {
        const r = await runPrecision(ctx, exp, cdn.url, precision, TABLE_SAMPLES);
        rows.push({
          precision,
          modelMB,
          loadMs: round(r.loadMs, 0),
          embed50MsP50: round(
            percentile(
              r.timings['50']!.map((t) => t.encodeMs),
              50,
            ),
          ),
        });
      } catch (e) {
        const error = (e as Error).message.split('\n')[0]!.slice(0, 300);
        ctx.log(`${precision}: failed: ${error}`);
        rows.push({ precision, modelMB, loadMs: null, embed50MsP50: null, error });
      }
    }
  } finally {
    await cdn.close();
  }
  return rows;
}

/** Loads the encoder in the app's own panel, as a person does, and waits for the default query's curves. */
export async function loadInPanel(ctx: Context, page: Page, precision: Precision): Promise<void> {
  await page.getByTestId('encoder-precision').selectOption(precision);
  await page.getByTestId('encoder-device').selectOption(ctx.device);
  await page.getByTestId('encoder-load').click();
  await page.getByTestId('encoder-status').filter({ hasText: 'ready' }).waitFor({ timeout: 300_000 });
  const drawn = await probe<number | null>(page, 'window.__bench.whenFirstCurves(300000)');
  if (drawn === null) throw new Error('the page drew no curves after the encoder loaded');
}

/** Loads the encoder in the app's own panel, then presses sliders while the app's worker embeds a long query. */
export async function sliderRun(
  ctx: Context,
  exp: BenchExport,
  precision: Precision,
  tokens: number,
): Promise<SliderDuringEmbedding> {
  const cdn = await serveFiles({ '/export/': exp.dir });
  const app = await openEncoderPage(ctx, exp, cdn.url);
  try {
    const page = app.page;
    await loadInPanel(ctx, page, precision);
    const result = await slidersDuringEmbedding(page, queryOfTokens(tokens, 99), SLIDER_PRESSES);
    ctx.log(
      `sliders during a ${tokens}-token embedding: ${result.duringEmbedding} presses, p95 ${result.sliderToSelectionMs?.p95 ?? '–'} ms`,
    );
    return result;
  } finally {
    await app.close();
    await cdn.close();
  }
}
