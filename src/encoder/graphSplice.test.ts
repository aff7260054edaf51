import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { appendToGraph, spliceGraphs, type GraphEdit } from './graphSplice';
import { scanGraph } from './onnxGraphScan';
import { lengthDelimited } from './wireFormat';

const { onnx } = onnxProto;

const nodeField = (opType: string, output: string) =>
  lengthDelimited(1, onnx.NodeProto.encode({ opType, input: ['x'], output: [output] }).finish());

/** Two graph fields: nodes, `size` bytes of weights and two outputs, then one appended node. */
function withWeights(size: number): Uint8Array {
  const first = onnx.ModelProto.encode({
    graph: {
      node: ['A', 'B', 'C'].map((op) => ({ opType: op, input: ['x'], output: [op.toLowerCase()] })),
      initializer: [{ name: 'w', dims: [size], dataType: 2, rawData: new Uint8Array(size).map((_, i) => i % 251) }],
      output: [{ name: 'X' }, { name: 'Y' }],
    },
  }).finish();
  return appendToGraph(first, first.length, nodeField('D', 'd'));
}

const firstGraphLength = (bytes: Uint8Array) => {
  const [g] = scanGraph(bytes).graphs;
  return g!.end - g!.start;
};

/** The first graph field 8 bytes short of 2^14, so the edits below make its length a 3-byte varint. */
function file(): Uint8Array {
  return withWeights(16_000 + 2 ** 14 - 8 - firstGraphLength(withWeights(16_000)));
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

function edits(bytes: Uint8Array): GraphEdit[] {
  const scan = scanGraph(bytes);
  const [a, , c, d] = scan.nodes;
  const none = new Uint8Array(0);
  return [
    // Together these grow graph 0 past 2^14 bytes.
    { at: a!.field, bytes: Uint8Array.from(['A1', 'A2', 'A3'].flatMap((op) => [...nodeField(op, op)])), graph: 0 },
    { at: c!.field, bytes: none, graph: 0 },
    { at: scan.outputFields[0]!.field, bytes: none, graph: 0 },
    { at: d!.field, bytes: nodeField('D-longer', 'd'), graph: 1 },
  ];
}

describe('spliceGraphs', () => {
  it('applies edits in several graph fields at once, rewriting each length, weights untouched', () => {
    const bytes = file();
    const before = merged(bytes);
    const spliced = spliceGraphs(bytes, bytes.length, scanGraph(bytes).graphs, edits(bytes));
    const after = merged(spliced.bytes.subarray(0, spliced.length));
    expect(after).toEqual({ nodes: ['A1', 'A2', 'A3', 'B', 'D-longer'], outputs: ['Y'], weights: before.weights });
    expect(firstGraphLength(bytes)).toBe(2 ** 14 - 8);
    expect(firstGraphLength(spliced.bytes.subarray(0, spliced.length))).toBeGreaterThanOrEqual(2 ** 14);
  });

  it('works in place when the buffer has room, and gives the same bytes as in a new one', () => {
    const bytes = file();
    const roomy = new Uint8Array(bytes.length + 1000);
    roomy.set(bytes);
    const inPlace = spliceGraphs(roomy, bytes.length, scanGraph(bytes).graphs, edits(bytes));
    expect(inPlace.bytes).toBe(roomy);
    const tight = bytes.slice();
    const copied = spliceGraphs(tight, tight.length, scanGraph(bytes).graphs, edits(bytes));
    expect(copied.bytes).not.toBe(tight);
    expect(copied.bytes.subarray(0, copied.length)).toEqual(inPlace.bytes.subarray(0, inPlace.length));
  });

  it('refuses overlapping edits', () => {
    const bytes = file();
    const [a] = scanGraph(bytes).nodes;
    const twice = [0, 1].map(() => ({ at: a!.field, bytes: new Uint8Array(0), graph: 0 }));
    expect(() => spliceGraphs(bytes, bytes.length, scanGraph(bytes).graphs, twice)).toThrow(/overlapping/);
  });
});
