import { describe, expect, it } from 'vitest';
import { cosine } from './cosine';

describe('cosine', () => {
  it('is 1 for the same direction, 0 for orthogonal, −1 for opposite, whatever the lengths', () => {
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 5])).toBe(0);
    expect(cosine([1, 1], [-3, -3])).toBeCloseTo(-1, 12);
  });

  it('refuses vectors of different widths', () => {
    expect(() => cosine([1], [1, 2])).toThrow(/1-vector with a 2-vector/);
  });
});
