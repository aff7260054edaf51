import { describe, expect, it } from 'vitest';
import { formatLambda, lambdaFromPosition, LAMBDA_STEPS, positionFromLambda } from './lambdaScale';

describe('λ slider scale', () => {
  it('has exact ends and is monotone', () => {
    expect(lambdaFromPosition(0)).toBe(0);
    expect(lambdaFromPosition(LAMBDA_STEPS)).toBe(1);
    let prev = -1;
    for (let p = 0; p <= LAMBDA_STEPS; p++) {
      const l = lambdaFromPosition(p);
      expect(l).toBeGreaterThan(prev);
      prev = l;
    }
  });
  it('reaches R2-Router’s default 0.99999 and round-trips it', () => {
    const p = positionFromLambda(0.99999);
    expect(Math.abs(lambdaFromPosition(p) - 0.99999)).toBeLessThan(1e-7);
  });
  it('formats λ with the digits that matter', () => {
    expect(formatLambda(0.99999)).toBe('0.99999');
    expect(formatLambda(0.5)).toBe('0.5');
    expect(formatLambda(1)).toBe('1');
  });
});
