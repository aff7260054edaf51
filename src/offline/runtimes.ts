// The onnxruntime builds src/worker/ runs on besides the predictor's WASM one. A file's name is
// its content's hash, so these imports name the very files the worker fetches.
import encoderWasmUrl from 'onnxruntime-web-encoder/ort-wasm-simd-threaded.wasm?url';
import encoderWebgpuUrl from 'onnxruntime-web-encoder/ort-wasm-simd-threaded.asyncify.wasm?url';
import webgpuRuntimeUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

/** The optional runtimes, as paths under the app's base (as the service worker's manifest names them). */

const underBase = (url: string) => new URL(url, location.href).pathname.slice(import.meta.env.BASE_URL.length);

/** The Qwen3 encoder's runtime, per device it runs on (src/worker/encoderRuntime.ts). */
export const ENCODER_RUNTIMES = { wasm: underBase(encoderWasmUrl), webgpu: underBase(encoderWebgpuUrl) } as const;
/** The predictor's WebGPU runtime. */
export const WEBGPU_RUNTIME = underBase(webgpuRuntimeUrl);
