import type * as Ort from 'onnxruntime-web';
import { EncoderError } from './encoderError';
import { PAST_INPUT } from './kvCache';

/**
 * The inputs of one run of a Qwen3 export on one text: token ids, an all-ones attention mask,
 * positions 0…T−1, and — for a text-generation export whose cache the patch could not detach
 * (kvCache.ts) — an empty KV cache (past length 0), each past_key_values.* tensor
 * [1, KV heads, 0, head width] in the type the graph declares.
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

export type Feeds = (ids: BigInt64Array) => Record<string, Ort.Tensor>;

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
  const past: Record<string, Ort.Tensor> = {};
  for (const [i, name] of session.inputNames.entries()) {
    if (name === 'input_ids' || name === 'attention_mask' || name === 'position_ids') continue;
    if (!PAST_INPUT.test(name))
      throw new EncoderError(
        'failed',
        `${label} takes an input named ${name}, which this page does not know how to fill (it fills input_ids, attention_mask, position_ids and past_key_values.*).`,
      );
    past[name] = emptyPast(ort, session.inputMetadata[i], config, name);
  }
  const wanted = new Set(session.inputNames);
  return (ids) => {
    const length = ids.length;
    const feeds: Record<string, Ort.Tensor> = {
      ...past,
      input_ids: new ort.Tensor('int64', ids, [1, length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(length).fill(1n), [1, length]),
      position_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length }, (_, i) => BigInt(i)),
        [1, length],
      ),
    };
    for (const name of Object.keys(feeds)) if (!wanted.has(name)) delete feeds[name];
    return feeds;
  };
}
