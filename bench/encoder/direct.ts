import { resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import type { Precision } from '../../src/encoder/exportFiles';
import { byteTokenIds, queryOfTokens } from './encoderQueries';
import { SUFFIX, type BenchExport } from './exportFolder';
import { serveFiles } from './fileServer';
import { DIRECT_PAGE, DIRECT_WORKER } from './directWorker';
import { parseTrace, summariseTrace, type RunProfile } from './ortProfile';
import { cacheType, QWEN3_0_6B, type BuiltPrecision } from './qwen3Graph';

/**
 * Where an embedding's time goes: the export run on the app's onnxruntime-web build in a
 * worker of its own, with ORT's profiler on (the app gives no way to set session options).
 * The profile covers `runs` queries of `tokens` tokens after one unprofiled warm-up query.
 */

const ORT_DIST = resolve('node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist');

export interface DirectProfile extends RunProfile {
  precision: Precision;
  tokens: number;
  /** Each profiled run's wall time in the worker (profiling adds a little). */
  runMs: number[];
}

export async function profileRuns(
  browser: Browser,
  exp: BenchExport,
  precision: BuiltPrecision,
  tokens: number,
  runs: number,
): Promise<DirectProfile> {
  const server = await serveFiles(
    { '/ort/': ORT_DIST, '/export/': exp.dir },
    { '/harness.html': DIRECT_PAGE, '/direct-worker.mjs': DIRECT_WORKER },
  );
  const context = await browser.newContext();
  const trace: string[] = [];
  try {
    const page = await context.newPage();
    // The trace is a JSON array printed line by line: it is whole once its closing "]" arrives.
    let traceEnded = () => {};
    const ended = new Promise<void>((done) => (traceEnded = done));
    page.on('console', (m) => {
      trace.push(m.text());
      if (m.text().trim() === ']') traceEnded();
    });
    await page.goto(`${server.url}/harness.html`);
    const call = <T>(msg: object) =>
      page.evaluate((m) => (window as unknown as { __call(m: object): Promise<T> }).__call(m), msg);
    const cache = { type: cacheType(precision), heads: QWEN3_0_6B.kvHeads, headDim: QWEN3_0_6B.headDim };
    await call({ type: 'load', url: `/export/onnx/model${SUFFIX[precision]}.onnx`, cache, profile: true });
    await call({ type: 'run', ids: byteTokenIds(queryOfTokens(tokens, 0)) });
    const runMs: number[] = [];
    for (let i = 0; i < runs; i++)
      runMs.push((await call<{ ms: number }>({ type: 'run', ids: byteTokenIds(queryOfTokens(tokens, i + 1)) })).ms);
    await call({ type: 'end-profiling' });
    const whole = await Promise.race([ended.then(() => true), page.waitForTimeout(30_000).then(() => false)]);
    if (!whole) throw new Error("onnxruntime's profile did not reach the console whole within 30 s");
    return { precision, tokens, runMs: runMs.map(Math.round), ...summariseTrace(parseTrace(trace), runs) };
  } finally {
    await context.close();
    await server.close();
  }
}
