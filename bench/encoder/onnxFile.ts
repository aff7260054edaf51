import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import onnxProto from 'onnx-proto';

// The package is CommonJS (module.exports = root), so take the namespace off the default export.
const { onnx } = onnxProto;

/**
 * An ONNX graph written straight to disk: nodes and value infos go through onnx-proto, and
 * each initializer's bytes are streamed in chunks after them, so a model of a gigabyte and
 * more never sits in memory whole (protobuf itself stops at 2 GB per file). The project's
 * GraphBuilder cannot serve here: it holds float32 initializers in memory, in one domain.
 */

export type ElemType = 'float' | 'float16' | 'uint8' | 'int32' | 'int64';
export type Dim = number | string;
type AttrValue = number | number[] | string | { float: number };

const ELEM: Record<ElemType, { code: number; bytes: number }> = {
  float: { code: onnx.TensorProto.DataType.FLOAT, bytes: 4 },
  float16: { code: onnx.TensorProto.DataType.FLOAT16, bytes: 2 },
  uint8: { code: onnx.TensorProto.DataType.UINT8, bytes: 1 },
  int32: { code: onnx.TensorProto.DataType.INT32, bytes: 4 },
  int64: { code: onnx.TensorProto.DataType.INT64, bytes: 8 },
};

export const MS_DOMAIN = 'com.microsoft';

/** A constant whose bytes are produced on demand: `fill` writes bytes [start, start + out.length). */
export interface Initializer {
  name: string;
  type: ElemType;
  dims: number[];
  fill(out: Uint8Array, start: number): void;
}

export function byteLength(t: Pick<Initializer, 'type' | 'dims'>): number {
  return t.dims.reduce((a, b) => a * b, 1) * ELEM[t.type].bytes;
}

function valueInfo(name: string, type: ElemType, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: ELEM[type].code, shape: { dim } } } };
}

function attribute(name: string, value: AttrValue): onnxProto.onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: types.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  if (typeof value === 'object') return { name, type: types.FLOAT, f: value.float };
  return { name, type: types.INT, i: value };
}

export class OnnxGraph {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: Initializer[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];

  constructor(private readonly name: string) {}

  input(name: string, type: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  constant(init: Initializer): string {
    this.initializers.push(init);
    return init.name;
  }

  /**
   * Adds a node named `name` whose outputs are `${name}/output_<i>` (the model builder's
   * convention), or the given names; "" leaves an optional output unused.
   * Floats that happen to be whole numbers must be passed as { float }.
   */
  node(
    op: string,
    name: string,
    inputs: string[],
    attrs: Record<string, AttrValue> = {},
    options: { outputs?: string[]; domain?: string } = {},
  ): string[] {
    const output = options.outputs ?? [`${name}/output_0`];
    this.nodes.push({
      opType: op,
      name,
      input: inputs,
      output,
      domain: options.domain ?? '',
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /** The node's single output. */
  op(op: string, name: string, inputs: string[], attrs: Record<string, AttrValue> = {}, domain = ''): string {
    return this.node(op, name, inputs, attrs, { domain })[0]!;
  }

  /** The graph without initializers, which `writeModel` streams after it. */
  encodeWithoutInitializers(): Uint8Array {
    return onnx.GraphProto.encode({
      name: this.name,
      node: this.nodes,
      input: this.inputs,
      output: this.outputs,
    }).finish();
  }
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/** Field number and wire type 2 (length-delimited), then the length. */
function lengthDelimited(field: number, length: number): Uint8Array {
  return Uint8Array.from([(field << 3) | 2, ...varint(length)]);
}

const GRAPH_INITIALIZER = 5;
const MODEL_GRAPH = 7;
const TENSOR_RAW_DATA = 9;
const CHUNK = 16 << 20;
const PROTOBUF_LIMIT = 2 ** 31 - 1;

function tensorHeader(t: Initializer): Uint8Array {
  const head = onnx.TensorProto.encode({ name: t.name, dims: t.dims, dataType: ELEM[t.type].code }).finish();
  const raw = lengthDelimited(TENSOR_RAW_DATA, byteLength(t));
  const body = head.length + raw.length + byteLength(t);
  return Uint8Array.from([...lengthDelimited(GRAPH_INITIALIZER, body), ...head, ...raw]);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Writes the model to `path` (through a temporary file, so a half-written model is never found); returns its size. */
export function writeModel(path: string, graph: OnnxGraph, producer: string): number {
  const model = onnx.ModelProto.encode({
    irVersion: 10,
    producerName: producer,
    opsetImport: [
      { domain: '', version: 21 },
      { domain: MS_DOMAIN, version: 1 },
    ],
  }).finish();
  const graphHead = graph.encodeWithoutInitializers();
  const headers = graph.initializers.map(tensorHeader);
  const graphBytes =
    graphHead.length + headers.reduce((sum, h, i) => sum + h.length + byteLength(graph.initializers[i]!), 0);
  const total = model.length + lengthDelimited(MODEL_GRAPH, graphBytes).length + graphBytes;
  if (total > PROTOBUF_LIMIT) throw new Error(`${path} would be ${total} bytes, over protobuf's 2 GB limit`);

  const temporary = `${path}.partial`;
  const fd = openSync(temporary, 'w');
  try {
    for (const part of [model, lengthDelimited(MODEL_GRAPH, graphBytes), graphHead]) writeAll(fd, part);
    const chunk = new Uint8Array(CHUNK);
    graph.initializers.forEach((t, i) => {
      writeAll(fd, headers[i]!);
      const size = byteLength(t);
      for (let start = 0; start < size; start += CHUNK) {
        const part = chunk.subarray(0, Math.min(CHUNK, size - start));
        t.fill(part, start);
        writeAll(fd, part);
      }
    });
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return total;
}
