import type { GraphPatch } from './graphPatch';
import {
  constantNode,
  ELEMENT,
  float32Tensor,
  int64Tensor,
  nodeBytes,
  readAttributes,
  type NodeSpec,
} from './onnxBytes';
import type { GraphScan, ScannedNode } from './onnxGraphScan';
import { lengthDelimited, concat } from './wireFormat';

/**
 * Rewrites each GroupQueryAttention node of a text-generation export as attention in standard
 * operators that reads an optional past KV cache, so the same graph embeds a whole text (past
 * of length 0) or only the tokens an edit added (the prefix's cache as past), with one copy of
 * the weights.
 *
 * Why not keep GroupQueryAttention: in onnxruntime-web's WASM build, it is several times
 * slower with its cache attached than without, and its cost with a cache grows with the past
 * (bench/README.md: about 10 ms per layer for two new tokens over a 500-token past, where the
 * arithmetic takes microseconds). Without its cache it cannot continue a prefix. Standard
 * operators do both at the speed of their matrix products.
 *
 * Per layer, with H query heads sharing KVH key/value heads in groups of G = H / KVH:
 *
 *   K, V  [1, S, KVH·d] → [1, KVH, S, d]: the new tokens' keys and values, the `present.*` outputs
 *   Q     [1, S, H·d]   → [1, H, S, d] → [1, KVH, G·S, d]   (query heads 2k, 2k+1 read KV head k)
 *   scores = Q·scale·[pastKᵀ | newKᵀ] + bias;  softmax;  · [pastV ; newV] → [1, S, H·d]
 *
 * The past is read where it is, never copied into a longer tensor: its scores and the new
 * tokens' are computed apart and joined (G·S rows, cheap), and the probabilities split again
 * for the two products with V. So `present.*` holds only the new tokens' keys and values, and
 * the page keeps the cache itself (cachedRuns.ts): each keystroke moves a few rows, not the
 * whole cache, in and out of the graph.
 *
 * The past may be longer than what it holds (a buffer with room to grow): `attention_mask` is 1
 * over the past's valid positions and the new tokens, 0 over the room. The bias [G·S, T] (T =
 * past + S) is 0 where a key may be read and the most negative float32 where it may not: a
 * masked position, or a new token after the query's. It is made once per run from the lengths
 * of input_ids (S) and attention_mask, and attention_mask's values. The arithmetic is float32;
 * a float16 export's tensors are cast on the way in and out, its cache kept in float16. Rotary
 * embedding must happen outside the node (do_rotary 0, as in Qwen3, whose Q/K norms come first,
 * with `position_ids` fed); a node with rotary, a local window, a softcap or smooth softmax is
 * left alone (kvCache.ts then detaches its cache).
 */

export const ATTENTION_PREFIX = 'r2-router/attention';
const GRAPH_NODE = 1;
const FLOAT_LOWEST = -3.4028234663852886e38;

export interface AttentionNode {
  node: ScannedNode;
  heads: number;
  kvHeads: number;
  /** The node's scale; 0 means 1/√(head width), worked out in the graph. */
  scale: number;
}

const isNegative = (i: number | undefined) => i !== undefined && i >= 2 ** 63;

/** The node's heads and scale when this rewrite can stand in for it, else null. */
export function rewritable(bytes: Uint8Array, node: ScannedNode): AttentionNode | null {
  const attrs = readAttributes(bytes, node.attributeFields);
  const int = (name: string) => attrs.get(name)?.i;
  const heads = int('num_heads') ?? 0;
  const kvHeads = int('kv_num_heads') ?? 0;
  const window = int('local_window_size');
  const supported =
    heads > 0 &&
    kvHeads > 0 &&
    heads % kvHeads === 0 &&
    !int('do_rotary') &&
    !int('smooth_softmax') &&
    !int('qk_output') &&
    !attrs.get('softcap')?.f &&
    (window === undefined || isNegative(window)) &&
    // Unpacked Q, K, V and both cache slots; outputs: attention, present key, present value.
    [0, 1, 2, 3, 4].every((i) => node.inputs[i]) &&
    [0, 1, 2].every((i) => node.outputs[i]);
  return supported ? { node, heads, kvHeads, scale: attrs.get('scale')?.f ?? 0 } : null;
}

/** Builds node bytes under one name prefix, numbering them, and remembers the constants it made. */
class Emitter {
  readonly nodes: Uint8Array[] = [];
  private count = 0;
  private readonly constants = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  op(op: string, inputs: string[], attributes: NodeSpec['attributes'] = {}, output?: string): string {
    const name = `${this.prefix}/${op}_${this.count++}`;
    const out = output ?? `${name}/output`;
    this.nodes.push(nodeBytes({ op, name, inputs, outputs: [out], attributes }));
    return out;
  }

  /** An int64 constant (shared by name), dims [] for a scalar. */
  ints(values: number[], dims: number[] = [values.length]): string {
    const key = `${this.prefix}/ints_${dims.length ? '' : 's'}${values.join('_').replace(/-/g, 'm')}`;
    if (!this.constants.has(key)) {
      this.nodes.push(constantNode(key, key, int64Tensor(values.map(BigInt), dims)));
      this.constants.set(key, key);
    }
    return key;
  }

  float(value: number): string {
    const key = `${this.prefix}/float_${this.count++}`;
    this.nodes.push(constantNode(key, key, float32Tensor(value, [])));
    return key;
  }

  fields(): Uint8Array {
    return concat(this.nodes.map((n) => lengthDelimited(GRAPH_NODE, n)));
  }
}

/** The bias [G·S, T] for each group size, made from input_ids and attention_mask. */
function attentionBias(e: Emitter, groups: Set<number>): Map<number, string> {
  const length = (input: string) => e.op('Gather', [e.op('Shape', [input]), e.ints([1], [])], { axis: 0 });
  const s = length('input_ids');
  const t = length('attention_mask');
  const one = e.ints([1], []);
  const rows = e.op('Range', [e.op('Sub', [t, s]), t, one]);
  const cols = e.op('Range', [e.ints([0], []), t, one]);
  // A key after the query's position, or one attention_mask leaves out, is not read.
  const after = e.op('Greater', [e.op('Reshape', [cols, e.ints([1, -1])]), e.op('Reshape', [rows, e.ints([-1, 1])])]);
  const unused = e.op('Equal', [e.op('Reshape', ['attention_mask', e.ints([1, -1])]), e.ints([0], [])]);
  const bias = e.op('Where', [e.op('Or', [after, unused]), e.float(FLOAT_LOWEST), e.float(0)]);
  return new Map([...groups].map((g) => [g, g === 1 ? bias : e.op('Tile', [bias, e.ints([g, 1])])]));
}

function layer(e: Emitter, { node, heads, kvHeads, scale }: AttentionNode, bias: string, half: boolean): void {
  const [q, k, v, pastK, pastV] = node.inputs as [string, string, string, string, string];
  const [out, presentK, presentV] = node.outputs as [string, string, string];
  const toFloat = (x: string) => (half ? e.op('Cast', [x], { to: ELEMENT.float }) : x);
  const heads4 = (x: string, n: number, output?: string) =>
    e.op('Transpose', [e.op('Reshape', [x, e.ints([0, 0, n, -1])])], { perm: [0, 2, 1, 3] }, output);
  const transposed = (x: string) => e.op('Transpose', [x], { perm: [0, 1, 3, 2] });

  const newKeys = toFloat(heads4(k, kvHeads, presentK));
  const newValues = toFloat(heads4(v, kvHeads, presentV));
  const queries = heads4(toFloat(q), heads);
  const width = () =>
    e.op('Cast', [e.op('Gather', [e.op('Shape', [queries]), e.ints([3], [])], { axis: 0 })], { to: ELEMENT.float });
  const factor = scale > 0 ? e.float(scale) : e.op('Reciprocal', [e.op('Sqrt', [width()])]);
  const grouped = e.op('Mul', [e.op('Reshape', [queries, e.ints([0, kvHeads, -1, 0])]), factor]);
  const scores = e.op(
    'Concat',
    [e.op('MatMul', [grouped, transposed(toFloat(pastK))]), e.op('MatMul', [grouped, transposed(newKeys)])],
    { axis: 3 },
  );
  const probs = e.op('Softmax', [e.op('Add', [scores, bias])], { axis: 3 });
  // The past's length, where its columns end.
  const past = e.op('Slice', [e.op('Shape', [pastK]), e.ints([2]), e.ints([3])]);
  const axis = e.ints([3]);
  const fromPast = e.op('Slice', [probs, e.ints([0]), past, axis]);
  const fromNew = e.op('Slice', [probs, past, e.ints([2 ** 62]), axis]);
  const context = e.op('Add', [e.op('MatMul', [fromPast, toFloat(pastV)]), e.op('MatMul', [fromNew, newValues])]);
  const perHead = e.op('Transpose', [e.op('Reshape', [context, e.ints([0, heads, -1, 0])])], { perm: [0, 2, 1, 3] });
  const shape = e.ints([0, 0, -1]);
  if (half) e.op('Cast', [e.op('Reshape', [perHead, shape])], { to: ELEMENT.float16 }, out);
  else e.op('Reshape', [perHead, shape], {}, out);
}

/**
 * The patch that replaces every node in `attention` (all GroupQueryAttention nodes holding the
 * cache); null when the graph lacks the inputs the causal bias is made from. `cacheType` is the
 * cache inputs' element type.
 */
export function rewriteAttention(
  attention: readonly AttentionNode[],
  cacheType: number,
  scan: GraphScan,
): GraphPatch | null {
  if (!scan.inputs.includes('input_ids') || !scan.inputs.includes('attention_mask')) return null;
  const half = cacheType === ELEMENT.float16;
  const shared = new Emitter(`${ATTENTION_PREFIX}/bias`);
  const bias = attentionBias(shared, new Set(attention.map((a) => a.heads / a.kvHeads)));
  const layers = attention.map((a, i) => {
    const e = new Emitter(`${ATTENTION_PREFIX}/${i}`);
    layer(e, a, bias.get(a.heads / a.kvHeads)!, half);
    return e.fields();
  });
  return { hide: attention.map((a) => a.node.field), appended: concat([shared.fields(), ...layers]) };
}
