import type { Manifest } from '../../bundle/manifest';
import { GraphBuilder } from '../../onnx/graphBuilder';

/**
 * A Qwen3-shaped model small enough to check by hand, for tests that must run without the
 * real weights: config.json says model_type "qwen3", the tokenizer is byte-level BPE with no
 * merges (so token ids are the text's UTF-8 bytes), and the ONNX graph takes the inputs a
 * Qwen3 export takes (input_ids, attention_mask, position_ids). Its hidden state at position t is
 *
 *   h_t = Σ_{i ≤ t} mask_i · E[id_i]  +  t · P
 *
 * a running sum standing in for causal attention, so the last token's state depends on every
 * token and on the length, as in the real model. The checked-in export is 8 wide; the same
 * model is built at any width (1024 for the released router's heads).
 */

export const TINY_MODEL_ID = 'r2-fixtures/tiny-qwen3';
export const TINY_DIM = 8;
/** 256 byte tokens and one special token. */
export const TINY_VOCAB = 257;
const EOS_ID = 256;

/** Row `id` of the embedding table E. */
export function tinyEmbeddingRow(id: number, width = TINY_DIM): number[] {
  return Array.from({ length: width }, (_, k) => (((id * 7 + k * 13) % 23) - 11) / 11);
}

/** The embedding table E, [vocabulary, width], row-major. */
export function tinyEmbeddingTable(width: number): number[] {
  return Array.from({ length: TINY_VOCAB }, (_, id) => tinyEmbeddingRow(id, width)).flat();
}

/** The position term P. */
export function tinyPosition(width = TINY_DIM): number[] {
  return Array.from({ length: width }, (_, k) => ((k % 16) + 1) / 16);
}

/**
 * How a tiny model reads token ids and scores its vocabulary: the byte vocabulary below, or
 * Qwen3's (qwen3Vocabulary.ts), whose 151,936 rows the real tokenizer's ids index.
 */
export interface TinyVocabulary {
  /** Rows of the token embedding table: config.json's vocab_size and the width of logits. */
  size: number;
  /** Row `id` of the embedding table, `width` wide, as the graph computes it. */
  row(id: number, width: number): number[];
  /** Adds the token embeddings of `ids` to `g`: [batch, sequence, width]. */
  embed(g: GraphBuilder, ids: string, width: number): string;
  /**
   * Adds an LM head reading `hidden` to `g` (the page finds the hidden state as its first input);
   * `cast` puts each of its inputs in the head's precision, and `output` names its result.
   */
  lmHead(g: GraphBuilder, hidden: string, width: number, cast: (t: string) => string, output?: string): string;
}

/** 256 byte tokens and <|endoftext|>; the LM head is tied to the embedding table (MatMul by Eᵀ). */
export const BYTE_VOCABULARY: TinyVocabulary = {
  size: TINY_VOCAB,
  row: tinyEmbeddingRow,
  embed: (g, ids, width) =>
    g.op('Gather', [g.float('embed_tokens', tinyEmbeddingTable(width), [TINY_VOCAB, width]), ids], { axis: 0 }),
  lmHead: (g, hidden, width, cast, output) => {
    const tied = tinyEmbeddingTable(width);
    const transposed = Array.from(
      { length: width * TINY_VOCAB },
      (_, i) => tied[(i % TINY_VOCAB) * width + Math.floor(i / TINY_VOCAB)]!,
    );
    const head = g.float('lm_head', transposed, [width, TINY_VOCAB]);
    return g.op('MatMul', [cast(hidden), cast(head)], {}, output);
  },
};

/** What a tiny model's embedding of token `ids` must be, worked out without it: Σ E[id] + (L − 1)·P, then L2. */
export function tinyEmbeddingOf(
  ids: readonly number[],
  normalize: boolean,
  width: number,
  vocabulary: TinyVocabulary,
): Float32Array {
  const h = tinyPosition(width).map((p) => p * (ids.length - 1));
  for (const id of ids) vocabulary.row(id, width).forEach((v, k) => (h[k]! += v));
  const norm = normalize ? Math.hypot(...h) : 1;
  return Float32Array.from(h, (v) => v / norm);
}

/** The byte-level model's embedding of `text`: its token ids are the UTF-8 bytes. */
export function tinyExpectedEmbedding(text: string, normalize = true, width = TINY_DIM): Float32Array {
  return tinyEmbeddingOf([...new TextEncoder().encode(text)], normalize, width, BYTE_VOCABULARY);
}

/** GPT-2's byte-to-character table, which byte-level BPE tokenizers (Qwen's included) use. */
function byteCharacters(): string[] {
  const printable = [...range(33, 126), ...range(161, 172), ...range(174, 255)];
  const chars = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) chars[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  return chars;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function tinyTokenizerJson(): object {
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: EOS_ID,
        content: '<|endoftext|>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
    ],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(byteCharacters().map((c, b) => [c, b])),
      merges: [],
    },
  };
}

export const TINY_TOKENIZER_CONFIG = {
  tokenizer_class: 'Qwen2Tokenizer',
  bos_token: null,
  eos_token: '<|endoftext|>',
  pad_token: '<|endoftext|>',
  add_bos_token: false,
  model_max_length: 512,
};

export function tinyConfig(width = TINY_DIM, vocabSize = TINY_VOCAB) {
  return {
    architectures: ['Qwen3ForCausalLM'],
    model_type: 'qwen3',
    hidden_size: width,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    num_key_value_heads: 1,
    head_dim: width / 2,
    vocab_size: vocabSize,
    max_position_embeddings: 512,
    eos_token_id: EOS_ID,
    torch_dtype: 'float32',
  };
}

export const FLOAT = 1;
export const FLOAT16 = 10;

/**
 * Adds the model's inputs and its hidden state to `g`; returns the hidden state's name. A
 * text-generation export's mask spans the past tokens too (`total_sequence_length`); with no
 * past, as the encoder runs it, that is the sequence.
 */
export function tinyHiddenState(
  g: GraphBuilder,
  width: number,
  maskLength = 'sequence_length',
  vocabulary = BYTE_VOCABULARY,
): string {
  const ids = g.input('input_ids', ['batch_size', 'sequence_length'], 'int64');
  const mask = g.input('attention_mask', ['batch_size', maskLength], 'int64');
  const positions = g.input('position_ids', ['batch_size', 'sequence_length'], 'int64');
  const embedded = vocabulary.embed(g, ids, width);
  const lastAxis = g.int64('last_axis', [-1]);
  const perToken = (t: string) => g.op('Unsqueeze', [g.op('Cast', [t], { to: FLOAT }), lastAxis]);
  const running = g.op('CumSum', [g.op('Mul', [embedded, perToken(mask)]), g.int64('sequence_axis', [1])]);
  return g.op('Add', [running, g.op('Mul', [perToken(positions), g.float('position', tinyPosition(width), [width])])]);
}

/**
 * The encoder graph. `output` picks what it emits: the hidden states (as a feature-extraction
 * export does, in float32 or float16) or only logits (a graph with nothing to find the hidden state from).
 */
export function tinyQwen3Graph(output: 'last_hidden_state' | 'last_hidden_state_fp16' | 'logits'): Uint8Array {
  const g = new GraphBuilder('tiny_qwen3');
  const hidden = tinyHiddenState(g, TINY_DIM);
  if (output === 'logits') {
    g.op('Softmax', [hidden], { axis: -1 }, 'logits');
    g.output('logits', ['batch_size', 'sequence_length', TINY_DIM]);
  } else if (output === 'last_hidden_state_fp16') {
    g.op('Cast', [hidden], { to: FLOAT16 }, 'last_hidden_state');
    g.output('last_hidden_state', ['batch_size', 'sequence_length', TINY_DIM], 'float16');
  } else {
    g.op('Identity', [hidden], {}, 'last_hidden_state');
    g.output('last_hidden_state', ['batch_size', 'sequence_length', TINY_DIM]);
  }
  return g.toBytes('r2-routing-playground tiny qwen3 fixture');
}

/** The files of an export folder, by path relative to it. */
export function tinyQwen3Files(): Record<string, Uint8Array | object> {
  return {
    'config.json': tinyConfig(),
    'tokenizer.json': tinyTokenizerJson(),
    'tokenizer_config.json': TINY_TOKENIZER_CONFIG,
    'onnx/model.onnx': tinyQwen3Graph('last_hidden_state'),
    'onnx/model_fp16.onnx': tinyQwen3Graph('last_hidden_state_fp16'),
  };
}

export const TINY_BUNDLE_ID = 'tiny-qwen3';
const BUDGETS: Manifest['budgets'] = [10, 100, 1000, 'unlimited'];

/** A bundle whose head reads the tiny embedding: quality = σ(e·W + b), natural length = 300 + 200·(e·v). */
export function tinyBundle(): { manifest: Manifest; onnx: Uint8Array } {
  const llms = 2;
  const width = llms * BUDGETS.length;
  const w = Array.from({ length: TINY_DIM * width }, (_, i) => Math.sin(i + 1) / 2);
  const b = Array.from(
    { length: width },
    (_, i) => (i % BUDGETS.length) * 0.8 - 1 + Math.floor(i / BUDGETS.length) * 0.3,
  );
  const v = Array.from({ length: TINY_DIM * llms }, (_, i) => Math.cos(i + 1) / 2);
  const g = new GraphBuilder('tiny_qwen3_head');
  const e = g.input('embedding', ['batch', TINY_DIM]);
  const scores = g.op('Add', [
    g.op('MatMul', [e, g.float('quality_weights', w, [TINY_DIM, width])]),
    g.float('quality_bias', b, [width]),
  ]);
  g.op('Reshape', [g.op('Sigmoid', [scores]), g.int64('quality_shape', [-1, llms, BUDGETS.length])], {}, 'quality');
  g.output('quality', ['batch', llms, BUDGETS.length]);
  const lengths = g.op('Add', [
    g.float('base_tokens', [300], []),
    g.op('Mul', [
      g.float('token_scale', [200], []),
      g.op('MatMul', [e, g.float('token_weights', v, [TINY_DIM, llms])]),
    ]),
  ]);
  g.op('Relu', [lengths], {}, 'natural_tokens');
  g.output('natural_tokens', ['batch', llms]);

  const manifest: Manifest = {
    format: 'r2-bundle/1',
    id: TINY_BUNDLE_ID,
    onnx: 'predictor.onnx',
    encoder: { kind: 'qwen3-embedding', model: TINY_MODEL_ID, dim: TINY_DIM, pooling: 'last-token', normalize: true },
    budgets: BUDGETS,
    pool: [
      { name: 'Tiny-Large', providerId: 'fixtures/tiny-large', inputPerMillion: 0.5, outputPerMillion: 1.5 },
      { name: 'Tiny-Small', providerId: 'fixtures/tiny-small', inputPerMillion: 0.05, outputPerMillion: 0.1 },
    ],
    io: {
      input: { name: 'embedding', shape: ['batch', TINY_DIM] },
      quality: { name: 'quality', shape: ['batch', llms, BUDGETS.length] },
      naturalTokens: { name: 'natural_tokens', shape: ['batch', llms] },
    },
    card: {
      title: 'Tiny Qwen3 test bundle',
      summary: 'Hand-set weights over an 8-wide stand-in for the Qwen3 embedding; for tests of the encoder path only.',
      trainedOn: 'nothing: the weights are set by a formula',
      simulated: true,
      reproduce: 'npx tsx src/encoder/__fixtures__/makeTinyQwen3.ts',
      metrics: {},
    },
  };
  return { manifest, onnx: g.toBytes('r2-routing-playground tiny qwen3 fixture') };
}
