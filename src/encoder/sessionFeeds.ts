import type * as Ort from 'onnxruntime-web';
import { EncoderError } from './encoderError';
import { PAST_INPUT } from './kvCache';

/**
 * The inputs of one run of a Qwen3 export: token ids, an all-ones attention mask over the past
 * and the new tokens, their positions, and — for a text-generation export that keeps its
 * cache (kvCache.ts) — the KV cache of the tokens before them: the past given, or an empty one
 * (past length 0), each past_key_values.* tensor [1, KV heads, past, head width] in the type
 * the graph declares.
 */

/** What onnxruntime the encoder needs: onnxruntime-web in the browser, onnxruntime-node in Node. */
export interface OnnxRuntime {
  InferenceSession: {
    create(model: Uint8Array, options?: Ort.InferenceSession.SessionOptions): Promise<Ort.InferenceSession>;
  };
  Tensor: typeof Ort.Tensor;
}

/** The fields of config.json the encoder reads. */
export interface Qwen3Config {
  model_type?: string;
  hidden_size?: number;
  num_attention_heads?: number;
  num_key_value_heads?: number;
  head_dim?: number;
  /** Rows of the token embedding table (padded past the tokenizer's ids in Qwen3). */
  vocab_size?: number;
}

/** The KV cache of a text's first tokens: past_key_values.* tensors by input name. */
export type KvTensors = Record<string, Ort.Tensor>;

/** Inputs for `ids` at positions `position`, `position` + 1, …, after `past` (the cache of the first `position` tokens). */
export type Feeds = (ids: BigInt64Array, position?: number, past?: KvTensors) => Record<string, Ort.Tensor>;

/** The present.* output that continues each past_key_values.* input. */
export function presentOf(pastName: string): string {
  return pastName.replace(/^past_key_values\./, 'present.');
}

/** The first `keep` positions of a [1, heads, positions, width] cache tensor (itself when it holds no more). */
export function firstPositions(ort: OnnxRuntime, tensor: Ort.Tensor, keep: number): Ort.Tensor {
  const [batch, heads, positions, width] = tensor.dims as [number, number, number, number];
  if (keep >= positions) return tensor;
  const data = tensor.data as Float32Array | Uint16Array;
  const out = new (data.constructor as Float32ArrayConstructor | Uint16ArrayConstructor)(batch * heads * keep * width);
  for (let h = 0; h < batch * heads; h++)
    out.set(data.subarray(h * positions * width, (h * positions + keep) * width), h * keep * width);
  return new ort.Tensor(tensor.type as 'float32' | 'float16', out, [batch, heads, keep, width]);
}

function emptyPast(
  ort: OnnxRuntime,
  meta: Ort.InferenceSession.ValueMetadata | undefined,
  config: Qwen3Config,
  name: string,
): Ort.Tensor {
  const heads = config.num_attention_heads ?? 1;
  const fallback = [1, config.num_key_value_heads ?? heads, 0, config.head_dim ?? (config.hidden_size ?? 0) / heads];
  const shape = meta?.isTensor ? meta.shape : [];
  const dims = fallback.map((d, k) => (k !== 0 && k !== 2 && typeof shape[k] === 'number' ? shape[k] : d));
  const type = meta?.isTensor ? meta.type : 'float32';
  if (type === 'float32') return new ort.Tensor('float32', new Float32Array(0), dims);
  if (type === 'float16') return new ort.Tensor('float16', new Uint16Array(0), dims);
  throw new EncoderError('failed', `${name} is ${type}; this page fills float32 or float16 caches only.`);
}

/** Checks every input of the session once, at load, and returns how to build them for a text. */
export function sessionFeeds(
  ort: OnnxRuntime,
  session: Ort.InferenceSession,
  config: Qwen3Config,
  label: string,
): Feeds {
  const empty: KvTensors = {};
  for (const [i, name] of session.inputNames.entries()) {
    if (name === 'input_ids' || name === 'attention_mask' || name === 'position_ids') continue;
    if (!PAST_INPUT.test(name))
      throw new EncoderError(
        'failed',
        `${label} takes an input named ${name}, which this page does not know how to fill (it fills input_ids, attention_mask, position_ids and past_key_values.*).`,
      );
    empty[name] = emptyPast(ort, session.inputMetadata[i], config, name);
  }
  const wanted = new Set(session.inputNames);
  return (ids, position = 0, given) => {
    const length = ids.length;
    const feeds: Record<string, Ort.Tensor> = {
      ...empty,
      ...given,
      input_ids: new ort.Tensor('int64', ids, [1, length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(position + length).fill(1n), [1, position + length]),
      position_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length }, (_, i) => BigInt(position + i)),
        [1, length],
      ),
    };
    for (const name of Object.keys(feeds)) if (!wanted.has(name)) delete feeds[name];
    return feeds;
  };
}
