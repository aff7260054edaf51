import { describe, expect, it } from 'vitest';
import { DEFAULT_HASHED_SPEC, encodeDense, encodeSparse } from './hashedNgrams';

const spec = DEFAULT_HASHED_SPEC;

describe('hashed n-gram encoder', () => {
  it('is deterministic and unit-length', () => {
    const a = encodeDense('What is 17 × 23?', spec);
    const b = encodeDense('What is 17 × 23?', spec);
    expect(a).toEqual(b);
    const norm = Math.sqrt(a.reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('gives different texts different vectors, and case does not matter', () => {
    const a = encodeDense('Solve for x: 2x + 3 = 11', spec);
    expect(encodeDense('Write a haiku about autumn', spec)).not.toEqual(a);
    expect(encodeDense('SOLVE FOR X: 2X + 3 = 11', spec)).toEqual(a);
  });

  it('agrees between its sparse and dense forms and writes at an offset', () => {
    const { indices, values } = encodeSparse('def f(x): return x ** 2', spec);
    expect([...indices]).toEqual([...indices].sort((x, y) => x - y));
    const batch = new Float32Array(spec.dim * 2);
    encodeDense('def f(x): return x ** 2', spec, batch, spec.dim);
    indices.forEach((i, k) => expect(batch[spec.dim + i]).toBe(values[k]));
    expect(batch.subarray(0, spec.dim).every((v) => v === 0)).toBe(true);
  });

  it('reads only the first maxChars characters of the text, but sees its full length', () => {
    const head = 'word '.repeat(spec.maxChars / 5);
    const longer = encodeSparse(head + 'tail '.repeat(5000), spec);
    const same = encodeSparse(head, spec);
    // Only the length-shape features may differ.
    const differing = [...new Set([...longer.indices, ...same.indices])].filter(
      (i) => longer.values[[...longer.indices].indexOf(i)] !== same.values[[...same.indices].indexOf(i)],
    );
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThanOrEqual(8);
  });

  it('handles empty, emoji, right-to-left and control characters', () => {
    for (const text of ['', '   ', '🚀🔥🤔', 'ما هي عاصمة فرنسا؟', 'a\u0000b\u0007c\u001b[31m']) {
      const v = encodeDense(text, spec);
      expect(v).toHaveLength(spec.dim);
      expect(v.every(Number.isFinite)).toBe(true);
      expect(v.some((x) => x !== 0)).toBe(true);
    }
  });
});
