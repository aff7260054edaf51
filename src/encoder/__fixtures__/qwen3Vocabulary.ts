import { qwen3TokenizerFiles, QWEN3_VOCAB_SIZE } from './qwen3TokenizerFiles';
import type { TinyVocabulary } from './tinyQwen3';
import { tinyTextGenExport } from './tinyQwen3TextGen';

/**
 * The tiny Qwen3 over Qwen3's real vocabulary: 151,936 token embeddings, as config.json and the
 * real tokenizer's ids want, kept to a few MB by a low-rank table (8 numbers per token, times a
 * fixed 8 × width projection) and a rank-one LM head (logits = (h · u) · v over the whole
 * vocabulary: the LM head's place and shape, not its weights). Every token has its own row, so a
 * wrong id moves the embedding.
 */

const RANK = 8;

/** A deterministic value in [−1, 1] for index `i` (a 32-bit integer hash), distinct across tokens. */
function hashed(i: number): number {
  let x = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return ((x >>> 0) % 2001) / 1000 - 1;
}

function table(): Float32Array {
  return Float32Array.from({ length: QWEN3_VOCAB_SIZE * RANK }, (_, i) => hashed(i));
}

function projection(width: number): Float32Array {
  return Float32Array.from({ length: RANK * width }, (_, i) => Math.sin(i * 0.618 + 1) / 2);
}

export const QWEN3_VOCABULARY: TinyVocabulary = {
  size: QWEN3_VOCAB_SIZE,
  row: (id, width) => {
    const p = projection(width);
    const e = Float32Array.from({ length: RANK }, (_, k) => hashed(id * RANK + k));
    return Array.from({ length: width }, (_, j) => e.reduce((sum, v, k) => sum + v * p[k * width + j]!, 0));
  },
  embed: (g, ids, width) =>
    g.op('MatMul', [
      g.op('Gather', [g.float('embed_tokens', table(), [QWEN3_VOCAB_SIZE, RANK]), ids], { axis: 0 }),
      g.float('embed_projection', projection(width), [RANK, width]),
    ]),
  lmHead: (g, hidden, width, cast, output) => {
    const u = g.float('lm_head_in', projection(width).subarray(0, width), [width, 1]);
    const v = g.float(
      'lm_head_out',
      Float32Array.from({ length: QWEN3_VOCAB_SIZE }, (_, i) => hashed(-1 - i)),
      [QWEN3_VOCAB_SIZE],
    );
    return g.op('Mul', [g.op('MatMul', [cast(hidden), cast(u)]), cast(v)], {}, output);
  },
};

/** The text-generation export (fp32) at `width`, with Qwen3's own tokenizer files. */
export function qwen3VocabularyExport(width: number): Map<string, Uint8Array> {
  const { tokenizer, config } = qwen3TokenizerFiles();
  return tinyTextGenExport(width, {
    vocabulary: QWEN3_VOCABULARY,
    tokenizer: { json: tokenizer, config },
    variants: ['fp32'],
  });
}
