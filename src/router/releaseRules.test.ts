import { describe, expect, it } from 'vitest';
import { UNLIMITED } from '../bundle/manifest';
import { pyRound8, releaseInputTokens } from './releaseRules';
import { route, routeReactive } from './search';
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

describe('pyRound8', () => {
  it('rounds exact halves to even, as Python does', () => {
    // 1/512 = 0.001953125 is exact; its 8-decimal halves go to even.
    expect(pyRound8(0.001953125)).toBe(0.00195312);
    expect(pyRound8(-0.001953125)).toBe(-0.00195312);
    expect(pyRound8(0.123456785)).toBe(0.12345678);
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
