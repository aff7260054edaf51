import onnxProto from 'onnx-proto';
import { GraphBuilder } from '../../onnx/graphBuilder';
import {
  BYTE_VOCABULARY,
  FLOAT,
  FLOAT16,
  TINY_TOKENIZER_CONFIG,
  tinyConfig,
  tinyHiddenState,
  tinyTokenizerJson,
  type TinyVocabulary,
} from './tinyQwen3';

const { onnx } = onnxProto;

/**
 * The tiny Qwen3 (tinyQwen3.ts) exported as transformers.js exports a model for text
 * generation — the layout of onnx-community/Qwen3-0.6B-ONNX: inputs input_ids,
 * attention_mask, position_ids and past_key_values.0.{key,value}; outputs logits and
 * present.0.{key,value}. Same weights and hidden state as the feature-extraction export, so the
 * two must give the same embedding. logits come from an LM head tied to the embedding table
 * (MatMul by Eᵀ); present = Concat(past, current) so the cache's shapes are honest.
 *
 * - onnx/model.onnx: float32, its weights in external data (onnx/model.onnx_data), as a real
 *   fp32 export over 2 GB has them.
 * - onnx/model_fp16.onnx: a float16 LM head and KV cache, with logits cast back to float32
 *   (logits ← Cast ← MatMul), as transformers.js's fp16 conversions keep their outputs.
 */

export const TINY_TEXT_GEN_ID = 'r2-fixtures/tiny-qwen3-text-generation';

export type Variant = 'fp32' | 'fp16';

export function tinyTextGenGraph(width: number, variant: Variant, vocabulary = BYTE_VOCABULARY): Uint8Array {
  const g = new GraphBuilder('tiny_qwen3_text_generation');
  const hidden = tinyHiddenState(g, width, 'total_sequence_length', vocabulary);
  const io = variant === 'fp16' ? 'float16' : 'float';
  const half = width / 2;
  const cacheDims = (length: string) => ['batch_size', 1, length, half];
  const inCache = (t: string) => (variant === 'fp16' ? g.op('Cast', [t], { to: FLOAT16 }) : t);
  // One KV head: keys are the hidden state's first half, values its second, per token.
  const heads = g.int64('head_axis', [1]);
  const current = (from: number, name: string) =>
    inCache(
      g.op('Unsqueeze', [
        g.op('Slice', [
          hidden,
          g.int64(`${name}_start`, [from]),
          g.int64(`${name}_end`, [from + half]),
          g.int64(`${name}_axis`, [2]),
        ]),
        heads,
      ]),
    );
  for (const [which, from] of [
    ['key', 0],
    ['value', half],
  ] as const) {
    const past = g.input(`past_key_values.0.${which}`, cacheDims('past_sequence_length'), io);
    g.op('Concat', [past, current(from, which)], { axis: 2 }, `present.0.${which}`);
  }

  if (variant === 'fp16') {
    const half16 = (t: string) => g.op('Cast', [t], { to: FLOAT16 });
    g.op('Cast', [vocabulary.lmHead(g, hidden, width, half16)], { to: FLOAT }, 'logits');
  } else vocabulary.lmHead(g, hidden, width, (t) => t, 'logits');

  g.output('logits', ['batch_size', 'sequence_length', vocabulary.size]);
  for (const which of ['key', 'value']) g.output(`present.0.${which}`, cacheDims('total_sequence_length'), io);
  return g.toBytes('r2-routing-playground tiny qwen3 text-generation fixture');
}

/**
 * Moves every initializer of at least `minBytes` into an external data file named
 * `location`, as ONNX's external data format has it (data_location EXTERNAL, location/offset/length).
 */
export function withExternalData(
  model: Uint8Array,
  location: string,
  minBytes = 1024,
): { model: Uint8Array; data: Uint8Array } {
  const decoded = onnx.ModelProto.decode(model);
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const tensor of decoded.graph?.initializer ?? []) {
    const raw = tensor.rawData;
    if (!raw || raw.length < minBytes) continue;
    tensor.externalData = [
      { key: 'location', value: location },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.length) },
    ];
    tensor.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    tensor.rawData = new Uint8Array(0);
    chunks.push(raw);
    offset += raw.length;
  }
  const data = new Uint8Array(offset);
  chunks.reduce((at, c) => (data.set(c, at), at + c.length), 0);
  return { model: onnx.ModelProto.encode(decoded).finish(), data };
}

const json = (value: object) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

/** A tokenizer for the export: its tokenizer.json and tokenizer_config.json, as objects or as the files' bytes. */
export interface TinyTokenizer {
  json: object | Uint8Array;
  config: object | Uint8Array;
}

/**
 * The whole export at any hidden width, by path: what a Hub repo in transformers.js's layout
 * holds. At width 1024 it stands in for onnx-community/Qwen3-0.6B-ONNX in front of the released
 * router's heads. `vocabulary` and `tokenizer` swap the byte-level ones for another pair (Qwen3's
 * own, in qwen3Vocabulary.ts); `variants` picks the precisions written.
 */
export function tinyTextGenExport(
  width: number,
  {
    vocabulary = BYTE_VOCABULARY,
    tokenizer = { json: tinyTokenizerJson(), config: TINY_TOKENIZER_CONFIG },
    variants = ['fp32', 'fp16'],
  }: { vocabulary?: TinyVocabulary; tokenizer?: TinyTokenizer; variants?: Variant[] } = {},
): Map<string, Uint8Array> {
  const file = (value: object | Uint8Array) => (value instanceof Uint8Array ? value : json(value));
  const files = new Map([
    ['config.json', json(tinyConfig(width, vocabulary.size))],
    ['tokenizer.json', file(tokenizer.json)],
    ['tokenizer_config.json', file(tokenizer.config)],
  ]);
  if (variants.includes('fp32')) {
    const fp32 = withExternalData(tinyTextGenGraph(width, 'fp32', vocabulary), 'model.onnx_data');
    files.set('onnx/model.onnx', fp32.model).set('onnx/model.onnx_data', fp32.data);
  }
  if (variants.includes('fp16')) files.set('onnx/model_fp16.onnx', tinyTextGenGraph(width, 'fp16', vocabulary));
  return files;
}
