import { describe, expect, it } from 'vitest';
import { r2LambdaMap, reactiveLambdaMap, winnerAt } from '../router/lambdaMap';
import { lambdaFromPosition, LAMBDA_STEPS } from '../router/lambdaScale';
import { route } from '../router/search';
import { base } from '../router/testing/curves';
import { randomQuery, seeded } from '../router/testing/randomPools';
import { lambdaInside, trackFraction } from './LambdaMap';

describe('the λ map on the slider’s track', () => {
  it('places λ where the slider puts it, with its ends at the track’s ends', () => {
    expect(trackFraction(0)).toBe(0);
    expect(trackFraction(1)).toBe(1);
    expect(trackFraction(0.3)).toBe(0);
    for (const p of [1, 137, 400, 799]) expect(trackFraction(lambdaFromPosition(p)) * LAMBDA_STEPS).toBeCloseTo(p, 6);
  });

  it('a click on any segment picks a λ where R2 chooses that segment’s pair', () => {
    const next = seeded(7);
    const queries = [base, ...Array.from({ length: 40 }, () => randomQuery(next))];
    for (const q of queries) {
      for (const map of [r2LambdaMap(q), reactiveLambdaMap(q)]) {
        for (const s of map) {
          const lambda = lambdaInside(map, s);
          expect(winnerAt(map, lambda)).toBe(s.winner);
          expect(lambda >= s.from && lambda <= s.to).toBe(true);
        }
      }
      const map = r2LambdaMap(q);
      const s = map[Math.floor(map.length / 2)];
      if (s === undefined) continue;
      const best = route({ ...q, lambda: lambdaInside(map, s) }).best;
      expect(best && `${best.model}@${String(best.budget)}`).toBe(`${s.winner.model}@${String(s.winner.budget)}`);
    }
  });
});
