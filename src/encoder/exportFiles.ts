import { EncoderError } from './encoderError';

/**
 * What an ONNX export folder offers, read from its file list (the Hub's, or a picked folder's):
 * which precisions exist, which files each needs and how many bytes that is.
 * File names follow transformers.js: onnx/model<suffix>.onnx, external weights in
 * onnx/model<suffix>.onnx_data, _data_1, … when the graph is over 2 GB. optimum-cli writes
 * model.onnx next to config.json instead of under onnx/; both layouts are read.
 */

export type Precision = 'fp32' | 'fp16' | 'q8' | 'q4f16' | 'q4';

/** Most faithful first. transformers.js's dtype names and file suffixes (utils/dtypes.js). */
const SUFFIX: Record<Precision, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', q4f16: '_q4f16', q4: '_q4' };
export const PRECISIONS = Object.keys(SUFFIX) as Precision[];

export interface ExportFile {
  path: string;
  size: number;
}

export interface PrecisionOption {
  precision: Precision;
  /** Where the .onnx files are: "onnx" (transformers.js's layout) or "" (optimum-cli's). */
  subfolder: string;
  /** Every file this precision loads, config and tokenizer included. */
  files: string[];
  bytes: number;
  /** onnx/model*.onnx_data chunks, for transformers.js's use_external_data_format. */
  dataChunks: number;
}

const REQUIRED = ['config.json', 'tokenizer.json'];
const OPTIONAL = ['tokenizer_config.json'];
/** Above this, prefer a lighter precision by default: a 32-bit wasm heap holds 4 GB at most. */
const DEFAULT_BYTES_LIMIT = 1.5e9;

export const HOW_TO_EXPORT =
  'optimum-cli export onnx --model Qwen/Qwen3-0.6B --task feature-extraction <folder> (see src/encoder/README.md)';

export function exportOptions(files: readonly ExportFile[], where: string): PrecisionOption[] {
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const missing = REQUIRED.filter((p) => !sizes.has(p));
  if (missing.length)
    throw new EncoderError('not-an-export', `${where} lacks ${missing.join(' and ')}, so it is not a model export.`);
  const shared = [...REQUIRED, ...OPTIONAL.filter((p) => sizes.has(p))];
  const subfolder = files.some((f) => /^onnx\/model[\w]*\.onnx$/.test(f.path)) ? 'onnx' : '';
  const options = PRECISIONS.flatMap((precision): PrecisionOption[] => {
    const model = `${subfolder ? `${subfolder}/` : ''}model${SUFFIX[precision]}.onnx`;
    if (!sizes.has(model)) return [];
    const data: string[] = [];
    while (sizes.has(`${model}_data${data.length ? `_${data.length}` : ''}`))
      data.push(`${model}_data${data.length ? `_${data.length}` : ''}`);
    const needed = [...shared, model, ...data];
    return [
      {
        precision,
        subfolder,
        files: needed,
        bytes: needed.reduce((sum, p) => sum + (sizes.get(p) ?? 0), 0),
        dataChunks: data.length,
      },
    ];
  });
  if (!options.length)
    throw new EncoderError(
      'not-an-export',
      `${where} holds no ONNX export (no model*.onnx, at the top or under onnx/). Make one with ${HOW_TO_EXPORT}.`,
    );
  return options;
}

/** The most faithful precision that a browser can comfortably hold. */
export function defaultPrecision(options: readonly PrecisionOption[]): Precision {
  return (options.find((o) => o.bytes <= DEFAULT_BYTES_LIMIT) ?? options[options.length - 1]!).precision;
}
