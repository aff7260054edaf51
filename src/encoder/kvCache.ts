import { ATTENTION_PREFIX, rewriteAttention, rewritable, type AttentionNode } from './cacheAttention';
import { contentsOf, mergePatches, NO_PATCH, replaceSpans, type GraphPatch } from './graphPatch';
import { ELEMENT, valueElementType } from './onnxBytes';
import type { GraphScan, ScannedNode } from './onnxGraphScan';
import { lengthDelimited } from './wireFormat';

/**
 * What the patch does with a text-generation export's KV cache. In onnxruntime-web's WASM
 * build, GroupQueryAttention with past_key/past_value and present_key/present_value attached is
 * 8–12× slower than without them, even with an empty past (bench/README.md). So, when every
 * reader of the cache inputs and every maker of the cache outputs is a GroupQueryAttention node
 * using them in those slots:
 *
 * - `incremental`: each node becomes attention in standard operators that reads the past
 *   (cacheAttention.ts): as fast as the detached node on a whole text, and able to continue a
 *   prefix's cache, so an edit re-runs only the tokens after it.
 * - `detached`, where a node does something that rewrite does not (rotary inside it, a local
 *   window, a softcap): its cache slots are left empty and the past_key_values.* inputs and
 *   present.* outputs leave the graph. It attends over the current tokens only, which is what an
 *   empty past gives; every text is embedded whole.
 *
 * Any other layout is `kept`: the encoder feeds it an empty cache and embeds every text whole.
 */

export type KvCache = 'none' | 'detached' | 'kept' | 'incremental';

export const PAST_INPUT = /^past_key_values\.\d+\.(key|value)$/;
const PRESENT_OUTPUT = /^present\.\d+\.(key|value)$/;
const ATTENTION = 'GroupQueryAttention';
const MS_DOMAIN = 'com.microsoft';
/** GroupQueryAttention's slots (onnxruntime's contrib op schema): inputs 3, 4 past; outputs 1, 2 present. */
const PAST_SLOTS = [3, 4];
const PRESENT_SLOTS = [1, 2];

const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const GRAPH_NODE = 1;

/** Whether `node` uses cache tensors only in GroupQueryAttention's cache slots (and reads no present one). */
function cacheOnlyInSlots(node: ScannedNode, past: Set<string>, present: Set<string>): boolean {
  const attention = node.opType === ATTENTION && node.domain === MS_DOMAIN;
  const inSlot = (slots: number[], i: number) => attention && slots.includes(i);
  return (
    node.inputs.every((t, i) => !present.has(t) && (!past.has(t) || inSlot(PAST_SLOTS, i))) &&
    node.outputs.every((t, i) => !present.has(t) || inSlot(PRESENT_SLOTS, i))
  );
}

/** The node without its cache: hidden, and a copy with those slots empty appended. */
function detachedNode(bytes: Uint8Array, node: ScannedNode, past: Set<string>, present: Set<string>): GraphPatch {
  const emptied = [
    ...node.inputFields.filter((_, i) => past.has(node.inputs[i]!)).map((at) => ({ at, field: NODE_INPUT })),
    ...node.outputFields.filter((_, i) => present.has(node.outputs[i]!)).map((at) => ({ at, field: NODE_OUTPUT })),
  ].sort((a, b) => a.at.start - b.at.start);
  const contents = replaceSpans(
    bytes,
    contentsOf(bytes, node.field),
    emptied.map(({ at, field }) => ({ at, bytes: lengthDelimited(field, '') })),
  );
  return { hide: [node.field], appended: lengthDelimited(GRAPH_NODE, contents) };
}

/** The cache inputs' element type (TensorProto.DataType), from the first one's declaration. */
function cacheType(bytes: Uint8Array, scan: GraphScan, past: Set<string>): number | null {
  const at = scan.inputs.findIndex((n) => past.has(n));
  return at < 0 ? null : valueElementType(bytes, scan.inputFields[at]!.field);
}

/** The patch that makes the cache incremental or detaches it, or why there is none. */
export function planKvCache(bytes: Uint8Array, scan: GraphScan): { kvCache: KvCache; patch: GraphPatch } {
  const past = new Set(scan.inputs.filter((n) => PAST_INPUT.test(n)));
  const present = new Set(scan.outputs.filter((n) => PRESENT_OUTPUT.test(n)));
  if (!past.size && !present.size) return { kvCache: 'none', patch: NO_PATCH };
  if (scan.nodes.some((n) => n.name.startsWith(ATTENTION_PREFIX))) return { kvCache: 'incremental', patch: NO_PATCH };
  const made = new Set(scan.nodes.flatMap((n) => n.outputs));
  const detachable =
    scan.nodes.every((n) => cacheOnlyInSlots(n, past, present)) &&
    [...present].every((t) => made.has(t)) &&
    !scan.outputs.some((t) => past.has(t));
  if (!detachable) return { kvCache: 'kept', patch: NO_PATCH };
  const users = scan.nodes.filter((n) => n.inputs.some((t) => past.has(t)) || n.outputs.some((t) => present.has(t)));
  const attention = users.map((n) => rewritable(bytes, n));
  const type = cacheType(bytes, scan, past);
  if (attention.every(Boolean) && (type === ELEMENT.float || type === ELEMENT.float16)) {
    const patch = rewriteAttention(attention as AttentionNode[], type, scan);
    if (patch) return { kvCache: 'incremental', patch };
  }
  const removed = (names: string[], fields: GraphScan['inputFields'], cache: Set<string>) =>
    fields.filter((_, i) => cache.has(names[i]!)).map(({ field }) => field);
  return {
    kvCache: 'detached',
    patch: mergePatches([
      ...users.map((n) => detachedNode(bytes, n, past, present)),
      {
        hide: [...removed(scan.inputs, scan.inputFields, past), ...removed(scan.outputs, scan.outputFields, present)],
        appended: new Uint8Array(0),
      },
    ]),
  };
}
