import type * as Ort from 'onnxruntime-web';
import { EncoderError } from './encoderError';
import { PAST_INPUT } from './kvCache';

/**
 * The inputs of one run of a Qwen3 export: token ids, their positions, an attention mask over
 * the past and the new tokens, and — for a text-generation export that keeps its cache
 * (kvCache.ts) — the KV cache of the tokens before them: the past given, or an empty one (past
 * length 0), each past_key_values.* tensor [1, KV heads, past, head width] in the type the
 * graph declares.
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

/**
 * The KV cache a run continues: past_key_values.* tensors by input name, [1, KV heads, capacity,
 * head width], of which the first `length` positions hold the text so far (kvBuffers.ts).
 */
export interface Past {
  tensors: Record<string, Ort.Tensor>;
  length: number;
}

/** Inputs for `ids`, the tokens after `past` (none: the text's first tokens). */
export interface Feeds {
  (ids: BigInt64Array, past?: Past): Record<string, Ort.Tensor>;
  /** An empty past_key_values.* tensor per input, [1, KV heads, 0, head width] in its type: the cache's layout. */
  readonly emptyPast: Record<string, Ort.Tensor>;
}

/** The present.* output that gives each past_key_values.* input's new rows. */
export function presentOf(pastName: string): string {
  return pastName.replace(/^past_key_values\./, 'present.');
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
  const empty: Record<string, Ort.Tensor> = {};
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
  const feeds = (ids: BigInt64Array, past?: Past) => {
    const length = ids.length;
    const held = past?.length ?? 0;
    // The past's buffers may be longer than what they hold: the room between is masked out.
    const capacity = Object.values(past?.tensors ?? {})[0]?.dims[2] ?? held;
    const mask = new BigInt64Array(capacity + length).fill(1n);
    mask.fill(0n, held, capacity);
    const inputs: Record<string, Ort.Tensor> = {
      ...empty,
      ...past?.tensors,
      input_ids: new ort.Tensor('int64', ids, [1, length]),
      attention_mask: new ort.Tensor('int64', mask, [1, capacity + length]),
      position_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length }, (_, i) => BigInt(held + i)),
        [1, length],
      ),
    };
    for (const name of Object.keys(inputs)) if (!wanted.has(name)) delete inputs[name];
    return inputs;
  };
  return Object.assign(feeds, { emptyPast: empty });
}
