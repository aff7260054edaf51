import type * as Ort from 'onnxruntime-web';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import webgpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { Backend } from './protocol';
import { webgpuAdapter } from './webgpuAdapter';

/**
 * Creates an ONNX session on the best backend this browser has. The WebGPU build of
 * onnxruntime-web is imported only when an adapter exists, so a WASM-only browser never
 * downloads it; any WebGPU failure falls back to WASM with the reason kept for the UI.
 */

export interface OpenSession {
  session: Ort.InferenceSession;
  ort: typeof Ort;
  backend: Backend;
  webgpuNote: string | null;
}

/**
 * Threads need SharedArrayBuffer (a cross-origin-isolated page) and only pay for big models:
 * for the bundles here (a few MB, one matrix product per query) starting the thread pool cost
 * ~200 ms of load time and saved nothing per query (npm run bench, bench/README.md).
 */
const THREADS_FROM_BYTES = 16 * 1024 * 1024;

function configure(ort: typeof Ort, wasm: string, modelBytes: number): void {
  ort.env.wasm.wasmPaths = { wasm: new URL(wasm, self.location.href).href };
  const threads = self.crossOriginIsolated && modelBytes >= THREADS_FROM_BYTES;
  ort.env.wasm.numThreads = threads ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
}

let webgpuCheck: Promise<string | null> | null = null;

/**
 * Called as the worker starts: the WebGPU check runs and, without WebGPU, the runtime module
 * loads while the page is still fetching the bundle. The .wasm itself is left to ORT, whose
 * streaming compile overlaps the download.
 */
export function prefetchRuntime(): void {
  webgpuCheck ??= webgpuAdapter().then((note) => {
    if (note !== null) void import('onnxruntime-web/wasm');
    return note;
  });
}

export async function openSession(model: Uint8Array): Promise<OpenSession> {
  prefetchRuntime();
  let webgpuNote = await webgpuCheck!;
  if (webgpuNote === null) {
    try {
      const ort = (await import('onnxruntime-web/webgpu')) as unknown as typeof Ort;
      configure(ort, webgpuWasmUrl, model.byteLength);
      const session = await ort.InferenceSession.create(model, { executionProviders: ['webgpu'] });
      return { session, ort, backend: 'webgpu', webgpuNote: null };
    } catch (e) {
      webgpuNote = `WebGPU session failed, using WASM: ${(e as Error).message}`;
    }
  }
  const ort = (await import('onnxruntime-web/wasm')) as unknown as typeof Ort;
  configure(ort, wasmUrl, model.byteLength);
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  return { session, ort, backend: 'wasm', webgpuNote };
}
