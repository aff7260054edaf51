import { describe, expect, it } from 'vitest';
import { callCost, estimateInputTokens, tokensWithin } from './cost';
import { strong } from './testing/curves';

describe('cost', () => {
  it('adds input and output cost per million tokens', () => {
    // 100 × 1 + 600 × 10 = 6100 → 0.0061 USD
    expect(callCost(strong.prices, 100, 600)).toBeCloseTo(0.0061, 12);
  });
  it('inverts the cost for a USD cap', () => {
    // (0.0011 × 1e6 − 100 × 1) / 10 = 100 tokens
    expect(tokensWithin(strong.prices, 100, 0.0011)).toBeCloseTo(100, 9);
    expect(tokensWithin(strong.prices, 100, 0.00005)).toBeLessThan(0);
  });
  it('estimates input tokens, never below one', () => {
    expect(estimateInputTokens('')).toBe(1);
    expect(estimateInputTokens('abcdefgh')).toBe(2);
    expect(estimateInputTokens('日本語')).toBe(3);
  });
});
