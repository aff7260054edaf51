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

/** FNV-1a over UTF-16 code units; Math.imul keeps it exact in every JS engine. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function bucket(x: number): number {
  return x <= 0 ? 0 : Math.min(16, Math.floor(Math.log2(x + 1)));
}

/** Feature strings with weights; separate namespaces keep word and char n-grams apart. */
function features(text: string, spec: HashedNgramsSpec, emit: (feature: string, weight: number) => void): void {
  const clipped = text.length > spec.maxChars ? text.slice(0, spec.maxChars) : text;
  const norm = clipped.normalize('NFKC').toLowerCase();
  const tokens = norm.match(TOKEN) ?? [];

  for (const n of spec.wordNgrams) {
    for (let i = 0; i + n <= tokens.length; i++) {
      emit(`w${n}:${tokens.slice(i, i + n).join(' ')}`, 1);
    }
  }
  for (const tok of tokens) {
    if (!WORD.test(tok) || tok.length < 3) continue;
    const padded = `<${tok}>`;
    for (const n of spec.charNgrams) {
      for (let i = 0; i + n <= padded.length; i++) emit(`c${n}:${padded.slice(i, i + n)}`, 0.5);
    }
  }

  // Shape features: the whole (unclipped) length matters for natural answer length.
  const digits = (norm.match(/\p{N}/gu) ?? []).length;
  const symbols = (norm.match(/[{}()[\];=<>$\\^_*+/|-]/g) ?? []).length;
  const lines = text.split('\n').length;
  emit(`len:${bucket(text.length)}`, 2);
  emit(`tok:${bucket(tokens.length)}`, 2);
  emit(`lines:${bucket(lines)}`, 1);
  emit(`digits:${bucket(digits)}`, 1);
  emit(`symbols:${bucket(symbols)}`, 1);
  if (tokens.length === 0) emit('empty', 2);
}

/** Sparse form, sorted by index, L2-normalised; the trainer uses it directly. */
export function encodeSparse(text: string, spec: HashedNgramsSpec): SparseVector {
  const acc = new Map<number, number>();
  features(text, spec, (feature, weight) => {
    const h = fnv1a(feature, spec.seed);
    const index = h % spec.dim;
    const sign = (fnv1a(feature, spec.seed + 0x5bd1e995) & 1) === 0 ? 1 : -1;
    acc.set(index, (acc.get(index) ?? 0) + sign * weight);
  });
  const indices = Int32Array.from([...acc.keys()].sort((a, b) => a - b));
  let norm = 0;
  const raw = Array.from(indices, (i) => {
    const v = acc.get(i)!;
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
