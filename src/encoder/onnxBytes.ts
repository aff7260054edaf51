import {
  concat,
  FIXED32,
  lengthDelimited,
  LENGTH_DELIMITED,
  text,
  varintBytes,
  varintField,
  WireReader,
} from './wireFormat';

/**
 * The few ONNX messages the graph patches write, as protobuf bytes (field numbers from
 * onnx.proto): nodes with their attributes, small constant tensors, and the attributes and
 * element types the patches read back. Written by hand on the wire format, so the worker
 * needs no protobuf library to patch a file it never decodes whole.
 */

/** TensorProto.DataType codes. */
export const ELEMENT = { float: 1, int64: 7, float16: 10 } as const;

const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
const ATTRIBUTE = { name: 1, f: 2, i: 3, t: 5, ints: 8, type: 20 } as const;
const ATTRIBUTE_TYPE = { float: 1, int: 2, tensor: 4, ints: 7 } as const;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;

/** An attribute's value: an int, a float ({ float }), a list of ints, or a tensor (TensorProto bytes). */
export type AttributeValue = number | { float: number } | number[] | { tensor: Uint8Array };

export interface NodeSpec {
  op: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Record<string, AttributeValue>;
  domain?: string;
}

function float32Field(field: number, value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return concat([varintBytes(field * 8 + FIXED32), bytes]);
}

function attribute(name: string, value: AttributeValue): Uint8Array {
  const parts = [lengthDelimited(ATTRIBUTE.name, name)];
  if (typeof value === 'number')
    parts.push(varintField(ATTRIBUTE.i, value), varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE.int));
  else if (Array.isArray(value))
    parts.push(...value.map((v) => varintField(ATTRIBUTE.ints, v)), varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE.ints));
  else if ('float' in value)
    parts.push(float32Field(ATTRIBUTE.f, value.float), varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE.float));
  else parts.push(lengthDelimited(ATTRIBUTE.t, value.tensor), varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE.tensor));
  return concat(parts);
}

/** NodeProto bytes (not yet wrapped as a graph's node field). Attribute ints must not be negative. */
export function nodeBytes({ op, name, inputs, outputs, attributes = {}, domain }: NodeSpec): Uint8Array {
  return concat([
    ...inputs.map((t) => lengthDelimited(NODE.input, t)),
    ...outputs.map((t) => lengthDelimited(NODE.output, t)),
    lengthDelimited(NODE.name, name),
    lengthDelimited(NODE.opType, op),
    ...Object.entries(attributes).map(([k, v]) => lengthDelimited(NODE.attribute, attribute(k, v))),
    ...(domain ? [lengthDelimited(NODE.domain, domain)] : []),
  ]);
}

/** TensorProto bytes of int64 values (a scalar when `dims` is empty), named when it is an initializer. */
export function int64Tensor(values: readonly bigint[], dims: readonly number[], name?: string): Uint8Array {
  const raw = new Uint8Array(8 * values.length);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(8 * i, v, true));
  return concat([
    ...dims.map((d) => varintField(TENSOR.dims, d)),
    varintField(TENSOR.dataType, ELEMENT.int64),
    ...(name ? [lengthDelimited(TENSOR.name, name)] : []),
    lengthDelimited(TENSOR.rawData, raw),
  ]);
}

/** TensorProto bytes of one float32 value, shaped [1] (ConstantOfShape's `value`) or a scalar. */
export function float32Tensor(value: number, dims: readonly number[]): Uint8Array {
  const raw = new Uint8Array(4);
  new DataView(raw.buffer).setFloat32(0, value, true);
  return concat([
    ...dims.map((d) => varintField(TENSOR.dims, d)),
    varintField(TENSOR.dataType, ELEMENT.float),
    lengthDelimited(TENSOR.rawData, raw),
  ]);
}

/** A Constant node giving `tensor` as `output`. */
export function constantNode(name: string, output: string, tensor: Uint8Array): Uint8Array {
  return nodeBytes({ op: 'Constant', name, inputs: [], outputs: [output], attributes: { value: { tensor } } });
}

/** An attribute as read back: the int or float it holds (lists and tensors are not read). */
export interface ReadAttribute {
  i?: number;
  f?: number;
}

/**
 * The int and float attributes of a node, by name, from the attribute fields the scan
 * recorded. int64 values are read as numbers, so a negative one (read as its two's complement)
 * comes back as a large positive number; the patches compare with small non-negative values.
 */
export function readAttributes(bytes: Uint8Array, fields: readonly { start: number; end: number }[]) {
  const out = new Map<string, ReadAttribute>();
  for (const field of fields) {
    const outer = new WireReader(bytes, field.start, field.end);
    outer.tag();
    const body = outer.span();
    const r = new WireReader(bytes, body.start, body.end);
    let name = '';
    const value: ReadAttribute = {};
    while (!r.done) {
      const { field: number, type } = r.tag();
      if (number === ATTRIBUTE.name && type === LENGTH_DELIMITED) name = text(bytes, r.span());
      else if (number === ATTRIBUTE.i && type === 0) value.i = r.varint();
      else if (number === ATTRIBUTE.f && type === FIXED32) {
        value.f = new DataView(bytes.buffer, bytes.byteOffset + r.pos, 4).getFloat32(0, true);
        r.pos += 4;
      } else r.skip(type);
    }
    out.set(name, value);
  }
  return out;
}

/** The element type (TensorProto.DataType) of a ValueInfoProto's tensor, from its field; null when it has none. */
export function valueElementType(bytes: Uint8Array, field: { start: number; end: number }): number | null {
  // ValueInfoProto.type = 2 → TypeProto.tensor_type = 1 → Tensor.elem_type = 1.
  const path = [2, 1];
  const outer = new WireReader(bytes, field.start, field.end);
  outer.tag();
  let span = outer.span();
  for (const wanted of path) {
    const r = new WireReader(bytes, span.start, span.end);
    let next: typeof span | null = null;
    while (!r.done && !next) {
      const { field: number, type } = r.tag();
      if (number === wanted && type === LENGTH_DELIMITED) next = r.span();
      else r.skip(type);
    }
    if (!next) return null;
    span = next;
  }
  const r = new WireReader(bytes, span.start, span.end);
  while (!r.done) {
    const { field: number, type } = r.tag();
    if (number === 1 && type === 0) return r.varint();
    r.skip(type);
  }
  return null;
}
