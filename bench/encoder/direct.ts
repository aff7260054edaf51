import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import type { Precision } from '../../src/encoder/exportFiles';
import { PATCH_SLACK } from '../../src/encoder/graphPatch';
import { exposeHiddenState } from '../../src/encoder/hiddenStateOutput';
import { byteTokenIds, queryOfTokens } from './encoderQueries';
import { SUFFIX, type BenchExport } from './exportFolder';
import { serveFiles } from './fileServer';
import { DIRECT_PAGE, DIRECT_WORKER } from './directWorker';
import { parseTrace, summariseTrace, type RunProfile } from './ortProfile';
import { cacheType, QWEN3_0_6B, type BuiltPrecision } from './qwen3Graph';

/**
 * Where a whole text's embedding time goes: the graph the app runs (the export as the app
 * patches it, hiddenStateOutput.ts) on the app's onnxruntime-web build for WASM, in a worker of
 * its own, with ORT's profiler on (the app gives no way to set session options). The profile
 * covers `runs` queries of `tokens` tokens after one unprofiled warm-up query.
 */

const ORT_DIST = resolve('node_modules/onnxruntime-web-encoder/dist');

/** The export's graph as the app patches it, written to a folder of its own (deleted after). */
function patchedGraph(exp: BenchExport, precision: BuiltPrecision): { dir: string; output: string } {
  const raw = readFileSync(join(exp.dir, 'onnx', `model${SUFFIX[precision]}.onnx`));
  const buffer = new Uint8Array(raw.length + PATCH_SLACK);
  buffer.set(raw);
  const patched = exposeHiddenState(buffer, raw.length, 'bench export');
  const dir = mkdtempSync(join(tmpdir(), 'r2-profile-'));
  writeFileSync(join(dir, 'model.onnx'), patched.bytes);
  return { dir, output: patched.output };
}

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
  const graph = patchedGraph(exp, precision);
  try {
    return await profileGraph(browser, graph, precision, tokens, runs);
  } finally {
    rmSync(graph.dir, { recursive: true, force: true });
  }
}

async function profileGraph(
  browser: Browser,
  graph: { dir: string; output: string },
  precision: BuiltPrecision,
  tokens: number,
  runs: number,
): Promise<DirectProfile> {
  const server = await serveFiles(
    { '/ort/': ORT_DIST, '/graph/': graph.dir },
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
    await call({ type: 'load', url: '/graph/model.onnx', cache, output: graph.output, profile: true });
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
