import { describe, expect, it } from 'vitest';
import { CAP_STEPS, capFromPosition, capRange, positionFromCap } from './capScale';
import { route } from './search';
import { strong, weak, base } from './testing/curves';

describe('cap slider scale', () => {
  it('spans the options in view and ends with no cap', () => {
    const range = capRange('usd', [strong, weak], 100)!;
    expect(range.min).toBeCloseTo(2e-5, 15);
    expect(capFromPosition(CAP_STEPS, range)).toBeNull();
    const cheapest = capFromPosition(0, range)!;
    expect(cheapest.max).toBe(range.min);
    expect(route({ ...base, cap: cheapest, lambda: 0 }).best).not.toBeNull();
    expect(positionFromCap({ kind: 'usd', max: range.max }, range)).toBe(CAP_STEPS - 1);
  });
  it('uses whole tokens in token mode', () => {
    const range = capRange('tokens', [strong], 100)!;
    expect(range).toEqual({ kind: 'tokens', min: 10, max: 1000 });
    expect(Number.isInteger(capFromPosition(77, range)!.max)).toBe(true);
  });
});
