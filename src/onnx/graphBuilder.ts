import onnxProto from 'onnx-proto';

// The package is CommonJS (module.exports = root), so take the namespace off the default export.
const { onnx } = onnxProto;

/**
 * A small writer for ONNX graphs built from float32 weights. The trainer (Node) and the
 * release importer (Node and browser) both emit their predictors through it, so every
 * bundle uses the same opset and the same conventions.
 */

export type Dim = number | string;
type AttrValue = number | number[] | string;
/** Element types a graph input or output may declare (token ids are int64; some exports emit float16). */
export type ElemType = 'float' | 'float16' | 'int64';

const OPSET = 17;

const ELEM_TYPES: Record<ElemType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
};

function valueInfo(name: string, dims: Dim[], type: ElemType): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEM_TYPES[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttrValue): onnxProto.onnx.IAttributeProto {
  if (typeof value === 'string')
    return { name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: value };
  if (Number.isInteger(value)) return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f: value };
}

export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(private readonly graphName: string) {}

  input(name: string, dims: Dim[], type: ElemType = 'float'): string {
    this.inputs.push(valueInfo(name, dims, type));
    return name;
  }

  output(name: string, dims: Dim[], type: ElemType = 'float'): void {
    this.outputs.push(valueInfo(name, dims, type));
  }

  /** A float32 constant; the data is copied little-endian into raw_data. */
  float(name: string, data: Float32Array | number[], dims: number[]): string {
    const arr = data instanceof Float32Array ? data : Float32Array.from(data);
    const expected = dims.reduce((a, b) => a * b, 1);
    if (arr.length !== expected)
      throw new Error(`initializer ${name}: ${arr.length} values for shape [${dims.join(', ')}]`);
    const raw = new Uint8Array(arr.length * 4);
    const view = new DataView(raw.buffer);
    arr.forEach((v, i) => view.setFloat32(i * 4, v, true));
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw });
    return name;
  }

  /** An int64 constant (shapes for Reshape, axes). */
  int64(name: string, data: number[]): string {
    const raw = new Uint8Array(data.length * 8);
    const view = new DataView(raw.buffer);
    data.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.initializers.push({ name, dims: [data.length], dataType: onnx.TensorProto.DataType.INT64, rawData: raw });
    return name;
  }

  /** Adds a node and returns its (single) output name; `out` names a graph output. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, out?: string): string {
    const output = out ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({
      opType,
      input: inputs,
      output: [output],
      name: `${opType}_${this.nodes.length}`,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /** Serialises deterministically: same calls, same bytes. */
  toBytes(producer = 'r2-routing-playground'): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: producer,
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: this.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
