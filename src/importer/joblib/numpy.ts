import type { ByteReader } from '../pickle/byteReader';
import { PyNative, PyObject, describe, type PyValue } from '../pickle/pyValues';
import type { UnpickleHooks } from '../pickle/unpickler';

/** A numeric numpy array, values widened to float64 (exact for every float32 and for integers below 2^53), C order. */
export class NumpyArray extends PyNative {
  readonly kind = 'numpy array';

  constructor(
    /** numpy's type string, e.g. "<f4". */
    readonly dtype: string,
    readonly shape: readonly number[],
    readonly data: Float64Array,
  ) {
    super();
  }
}

interface DType {
  str: string;
  kind: 'f' | 'i' | 'u' | 'b';
  size: number;
  little: boolean;
}

const READERS: Record<string, (view: DataView, at: number, little: boolean) => number> = {
  f4: (v, at, le) => v.getFloat32(at, le),
  f8: (v, at, le) => v.getFloat64(at, le),
  i1: (v, at) => v.getInt8(at),
  i2: (v, at, le) => v.getInt16(at, le),
  i4: (v, at, le) => v.getInt32(at, le),
  i8: (v, at, le) => Number(v.getBigInt64(at, le)),
  u1: (v, at) => v.getUint8(at),
  u2: (v, at, le) => v.getUint16(at, le),
  u4: (v, at, le) => v.getUint32(at, le),
  u8: (v, at, le) => Number(v.getBigUint64(at, le)),
  b1: (v, at) => v.getUint8(at),
};

/**
 * A pickled numpy.dtype: REDUCE numpy.dtype("f4", False, True), then BUILD with a state
 * tuple whose second item is the byte order ("<", ">", "|" or "=" for native).
 */
function parseDtype(value: PyValue | undefined, r: ByteReader): DType {
  if (!(value instanceof PyObject) || value.cls.name !== 'dtype' || typeof value.args[0] !== 'string') {
    return r.fail(`expected a numpy dtype, got ${describe(value)}`);
  }
  const code = value.args[0];
  const order = Array.isArray(value.state) && typeof value.state[1] === 'string' ? value.state[1] : '|';
  const match = /^([fiub])(\d+)$/.exec(code);
  if (!match || !READERS[code])
    return r.fail(`numpy dtype "${code}" is not supported (only bool, integer, float32 and float64 arrays)`);
  // "=" is the writer's native order: every platform numpy ships for today is little-endian.
  return {
    str: `${order === '>' ? '>' : '<'}${code}`,
    kind: match[1] as DType['kind'],
    size: Number(match[2]),
    little: order !== '>',
  };
}

function decode(dtype: DType, raw: Uint8Array, count: number): Float64Array {
  const read = READERS[`${dtype.kind}${dtype.size}`]!;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Float64Array.from({ length: count }, (_, i) => read(view, i * dtype.size, dtype.little));
}

/** Fortran-ordered values (first index fastest) rearranged into C order (last index fastest). */
function fortranToC(values: Float64Array, shape: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  const index = shape.map(() => 0);
  for (let c = 0; c < values.length; c++) {
    let f = 0;
    for (let k = shape.length - 1; k >= 0; k--) f = f * shape[k]! + index[k]!;
    out[c] = values[f]!;
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++index[k]! < shape[k]!) break;
      index[k] = 0;
    }
  }
  return out;
}

/**
 * joblib pickles a NumpyArrayWrapper (shape, order, dtype…) and then writes the array's raw
 * bytes straight into the file, outside any pickle opcode; newer joblib first writes one
 * byte giving a padding length (then that many padding bytes) so the data is aligned.
 */
function readWrappedArray(wrapper: PyObject, r: ByteReader): NumpyArray {
  const shape = wrapper.attr('shape');
  if (
    !Array.isArray(shape) ||
    !shape.every((d): d is number => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
  ) {
    return r.fail(`joblib array has an invalid shape (${describe(shape)})`);
  }
  const dims: readonly number[] = shape;
  const dtype = parseDtype(wrapper.attr('dtype'), r);
  const count = dims.reduce((a, b) => a * b, 1);
  if (wrapper.attr('numpy_array_alignment_bytes') !== undefined)
    r.bytesOf(r.u8('the array padding length'), 'the array padding');
  const need = count * dtype.size;
  if (need > r.remaining) {
    return r.fail(
      `array byte-length mismatch: shape (${dims.join(', ')}) of ${dtype.str} needs ${need} bytes, only ${r.remaining} left in the file`,
    );
  }
  const values = decode(dtype, r.bytesOf(need, 'array data'), count);
  return new NumpyArray(dtype.str, dims, wrapper.attr('order') === 'F' ? fortranToC(values, dims) : values);
}

/** numpy scalars pickle as scalar(dtype, raw bytes); the module moved to numpy._core in numpy 2. */
function readScalar(args: readonly PyValue[], r: ByteReader): number {
  const dtype = parseDtype(args[0], r);
  const raw = args[1];
  if (!(raw instanceof Uint8Array) || raw.length !== dtype.size)
    return r.fail(`numpy ${dtype.str} scalar needs ${dtype.size} bytes, got ${describe(raw)}`);
  return decode(dtype, raw, 1)[0]!;
}

export const numpyHooks: UnpickleHooks = {
  callables: {
    'numpy._core.multiarray.scalar': readScalar,
    'numpy.core.multiarray.scalar': readScalar,
  },
  afterBuild: {
    'joblib.numpy_pickle.NumpyArrayWrapper': readWrappedArray,
  },
};
