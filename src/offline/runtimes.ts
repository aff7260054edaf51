// The onnxruntime builds src/worker/ runs on. A file's name is its content's hash, so these
// imports name the very files the worker fetches.
import encoderRuntimeUrl from '../../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm?url';
import webgpuRuntimeUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

/** The two optional runtimes, as paths under the app's base (as the service worker's manifest names them). */

const underBase = (url: string) => new URL(url, location.href).pathname.slice(import.meta.env.BASE_URL.length);

/** The Qwen3 encoder's runtime (transformers.js's own onnxruntime-web). */
export const ENCODER_RUNTIME = underBase(encoderRuntimeUrl);
/** The predictor's WebGPU runtime. */
export const WEBGPU_RUNTIME = underBase(webgpuRuntimeUrl);
