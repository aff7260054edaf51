import type { HashedNgramsSpec } from '../bundle/manifest';

/**
 * The default bundle's text encoder: hashed word n-grams, character n-grams and a few
 * shape features (length, digits, code and math symbols) into a fixed-width vector.
 * It needs no downloaded weights and runs in well under a millisecond. The trainer in
 * Node and the app's worker both call this module, so their inputs are bit-identical.
 */

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export const DEFAULT_HASHED_SPEC: HashedNgramsSpec = {
  kind: 'hashed-ngrams',
  dim: 4096,
  seed: 1,
  charNgrams: [3, 4],
  wordNgrams: [1, 2],
  maxChars: 6000,
};

const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
const WORD = /^[\p{L}\p{N}_]+$/u;

const SIGN_SEED_OFFSET = 0x5bd1e995;

/**
 * FNV-1a over a feature's UTF-16 code units at two seeds in one pass: one hash picks the
 * feature's index, the other its sign. Math.imul keeps it exact in every JS engine. A feature
 * is hashed piece by piece as it is read from the text, so no feature string is ever built.
 */
class FeatureHash {
  a = 0;
  b = 0;
  constructor(private readonly seed: number) {}
  begin(prefix: string): this {
    this.a = (0x811c9dc5 ^ Math.imul(this.seed, 0x9e3779b1)) >>> 0;
    this.b = (0x811c9dc5 ^ Math.imul(this.seed + SIGN_SEED_OFFSET, 0x9e3779b1)) >>> 0;
    return this.add(prefix, 0, prefix.length);
  }
  add(text: string, from: number, to: number): this {
    let a = this.a;
    let b = this.b;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193);
    }
    this.a = a;
    this.b = b;
    return this;
  }
}

function bucket(x: number): number {
  return x <= 0 ? 0 : Math.min(16, Math.floor(Math.log2(x + 1)));
}

/** Every feature, hashed, with its weight; separate namespaces keep word and char n-grams apart. */
function features(text: string, spec: HashedNgramsSpec, emit: (hash: FeatureHash, weight: number) => void): void {
  const clipped = text.length > spec.maxChars ? text.slice(0, spec.maxChars) : text;
  const norm = clipped.normalize('NFKC').toLowerCase();
  const tokens = norm.match(TOKEN) ?? [];
  const hash = new FeatureHash(spec.seed);

  // "w<n>:" then the n tokens joined by spaces.
  for (const n of spec.wordNgrams) {
    const prefix = `w${n}:`;
    for (let i = 0; i + n <= tokens.length; i++) {
      hash.begin(prefix);
      for (let k = 0; k < n; k++) {
        if (k > 0) hash.add(' ', 0, 1);
        const tok = tokens[i + k]!;
        hash.add(tok, 0, tok.length);
      }
      emit(hash, 1);
    }
  }
  // "c<n>:" then n characters of the token padded as <token>.
  for (const tok of tokens) {
    if (!WORD.test(tok) || tok.length < 3) continue;
    const padded = `<${tok}>`;
    for (const n of spec.charNgrams) {
      const prefix = `c${n}:`;
      for (let i = 0; i + n <= padded.length; i++) emit(hash.begin(prefix).add(padded, i, i + n), 0.5);
    }
  }

  // Shape features: the whole (unclipped) length matters for natural answer length.
  const digits = (norm.match(/\p{N}/gu) ?? []).length;
  const symbols = (norm.match(/[{}()[\];=<>$\\^_*+/|-]/g) ?? []).length;
  const lines = text.split('\n').length;
  emit(hash.begin(`len:${bucket(text.length)}`), 2);
  emit(hash.begin(`tok:${bucket(tokens.length)}`), 2);
  emit(hash.begin(`lines:${bucket(lines)}`), 1);
  emit(hash.begin(`digits:${bucket(digits)}`), 1);
  emit(hash.begin(`symbols:${bucket(symbols)}`), 1);
  if (tokens.length === 0) emit(hash.begin('empty'), 2);
}

/** One accumulator per width, reused: a workload encodes thousands of queries in a row. */
const scratch = new Map<number, { acc: Float64Array; seen: Uint8Array }>();

/** Sparse form, sorted by index, L2-normalised; the trainer uses it directly. */
export function encodeSparse(text: string, spec: HashedNgramsSpec): SparseVector {
  let s = scratch.get(spec.dim);
  if (!s) scratch.set(spec.dim, (s = { acc: new Float64Array(spec.dim), seen: new Uint8Array(spec.dim) }));
  const { acc, seen } = s;
  const touched: number[] = [];
  features(text, spec, (hash, weight) => {
    const index = (hash.a >>> 0) % spec.dim;
    if (seen[index] === 0) {
      seen[index] = 1;
      touched.push(index);
    }
    acc[index]! += ((hash.b & 1) === 0 ? 1 : -1) * weight;
  });
  const indices = Int32Array.from(touched.sort((a, b) => a - b));
  let norm = 0;
  const raw = Array.from(indices, (i) => {
    const v = acc[i]!;
    acc[i] = 0;
    seen[i] = 0;
    const damped = Math.sign(v) * Math.log1p(Math.abs(v));
    norm += damped * damped;
    return damped;
  });
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices, values: Float32Array.from(raw, (v) => v * scale) };
}

/** Dense form, written into `out` at `offset` (so a batch can share one buffer). */
export function encodeDense(
  text: string,
  spec: HashedNgramsSpec,
  out = new Float32Array(spec.dim),
  offset = 0,
): Float32Array {
  const { indices, values } = encodeSparse(text, spec);
  out.fill(0, offset, offset + spec.dim);
  for (let k = 0; k < indices.length; k++) out[offset + indices[k]!] = values[k]!;
  return out;
}
