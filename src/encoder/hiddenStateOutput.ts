import { EncoderError } from './encoderError';
import { appendToGraph, contentsOf, replaceSpans, spliceGraphs, type GraphEdit } from './graphSplice';
import { detachKvCache, type KvCache } from './kvCache';
import { scanGraph, type GraphScan, type ScannedNode } from './onnxGraphScan';
import { concat, lengthDelimited, varintField, WireError } from './wireFormat';

/**
 * Gives an ONNX export of Qwen3 the output the embedding needs — the final normed hidden
 * state — working on the file's bytes before a session is made from them. A feature-extraction
 * export has it already (last_hidden_state). A text-generation export ends in the LM head
 * instead: the node that makes `logits` (through Cast and the like) reads the hidden state as
 * its first input. That tensor becomes a graph output by appending
 * ModelProto{graph{output{name}}} to the file: protobuf merges concatenated messages, so the
 * graph gains one output and nothing else changes.
 *
 * onnxruntime runs every node whatever outputs are fetched (measured: src/encoder/README.md),
 * so the LM head would still score the whole vocabulary at every position: 1024 × 151,936
 * multiply-adds and 600 KB of logits per token. The LM head is therefore also cut to the last
 * position: a Slice node keeping the last row is inserted in front of the node that reads the
 * hidden state, and that node reads the Slice's output instead. The bytes after it move along
 * in place; no weight is decoded or copied elsewhere.
 *
 * The same pass detaches the KV cache from the attention nodes where it can (kvCache.ts): the
 * encoder never reads it, and in onnxruntime-web attention is much slower with it attached.
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
const INT64 = 7;

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
  patch: 'none' | 'output added' | 'cut to the last position';
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

function int64Tensor(name: string, value: bigint): Uint8Array {
  const raw = new Uint8Array(8);
  new DataView(raw.buffer).setBigInt64(0, value, true);
  return concat([varintField(1, 1), varintField(2, INT64), lengthDelimited(8, name), lengthDelimited(9, raw)]);
}

function nodeProto(opType: string, name: string, inputs: string[], outputs: string[]): Uint8Array {
  return concat([
    ...inputs.map((t) => lengthDelimited(1, t)),
    ...outputs.map((t) => lengthDelimited(2, t)),
    lengthDelimited(3, name),
    lengthDelimited(4, opType),
  ]);
}

/**
 * Slice(hidden, -1:, axis −2) inserted before the head's reader, which then reads it: the
 * edit to the node list, and the Slice's constants and the new output to append to the graph.
 */
function cutToLastPosition(
  bytes: Uint8Array,
  scan: GraphScan,
  head: LmHead,
): { edit: GraphEdit; appended: Uint8Array; output: string } {
  const names = allNames(scan);
  const [starts, ends, axes, lastRow] = ['starts', 'ends', 'axes', 'output'].map((n) =>
    fresh(`${LAST_POSITION_NODE}/${n}`, names),
  ) as [string, string, string, string];
  const slice = nodeProto('Slice', LAST_POSITION_NODE, [head.hidden, starts, ends, axes], [lastRow]);
  const { reader } = head;
  const rewired = replaceSpans(bytes, contentsOf(bytes, reader.field), [
    { at: reader.inputFields[0]!, bytes: lengthDelimited(1, lastRow) },
  ]);
  const appended = concat([
    lengthDelimited(GRAPH_INITIALIZER, int64Tensor(starts, -1n)),
    lengthDelimited(GRAPH_INITIALIZER, int64Tensor(ends, 0x7fffffffffffffffn)),
    lengthDelimited(GRAPH_INITIALIZER, int64Tensor(axes, -2n)),
    lengthDelimited(GRAPH_OUTPUT, lengthDelimited(1, lastRow)),
  ]);
  return {
    edit: {
      at: reader.field,
      bytes: concat([lengthDelimited(GRAPH_NODE, slice), lengthDelimited(GRAPH_NODE, rewired)]),
      graph: reader.graph,
    },
    appended,
    output: lastRow,
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

/** The output to fetch, and the edits and appended graph fields that give it (none where the file has it). */
function hiddenStatePlan(
  bytes: Uint8Array,
  scan: GraphScan,
  label: string,
): { output: string; patch: ExposedHiddenState['patch']; edits: GraphEdit[]; appended: Uint8Array | null } {
  const as = (output: string) => ({ output, patch: 'none' as const, edits: [], appended: null });
  if (scan.outputs.includes(HIDDEN_STATE)) return as(HIDDEN_STATE);
  const patched = scan.nodes.find((n) => n.name === LAST_POSITION_NODE)?.outputs[0];
  if (patched && scan.outputs.includes(patched)) return as(patched);
  const head = findLmHead(scan);
  if (!head) throw noHiddenState(label, scan);
  if (scan.outputs.includes(head.hidden)) return as(head.hidden);
  if (head.cuttable && head.reader.inputFields.length) {
    const cut = cutToLastPosition(bytes, scan, head);
    return { output: cut.output, patch: 'cut to the last position', edits: [cut.edit], appended: cut.appended };
  }
  const appended = lengthDelimited(GRAPH_OUTPUT, lengthDelimited(1, head.hidden));
  return { output: head.hidden, patch: 'output added', edits: [], appended };
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
  const { output, patch, edits, appended } = hiddenStatePlan(bytes, scan, label);
  const cache = detachKvCache(bytes, scan);
  const all = [...edits, ...cache.edits];
  if (!all.length && !appended) return { bytes: bytes.subarray(0, length), output, patch, kvCache: cache.kvCache };
  const spliced = spliceGraphs(bytes, length, scan.graphs, all);
  return {
    bytes: appended
      ? appendToGraph(spliced.bytes, spliced.length, appended)
      : spliced.bytes.subarray(0, spliced.length),
    output,
    patch,
    kvCache: cache.kvCache,
  };
}
