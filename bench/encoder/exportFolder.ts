import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TINY_TOKENIZER_CONFIG, tinyTokenizerJson } from '../../src/encoder/__fixtures__/tinyQwen3';
import type { ExportFile, Precision } from '../../src/encoder/exportFiles';
import { listFolder } from '../../src/encoder/nodeFolder';
import { writeModel } from './onnxFile';
import { QWEN3_0_6B, qwen3Graph, type ExportShape, type Qwen3Dims } from './qwen3Graph';

/**
 * A Qwen3-0.6B-shaped export with random weights, in transformers.js's layout
 * (config.json, tokenizer.json, onnx/model_<precision>.onnx), cached under .data/ by its
 * parameters: a file is written once and reused by every later run.
 *
 * The tokenizer is byte-level BPE without merges (the project's fixture tokenizer), so a
 * query's token count is its UTF-8 byte count. Qwen's own tokenizer makes about one token
 * per 4 characters of English: a 2,000-token query here is 2,000 characters, and timing
 * depends on the token count, not on the text.
 */

/** Bump when the graph or the weights change, so old cached files are not reused. */
const GENERATOR_VERSION = 1;
/** The Hub id the export is served under, per shape ("-fe": feature-extraction). */
const BENCH_MODEL_IDS: Record<ExportShape, string> = {
  'text-generation': 'r2-bench/qwen3-0.6b-random',
  'feature-extraction': 'r2-bench/qwen3-0.6b-random-fe',
};

export const SUFFIX: Record<Precision, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  q4f16: '_q4f16',
  q4: '_q4',
};

function config(d: Qwen3Dims) {
  return {
    architectures: ['Qwen3ForCausalLM'],
    model_type: 'qwen3',
    hidden_size: d.hidden,
    intermediate_size: d.intermediate,
    num_hidden_layers: d.layers,
    num_attention_heads: d.heads,
    num_key_value_heads: d.kvHeads,
    head_dim: d.headDim,
    vocab_size: d.vocab,
    max_position_embeddings: d.maxPositions,
    rope_theta: d.ropeTheta,
    rms_norm_eps: d.rmsEps,
    hidden_act: 'silu',
    tie_word_embeddings: true,
    bos_token_id: 151643,
    eos_token_id: 151645,
    torch_dtype: 'bfloat16',
  };
}

export interface BenchExport {
  modelId: string;
  shape: ExportShape;
  dir: string;
  files: ExportFile[];
}

function folderFor(d: Qwen3Dims, shape: ExportShape): string {
  const size = d === QWEN3_0_6B ? 'qwen3-0.6b' : `qwen3-${d.layers}x${d.hidden}-v${d.vocab}`;
  const kind = shape === 'text-generation' ? '' : '-fe';
  return resolve('.data', 'encoder-export', `${size}${kind}-random-g${GENERATOR_VERSION}`);
}

/** Builds whichever of `precisions` is not cached yet; `log` hears about each file written. */
export function ensureExport(
  shape: ExportShape,
  precisions: readonly Precision[],
  log: (line: string) => void,
  d: Qwen3Dims = QWEN3_0_6B,
): BenchExport {
  const dir = folderFor(d, shape);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const small = {
    'config.json': config(d),
    'tokenizer.json': tinyTokenizerJson(),
    // The fixture's 512-token limit would be wrong for Qwen3 (and transformers.js would warn).
    'tokenizer_config.json': { ...TINY_TOKENIZER_CONFIG, model_max_length: 131_072 },
  };
  for (const [name, content] of Object.entries(small))
    writeFileSync(join(dir, name), `${JSON.stringify(content, null, 2)}\n`);
  for (const precision of precisions) {
    const path = join(dir, 'onnx', `model${SUFFIX[precision]}.onnx`);
    if (existsSync(path)) continue;
    const started = Date.now();
    log(`writing ${path} (random weights, once; later runs reuse it)`);
    const bytes = writeModel(
      path,
      qwen3Graph(d, precision, shape),
      'r2-routing-playground bench (random Qwen3 weights)',
    );
    log(`wrote ${(bytes / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return {
    modelId: BENCH_MODEL_IDS[shape],
    shape,
    dir,
    files: listFolder(dir).filter((f) => !f.path.endsWith('.partial')),
  };
}
