import type { Precision } from './exportFiles';

/**
 * What choosing a precision trades, in words for the encoder panel: what the file holds, how
 * it runs on the device, and what rounding it adds to the release's embedding. How far each
 * lands from the release's vectors is not measured (src/encoder/README.md says how to).
 */

const WHAT: Record<Precision, string> = {
  fp32: 'float32 weights and arithmetic',
  fp16: 'float16 weights and arithmetic',
  q8: '8-bit weights, activations rounded to 8 bits on the fly',
  q4: '4-bit weights in blocks of 32, float32 arithmetic',
  q4f16: '4-bit weights in blocks of 32, float16 arithmetic',
};

// WASM runs onnxruntime's CPU kernels, which are float32, integer and 4-bit ones: a float16
// graph there pays for conversions around most of its nodes.
const SPEED: Record<'wasm' | 'webgpu', Record<Precision, string>> = {
  wasm: {
    fp32: 'fast CPU kernels, but the largest download and memory',
    fp16: 'slow on WASM (float16 is converted to float32 around most nodes)',
    q8: 'fast integer CPU kernels (transformers.js’s default on WASM)',
    q4: 'fast 4-bit CPU kernels',
    q4f16: 'slow on WASM (float16 arithmetic on the CPU)',
  },
  webgpu: {
    fp32: 'runs on the GPU, with twice fp16’s download and memory',
    fp16: 'native on the GPU',
    q8: 'its integer operators may run on the CPU rather than the GPU',
    q4: '4-bit GPU kernels with float32 arithmetic',
    q4f16: 'native on the GPU, the smallest download',
  },
};

const ROUNDING: Record<Precision, string> = {
  fp32: 'the reference (the release’s vectors came from bfloat16, so not bit-identical either)',
  fp16: 'float16 rounding only, finer than the release’s own bfloat16',
  q8: 'adds 8-bit rounding of weights and activations',
  q4: 'adds 4-bit rounding of weights',
  q4f16: 'adds 4-bit rounding of weights and float16 rounding',
};

export function precisionNote(precision: Precision, device: 'wasm' | 'webgpu'): string {
  return `${WHAT[precision]}; ${SPEED[device][precision]}; against the release’s embedding: ${ROUNDING[precision]}.`;
}
