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

function model(nodes: Node[], layers = 2): Uint8Array {
  const cache = Array.from({ length: layers }, (_, i) => [`.${i}.key`, `.${i}.value`]).flat();
  return onnx.ModelProto.encode({
    graph: {
      node: [...nodes, { opType: 'MatMul', input: ['h', 'w'], output: ['logits'] }],
      input: ['input_ids', ...cache.map((c) => `past_key_values${c}`)].map((name) => ({ name })),
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
    expect(graph.input.map((i) => i.name)).toEqual(['input_ids']);
    expect(graph.output.map((o) => o.name)).toEqual(['logits', exposed.output]);
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
      // Only the LM head's input changed (it reads the last position).
      const untouched = (nodes: typeof graph.node) =>
        nodes.filter((n) => n.opType !== 'Slice' && n.opType !== 'MatMul');
      expect(untouched(graph.node)).toEqual(untouched(decoded(bytes).node));
      expect(graph.input).toHaveLength(5);
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
