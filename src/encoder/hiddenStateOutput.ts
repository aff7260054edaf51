import { EncoderError } from './encoderError';
import { applyPatch, contentsOf, mergePatches, NO_PATCH, replaceSpans, type GraphPatch } from './graphPatch';
import { planKvCache, type KvCache } from './kvCache';
import { scanGraph, type GraphScan, type ScannedNode } from './onnxGraphScan';
import { int64Tensor, nodeBytes } from './onnxBytes';
import { concat, lengthDelimited, WireError } from './wireFormat';

/**
 * Gives an ONNX export of Qwen3 the output the embedding needs — the final normed hidden
 * state — working on the file's bytes before a session is made from them. A feature-extraction
 * export has it already (last_hidden_state). A text-generation export ends in the LM head
 * instead: the node that makes `logits` (through Cast and the like) reads the hidden state as
 * its first input.
 *
 * onnxruntime runs every node whatever outputs are fetched (measured: src/encoder/README.md),
 * so the LM head would still score the whole vocabulary: 1024 × 151,936 multiply-adds and
 * 600 KB of logits per token, and its weight read at every run. So the patch drops `logits`
 * and every node only it needs (the head, its quantiser, casts and scales), putting a Slice
 * that keeps the hidden state's last row in the head's place and outputting that row; the
 * head's weight, read by no node any more, is never loaded. Where another output needs the
 * head, it is cut to the last position instead (the Slice goes in front of it), or left whole
 * with the hidden state added as an output. Outputs are added by appending
 * ModelProto{graph{output{name}}} to the file: protobuf merges concatenated messages.
 *
 * The same pass makes attention continue a cached prefix, or detaches its cache (kvCache.ts).
 * No byte of the file moves (graphPatch.ts: what leaves the graph is hidden in place, what is
 * added is appended), and no weight is decoded or copied.
 */

export const HIDDEN_STATE = 'last_hidden_state';
const LOGITS = 'logits';
/** The node this page inserts; finding it means the file was patched already. */
export const LAST_POSITION_NODE = 'r2-router/last_position';

/** Ops that make logits from the hidden state (com.microsoft's quantised ones included). */
const HEAD_OPS = new Set([
  'MatMul',
  'Gemm',
  'MatMulNBits',
  'MatMulBnb4',
  'FusedMatMul',
  'MatMulIntegerToFloat',
  'DynamicQuantizeMatMul',
]);
/** Elementwise ops that may sit between the LM head and logits: a head cut to one row still feeds them. */
const ELEMENTWISE = new Set(['Cast', 'Identity', 'Mul', 'Add', 'Div', 'Sub']);
/** Ops the search may pass through, after which the head is left whole: they may depend on the sequence length. */
const SHAPING = new Set(['Reshape', 'Squeeze', 'Unsqueeze', 'Flatten']);
/** Nodes between logits and the LM head, at most: exports put one or two there. */
const MAX_DEPTH = 6;

const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_OUTPUT = 12;

export interface LmHead {
  /** The final hidden state: the tensor the LM head reads. */
  hidden: string;
  /** The node that reads it: the LM head, or the quantiser in front of an integer one. */
  reader: ScannedNode;
  /** Only elementwise ops lie between the head and logits, so it may run on one row. */
  cuttable: boolean;
}

export interface ExposedHiddenState {
  /** The model's bytes, patched in place when there was room (else a larger copy). */
  bytes: Uint8Array;
  /** The output to fetch: hidden states [batch, rows, width] (or [rows, width]) whose last row is the embedding. */
  output: string;
  patch: 'none' | 'output added' | 'cut to the last position' | 'LM head removed';
  /** Whether the export had a KV cache, and whether the patch detached it (then the session takes none). */
  kvCache: KvCache;
}

function producers(scan: GraphScan): Map<string, ScannedNode> {
  const map = new Map<string, ScannedNode>();
  for (const n of scan.nodes) for (const o of n.outputs) if (o) map.set(o, n);
  return map;
}

/** Walks back from logits to the LM head; null when no such node is there. */
export function findLmHead(scan: GraphScan): LmHead | null {
  const made = producers(scan);
  const seen = new Set<ScannedNode>();
  let frontier = [{ tensor: LOGITS, cuttable: true }];
  for (let depth = 0; depth <= MAX_DEPTH && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { tensor, cuttable } of frontier) {
      const node = made.get(tensor);
      if (!node || seen.has(node)) continue;
      seen.add(node);
      if (HEAD_OPS.has(node.opType) && node.inputs[0]) return { hidden: node.inputs[0], reader: node, cuttable };
      if (node.opType === 'MatMulInteger') {
        // ORT's dynamic quantisation: logits ← Mul(scale) ← Cast ← MatMulInteger ← DynamicQuantizeLinear(hidden).
        const quantiser = made.get(node.inputs[0] ?? '');
        if (quantiser?.opType === 'DynamicQuantizeLinear' && quantiser.inputs[0])
          return { hidden: quantiser.inputs[0], reader: quantiser, cuttable };
      }
      if (ELEMENTWISE.has(node.opType)) next.push(...node.inputs.filter(Boolean).map((t) => ({ tensor: t, cuttable })));
      else if (SHAPING.has(node.opType) && node.inputs[0]) next.push({ tensor: node.inputs[0], cuttable: false });
    }
    frontier = next;
  }
  return null;
}

function allNames(scan: GraphScan): Set<string> {
  const names = new Set([...scan.inputs, ...scan.outputs]);
  for (const n of scan.nodes) for (const t of [...n.inputs, ...n.outputs]) names.add(t);
  return names;
}

/** Initializer names are not read; names under r2-router/ are only ever this page's. */
function fresh(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 1; taken.has(candidate); i++) candidate = `${name}_${i}`;
  taken.add(candidate);
  return candidate;
}

/** Slice(hidden, -1:, axis −2), its constants and the output it makes, to append to the graph. */
function lastPositionSlice(scan: GraphScan, hidden: string): { appended: Uint8Array; output: string } {
  const names = allNames(scan);
  const [starts, ends, axes, lastRow] = ['starts', 'ends', 'axes', 'output'].map((n) =>
    fresh(`${LAST_POSITION_NODE}/${n}`, names),
  ) as [string, string, string, string];
  const node = nodeBytes({
    op: 'Slice',
    name: LAST_POSITION_NODE,
    inputs: [hidden, starts, ends, axes],
    outputs: [lastRow],
  });
  const appended = concat([
    lengthDelimited(GRAPH_NODE, node),
    lengthDelimited(GRAPH_INITIALIZER, int64Tensor([-1n], [1], starts)),
    lengthDelimited(GRAPH_INITIALIZER, int64Tensor([0x7fffffffffffffffn], [1], ends)),
    lengthDelimited(GRAPH_INITIALIZER, int64Tensor([-2n], [1], axes)),
    lengthDelimited(GRAPH_OUTPUT, lengthDelimited(1, lastRow)),
  ]);
  return { appended, output: lastRow };
}

/** The nodes `outputs` are made from: their producers, and theirs, back to the graph's inputs. */
function madeFrom(scan: GraphScan, outputs: readonly string[]): Set<ScannedNode> {
  const made = producers(scan);
  const found = new Set<ScannedNode>();
  const stack = [...outputs];
  while (stack.length) {
    const node = made.get(stack.pop()!);
    if (!node || found.has(node)) continue;
    found.add(node);
    stack.push(...node.inputs.filter(Boolean));
  }
  return found;
}

/**
 * Drops logits and every node only it needs (the LM head, its quantiser and casts), with a
 * Slice keeping the hidden state's last row as the output; null when the head's reader is
 * needed elsewhere. Its weight is then read by no node, so onnxruntime never loads it.
 */
function removeLmHead(scan: GraphScan, head: LmHead): Omit<HiddenStatePlan, 'patch'> | null {
  const live = madeFrom(scan, [head.hidden, ...scan.outputs.filter((o) => o !== LOGITS)]);
  if (live.has(head.reader)) return null;
  const onlyForLogits = [...madeFrom(scan, [LOGITS])].filter((n) => !live.has(n));
  const slice = lastPositionSlice(scan, head.hidden);
  const logits = scan.outputFields[scan.outputs.indexOf(LOGITS)]!.field;
  return {
    output: slice.output,
    graph: { hide: [...onlyForLogits.map((n) => n.field), logits], appended: slice.appended },
  };
}

/** The Slice in front of the head's reader, which then reads it: the head scores the last row only. */
function cutToLastPosition(bytes: Uint8Array, scan: GraphScan, head: LmHead): Omit<HiddenStatePlan, 'patch'> {
  const slice = lastPositionSlice(scan, head.hidden);
  const { reader } = head;
  const rewired = replaceSpans(bytes, contentsOf(bytes, reader.field), [
    { at: reader.inputFields[0]!, bytes: lengthDelimited(1, slice.output) },
  ]);
  return {
    output: slice.output,
    graph: { hide: [reader.field], appended: concat([slice.appended, lengthDelimited(GRAPH_NODE, rewired)]) },
  };
}

function noHiddenState(label: string, scan: GraphScan): EncoderError {
  const outputs = scan.outputs.filter((o) => !o.startsWith('present.'));
  const cache = scan.outputs.length > outputs.length ? ' (and its present.* KV cache)' : '';
  const has = outputs.length ? `outputs ${outputs.join(', ')}${cache}` : 'has no outputs';
  const why = scan.outputs.includes(LOGITS)
    ? `no node making logits is an LM head this page knows (${[...HEAD_OPS].join(', ')}, or MatMulInteger after DynamicQuantizeLinear), so it cannot tell which tensor is the final hidden state`
    : 'and no logits to find the LM head from';
  return new EncoderError('no-hidden-states', `${label} ${has}: no ${HIDDEN_STATE}, ${why}.`);
}

interface HiddenStatePlan {
  output: string;
  patch: ExposedHiddenState['patch'];
  graph: GraphPatch;
}

/** The output to fetch, and the patch that gives it (none where the file has it). */
function hiddenStatePlan(bytes: Uint8Array, scan: GraphScan, label: string): HiddenStatePlan {
  const as = (output: string) => ({ output, patch: 'none' as const, graph: NO_PATCH });
  if (scan.outputs.includes(HIDDEN_STATE)) return as(HIDDEN_STATE);
  const patched = scan.nodes.find((n) => n.name === LAST_POSITION_NODE)?.outputs[0];
  if (patched && scan.outputs.includes(patched)) return as(patched);
  const head = findLmHead(scan);
  if (!head) throw noHiddenState(label, scan);
  if (scan.outputs.includes(head.hidden)) return as(head.hidden);
  const removed = removeLmHead(scan, head);
  if (removed) return { ...removed, patch: 'LM head removed' };
  if (head.cuttable && head.reader.inputFields.length)
    return { ...cutToLastPosition(bytes, scan, head), patch: 'cut to the last position' };
  const appended = lengthDelimited(GRAPH_OUTPUT, lengthDelimited(1, head.hidden));
  return { output: head.hidden, patch: 'output added', graph: { hide: [], appended } };
}

/**
 * Makes the final hidden state an output of the model in bytes[0, length), and detaches its KV
 * cache where it can. `bytes` may be patched in place (room after `length` is used when there
 * is enough). Never reads an initializer. Idempotent: a patched file comes back as it is.
 */
export function exposeHiddenState(bytes: Uint8Array, length: number, label: string): ExposedHiddenState {
  let scan: GraphScan;
  try {
    scan = scanGraph(bytes, length);
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    throw new EncoderError('not-an-export', `${label} is not an ONNX model: ${e.message}.`);
  }
  const { output, patch, graph } = hiddenStatePlan(bytes, scan, label);
  const cache = planKvCache(bytes, scan);
  return {
    bytes: applyPatch(bytes, length, mergePatches([graph, cache.patch])),
    output,
    patch,
    kvCache: cache.kvCache,
  };
}
