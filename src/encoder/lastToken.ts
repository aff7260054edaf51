/**
 * The embedding a vLLM embedding runner returns for a causal LM such as Qwen3-0.6B ("LAST"
 * pooling): the final hidden state at the sequence's last token, L2-normalised when asked.
 * `hidden` is one sequence's [tokens, dim] block, row-major.
 */
export function lastTokenEmbedding(
  hidden: ArrayLike<number>,
  tokens: number,
  dim: number,
  normalize: boolean,
): Float32Array {
  if (tokens < 1) throw new Error('a sequence without tokens has no last token');
  if (hidden.length !== tokens * dim)
    throw new Error(`expected ${tokens} × ${dim} hidden values, got ${hidden.length}`);
  const out = new Float32Array(dim);
  const start = (tokens - 1) * dim;
  for (let k = 0; k < dim; k++) out[k] = hidden[start + k]!;
  return normalize ? l2Normalize(out) : out;
}

/** `vector` divided by its L2 norm, in place; torch.nn.functional.normalize floors the norm at 1e-12, and so do we. */
export function l2Normalize(vector: Float32Array): Float32Array {
  let sumSquares = 0;
  for (const v of vector) sumSquares += v * v;
  const norm = Math.max(Math.sqrt(sumSquares), 1e-12);
  for (let k = 0; k < vector.length; k++) vector[k] = vector[k]! / norm;
  return vector;
}
