import { describe, expect, it } from 'vitest';
import { qualityAt } from './interpolate';
import { strong } from './testing/curves';

describe('interpolation', () => {
  it('is exact at anchors and linear between them', () => {
    expect(qualityAt(strong, 100)).toBeCloseTo(0.8, 12);
    // α = (550 − 100)/(1000 − 100) = 0.5 → 0.85
    expect(qualityAt(strong, 550)).toBeCloseTo(0.85, 12);
    // α = (55 − 10)/90 = 0.5 → 0.65
    expect(qualityAt(strong, 55)).toBeCloseTo(0.65, 12);
  });
  it('clamps outside the anchors', () => {
    expect(qualityAt(strong, 1)).toBe(0.5);
    expect(qualityAt(strong, 5000)).toBe(0.9);
  });
});
