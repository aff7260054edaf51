import { EncoderError } from './encoderError';

/**
 * What an ONNX export folder offers, read from its file list (the Hub's, or a picked folder's):
 * which precisions exist, which files each needs and how many bytes that is.
 * File names follow transformers.js: onnx/model<suffix>.onnx, external weights in
 * onnx/model<suffix>.onnx_data, _data_1, … when the graph is over 2 GB. optimum-cli writes
 * model.onnx next to config.json instead of under onnx/; both layouts are read.
 */

export type Precision = 'fp32' | 'fp16' | 'q8' | 'q4f16' | 'q4';

/** transformers.js's dtype names and file suffixes (utils/dtypes.js). */
const SUFFIX: Record<Precision, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', q4f16: '_q4f16', q4: '_q4' };
export const PRECISIONS = Object.keys(SUFFIX) as Precision[];

export interface ExportFile {
  path: string;
  size: number;
}

export interface PrecisionOption {
  precision: Precision;
  /** Every file this precision loads, config and tokenizer included. */
  files: ExportFile[];
  /** The ONNX graph's path. */
  model: string;
  /** Its external-data chunks' paths, in order (none when the weights are inside the graph). */
  data: string[];
  bytes: number;
}

const REQUIRED = ['config.json', 'tokenizer.json'];
const OPTIONAL = ['tokenizer_config.json'];

/** The Hub's transformers.js export of Qwen/Qwen3-0.6B, which the panel offers for the released router. */
export const QWEN3_EXPORT = 'onnx-community/Qwen3-0.6B-ONNX';

export function exportOptions(files: readonly ExportFile[], where: string): PrecisionOption[] {
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const missing = REQUIRED.filter((p) => !sizes.has(p));
  if (missing.length)
    throw new EncoderError('not-an-export', `${where} lacks ${missing.join(' and ')}, so it is not a model export.`);
  const shared = [...REQUIRED, ...OPTIONAL.filter((p) => sizes.has(p))];
  const subfolder = files.some((f) => /^onnx\/model[\w]*\.onnx$/.test(f.path)) ? 'onnx/' : '';
  const options = PRECISIONS.flatMap((precision): PrecisionOption[] => {
    const model = `${subfolder}model${SUFFIX[precision]}.onnx`;
    if (!sizes.has(model)) return [];
    const data: string[] = [];
    const chunk = () => `${model}_data${data.length ? `_${data.length}` : ''}`;
    while (sizes.has(chunk())) data.push(chunk());
    const needed = [...shared, model, ...data].map((path) => ({ path, size: sizes.get(path)! }));
    return [{ precision, files: needed, model, data, bytes: needed.reduce((sum, f) => sum + f.size, 0) }];
  });
  if (!options.length)
    throw new EncoderError(
      'not-an-export',
      `${where} holds no ONNX export (no model*.onnx, at the top or under onnx/). For Qwen/Qwen3-0.6B use ${QWEN3_EXPORT}, or make one (src/encoder/README.md).`,
    );
  return options;
}

/**
 * Precisions in the order a device's default is picked from (reasons in src/encoder/README.md,
 * "The default precision"). WASM runs on onnxruntime's CPU kernels, which have integer and 4-bit
 * matrix products but few float16 ones (float16 graphs get casts to float32 around most nodes);
 * q8 is transformers.js's own default there. A GPU runs float16 natively.
 */
const PREFERENCE: Record<'wasm' | 'webgpu', Precision[]> = {
  wasm: ['q8', 'q4', 'fp32', 'q4f16', 'fp16'],
  webgpu: ['fp16', 'q4f16', 'fp32', 'q4', 'q8'],
};
/** Above this a precision is the default only when nothing smaller exists: a tab's WASM heap holds 4 GB at most. */
const DEFAULT_BYTES_LIMIT = 1.5e9;

/**
 * The precision the panel starts with on `device`. float16 precisions need the GPU's
 * shader-f16 feature; without it onnxruntime cannot run them on WebGPU.
 */
export function defaultPrecision(
  options: readonly PrecisionOption[],
  device: 'wasm' | 'webgpu' = 'wasm',
  gpuHasF16 = true,
): Precision {
  const runnable = options.filter((o) => device !== 'webgpu' || gpuHasF16 || !o.precision.includes('16'));
  const candidates = runnable.length ? runnable : options;
  const ranked = PREFERENCE[device].flatMap((p) => candidates.filter((o) => o.precision === p));
  const fits = ranked.find((o) => o.bytes <= DEFAULT_BYTES_LIMIT);
  return (fits ?? [...candidates].sort((a, b) => a.bytes - b.bytes)[0]!).precision;
}
