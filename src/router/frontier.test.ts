import { describe, expect, it } from 'vitest';
import { breakpoint, efficientFrontier, r2Frontier, r2Options, reactiveFrontier, reactiveOptions } from './frontier';
import { rank, route, routeReactive } from './search';
import { base } from './testing/curves';
import { randomQuery, seeded } from './testing/randomPools';
import type { Candidate } from './types';

const id = (c: Candidate) => `${c.model}@${String(c.budget)}`;
const option = (model: string, quality: number, costUsd: number): Candidate => ({
  model,
  budget: 10,
  outputTokens: 10,
  quality,
  costUsd,
  score: 0,
});

describe('the efficient frontier', () => {
  it('keeps the hand-checked pool’s four possible choices, cheapest first', () => {
    // weak@100 (1.1e-4, 0.3) lies on the edge from weak@10 (2e-5, 0.1) to strong@10 (2e-4, 0.5);
    // weak's natural answer (9.1e-4, 0.55) lies under the edge from strong@10 to strong@100 (1.1e-3, 0.8).
    expect(r2Frontier(base).map(id)).toEqual(['weak@10', 'strong@10', 'strong@100', 'strong@unlimited']);
    expect(reactiveFrontier(base).map(id)).toEqual(['weak@unlimited', 'strong@unlimited']);
  });

  it('lists the options the routers weigh, in their order', () => {
    const rand = seeded(3);
    for (let i = 0; i < 50; i++) {
      const q = randomQuery(rand);
      expect(rank(r2Options(q), q.rules)).toEqual(route(q).ranked);
      expect(rank(reactiveOptions(q), q.rules)).toEqual(routeReactive(q).ranked);
    }
  });

  it('keeps the first of twins, the best at one cost, and nothing from an empty pool', () => {
    const a = option('a', 0.5, 1);
    const twin = option('twin', 0.5, 1);
    const worseSameCost = option('worse', 0.4, 1);
    expect(efficientFrontier([worseSameCost, a, twin])).toEqual([a]);
    expect(efficientFrontier([twin, a])).toEqual([twin]);
    expect(efficientFrontier([])).toEqual([]);
  });

  it('drops options that are dearer and no better', () => {
    const cheap = option('cheap', 0.5, 1);
    expect(efficientFrontier([option('dear', 0.5, 2), cheap, option('worse', 0.4, 3)])).toEqual([cheap]);
  });

  it('has every vertex win the routing somewhere between its breakpoints', () => {
    const rand = seeded(11);
    for (let i = 0; i < 200; i++) {
      const q = randomQuery(rand);
      const hull = r2Frontier(q);
      hull.forEach((v, k) => {
        const below = hull[k - 1];
        const above = hull[k + 1];
        const from = above === undefined ? 0 : breakpoint(above, v)!;
        const to = below === undefined ? 1 : breakpoint(v, below)!;
        expect(from).toBeLessThan(to);
        const best = route({ ...q, lambda: (from + to) / 2 }).best!;
        // A vertex whose interval is a few ulps wide can lose its midpoint to rounding.
        if (id(best) !== id(v)) expect(to - from).toBeLessThan(1e-12);
      });
    }
  });
});

describe('breakpoint', () => {
  it('is ΔQ/(ΔQ + ΔC), the same either way round', () => {
    const a = option('a', 0.75, 3);
    const b = option('b', 0.25, 1);
    // 0.5/(0.5 + 2)
    expect(breakpoint(a, b)).toBe(0.2);
    expect(breakpoint(b, a)).toBe(0.2);
  });

  it('is 0 for equal quality, 1 for equal cost, and null when one dominates or they coincide', () => {
    expect(breakpoint(option('a', 0.5, 2), option('b', 0.5, 1))).toBe(0);
    expect(breakpoint(option('a', 0.6, 1), option('b', 0.5, 1))).toBe(1);
    expect(breakpoint(option('a', 0.6, 1), option('b', 0.5, 2))).toBeNull();
    expect(breakpoint(option('a', 0.5, 1), option('b', 0.5, 1))).toBeNull();
  });
});
