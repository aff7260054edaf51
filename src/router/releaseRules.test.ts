import { describe, expect, it } from 'vitest';
import { UNLIMITED } from '../bundle/manifest';
import { pyRound8, releaseInputTokens } from './releaseRules';
import { curveCandidates, releaseDecision, route, routeReactive } from './search';
import type { ModelCurve, RouteQuery } from './types';

describe('releaseInputTokens matches max(1, int(len(text.split()) * 1.3))', () => {
  // Expected values worked out with CPython 3.11.
  const cases: [string, number][] = [
    ['', 1],
    ['   ', 1],
    ['one', 1],
    ['Solve the equation: 2x + 5 = 13', 10],
    ['Write a Python function to calculate factorial.', 9],
    ['a\u00a0b\u2003c\u3000d', 5],
    ['a\x1cb\x1fc', 3],
    ['a\u0085b', 2],
    // U+FEFF is whitespace to JavaScript's \s but not to Python.
    ['a\ufeffb c', 2],
    ['word '.repeat(100), 130],
  ];
  for (const [text, tokens] of cases)
    it(JSON.stringify(text.slice(0, 30)), () => expect(releaseInputTokens(text)).toBe(tokens));
});

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

const curve = (model: string, quality: number[], unlimited: number, natural: number, out = 1): ModelCurve => ({
  model,
  prices: { inputPerMillion: 0.1, outputPerMillion: out },
  anchors: [10, 100, 1000],
  quality,
  unlimitedQuality: unlimited,
  naturalTokens: natural,
});

describe('route by the release’s rules', () => {
  const q = (over: Partial<RouteQuery>): RouteQuery => ({
    curves: [curve('a', [0.5, 0.6, 0.6], 0.6, 400), curve('b', [0.5, 0.6, 0.6], 0.6, 400)],
    lambda: 0,
    inputTokens: 10,
    cap: null,
    continuous: true,
    rules: 'release',
    ...over,
  });

  it('keeps the first of equal scores, where the playground prefers the cheaper call', () => {
    // At λ = 0 every 0.6 ties; the release keeps a at 100 tokens, the playground a cheaper tie too.
    expect(route(q({})).best).toMatchObject({ model: 'a', budget: 100 });
    const cheaperLater = q({
      curves: [curve('a', [0.5, 0.6, 0.6], 0.6, 400), curve('b', [0.5, 0.6, 0.6], 0.6, 400, 0.5)],
    });
    expect(route(cheaperLater).best).toMatchObject({ model: 'a', budget: 100 });
    expect(route({ ...cheaperLater, rules: 'playground' }).best).toMatchObject({ model: 'b', budget: 100 });
  });

  it('rounds scores to 8 decimals, so differences below 5e-9 tie', () => {
    const close = q({ curves: [curve('a', [0.5, 0.6, 0.6], 0.6, 400), curve('b', [0.5, 0.600000003, 0.6], 0.6, 400)] });
    expect(route(close).best).toMatchObject({ model: 'a', budget: 100 });
    expect(route({ ...close, rules: 'playground' }).best).toMatchObject({ model: 'b', budget: 100 });
    for (const c of route(close).ranked) expect(c.score).toBe(pyRound8(c.score));
  });

  it('never adds a point between anchors, even in continuous mode with a cap', () => {
    const capped = q({ cap: { kind: 'tokens', max: 500 }, lambda: 0 });
    expect(route(capped).ranked.map((c) => c.budget)).not.toContain(500);
    expect(route({ ...capped, rules: 'playground' }).ranked.map((c) => c.budget)).toContain(500);
  });

  it('ranks the reactive router’s natural answers by the same rules', () => {
    const best = routeReactive(q({})).best;
    expect(best).toMatchObject({ model: 'a', budget: UNLIMITED });
  });
});

describe('releaseDecision: the released router’s argmax', () => {
  const twoAnchors = (
    model: string,
    quality: number[],
    unlimited: number,
    natural: number,
    out: number,
  ): ModelCurve => ({
    model,
    prices: { inputPerMillion: 1, outputPerMillion: out },
    anchors: [10, 100],
    quality,
    unlimitedQuality: unlimited,
    naturalTokens: natural,
  });

  it('enumerates LLMs in pool order, budgets ascending, then unlimited, with the release’s costs', () => {
    const curves = [twoAnchors('a', [0.2, 0.4], 0.5, 300, 2), twoAnchors('b', [0.1, 0.3], 0.35, 50, 1)];
    const query: RouteQuery = {
      curves,
      lambda: 0.5,
      inputTokens: 1000,
      cap: null,
      continuous: false,
      rules: 'release',
    };
    const options = curves.flatMap((c) => curveCandidates(c, query));
    expect(options.map((o) => `${o.model}@${o.budget}`)).toEqual([
      'a@10',
      'a@100',
      'a@unlimited',
      'b@10',
      'b@100',
      'b@unlimited',
    ]);
    // a@unlimited: 1000 × 1/1e6 + 300 × 2/1e6 = 0.0016 USD; score = 0.5 × 0.5 − 0.5 × 0.0016 = 0.2492
    expect(options[2]).toMatchObject({ outputTokens: 300, score: 0.2492 });
    expect(options[2]!.costUsd).toBeCloseTo(0.0016, 15);
  });

  it('keeps the first of equal rounded scores, where the playground prefers the cheaper call', () => {
    // At λ = 0 both answers score a clipped quality of 1: the release keeps the first (a, dearer).
    const curves = [twoAnchors('a', [1, 1], 1, 500, 10), twoAnchors('b', [1, 1], 1, 500, 1)];
    expect(releaseDecision(curves, 0, 100)).toMatchObject({ model: 'a', budget: 10 });
    expect(route({ curves, lambda: 0, inputTokens: 100, cap: null, continuous: false }).best).toMatchObject({
      model: 'b',
      budget: 10,
    });
  });

  it('treats scores that differ only past the 8th decimal as equal, as round(risk, 8) does', () => {
    // λ = 0.99999: quality differences below 4e-4 move the score by less than 4e-9.
    const curves = [twoAnchors('a', [0.5, 0.5], 0.5, 10, 0), twoAnchors('b', [0.5003, 0.5], 0.5, 10, 0)];
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
