import { describe, expect, it } from 'vitest';
import { contrast } from './contrast';
import { r2LambdaMap, reactiveLambdaMap } from './lambdaMap';
import { LAMBDA_STEPS, lambdaFromPosition } from './lambdaScale';
import { route, routeReactive } from './search';
import { base } from './testing/curves';
import { randomQuery, seeded } from './testing/randomPools';
import type { RouteQuery } from './types';

const tellsTheStory = (q: RouteQuery) => {
  const r2 = route(q).best;
  const reactive = routeReactive(q).best;
  return r2 !== null && reactive !== null && r2.budget !== 'unlimited' && r2.model !== reactive.model;
};

describe('the contrast λ', () => {
  it('finds strong-and-brief over weak-and-long on the hand-checked pool', () => {
    const found = contrast(r2LambdaMap(base), reactiveLambdaMap(base));
    expect(found).not.toBeNull();
    const q = { ...base, lambda: found!.lambda };
    expect(found!.r2).toMatchObject({ model: 'strong' });
    expect(found!.reactive).toMatchObject({ model: 'weak', budget: 'unlimited' });
    expect(route(q).best).toMatchObject({ model: found!.r2.model, budget: found!.r2.budget });
    expect(routeReactive(q).best).toMatchObject({ model: 'weak' });
  });

  it('is where the routers really differ, and is absent only where no λ of a sweep finds a difference', () => {
    const rand = seeded(20261201);
    let found = 0;
    for (let k = 0; k < 300; k++) {
      const q = { ...randomQuery(rand), rules: 'playground' as const, continuous: false };
      const c = contrast(r2LambdaMap(q), reactiveLambdaMap(q));
      if (c !== null) {
        found++;
        const at = { ...q, lambda: c.lambda };
        expect(tellsTheStory(at)).toBe(true);
        expect(route(at).best).toMatchObject({ model: c.r2.model, budget: c.r2.budget });
        expect(routeReactive(at).best?.model).toBe(c.reactive.model);
      } else {
        for (let p = 0; p <= LAMBDA_STEPS; p++)
          expect(tellsTheStory({ ...q, lambda: lambdaFromPosition(p) })).toBe(false);
        for (let i = 1; i < 500; i++) expect(tellsTheStory({ ...q, lambda: i / 500 })).toBe(false);
      }
    }
    expect(found).toBeGreaterThan(30);
  });
});
