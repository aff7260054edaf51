import type { GraphField, Span } from './onnxGraphScan';
import { concat, lengthDelimited, varintBytes, WireReader } from './wireFormat';

/**
 * Edits to an ONNX file's bytes without decoding it: whole fields inside a graph field are
 * replaced (or removed), and each graph field touched gets its length rewritten. The weights
 * sit between the node list and the graph's inputs and outputs, so every byte after the first
 * edit moves: all edits are made in one pass that moves each byte at most once, in place when
 * the buffer has room.
 */

/** Room left after a patched file's bytes, so patching rarely needs a bigger buffer. */
export const PATCH_SLACK = 64 * 1024;
const MODEL_GRAPH = 7;

export interface GraphEdit {
  /** Whole fields of graph field `graph`, tags included; empty to insert before `at.start`. */
  at: Span;
  bytes: Uint8Array;
  graph: number;
}

/** bytes[0, length) with at least `needed` bytes of room, reusing the buffer when it is big enough. */
function withRoom(bytes: Uint8Array, length: number, needed: number): Uint8Array {
  if (needed <= bytes.length) return bytes;
  const bigger = new Uint8Array(needed + PATCH_SLACK);
  bigger.set(bytes.subarray(0, length));
  return bigger;
}

/** Appends ModelProto{graph{<fields>}}: protobuf merges it into the file's graph. */
export function appendToGraph(bytes: Uint8Array, length: number, graphFields: Uint8Array): Uint8Array {
  const suffix = lengthDelimited(MODEL_GRAPH, graphFields);
  const out = withRoom(bytes, length, length + suffix.length);
  out.set(suffix, length);
  return out.subarray(0, length + suffix.length);
}

/** The contents of a length-delimited field, given the field from its tag. */
export function contentsOf(bytes: Uint8Array, field: Span): Span {
  const r = new WireReader(bytes, field.start, field.end);
  r.tag();
  return r.span();
}

/** bytes[within] with the given spans inside it (sorted, apart) replaced: for small messages such as a node. */
export function replaceSpans(bytes: Uint8Array, within: Span, edits: readonly { at: Span; bytes: Uint8Array }[]) {
  const parts: Uint8Array[] = [];
  let from = within.start;
  for (const e of edits) {
    parts.push(bytes.subarray(from, e.at.start), e.bytes);
    from = e.at.end;
  }
  parts.push(bytes.subarray(from, within.end));
  return concat(parts);
}

/**
 * Applies `edits` (apart from one another) to bytes[0, length) and rewrites the length of every
 * graph field they touch. Returns the buffer holding the result (`bytes` itself when it has
 * room) and the result's length.
 */
export function spliceGraphs(
  bytes: Uint8Array,
  length: number,
  graphs: readonly GraphField[],
  edits: readonly GraphEdit[],
): { bytes: Uint8Array; length: number } {
  const growth = new Map<number, number>();
  for (const e of edits) growth.set(e.graph, (growth.get(e.graph) ?? 0) + e.bytes.length - (e.at.end - e.at.start));
  const lengths = [...growth].map(([index, delta]) => {
    const g = graphs[index]!;
    return { at: { start: g.lengthAt, end: g.start }, bytes: Uint8Array.from(varintBytes(g.end - g.start + delta)) };
  });
  const all = [...edits, ...lengths].sort((a, b) => a.at.start - b.at.start || a.at.end - b.at.end);
  for (let i = 1; i < all.length; i++)
    if (all[i]!.at.start < all[i - 1]!.at.end) throw new Error('overlapping edits to an ONNX file');

  // The unchanged runs between edits, each with how far it moves.
  const runs: { start: number; end: number; shift: number }[] = [];
  const placed: { at: number; bytes: Uint8Array }[] = [];
  let shift = 0;
  let from = 0;
  for (const e of all) {
    runs.push({ start: from, end: e.at.start, shift });
    placed.push({ at: e.at.start + shift, bytes: e.bytes });
    shift += e.bytes.length - (e.at.end - e.at.start);
    from = e.at.end;
  }
  runs.push({ start: from, end: length, shift });

  const out = withRoom(bytes, length, length + Math.max(0, shift));
  // Runs moving right go last first and runs moving left first first, so none is overwritten before it moves.
  const move = (r: (typeof runs)[number]) => out.copyWithin(r.start + r.shift, r.start, r.end);
  for (const r of [...runs].reverse()) if (r.shift > 0) move(r);
  for (const r of runs) if (r.shift < 0) move(r);
  for (const p of placed) out.set(p.bytes, p.at);
  return { bytes: out, length: length + shift };
}
