import { serveStatic } from '../../scripts/staticServer';
import { BENCH_OUT_DIR } from '../server';
import { round } from '../stats';
import { encoderRun, type Context, type EncoderRun } from './encoderMode';
import type { ExportShape } from './qwen3Graph';

/**
 * `npm run bench -- --encoder --threads`: the Qwen3 encoder served as a plain static host serves
 * the app (scripts/staticServer.ts, as `npm run serve:dist`: no COOP/COEP headers), twice at the
 * panel's default precision: with service workers blocked (not cross-origin isolated: one WASM
 * thread), then with the app's service worker, after the one reload its encoder panel offers
 * (isolated: threads).
 */

/** Queries per length in tokens: the 2,000-token one is left out (minutes on one thread). */
const SAMPLES: Record<string, number> = { '50': 6, '200': 3 };
const SHAPE: ExportShape = 'text-generation';

type Run = Pick<EncoderRun, 'precision' | 'modelMB' | 'loadMs' | 'embedMs'> & { crossOriginIsolated: boolean };

const summary = ({ precision, modelMB, loadMs, embedMs, detail }: EncoderRun): Run => ({
  precision,
  modelMB,
  loadMs,
  embedMs,
  crossOriginIsolated: detail.crossOriginIsolated,
});

export async function threadsBench(ctx: Omit<Context, 'base' | 'isolation'>) {
  const server = await serveStatic({ dir: BENCH_OUT_DIR, base: '/' });
  try {
    ctx.log(`plain static server ${server.url}: the encoder without threads, then with the service worker`);
    const one = await encoderRun({ ...ctx, base: server.url }, SHAPE, null, SAMPLES, 0);
    const several = await encoderRun(
      { ...ctx, base: server.url, isolation: 'service worker' },
      SHAPE,
      null,
      SAMPLES,
      0,
    );
    const [oneThread, threads] = [summary(one.run), summary(several.run)];
    if (oneThread.crossOriginIsolated || !threads.crossOriginIsolated)
      throw new Error('the runs were not isolated as planned: the blocked run must not be, the service worker’s must');
    const speedup = Object.fromEntries(
      Object.keys(SAMPLES).map((tokens) => [
        tokens,
        round(oneThread.embedMs[tokens]!.p50 / threads.embedMs[tokens]!.p50, 2),
      ]),
    );
    return {
      encoderThreads: {
        server: 'plain static (no COOP/COEP, no CSP header)',
        oneThread,
        threads,
        /** One thread's p50 over the threads' p50, per query length. */
        speedupP50: speedup,
      },
    };
  } finally {
    await server.close();
  }
}
