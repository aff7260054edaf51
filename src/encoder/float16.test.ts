import { describe, expect, it } from 'vitest';
import { floatValues, halfToFloat } from './float16';

describe('float16', () => {
  it.each([
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x0001, 2 ** -24],
    [0x7bff, 65504],
    [0xfc00, -Infinity],
  ])('reads the bits %d as %d', (bits, value) => {
    expect(halfToFloat(bits)).toBe(value);
  });

  it('reads NaN', () => {
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('converts a float16 tensor’s raw bits and passes float32 through', () => {
    expect(Array.from(floatValues('float16', Uint16Array.of(0x3c00, 0xbc00)))).toEqual([1, -1]);
    const f32 = Float32Array.of(0.5);
    expect(floatValues('float32', f32)).toBe(f32);
    expect(() => floatValues('int64', new BigInt64Array(1))).toThrow(/float32 or float16/);
  });
});
