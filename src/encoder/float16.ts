/** An IEEE 754 half-precision value from its 16 bits. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * A float tensor's values as numbers. onnxruntime hands float16 over as raw bits in a
 * Uint16Array (or as a Float16Array where the JavaScript engine has one).
 */
export function floatValues(type: string, data: unknown): ArrayLike<number> {
  if (type === 'float32') return data as Float32Array;
  if (type !== 'float16') throw new Error(`expected a float32 or float16 tensor, got ${type}`);
  return data instanceof Uint16Array ? Float32Array.from(data, halfToFloat) : (data as ArrayLike<number>);
}
