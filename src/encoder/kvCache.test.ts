import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { TINY_DIM } from './__fixtures__/tinyQwen3';
import { tinyTextGenGraph } from './__fixtures__/tinyQwen3TextGen';
import { exposeHiddenState } from './hiddenStateOutput';
import { scanGraph } from './onnxGraphScan';

const { onnx } = onnxProto;
type Node = onnxProto.onnx.INodeProto;

/** One layer as the model builder writes it: GroupQueryAttention holding the layer's cache in slots 3, 4 and 1, 2. */
function attention(layer: number, extra: Partial<Node> = {}): Node {
  return {
    opType: 'GroupQueryAttention',
    domain: 'com.microsoft',
    name: `/model/layers.${layer}/attn/GroupQueryAttention`,
    input: ['q', 'k', 'v', `past_key_values.${layer}.key`, `past_key_values.${layer}.value`, 'seqlens_k', 'total'],
    output: [`attn${layer}`, `present.${layer}.key`, `present.${layer}.value`],
    attribute: [{ name: 'num_heads', type: onnx.AttributeProto.AttributeType.INT, i: 16 }],
    ...extra,
  };
}

const INT = onnx.AttributeProto.AttributeType.INT;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** What the rewrite needs to stand in for a node: its query and key/value head counts, rotary outside it. */
const HEADS = [
  { name: 'num_heads', type: INT, i: 4 },
  { name: 'kv_num_heads', type: INT, i: 2 },
  { name: 'do_rotary', type: INT, i: 0 },
];

function model(nodes: Node[], layers = 2): Uint8Array {
  const cache = Array.from({ length: layers }, (_, i) => [`.${i}.key`, `.${i}.value`]).flat();
  const typed = (name: string) => ({ name, type: { tensorType: { elemType: FLOAT } } });
  return onnx.ModelProto.encode({
    graph: {
      node: [...nodes, { opType: 'MatMul', input: ['h', 'w'], output: ['logits'] }],
      input: [{ name: 'input_ids' }, { name: 'attention_mask' }, ...cache.map((c) => typed(`past_key_values${c}`))],
      output: ['logits', ...cache.map((c) => `present${c}`)].map((name) => ({ name })),
    },
  }).finish();
}

/** The file as protobuf reads it: each graph field decoded, then merged (onnx-proto would keep only the last). */
function decoded(bytes: Uint8Array) {
  const parts = scanGraph(bytes).graphs.map((g) => onnx.GraphProto.decode(bytes.subarray(g.start, g.end)));
  return {
    node: parts.flatMap((p) => p.node ?? []),
    input: parts.flatMap((p) => p.input ?? []),
    output: parts.flatMap((p) => p.output ?? []),
  };
}

const expose = (bytes: Uint8Array) => exposeHiddenState(bytes.slice(), bytes.length, 'x');

describe('the KV cache made incremental', () => {
  it('replaces each GroupQueryAttention by attention that reads its cache, keeping the cache in and out', () => {
    const exposed = expose(model([attention(0, { attribute: HEADS }), attention(1, { attribute: HEADS })]));
    expect(exposed.kvCache).toBe('incremental');
    const graph = decoded(exposed.bytes);
    expect(graph.node.some((n) => n.opType === 'GroupQueryAttention')).toBe(false);
    // Each layer's present.* gives the new tokens' keys and values; the past is read in place, not copied into it.
    for (const layer of [0, 1])
      for (const which of ['key', 'value']) {
        expect(graph.node.find((n) => n.output?.includes(`present.${layer}.${which}`))).toMatchObject({
          opType: 'Transpose',
        });
        const readers = graph.node.filter((n) => n.input?.includes(`past_key_values.${layer}.${which}`));
        expect(readers.map((n) => n.opType).sort()).toEqual(which === 'key' ? ['Shape', 'Transpose'] : ['MatMul']);
      }
    // Each layer's attention output keeps its name, so the nodes after it are untouched.
    for (const layer of [0, 1]) expect(graph.node.filter((n) => n.output?.includes(`attn${layer}`))).toHaveLength(1);
    expect(graph.input.map((i) => i.name)).toEqual([
      'input_ids',
      'attention_mask',
      ...[0, 1].flatMap((i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]),
    ]);
    expect(expose(exposed.bytes)).toMatchObject({ patch: 'none', kvCache: 'incremental' });
  });

  it('detaches the cache instead where a node does what the rewrite does not', () => {
    const rotary = [...HEADS.slice(0, 2), { name: 'do_rotary', type: INT, i: 1 }];
    const softcap = [...HEADS, { name: 'softcap', type: onnx.AttributeProto.AttributeType.FLOAT, f: 30 }];
    for (const attribute of [rotary, softcap, HEADS.slice(0, 1)])
      expect(expose(model([attention(0, { attribute: HEADS }), attention(1, { attribute })])).kvCache).toBe('detached');
  });
});

describe('detaching the KV cache', () => {
  it('empties GroupQueryAttention’s cache slots and drops the cache from the graph’s inputs and outputs', () => {
    const exposed = expose(model([attention(0), attention(1)]));
    expect(exposed.kvCache).toBe('detached');
    const graph = decoded(exposed.bytes);
    const layers = graph.node.filter((n) => n.opType === 'GroupQueryAttention');
    expect(layers.map((n) => [n.input, n.output])).toEqual(
      [0, 1].map((i) => [
        ['q', 'k', 'v', '', '', 'seqlens_k', 'total'],
        [`attn${i}`, '', ''],
      ]),
    );
    // Everything else about the nodes is kept: names, domain, attributes.
    expect(layers.map((n) => [n.name, n.domain, Number(n.attribute![0]!.i)])).toEqual(
      [0, 1].map((i) => [`/model/layers.${i}/attn/GroupQueryAttention`, 'com.microsoft', 16]),
    );
    expect(graph.input.map((i) => i.name)).toEqual(['input_ids', 'attention_mask']);
    expect(graph.output.map((o) => o.name)).toEqual([exposed.output]);
  });

  it('keeps the cache where another node reads it, or where attention is not GroupQueryAttention', () => {
    const readElsewhere = [
      attention(0),
      attention(1),
      { opType: 'Shape', input: ['past_key_values.1.key'], output: ['s'] },
    ];
    const presentRead = [attention(0), attention(1), { opType: 'Identity', input: ['present.0.value'], output: ['p'] }];
    const wrongSlot = [
      attention(0),
      attention(1, { input: ['q', 'past_key_values.1.key', 'v', '', 'past_key_values.1.value', 's', 't'] }),
    ];
    const otherDomain = [attention(0), attention(1, { domain: 'ai.example' })];
    for (const nodes of [readElsewhere, presentRead, wrongSlot, otherDomain]) {
      const bytes = model(nodes);
      const exposed = expose(bytes);
      expect(exposed.kvCache).toBe('kept');
      const graph = decoded(exposed.bytes);
      // Only the LM head changed (a Slice of the last position stands in its place).
      const untouched = (nodes: typeof graph.node) =>
        nodes.filter((n) => n.opType !== 'Slice' && n.opType !== 'MatMul');
      expect(untouched(graph.node)).toEqual(untouched(decoded(bytes).node));
      expect(graph.input).toHaveLength(6);
    }
    // The tiny text-generation fixture concatenates its cache: kept, and fed empty.
    expect(expose(tinyTextGenGraph(TINY_DIM, 'fp32')).kvCache).toBe('kept');
  });

  it('says there is none in an export without one, and leaves a patched file as it is', () => {
    const once = expose(model([attention(0), attention(1)]));
    const twice = expose(once.bytes);
    expect(twice).toMatchObject({ patch: 'none', kvCache: 'none', output: once.output });
    expect(twice.bytes).toEqual(once.bytes);
  });
});
