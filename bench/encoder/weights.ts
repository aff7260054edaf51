import { seededRandom } from '../queries';
import type { ElemType, Initializer } from './onnxFile';

/**
 * Constants for the random-weight export. Timing does not depend on weight values, but it
 * does on their kind: NaN, infinities and denormals take slow paths on some CPUs, and an
 * activation that overflows float16 would too. So weights are uniform in a small range
 * (activations stay near unit scale through all layers), drawn once into a pool and copied
 * from a per-tensor offset: a gigabyte is written in seconds.
 */

const POOL_ELEMENTS = 1 << 20;
const pools = new Map<string, Uint8Array>();

/** IEEE half-precision bits of `value`, rounded to nearest (values here are finite and small). */
export function float16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent >= 0x1f) return sign | 0x7c00;
  if (exponent <= 0) {
    // Subnormal half (or zero): shift the implicit bit in, round half up.
    if (exponent < -10) return sign;
    const m = (mantissa | 0x800000) >>> (1 - exponent);
    return sign | ((m + 0x1000) >>> 13);
  }
  return sign | ((exponent << 10) + ((mantissa + 0x1000) >>> 13));
}

function encode(type: 'float' | 'float16', values: ArrayLike<number>): Uint8Array {
  if (type === 'float') return new Uint8Array(Float32Array.from(values).buffer);
  return new Uint8Array(Uint16Array.from(Array.from(values, float16Bits)).buffer);
}

function pool(type: 'float' | 'float16' | 'uint8', amplitude: number): Uint8Array {
  const key = `${type}:${amplitude}`;
  let bytes = pools.get(key);
  if (!bytes) {
    const random = seededRandom(0x5eed);
    if (type === 'uint8') bytes = Uint8Array.from({ length: POOL_ELEMENTS }, () => Math.floor(random() * 256));
    else
      bytes = encode(
        type,
        Float32Array.from({ length: POOL_ELEMENTS }, () => (2 * random() - 1) * amplitude),
      );
    pools.set(key, bytes);
  }
  return bytes;
}

/** Copies a pool from an offset that differs per tensor, so no two tensors are the same bytes. */
function fromPool(bytes: Uint8Array, elementBytes: number, seed: number) {
  const offset = (seed % POOL_ELEMENTS) * elementBytes;
  return (out: Uint8Array, start: number) => {
    let at = (offset + start) % bytes.length;
    for (let done = 0; done < out.length;) {
      const n = Math.min(out.length - done, bytes.length - at);
      out.set(bytes.subarray(at, at + n), done);
      done += n;
      at = 0;
    }
  };
}

/** FNV-1a of the tensor's name: the same offset every run, a different one per tensor. */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** Uniform in [−amplitude, amplitude]. */
export function uniform(name: string, type: 'float' | 'float16', dims: number[], amplitude: number): Initializer {
  return { name, type, dims, fill: fromPool(pool(type, amplitude), type === 'float' ? 4 : 2, seedOf(name)) };
}

/** Random bytes: packed 4-bit or 8-bit quantised weights, where every value is valid. */
export function randomBytes(name: string, dims: number[]): Initializer {
  return { name, type: 'uint8', dims, fill: fromPool(pool('uint8', 0), 1, seedOf(name)) };
}

/** Explicit values: shapes, axes, scalars, rotary tables. */
export function values(name: string, type: ElemType, dims: number[], data: ArrayLike<number>): Initializer {
  const bytes =
    type === 'float' || type === 'float16'
      ? encode(type, data)
      : type === 'int64'
        ? new Uint8Array(BigInt64Array.from(Array.from(data, (v) => BigInt(v))).buffer)
        : type === 'int32'
          ? new Uint8Array(Int32Array.from(data).buffer)
          : Uint8Array.from(data);
  return { name, type, dims, fill: (out, start) => out.set(bytes.subarray(start, start + out.length)) };
}

/** One value everywhere (norm weights). */
export function filled(name: string, type: 'float' | 'float16', dims: number[], value: number): Initializer {
  const element = encode(type, [value]);
  return {
    name,
    type,
    dims,
    fill: (out, start) => {
      for (let i = 0; i < out.length; i++) out[i] = element[(start + i) % element.length]!;
    },
  };
}

/** The float32 values (byte − zero) × scale of the bytes randomBytes(`bytesName`, dims) holds: a quantised tensor's dequantised twin. */
export function dequantized(name: string, bytesName: string, dims: number[], scale: number, zero: number): Initializer {
  const bytes = randomBytes(bytesName, dims);
  return {
    name,
    type: 'float',
    dims,
    fill: (out, start) => {
      const codes = new Uint8Array(out.length / 4);
      bytes.fill(codes, start / 4);
      const floats = new Float32Array(out.buffer, out.byteOffset, codes.length);
      codes.forEach((b, i) => (floats[i] = (b - zero) * scale));
    },
  };
}
