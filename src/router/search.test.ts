import { describe, expect, it } from 'vitest';
import { callCost, tokensWithin } from './cost';
import { qualityAt } from './interpolate';
import { curveCandidates, route, routeReactive, sameCandidate, score } from './search';
import { strong, weak, base } from './testing/curves';
import type { ModelCurve, RouteQuery } from './types';

describe('route', () => {
  it('picks the best quality at λ = 0', () => {
    const d = route(base);
    expect(d.best).toMatchObject({ model: 'strong', budget: 'unlimited', outputTokens: 600 });
    expect(d.ranked).toHaveLength(8);
  });

  it('picks the cheapest call at λ = 1', () => {
    // weak at 10 tokens: (100 × 0.1 + 10 × 1)/1e6 = 2e-5
    const d = route({ ...base, lambda: 1 });
    expect(d.best).toMatchObject({ model: 'weak', budget: 10 });
    expect(d.best!.costUsd).toBeCloseTo(2e-5, 15);
  });

  it('scores (1 − λ)·Q − λ·C', () => {
    expect(score(0.5, 0.8, 0.2)).toBeCloseTo(0.3, 12);
    const d = route({ ...base, lambda: 0.999 });
    for (const c of d.ranked) expect(c.score).toBeCloseTo(0.001 * c.quality - 0.999 * c.costUsd, 15);
  });

  it('prefers a strong LLM at a short budget over a weak one at full length (the R2 story)', () => {
    // λ/(1−λ) = 1000: strong@10 scores ∝ 0.5 − 1000·2e-4 = 0.3; weak natural ∝ 0.55 − 1000·9.1e-4 < 0.
    const lambda = 1000 / 1001;
    const r2 = route({ ...base, lambda });
    const reactive = routeReactive({ ...base, lambda });
    expect(r2.best).toMatchObject({ model: 'strong', budget: 10 });
    expect(reactive.best!.budget).toBe('unlimited');
    expect(r2.best!.score).toBeGreaterThan(reactive.best!.score);
  });

  it('keeps every option within a token cap', () => {
    const d = route({ ...base, cap: { kind: 'tokens', max: 100 } });
    expect(d.ranked.every((c) => c.outputTokens <= 100)).toBe(true);
    expect(d.best).toMatchObject({ model: 'strong', budget: 100 });
  });

  it('keeps every option within a USD cap and returns null when nothing fits', () => {
    const d = route({ ...base, cap: { kind: 'usd', max: 0.0011 } });
    expect(d.ranked.every((c) => c.costUsd <= 0.0011)).toBe(true);
    expect(route({ ...base, cap: { kind: 'usd', max: 1e-9 } }).best).toBeNull();
    expect(routeReactive({ ...base, cap: { kind: 'usd', max: 1e-9 } }).best).toBeNull();
  });

  it('keeps an option whose cost is exactly the USD cap', () => {
    // (16 × 0.01 + 10 × 0.02)/1e6 = 3.6e-7; inverting it gives 9.999… tokens in floating point.
    const tiny: ModelCurve = { ...weak, model: 'tiny', prices: { inputPerMillion: 0.01, outputPerMillion: 0.02 } };
    const cap = { kind: 'usd' as const, max: callCost(tiny.prices, 16, 10) };
    expect(tokensWithin(tiny.prices, 16, cap.max)).toBeLessThan(10);
    for (const continuous of [false, true]) {
      expect(route({ ...base, curves: [tiny], inputTokens: 16, cap, continuous }).best).toMatchObject({
        model: 'tiny',
        budget: 10,
      });
    }
  });

  it('adds the cap point between anchors in continuous mode', () => {
    const q: RouteQuery = { ...base, cap: { kind: 'tokens', max: 550 }, continuous: true };
    const opts = curveCandidates(strong, q);
    const capPoint = opts.find((c) => c.budget === 550);
    expect(capPoint?.quality).toBeCloseTo(0.85, 12);
    expect(route(q).best).toMatchObject({ model: 'strong', budget: 550 });
    expect(curveCandidates(strong, { ...q, continuous: false }).some((c) => c.budget === 550)).toBe(false);
  });

  it('matches a dense brute-force search in continuous mode', () => {
    for (const lambda of [0, 0.5, 0.99, 0.9999, 1]) {
      for (const max of [37, 120, 777]) {
        const q: RouteQuery = { ...base, lambda, cap: { kind: 'tokens', max }, continuous: true };
        let bestScore = -Infinity;
        for (const c of [strong, weak]) {
          for (let b = 10; b <= Math.min(max, 1000); b++) {
            bestScore = Math.max(bestScore, score(lambda, qualityAt(c, b), callCost(c.prices, 100, b)));
          }
        }
        const best = route(q).best!;
        // The natural answer is an extra option outside the curve.
        if (best.budget !== 'unlimited') expect(best.score).toBeCloseTo(bestScore, 12);
        else expect(best.score).toBeGreaterThanOrEqual(bestScore - 1e-12);
      }
    }
  });

  it('breaks score ties by cost, then by pool order', () => {
    const twin = { ...weak, model: 'twin' };
    expect(route({ ...base, curves: [weak, twin], lambda: 0 }).best!.model).toBe('weak');
  });

  it('returns no choice for an empty pool', () => {
    expect(route({ ...base, curves: [] }).best).toBeNull();
  });
});

describe('sameCandidate', () => {
  it('compares choices by value', () => {
    const q = { ...base, lambda: 0.99 };
    const [a, b] = [route(q).best, route(q).best];
    expect(a).not.toBe(b);
    expect(sameCandidate(a, b)).toBe(true);
    expect(sameCandidate(a, null)).toBe(false);
    expect(sameCandidate(null, null)).toBe(true);
    expect(sameCandidate(a, { ...a!, budget: 'unlimited' })).toBe(false);
    expect(sameCandidate(a, { ...a!, costUsd: a!.costUsd * 2 })).toBe(false);
  });
});
