import { ortReason } from '../onnx/ortReason';
import { EncoderError } from './encoderError';
import type { Precision } from './exportFiles';
import { gpuHasF16 } from './gpuFeatures';
import type { Device } from './qwen3';

/**
 * Where the encoder runs when WebGPU is asked for. The rule, in order:
 *
 * 1. A float16 precision (fp16, q4f16) needs the adapter's shader-f16 feature: without it
 *    onnxruntime makes the session but fails on the first float16 kernel, so it runs on WASM.
 * 2. Otherwise the session is made on WebGPU and run on the probe text; if either fails (an
 *    operator WebGPU cannot run, a buffer too large, non-finite hidden states), it runs on WASM,
 *    with onnxruntime's reason.
 * 3. Problems with the export itself (EncoderError: width, no hidden state, …) and a cancelled
 *    load are not WebGPU's and end the load, as on WASM.
 *
 * Nodes onnxruntime places on the CPU inside a WebGPU session (shape arithmetic, mostly) are its
 * own choice and not a fallback.
 */

const NEEDS_F16: ReadonlySet<Precision> = new Set(['fp16', 'q4f16']);

export interface OnDevice<T> {
  value: T;
  device: Device;
  /** Why WebGPU was asked for and WASM runs instead; null when it runs where asked. */
  webgpuFallback: string | null;
}

/**
 * Runs `open` (make the session, run the probe) on `asked`, or on WASM by the rule above: then
 * `open` is called a second time, and lets go of what the first call made. `what` names the
 * export and its precision in the reason.
 */
export async function onDevice<T>(
  asked: Device,
  precision: Precision,
  what: string,
  open: (device: Device) => Promise<T>,
  signal?: AbortSignal,
): Promise<OnDevice<T>> {
  if (asked !== 'webgpu') return { value: await open(asked), device: asked, webgpuFallback: null };
  const onWasm = async (why: string) => ({
    value: await open('wasm'),
    device: 'wasm' as const,
    webgpuFallback: `WebGPU could not run ${what}: ${why.replace(/\.$/, '')}. It runs on WASM instead.`,
  });
  if (NEEDS_F16.has(precision) && !(await gpuHasF16()))
    return onWasm(`${precision} needs the GPU’s shader-f16 feature, which this adapter lacks`);
  try {
    return { value: await open('webgpu'), device: 'webgpu', webgpuFallback: null };
  } catch (e) {
    if (e instanceof EncoderError || signal?.aborted) throw e;
    return onWasm(ortReason(e instanceof Error ? e.message : String(e)));
  }
}
