import { describe, expect, it } from 'vitest';
import { pyRound8, releaseDecision, releaseOptions } from './releaseDecision';
import { route } from '../router/search';
import type { ModelCurve } from '../router/types';

describe('pyRound8 matches Python round(x, 8)', () => {
  // Pairs printed by python3 -c "print(round(x, 8))".
  it.each([
    [0.001953125, 0.00195312], // exact half: to even (toFixed gives …313)
    [0.005859375, 0.00585938],
    [-0.001953125, -0.00195312],
    [0.501953125, 0.50195312],
    [0.123456785, 0.12345678], // looks like a half, but the double is just below it
    [1 / 3, 0.33333333],
    [-2 / 3, -0.66666667],
    [2.5e-9, 0],
  ])('round(%f, 8) = %f', (x, y) => {
    expect(pyRound8(x)).toBe(y);
  });
});

const curve = (
  model: string,
  quality: number[],
  unlimitedQuality: number,
  naturalTokens: number,
  outputPerMillion: number,
): ModelCurve => ({
  model,
  prices: { inputPerMillion: 1, outputPerMillion },
  anchors: [10, 100],
  quality,
  unlimitedQuality,
  naturalTokens,
});

describe('releaseDecision: the released router’s argmax', () => {
  it('enumerates LLMs in pool order, budgets ascending, then unlimited, with the release’s costs', () => {
    const options = releaseOptions(
      [curve('a', [0.2, 0.4], 0.5, 300, 2), curve('b', [0.1, 0.3], 0.35, 50, 1)],
      0.5,
      1000,
    );
    expect(options.map((o) => `${o.model}@${o.budget}`)).toEqual([
      'a@10',
      'a@100',
      'a@unlimited',
      'b@10',
      'b@100',
      'b@unlimited',
    ]);
    // a@unlimited: 1000 × 1/1e6 + 300 × 2/1e6 = 0.0016 USD; risk = 0.5 × 0.5 − 0.5 × 0.0016 = 0.2492
    expect(options[2]).toMatchObject({ outputTokens: 300, risk: 0.2492 });
    expect(options[2]!.costUsd).toBeCloseTo(0.0016, 15);
  });

  it('keeps the first of equal rounded risks, where the app’s router prefers the cheaper call', () => {
    // At λ = 0 both answers score a clipped quality of 1: the release keeps the first (a, dearer).
    const curves = [curve('a', [1, 1], 1, 500, 10), curve('b', [1, 1], 1, 500, 1)];
    expect(releaseDecision(curves, 0, 100)).toMatchObject({ model: 'a', budget: 10 });
    expect(route({ curves, lambda: 0, inputTokens: 100, cap: null, continuous: false }).best).toMatchObject({
      model: 'b',
      budget: 10,
    });
  });

  it('treats risks that differ only past the 8th decimal as equal, as round(risk, 8) does', () => {
    // λ = 0.99999: quality differences below 4e-4 move the risk by less than 4e-9.
    const curves = [curve('a', [0.5, 0.5], 0.5, 10, 0), curve('b', [0.5003, 0.5], 0.5, 10, 0)];
    expect(releaseDecision(curves, 0.99999, 0)).toMatchObject({ model: 'a', budget: 10 });
    expect(route({ curves, lambda: 0.99999, inputTokens: 0, cap: null, continuous: false }).best).toMatchObject({
      model: 'b',
      budget: 10,
    });
  });

  it('returns null for an empty pool', () => {
    expect(releaseDecision([], 0.5, 10)).toBeNull();
  });
});
