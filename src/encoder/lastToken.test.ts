import { describe, expect, it } from 'vitest';
import { lastTokenEmbedding } from './lastToken';

describe('lastTokenEmbedding', () => {
  const hidden = [1, 2, 3, /* last token */ 3, 0, -4];

  it('takes the last row', () => {
    expect([...lastTokenEmbedding(hidden, 2, 3, false)]).toEqual([3, 0, -4]);
  });

  it('L2-normalises it when asked', () => {
    expect([...lastTokenEmbedding(hidden, 2, 3, true)].map((v) => Number(v.toFixed(6)))).toEqual([0.6, 0, -0.8]);
  });

  it('leaves a zero state at zero rather than dividing by zero', () => {
    expect([...lastTokenEmbedding([0, 0], 1, 2, true)]).toEqual([0, 0]);
  });

  it('refuses a sequence without tokens or with the wrong size', () => {
    expect(() => lastTokenEmbedding([], 0, 3, true)).toThrow(/no last token/);
    expect(() => lastTokenEmbedding(hidden, 3, 3, true)).toThrow(/expected 3 × 3/);
  });
});
