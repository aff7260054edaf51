/// <reference lib="webworker" />
import type * as Ort from 'onnxruntime-web';
// Each build's .wasm must match its JS exactly; serving them from this origin keeps them off any CDN.
import plainWasm from 'onnxruntime-web-encoder/ort-wasm-simd-threaded.wasm?url';
import asyncifyWasm from 'onnxruntime-web-encoder/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { OnnxRuntime } from '../encoder/sessionFeeds';

declare const self: DedicatedWorkerGlobalScope;

/**
 * The query encoder's onnxruntime-web: the declared dependency `onnxruntime-web-encoder` (an
 * npm alias of the version transformers.js pins), a runtime apart from the predictor's, with
 * threads of its own where the page is cross-origin isolated.
 *
 * One build per device, each loaded only when a load asks for it: on WASM the plain build,
 * whose .wasm lacks the asyncify instrumentation the WebGPU build needs to await the GPU
 * (bench/README.md measures the two on the encoder); on WebGPU that build.
 *
 * Each is imported dynamically, so it lands in a chunk of its own: its thread workers start
 * from that chunk's URL, and a chunk shared with the predictor worker's entry would run the
 * worker's own start-up (and message handler) in each of them.
 */

export type EncoderRuntime = OnnxRuntime & { env: Ort.Env };
type Device = 'wasm' | 'webgpu';

const BUILDS: Record<Device, { module: () => Promise<EncoderRuntime>; wasm: string }> = {
  wasm: { module: () => import('onnxruntime-web-encoder/wasm'), wasm: plainWasm },
  webgpu: { module: () => import('onnxruntime-web-encoder/webgpu'), wasm: asyncifyWasm },
};

const runtimes = new Map<Device, Promise<EncoderRuntime>>();

export function encoderRuntime(device: Device): Promise<EncoderRuntime> {
  let runtime = runtimes.get(device);
  if (!runtime) {
    const build = BUILDS[device];
    runtime = build.module().then((ort) => {
      ort.env.wasm.wasmPaths = { wasm: new URL(build.wasm, self.location.href).href };
      // Threads need SharedArrayBuffer, which only a cross-origin-isolated page has.
      ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
      return ort;
    });
    runtimes.set(device, runtime);
  }
  return runtime;
}
