import { encodeSparse } from '../../src/encoder/hashedNgrams';
import type { HashedNgramsSpec } from '../../src/bundle/manifest';

/**
 * Encoded queries as one compressed sparse row matrix: row r's features are
 * indices/values[offsets[r] .. offsets[r + 1]). The app's encoder makes them, so the
 * trainer sees exactly what the browser will feed the ONNX graph.
 */
export interface SparseRows {
  dim: number;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function encodeRows(texts: readonly string[], spec: HashedNgramsSpec): SparseRows {
  const encoded = texts.map((t) => encodeSparse(t, spec));
  const offsets = new Int32Array(texts.length + 1);
  encoded.forEach((e, r) => (offsets[r + 1] = offsets[r]! + e.indices.length));
  const indices = new Int32Array(offsets[texts.length]!);
  const values = new Float32Array(offsets[texts.length]!);
  encoded.forEach((e, r) => {
    indices.set(e.indices, offsets[r]);
    values.set(e.values, offsets[r]);
  });
  return { dim: spec.dim, offsets, indices, values };
}

/** Dense [rows.length × dim] float32 input for ONNX, rows picked by index. */
export function denseRows(x: SparseRows, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * x.dim);
  rows.forEach((r, i) => {
    for (let p = x.offsets[r]!; p < x.offsets[r + 1]!; p++) out[i * x.dim + x.indices[p]!] = x.values[p]!;
  });
  return out;
}
