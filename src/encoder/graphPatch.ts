import type { Span } from './onnxGraphScan';
import { concat, lengthDelimited, WireReader } from './wireFormat';

/**
 * Edits to an ONNX file's bytes that move none of them. The weights sit between the node list
 * and the graph's inputs and outputs, so an edit that changed a node's length would move up to
 * gigabytes of weights after it. Instead:
 *
 * - a node, input or output is taken out of the graph by rewriting its field's tag to field 3 of
 *   GraphProto, which onnx.proto reserves (once the old `ir_version`): the same length, so no
 *   byte moves, and protobuf keeps it as an unknown field that nothing reads;
 * - what is added (nodes, constants, outputs, and a node's edited copy) is appended as one more
 *   ModelProto{graph{…}}: protobuf merges it into the file's graph, its nodes after the others.
 *   onnxruntime sorts nodes by their inputs itself, so the order in the file does not matter.
 */

/** Room left after an export's bytes when they are read, so the appended graph field rarely needs a bigger buffer. */
export const PATCH_SLACK = 1 << 20;
const MODEL_GRAPH = 7;
/** GraphProto field 3 is reserved by onnx.proto: a length-delimited field there is skipped by every reader. */
const HIDDEN_TAG = (3 << 3) | 2;

/** What a patch does to the file: fields to take out of the graph, and graph fields to append. */
export interface GraphPatch {
  /** Whole fields of a graph (a node, an input, an output), tag included; each tag must be one byte. */
  hide: Span[];
  appended: Uint8Array;
}

export const NO_PATCH: GraphPatch = { hide: [], appended: new Uint8Array(0) };

export function mergePatches(patches: readonly GraphPatch[]): GraphPatch {
  return { hide: patches.flatMap((p) => p.hide), appended: concat(patches.map((p) => p.appended)) };
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
 * Applies `patch` to bytes[0, length): hides its fields in place, then appends its graph
 * fields (in `bytes` itself when it has room). Returns the patched bytes.
 */
export function applyPatch(bytes: Uint8Array, length: number, patch: GraphPatch): Uint8Array {
  for (const field of patch.hide) {
    if (bytes[field.start]! > 0x7f) throw new Error('a field to hide has a tag of more than one byte');
    bytes[field.start] = HIDDEN_TAG;
  }
  return patch.appended.length ? appendToGraph(bytes, length, patch.appended) : bytes.subarray(0, length);
}
