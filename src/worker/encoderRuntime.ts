/// <reference lib="webworker" />
import type * as Ort from 'onnxruntime-web';
// Its .wasm must match the JS exactly; serving it from this origin keeps it off any CDN.
import asyncifyWasm from 'onnxruntime-web-encoder/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { OnnxRuntime } from '../encoder/sessionFeeds';

declare const self: DedicatedWorkerGlobalScope;

/**
 * The query encoder's onnxruntime-web: the declared dependency `onnxruntime-web-encoder` (an
 * npm alias of the version transformers.js pins), a runtime apart from the predictor's, with
 * threads of its own where the page is cross-origin isolated.
 *
 * It is imported dynamically, so it lands in a chunk of its own: its thread workers start from
 * that chunk's URL, and a chunk shared with the predictor worker's entry would run the
 * worker's own start-up (and message handler) in each of them.
 */

export type EncoderRuntime = OnnxRuntime & { env: Ort.Env };

let runtime: Promise<EncoderRuntime> | null = null;

export function encoderRuntime(): Promise<EncoderRuntime> {
  return (runtime ??= import('onnxruntime-web-encoder/webgpu').then((module) => {
    const ort: EncoderRuntime = module;
    ort.env.wasm.wasmPaths = { wasm: new URL(asyncifyWasm, self.location.href).href };
    // Threads need SharedArrayBuffer, which only a cross-origin-isolated page has.
    ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
    return ort;
  }));
}
