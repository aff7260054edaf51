import type * as Ort from 'onnxruntime-web';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import webgpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { Backend } from './protocol';
import { warmUpModel } from './warmUpModel';
import { ortReason } from '../onnx/ortReason';
import { WEBGPU_FAILED, webgpuAdapter } from './webgpuAdapter';

/**
 * Creates an ONNX session on the best backend this browser has. The WebGPU build of
 * onnxruntime-web is imported only when an adapter exists, so a WASM-only browser never
 * downloads it; any WebGPU failure falls back to WASM with the reason kept for the UI.
 */

export interface OpenSession {
  session: Ort.InferenceSession;
  ort: typeof Ort;
  backend: Backend;
  /** Worker start (this clock's origin) to the runtime being ready. */
  runtimeMs: number;
  webgpuNote: string | null;
}

/**
 * One thread: the predictors here are a few MB and one matrix product per query. In an A/B
 * (npm run bench, bench/README.md) the thread pool cost ~200 ms of load and saved nothing
 * per query, and a single-threaded runtime can start before the model's size is known.
 */
function configure(ort: typeof Ort, wasm: string): typeof Ort {
  ort.env.wasm.wasmPaths = { wasm: new URL(wasm, self.location.href).href };
  ort.env.wasm.numThreads = 1;
  return ort;
}

let webgpuCheck: Promise<string | null> | null = null;
let wasmGlue: Promise<unknown> | null = null;
let wasmRuntime: Promise<{ ort: typeof Ort; readyMs: number }> | null = null;

/** ORT's WASM build's JS (about 23 KB gzip): small, and the fallback in every browser. */
const wasmModule = () => (wasmGlue ??= import('onnxruntime-web/wasm'));

/** The WASM runtime, started once: its .wasm is fetched, compiled and initialised on a tiny graph. */
function wasmReady(): Promise<{ ort: typeof Ort; readyMs: number }> {
  return (wasmRuntime ??= wasmModule().then(async (module) => {
    const ort = configure(module as typeof Ort, wasmUrl);
    // The graph is known to be valid, so a failure here is the runtime's, and the bundle's session would meet it too.
    try {
      await (await ort.InferenceSession.create(warmUpModel(), { executionProviders: ['wasm'] })).release();
    } catch (e) {
      // Emscripten's advice on rebuilding ORT means nothing to the person reading this.
      const reason = (e as Error).message.replace(/\s*Build with -sASSERTIONS for more info\.?/, '');
      throw new Error(`the ONNX runtime could not start in this browser: ${reason}`, { cause: e });
    }
    return { ort, readyMs: performance.now() };
  }));
}

/**
 * Called as the worker starts, while the page is still fetching the bundle: the WebGPU check
 * runs beside the WASM build's JS download and, without WebGPU, the WASM runtime starts.
 */
export function prefetchRuntime(): void {
  // A failure surfaces when the bundle's session awaits the same module.
  wasmModule().catch(() => undefined);
  webgpuCheck ??= webgpuAdapter().then((note) => {
    // A failure surfaces when the bundle's session awaits the same runtime.
    if (note !== null) wasmReady().catch(() => undefined);
    return note;
  });
}

export async function openSession(model: Uint8Array): Promise<OpenSession> {
  prefetchRuntime();
  let webgpuNote = await webgpuCheck!;
  if (webgpuNote === null) {
    try {
      const ort = configure(await import('onnxruntime-web/webgpu'), webgpuWasmUrl);
      const session = await ort.InferenceSession.create(model, { executionProviders: ['webgpu'] });
      return { session, ort, backend: 'webgpu', runtimeMs: performance.now(), webgpuNote: null };
    } catch (e) {
      webgpuNote = `${WEBGPU_FAILED}${ortReason((e as Error).message)}`;
    }
  }
  const { ort, readyMs } = await wasmReady();
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  return { session, ort, backend: 'wasm', runtimeMs: readyMs, webgpuNote };
}
