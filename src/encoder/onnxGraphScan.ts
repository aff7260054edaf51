import { LENGTH_DELIMITED, text, WireError, WireReader } from './wireFormat';

/**
 * Reads an ONNX file's node list and graph input and output names straight from its bytes,
 * skipping everything else — initializers above all — by its length, so a file of gigabytes
 * is scanned in the time its few thousand nodes take. Field numbers are onnx.proto's
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto): ModelProto.graph = 7;
 * GraphProto node = 1, initializer = 5, input = 11, output = 12; NodeProto input = 1,
 * output = 2, name = 3, op_type = 4, domain = 7; ValueInfoProto name = 1.
 *
 * A file may hold several graph fields (protobuf merges them into one graph, which is how a
 * patched file adds an output); their nodes, inputs and outputs are read in order.
 */

export interface Span {
  start: number;
  end: number;
}

/** One graph field of the file: where its length is written and where its contents are. */
export interface GraphField extends Span {
  lengthAt: number;
}

export interface ScannedNode {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  /** The node's field in the file, from its tag to its end. */
  field: Span;
  /** Each input's and output's field, tag included, in the order of `inputs` and `outputs`. */
  inputFields: Span[];
  outputFields: Span[];
  /** Each attribute's field, tag included (read on demand: onnxBytes.ts readAttributes). */
  attributeFields: Span[];
  /** Index of the graph field holding it. */
  graph: number;
}

/** A graph input's or output's field (ValueInfoProto), tag included, and the graph field holding it. */
export interface ScannedValue {
  field: Span;
  graph: number;
}

export interface GraphScan {
  graphs: GraphField[];
  nodes: ScannedNode[];
  inputs: string[];
  outputs: string[];
  /** Where each of `inputs` and `outputs` is written, in the same order. */
  inputFields: ScannedValue[];
  outputFields: ScannedValue[];
}

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const NODE_ATTRIBUTE = 5;
const NODE_STRINGS = { 1: 'inputs', 2: 'outputs', 3: 'name', 4: 'opType', 7: 'domain' } as const;

function valueInfoName(bytes: Uint8Array, { start, end }: Span): string {
  const r = new WireReader(bytes, start, end);
  while (!r.done) {
    const { field, type } = r.tag();
    if (field === 1 && type === LENGTH_DELIMITED) return text(bytes, r.span());
    r.skip(type);
  }
  return '';
}

function node(bytes: Uint8Array, field: Span, contents: Span, graph: number): ScannedNode {
  const found: ScannedNode = {
    opType: '',
    domain: '',
    name: '',
    inputs: [],
    outputs: [],
    field,
    inputFields: [],
    outputFields: [],
    attributeFields: [],
    graph,
  };
  const r = new WireReader(bytes, contents.start, contents.end);
  while (!r.done) {
    const tagAt = r.pos;
    const { field: number, type } = r.tag();
    const key = NODE_STRINGS[number as keyof typeof NODE_STRINGS];
    // Attributes are skipped, their place kept: a Constant node's tensor is never read.
    if (number === NODE_ATTRIBUTE && type === LENGTH_DELIMITED) {
      r.span();
      found.attributeFields.push({ start: tagAt, end: r.pos });
      continue;
    }
    if (!key || type !== LENGTH_DELIMITED) {
      r.skip(type);
      continue;
    }
    const value = text(bytes, r.span());
    if (key === 'inputs' || key === 'outputs') {
      found[key].push(value);
      found[key === 'inputs' ? 'inputFields' : 'outputFields'].push({ start: tagAt, end: r.pos });
    } else found[key] = value;
  }
  return found;
}

function readGraph(bytes: Uint8Array, contents: Span, index: number, scan: GraphScan): void {
  const r = new WireReader(bytes, contents.start, contents.end);
  while (!r.done) {
    const tagAt = r.pos;
    const { field, type } = r.tag();
    if (type !== LENGTH_DELIMITED || (field !== GRAPH_NODE && field !== GRAPH_INPUT && field !== GRAPH_OUTPUT)) {
      r.skip(type);
      continue;
    }
    const span = r.span();
    const whole = { start: tagAt, end: span.end };
    if (field === GRAPH_NODE) scan.nodes.push(node(bytes, whole, span, index));
    else {
      const input = field === GRAPH_INPUT;
      (input ? scan.inputs : scan.outputs).push(valueInfoName(bytes, span));
      (input ? scan.inputFields : scan.outputFields).push({ field: whole, graph: index });
    }
  }
}

/** Throws WireError when the bytes are not a well-formed protobuf message. */
export function scanGraph(bytes: Uint8Array, length = bytes.length): GraphScan {
  const scan: GraphScan = { graphs: [], nodes: [], inputs: [], outputs: [], inputFields: [], outputFields: [] };
  const r = new WireReader(bytes, 0, length);
  while (!r.done) {
    const { field, type } = r.tag();
    if (field !== MODEL_GRAPH || type !== LENGTH_DELIMITED) {
      r.skip(type);
      continue;
    }
    const lengthAt = r.pos;
    const span = r.span();
    scan.graphs.push({ lengthAt, ...span });
    readGraph(bytes, span, scan.graphs.length - 1, scan);
  }
  if (!scan.graphs.length) throw new WireError('the file holds no graph');
  return scan;
}
