import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { appendToGraph, applyPatch, mergePatches, PATCH_SLACK } from './graphPatch';
import { scanGraph } from './onnxGraphScan';
import { lengthDelimited } from './wireFormat';

const { onnx } = onnxProto;

const nodeField = (opType: string, output: string) =>
  lengthDelimited(1, onnx.NodeProto.encode({ opType, input: ['x'], output: [output] }).finish());

/** Nodes, `size` bytes of weights and two outputs. */
function withWeights(size: number): Uint8Array {
  return onnx.ModelProto.encode({
    graph: {
      node: ['A', 'B', 'C'].map((op) => ({ opType: op, input: ['x'], output: [op.toLowerCase()] })),
      initializer: [{ name: 'w', dims: [size], dataType: 2, rawData: new Uint8Array(size).map((_, i) => i % 251) }],
      output: [{ name: 'X' }, { name: 'Y' }],
    },
  }).finish();
}

/** The graph protobuf reads: every graph field decoded and merged. */
function merged(bytes: Uint8Array) {
  const parts = scanGraph(bytes).graphs.map((g) => onnx.GraphProto.decode(bytes.subarray(g.start, g.end)));
  return {
    nodes: parts.flatMap((p) => p.node ?? []).map((n) => n.opType),
    outputs: parts.flatMap((p) => p.output ?? []).map((o) => o.name),
    weights: parts.flatMap((p) => p.initializer ?? []).map((t) => [...t.rawData!]),
  };
}

describe('applyPatch', () => {
  it('takes nodes and outputs out and appends others, leaving every other byte where it was', () => {
    const original = withWeights(4_000);
    const scan = scanGraph(original);
    const patch = mergePatches([
      { hide: [scan.nodes[1]!.field, scan.outputFields[0]!.field], appended: nodeField('D', 'd') },
      { hide: [], appended: lengthDelimited(12, lengthDelimited(1, 'Z')) },
    ]);
    const buffer = new Uint8Array(original.length + PATCH_SLACK);
    buffer.set(original);
    const patched = applyPatch(buffer, original.length, patch);
    // In place: the same buffer, and only the two tags changed before the appended graph field.
    expect(patched.buffer).toBe(buffer.buffer);
    const changed = [...original].flatMap((b, i) => (b === patched[i] ? [] : [i]));
    expect(changed).toEqual([scan.nodes[1]!.field.start, scan.outputFields[0]!.field.start]);
    expect(merged(patched)).toEqual({
      nodes: ['A', 'C', 'D'],
      outputs: ['Y', 'Z'],
      weights: merged(original).weights,
    });
  });

  it('appends in a larger copy when the buffer has no room', () => {
    const tight = withWeights(100);
    const patched = applyPatch(tight.slice(), tight.length, { hide: [], appended: nodeField('D', 'd') });
    expect(merged(patched).nodes).toEqual(['A', 'B', 'C', 'D']);
    expect(appendToGraph(tight, tight.length, new Uint8Array(0)).length).toBe(tight.length + 2);
  });
});
