import { describe, expect, it } from 'vitest';
import { r2Options } from './frontier';
import { isoScoreSegment, sampleIsoScore, tokenAxis, usdAxis } from './isoScore';
import { route, score } from './search';
import { base, strong } from './testing/curves';
import { randomQuery, seeded } from './testing/randomPools';

const unit = { min: 0, max: 1 };

describe('the iso-score line on linear USD axes', () => {
  it('is flat at λ = 0 and vertical at λ = 1', () => {
    const chosen = { costUsd: 0.2, quality: 0.5 };
    expect(isoScoreSegment(0, chosen, unit, unit)).toEqual({
      from: { costUsd: 0, quality: 0.5 },
      to: { costUsd: 1, quality: 0.5 },
    });
    expect(isoScoreSegment(1, chosen, unit, unit)).toEqual({
      from: { costUsd: 0.2, quality: 0 },
      to: { costUsd: 0.2, quality: 1 },
    });
  });

  it('has slope λ/(1 − λ) and is cut where it leaves the box', () => {
    // λ = 0.5: Q = 0.5 + (C − 0.2); it enters at C = 0 (Q = 0.3) and leaves at Q = 1 (C = 0.7).
    const s = isoScoreSegment(0.5, { costUsd: 0.2, quality: 0.5 }, unit, unit)!;
    expect(s.from.costUsd).toBe(0);
    expect(s.from.quality).toBeCloseTo(0.3, 15);
    expect(s.to.costUsd).toBeCloseTo(0.7, 15);
    expect(s.to.quality).toBe(1);
  });

  it('is null when it misses the box', () => {
    expect(isoScoreSegment(0, { costUsd: 0.2, quality: 1.5 }, unit, unit)).toBeNull();
    expect(isoScoreSegment(1, { costUsd: 2, quality: 0.5 }, unit, unit)).toBeNull();
    // slope 1 through (5, 0.5): at C = 1 it is already at −3.5.
    expect(isoScoreSegment(0.5, { costUsd: 5, quality: 0.5 }, unit, unit)).toBeNull();
  });

  it('has no option above it through the router’s choice', () => {
    const rand = seeded(5);
    for (let i = 0; i < 200; i++) {
      // The playground's exact scores: the release's rounding lets an option 1e-8 above the line tie.
      const q = { ...randomQuery(rand), rules: 'playground' as const };
      const best = route(q).best;
      const options = r2Options(q);
      if (best === null || q.lambda >= 1) continue;
      const cost = { min: 0, max: Math.max(...options.map((o) => o.costUsd)) };
      const s = isoScoreSegment(q.lambda, best, cost, { min: -1e9, max: 1e9 })!;
      const slope = (s.to.quality - s.from.quality) / (s.to.costUsd - s.from.costUsd);
      if (Number.isFinite(slope)) expect(slope).toBeCloseTo(q.lambda / (1 - q.lambda), 6);
      for (const o of options) {
        const line = best.quality + (q.lambda / (1 - q.lambda)) * (o.costUsd - best.costUsd);
        expect(o.quality).toBeLessThanOrEqual(line + 1e-9 * Math.max(1, Math.abs(line)));
      }
    }
  });
});

describe('sampling the iso-score line on other axes', () => {
  const lambda = 0.999;
  const chosen = route({ ...base, lambda }).best!;
  const S = score(lambda, chosen.quality, chosen.costUsd);

  it('gives log-spaced points that all score like the choice on a log USD axis', () => {
    const axis = usdAxis({ min: 1e-5, max: 1e-2 }, true);
    const pts = sampleIsoScore(lambda, chosen, axis, unit, 32);
    expect(pts).toHaveLength(32);
    for (let i = 1; i < pts.length - 1; i++) {
      expect(Math.log(pts[i + 1]!.x / pts[i]!.x)).toBeCloseTo(Math.log(pts[i]!.x / pts[i - 1]!.x), 9);
    }
    for (const p of pts) expect(score(lambda, p.quality, p.x)).toBeCloseTo(S, 12);
    // The ends are where the line leaves the quality range or the axis.
    expect(pts[0]!.quality === 0 || pts[0]!.x === axis.min).toBe(true);
    expect(pts.at(-1)!.quality === 1 || pts.at(-1)!.x === axis.max).toBe(true);
  });

  it('maps the line through the chosen LLM’s prices on a token axis', () => {
    expect(chosen.model).toBe('strong');
    const axis = tokenAxis({ min: 10, max: 4000 }, true, strong.prices, base.inputTokens);
    const pts = sampleIsoScore(lambda, chosen, axis, unit);
    for (const p of pts) expect(score(lambda, p.quality, axis.toCost(p.x))).toBeCloseTo(S, 12);
    // On a linear token axis it is straight again, and passes through the chosen budget.
    const linear = sampleIsoScore(lambda, chosen, { ...axis, log: false }, { min: -10, max: 10 }, 2);
    const [a, b] = linear;
    const atChosen = a!.quality + ((b!.quality - a!.quality) * (chosen.outputTokens - a!.x)) / (b!.x - a!.x);
    expect(atChosen).toBeCloseTo(chosen.quality, 12);
  });

  it('is flat on a token axis when output is free, and left out there at λ = 1', () => {
    const free = { inputPerMillion: 1, outputPerMillion: 0 };
    const axis = tokenAxis({ min: 10, max: 4000 }, false, free, 100);
    const chosenFree = { costUsd: axis.toCost(100), quality: 0.7 };
    const pts = sampleIsoScore(0.9, chosenFree, axis, unit, 3);
    expect(pts).toEqual([
      { x: 10, quality: 0.7 },
      { x: 2005, quality: 0.7 },
      { x: 4000, quality: 0.7 },
    ]);
    expect(sampleIsoScore(1, chosenFree, axis, unit)).toEqual([]);
  });

  it('stands at the chosen budget at λ = 1 on a token axis', () => {
    const axis = tokenAxis({ min: 10, max: 4000 }, true, strong.prices, base.inputTokens);
    const at100 = { costUsd: axis.toCost(100), quality: 0.8 };
    const pts = sampleIsoScore(1, at100, axis, unit);
    expect(pts.map((p) => p.quality)).toEqual([0, 1]);
    for (const p of pts) expect(p.x).toBeCloseTo(100, 9);
  });
});
