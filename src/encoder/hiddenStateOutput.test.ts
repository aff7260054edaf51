import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { TINY_DIM, tinyQwen3Graph } from './__fixtures__/tinyQwen3';
import { tinyTextGenGraph, withExternalData } from './__fixtures__/tinyQwen3TextGen';
import { GraphBuilder } from '../onnx/graphBuilder';
import { EncoderError } from './encoderError';
import { exposeHiddenState, findLmHead, LAST_POSITION_NODE } from './hiddenStateOutput';
import { scanGraph } from './onnxGraphScan';
import { concat, lengthDelimited, varintBytes } from './wireFormat';

const { onnx } = onnxProto;
interface Graph {
  node: onnxProto.onnx.INodeProto[];
  initializer: onnxProto.onnx.ITensorProto[];
  input: onnxProto.onnx.IValueInfoProto[];
  output: onnxProto.onnx.IValueInfoProto[];
}

const TEXT_GEN = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'tiny-qwen3-text-generation', 'onnx');

/**
 * The graph protobuf makes of a file holding several graph fields: each decoded by onnx-proto
 * on its own (protobuf.js keeps only the last of repeated singular messages), then merged as
 * protobuf merges them — repeated fields concatenated.
 */
function mergedGraph(bytes: Uint8Array): Graph {
  const parts = scanGraph(bytes).graphs.map((g) => onnx.GraphProto.decode(bytes.subarray(g.start, g.end)));
  return {
    node: parts.flatMap((p) => p.node ?? []),
    initializer: parts.flatMap((p) => p.initializer ?? []),
    input: parts.flatMap((p) => p.input ?? []),
    output: parts.flatMap((p) => p.output ?? []),
  };
}

/** The nodes of a nodesOnly model, to build variants of it. */
function bytesNodes(bytes: Uint8Array): onnxProto.onnx.INodeProto[] {
  return onnx.ModelProto.decode(bytes).graph!.node!.map((n) => onnx.NodeProto.toObject(onnx.NodeProto.fromObject(n)));
}

/** Patches a copy: the patch writes into the buffer it is given, and a Buffer's slice() is a view. */
function expose(bytes: Uint8Array, label = 'the export') {
  return exposeHiddenState(new Uint8Array(bytes), bytes.length, label);
}

/** A model of nodes only (no weights), enough for the LM-head search. */
function nodesOnly(node: onnxProto.onnx.INodeProto[], outputs = ['logits']): Uint8Array {
  return onnx.ModelProto.encode({ graph: { node, output: outputs.map((name) => ({ name })) } }).finish();
}

describe('exposeHiddenState on the tiny text-generation export', () => {
  const file = readFileSync(join(TEXT_GEN, 'model.onnx'));

  it('drops the LM head and logits, with a Slice of the last position in its place, leaving the rest as it was', () => {
    const before = mergedGraph(file);
    const exposed = expose(file);
    expect(exposed.patch).toBe('LM head removed');
    const after = mergedGraph(exposed.bytes);

    const head = before.node.findIndex((n) => n.output?.[0] === 'logits');
    const hidden = before.node[head]!.input![0]!;
    expect(after.node).toHaveLength(before.node.length);
    const slice = after.node[head]!;
    expect(slice).toMatchObject({ opType: 'Slice', name: LAST_POSITION_NODE, output: [exposed.output] });
    expect(slice.input![0]).toBe(hidden);
    expect(after.node.filter((_, i) => i !== head)).toEqual(before.node.filter((_, i) => i !== head));
    expect(after.node.some((n) => n.input?.includes('lm_head'))).toBe(false);
    const names = (g: Graph) => g.output.map((o) => o.name);
    expect(names(after)).toEqual([...names(before).filter((n) => n !== 'logits'), exposed.output]);
    // The weights stay where they were: in external data, referenced exactly as before.
    const where = (t: onnxProto.onnx.ITensorProto) => [t.name, t.dataLocation, t.externalData, t.rawData?.length];
    expect(after.initializer.slice(0, before.initializer.length).map(where)).toEqual(before.initializer.map(where));
    expect(before.initializer.some((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)).toBe(true);
    const constants = after.initializer.slice(before.initializer.length);
    expect(constants.map((t) => [t.name, t.dataType, t.dims?.map(Number)])).toEqual(
      ['starts', 'ends', 'axes'].map((n) => [`${LAST_POSITION_NODE}/${n}`, onnx.TensorProto.DataType.INT64, [1]]),
    );
    const value = (t: onnxProto.onnx.ITensorProto) =>
      new DataView(Uint8Array.from(t.rawData!).buffer).getBigInt64(0, true);
    expect(constants.map(value)).toEqual([-1n, 2n ** 63n - 1n, -2n]);
  });

  it('drops the quantiser, casts and scales of a q8 head with it, and keeps what other outputs need', () => {
    const exposed = expose(
      nodesOnly(
        [
          { opType: 'Relu', input: ['x'], output: ['h'] },
          { opType: 'DynamicQuantizeLinear', input: ['h'], output: ['hq', 'hs', 'hz'] },
          { opType: 'MatMulInteger', input: ['hq', 'w', 'hz', 'wz'], output: ['i32'] },
          { opType: 'Cast', input: ['i32'], output: ['f32'] },
          { opType: 'Mul', input: ['hs', 'ws'], output: ['scale'] },
          { opType: 'Mul', input: ['f32', 'scale'], output: ['logits'] },
          { opType: 'Identity', input: ['x'], output: ['present.0.key'] },
        ],
        ['logits', 'present.0.key'],
      ),
    );
    expect(exposed.patch).toBe('LM head removed');
    const after = mergedGraph(exposed.bytes);
    expect(after.node.map((n) => n.opType)).toEqual(['Relu', 'Identity', 'Slice']);
    expect(after.output.map((o) => o.name)).toEqual(['present.0.key', exposed.output]);
  });

  it('cuts the head to the last position instead when another output reads it', () => {
    const exposed = expose(
      nodesOnly(
        [
          { opType: 'MatMul', input: ['h', 'w'], output: ['l'] },
          { opType: 'Identity', input: ['l'], output: ['logits'] },
          { opType: 'Identity', input: ['l'], output: ['scores'] },
        ],
        ['logits', 'scores'],
      ),
    );
    expect(exposed.patch).toBe('cut to the last position');
    const after = mergedGraph(exposed.bytes);
    expect(after.node.map((n) => [n.opType, n.input![0]])).toEqual([
      ['Identity', 'l'],
      ['Identity', 'l'],
      ['Slice', 'h'],
      ['MatMul', exposed.output],
    ]);
    expect(after.output.map((o) => o.name)).toEqual(['logits', 'scores', exposed.output]);
  });

  it('walks back from logits through a Cast to an fp16 LM head', () => {
    const fp16 = readFileSync(join(TEXT_GEN, 'model_fp16.onnx'));
    const scan = scanGraph(fp16);
    const head = findLmHead(scan)!;
    expect(head.reader.opType).toBe('MatMul');
    expect(scan.nodes.find((n) => n.outputs.includes(head.hidden))).toMatchObject({ opType: 'Cast' });
    expect(scan.nodes.find((n) => n.outputs.includes('logits'))).toMatchObject({ opType: 'Cast' });
  });

  it('is idempotent: a patched file, or one that outputs its hidden state, comes back as it is', () => {
    const once = expose(file);
    const twice = expose(once.bytes);
    expect(twice).toMatchObject({ patch: 'none', output: once.output });
    expect(twice.bytes).toEqual(once.bytes);
    const features = expose(tinyQwen3Graph('last_hidden_state'));
    expect(features).toMatchObject({ patch: 'none', output: 'last_hidden_state' });
  });

  it('patches in place when the buffer has room, and in a larger copy when it has none', () => {
    const roomy = new Uint8Array(file.length + 4096);
    roomy.set(file);
    const inPlace = exposeHiddenState(roomy, file.length, 'x');
    expect(inPlace.bytes.buffer).toBe(roomy.buffer);
    const tight = new Uint8Array(file);
    const copied = exposeHiddenState(tight, tight.length, 'x');
    expect(copied.bytes.buffer).not.toBe(tight.buffer);
    expect(copied.bytes).toEqual(inPlace.bytes);
  });

  it('moves no byte of the file: it hides a few tags and appends what it adds', () => {
    const exposed = expose(file);
    const patched = exposed.bytes;
    // Two tags: the LM head's node and the logits output.
    expect([...patched.subarray(0, file.length)].filter((b, i) => b !== file[i])).toEqual([0x1a, 0x1a]);
    const appended = mergedGraph(patched.subarray(0, file.length));
    // The LM head is the one node gone from the file's own graph field; logits the one output.
    expect(appended.node.length).toBe(mergedGraph(file).node.length - 1);
    expect(appended.output.map((o) => o.name)).toEqual(['present.0.key', 'present.0.value']);
  });
});

describe('the LM head, by kind of export', () => {
  const head = (bytes: Uint8Array) => {
    const found = findLmHead(scanGraph(bytes));
    return found && { hidden: found.hidden, reader: found.reader.opType, cuttable: found.cuttable };
  };

  it('finds a 4-bit LM head (com.microsoft MatMulNBits) and its float16 → float32 Cast', () => {
    const bytes = nodesOnly([
      { opType: 'SkipSimplifiedLayerNormalization', input: ['x', 'skip', 'w'], output: ['/model/norm/output_0'] },
      { opType: 'MatMulNBits', domain: 'com.microsoft', input: ['/model/norm/output_0', 'q', 's'], output: ['l16'] },
      { opType: 'Cast', input: ['l16'], output: ['logits'] },
    ]);
    expect(head(bytes)).toEqual({ hidden: '/model/norm/output_0', reader: 'MatMulNBits', cuttable: true });
  });

  it('finds the hidden state behind ORT’s dynamic quantisation (q8), cutting at the quantiser', () => {
    const bytes = nodesOnly([
      { opType: 'DynamicQuantizeLinear', input: ['h'], output: ['hq', 'hs', 'hz'] },
      { opType: 'MatMulInteger', input: ['hq', 'w', 'hz', 'wz'], output: ['i32'] },
      { opType: 'Cast', input: ['i32'], output: ['f32'] },
      { opType: 'Mul', input: ['hs', 'ws'], output: ['scale'] },
      { opType: 'Mul', input: ['f32', 'scale'], output: ['logits'] },
    ]);
    expect(head(bytes)).toEqual({ hidden: 'h', reader: 'DynamicQuantizeLinear', cuttable: true });
  });

  it('leaves the head whole when a reshape lies between it and logits and another output reads it', () => {
    const bytes = nodesOnly(
      [
        { opType: 'Reshape', input: ['h', 'flat'], output: ['h2'] },
        { opType: 'Gemm', input: ['h2', 'w'], output: ['l2'] },
        { opType: 'Reshape', input: ['l2', 'shape'], output: ['logits'] },
        { opType: 'Identity', input: ['l2'], output: ['scores'] },
      ],
      ['logits', 'scores'],
    );
    expect(head(bytes)).toEqual({ hidden: 'h2', reader: 'Gemm', cuttable: false });
    const exposed = expose(bytes);
    expect(exposed).toMatchObject({ patch: 'output added', output: 'h2' });
    expect(mergedGraph(exposed.bytes).node).toHaveLength(4);
    expect(mergedGraph(exposed.bytes).output.map((o) => o.name)).toEqual(['logits', 'scores', 'h2']);
    // With nothing else reading it, the head goes, reshape and all.
    const alone = expose(nodesOnly(bytesNodes(bytes).slice(0, 3)));
    expect(alone.patch).toBe('LM head removed');
    expect(mergedGraph(alone.bytes).node.map((n) => n.opType)).toEqual(['Reshape', 'Slice']);
  });

  it('says specifically when nothing makes logits, or no LM head does', () => {
    const noHead = (bytes: Uint8Array) => {
      try {
        expose(bytes, 'org/model (q4)');
      } catch (e) {
        expect(e).toBeInstanceOf(EncoderError);
        return (e as EncoderError).message;
      }
      throw new Error('expected an EncoderError');
    };
    expect(
      noHead(
        nodesOnly(
          [{ opType: 'Softmax', input: ['h'], output: ['logits'] }],
          ['logits', 'present.0.key', 'present.0.value'],
        ),
      ),
    ).toBe(
      'org/model (q4) outputs logits (and its present.* KV cache): no last_hidden_state, no node making logits is an LM head this page knows (MatMul, Gemm, MatMulNBits, MatMulBnb4, FusedMatMul, MatMulIntegerToFloat, DynamicQuantizeMatMul, or MatMulInteger after DynamicQuantizeLinear), so it cannot tell which tensor is the final hidden state.',
    );
    expect(noHead(nodesOnly([{ opType: 'Relu', input: ['x'], output: ['y'] }], ['y']))).toBe(
      'org/model (q4) outputs y: no last_hidden_state, and no logits to find the LM head from.',
    );
    expect(() => expose(new TextEncoder().encode('<html>not a model</html>'))).toThrow(/is not an ONNX model/);
  });
});

describe('scanGraph', () => {
  it('skips a huge initializer by its length, without reading its bytes', () => {
    const size = 512 * 2 ** 20;
    const head = lengthDelimited(
      1,
      onnx.NodeProto.encode({ opType: 'MatMul', input: ['h', 'w'], output: ['logits'] }).finish(),
    );
    const tail = lengthDelimited(12, onnx.ValueInfoProto.encode({ name: 'logits' }).finish());
    // Zero bytes: read as protobuf they would be half a billion empty fields, not one tensor.
    const initializerTag = concat([[0x2a], varintBytes(size)]);
    const graphLength = head.length + initializerTag.length + size + tail.length;
    const graphTag = concat([[0x3a], varintBytes(graphLength)]);
    const bytes = new Uint8Array(graphTag.length + graphLength);
    bytes.set(graphTag, 0);
    bytes.set(head, graphTag.length);
    bytes.set(initializerTag, graphTag.length + head.length);
    bytes.set(tail, bytes.length - tail.length);
    const started = performance.now();
    const scan = scanGraph(bytes);
    expect(performance.now() - started).toBeLessThan(100);
    expect(scan.outputs).toEqual(['logits']);
    expect(findLmHead(scan)?.hidden).toBe('h');
  });

  it('reads the nodes, inputs and outputs of every graph field of a file', () => {
    const scan = scanGraph(expose(tinyTextGenGraph(TINY_DIM, 'fp32')).bytes);
    expect(scan.graphs).toHaveLength(2);
    expect(scan.inputs).toEqual([
      'input_ids',
      'attention_mask',
      'position_ids',
      'past_key_values.0.key',
      'past_key_values.0.value',
    ]);
    expect(scan.outputs).toEqual(['present.0.key', 'present.0.value', `${LAST_POSITION_NODE}/output`]);
  });
});

describe('onnxruntime on a patched file', () => {
  it('accepts an output appended with no type, and runs the graph as before', async () => {
    const g = new GraphBuilder('plain');
    const x = g.input('x', [1, 'T', 4]);
    const h = g.op('Mul', [x, g.float('two', [2], [])]);
    const projected = g.op('MatMul', [h, g.float('w', [...Array(12).keys()], [4, 3])]);
    g.op('Reshape', [projected, g.int64('shape', [1, -1, 3])], {}, 'logits');
    g.op('Identity', [projected], {}, 'scores');
    g.output('logits', [1, 'T', 3]);
    g.output('scores', [1, 'T', 3]);
    const exposed = expose(g.toBytes());
    expect(exposed).toMatchObject({ patch: 'output added', output: h });
    const session = await ort.InferenceSession.create(exposed.bytes);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), [1, 2, 4]) });
    expect([...(out[h]!.data as Float32Array)]).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(out.logits!.dims).toEqual([1, 2, 3]);
    await session.release();
  });

  it('runs a graph whose LM head was removed, giving the hidden state’s last row', async () => {
    const g = new GraphBuilder('plain');
    const x = g.input('x', [1, 'T', 4]);
    const h = g.op('Mul', [x, g.float('two', [2], [])]);
    g.op('MatMul', [h, g.float('w', [...Array(12).keys()], [4, 3])], {}, 'logits');
    g.output('logits', [1, 'T', 3]);
    const exposed = expose(g.toBytes());
    expect(exposed.patch).toBe('LM head removed');
    const session = await ort.InferenceSession.create(exposed.bytes);
    expect(session.outputNames).toEqual([exposed.output]);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), [1, 2, 4]) });
    expect([...(out[exposed.output]!.data as Float32Array)]).toEqual([10, 12, 14, 16]);
    await session.release();
  });

  it('runs a file whose weights are in external data after the patch', async () => {
    const { model, data } = withExternalData(tinyTextGenGraph(TINY_DIM, 'fp32'), 'model.onnx_data');
    const exposed = expose(model);
    const session = await ort.InferenceSession.create(exposed.bytes, {
      externalData: [{ path: 'model.onnx_data', data }],
    });
    expect(session.outputNames).toContain(exposed.output);
    await session.release();
  });
});
