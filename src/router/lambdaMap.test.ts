import { describe, expect, it } from 'vitest';
import { r2Options } from './frontier';
import { lambdaMap, r2LambdaMap, reactiveLambdaMap, winnerAt, winnersAlong, type LambdaSegment } from './lambdaMap';
import { route, routeReactive, type Decision } from './search';
import { base, strong, weak } from './testing/curves';
import { randomQuery, sampleLambdas, seeded } from './testing/randomPools';
import type { ModelCurve, RouteQuery } from './types';

const id = (c: { model: string; budget: unknown } | null) => (c === null ? 'none' : `${c.model}@${String(c.budget)}`);

/** Whether the map's choice at λ is the router's, or ties it (exactly after the release's rounding). */
function agrees(map: readonly LambdaSegment[], d: Decision, q: RouteQuery, lambda: number): boolean {
  const mine = winnerAt(map, lambda);
  if (id(mine) === id(d.best)) return true;
  const same = d.ranked.find((c) => id(c) === id(mine));
  if (same === undefined || d.best === null) return false;
  if (q.rules === 'release') return same.score === d.best.score;
  return Math.abs(same.score - d.best.score) <= 1e-12 * Math.max(1, Math.abs(d.best.score));
}

function expectPartition(map: readonly LambdaSegment[]) {
  expect(map[0]).toMatchObject({ from: 0, withFrom: true });
  expect(map.at(-1)).toMatchObject({ to: 1, withTo: true });
  map.forEach((s, i) => {
    expect(s.from < s.to || (s.from === s.to && s.withFrom && s.withTo)).toBe(true);
    const next = map[i + 1];
    if (next === undefined) return;
    expect(next.from).toBe(s.to);
    expect(s.withTo !== next.withFrom).toBe(true);
    expect(id(next.winner)).not.toBe(id(s.winner));
  });
}

describe('the λ map', () => {
  it('walks the hand-checked pool from the best answer to the cheapest call', () => {
    // Frontier, cheapest first: weak@10 (2e-5, 0.1), strong@10 (2e-4, 0.5), strong@100 (1.1e-3, 0.8),
    // strong natural (6.1e-3, 0.92). Breakpoints ΔQ/(ΔQ + ΔC):
    // 0.12/(0.12 + 0.005) = 0.96, 0.3/(0.3 + 9e-4) = 0.997009, 0.4/(0.4 + 1.8e-4) = 0.99955.
    const map = r2LambdaMap(base);
    expect(map.map((s) => id(s.winner))).toEqual(['strong@unlimited', 'strong@100', 'strong@10', 'weak@10']);
    expect(map[1]!.from).toBeCloseTo(0.96, 12);
    expect(map[2]!.from).toBeCloseTo(0.3 / 0.3009, 12);
    expect(map[3]!.from).toBeCloseTo(0.4 / 0.40018, 12);
    // Equal scores go to the cheaper call: each breakpoint opens the next segment.
    expect(map.slice(1).every((s) => s.withFrom)).toBe(true);
    expectPartition(map);
  });

  it('gives a breakpoint to the option first in order under the release’s rules', () => {
    const map = r2LambdaMap({ ...base, rules: 'release' });
    // strong comes first in the pool, so strong@10 keeps the tie with weak@10.
    expect(map[3]).toMatchObject({ withFrom: false });
    expect(map[2]).toMatchObject({ withTo: true });
    expectPartition(map);
  });

  it('maps the reactive router over natural answers only', () => {
    // strong natural (6.1e-3, 0.92), weak natural (9.1e-4, 0.55): 0.37/(0.37 + 5.19e-3).
    const map = reactiveLambdaMap(base);
    expect(map.map((s) => id(s.winner))).toEqual(['strong@unlimited', 'weak@unlimited']);
    expect(map[1]!.from).toBeCloseTo(0.37 / 0.37519, 12);
  });

  it('has no segments when nothing is on offer', () => {
    expect(r2LambdaMap({ ...base, curves: [] })).toEqual([]);
    expect(r2LambdaMap({ ...base, cap: { kind: 'usd', max: 1e-9 } })).toEqual([]);
    expect(winnerAt([], 0.5)).toBeNull();
  });

  it('is one segment for one option, and for options that are all the same', () => {
    const one: ModelCurve = { ...weak, anchors: [10], quality: [0.3] };
    const q: RouteQuery = { ...base, curves: [one], cap: { kind: 'tokens', max: 10 } };
    expect(r2LambdaMap(q)).toEqual([{ from: 0, to: 1, withFrom: true, withTo: true, winner: r2Options(q)[0] }]);
    const twin = { ...one, model: 'twin' };
    for (const rules of ['playground', 'release'] as const) {
      const map = r2LambdaMap({ ...q, curves: [one, twin], rules });
      expect(map.map((s) => id(s.winner))).toEqual(['weak@10']);
    }
  });

  it('settles λ = 1 by order when output is free (every budget costs the same)', () => {
    const free: ModelCurve = { ...strong, prices: { inputPerMillion: 1, outputPerMillion: 0 } };
    const q: RouteQuery = { ...base, curves: [free] };
    const map = r2LambdaMap(q);
    // Below 1 the best answer wins at no extra cost; at 1 only cost counts, and the first option is 10 tokens.
    expect(map.map((s) => [id(s.winner), s.from, s.to])).toEqual([
      ['strong@unlimited', 0, 1],
      ['strong@10', 1, 1],
    ]);
    expect(map[0]!.withTo).toBe(false);
    for (const lambda of [0, 0.5, 1 - 1e-12, 1])
      expect(id(winnerAt(map, lambda))).toBe(id(route({ ...q, lambda }).best));
  });

  it('settles λ = 0 by order under the release’s rules, by cost under the playground’s', () => {
    // a is first and dearer; b equally good and cheaper.
    const a: ModelCurve = { ...weak, model: 'a', anchors: [10], quality: [0.5] };
    const b: ModelCurve = { ...a, model: 'b', prices: { inputPerMillion: 0.1, outputPerMillion: 0.5 } };
    const q: RouteQuery = { ...base, curves: [a, b], cap: { kind: 'tokens', max: 10 } };
    expect(r2LambdaMap(q).map((s) => id(s.winner))).toEqual(['b@10']);
    const release = r2LambdaMap({ ...q, rules: 'release' });
    expect(release.map((s) => [id(s.winner), s.from, s.to])).toEqual([
      ['a@10', 0, 0],
      ['b@10', 0, 1],
    ]);
    expect(id(route({ ...q, rules: 'release', lambda: 0 }).best)).toBe('a@10');
  });

  it('leaves out options on a straight edge between two vertices', () => {
    // (1, 0.25), (2, 0.5), (3, 0.75): the middle one ties both ends at λ = 0.25/(0.25 + 1) only.
    const c = (model: string, q: number, cost: number) => ({
      model,
      budget: 10,
      outputTokens: 10,
      quality: q,
      costUsd: cost,
      score: 0,
    });
    const map = lambdaMap([c('a', 0.25, 1), c('b', 0.5, 2), c('c', 0.75, 3)]);
    expect(map.map((s) => s.winner.model)).toEqual(['c', 'a']);
    expect(map[1]!.from).toBe(0.2);
  });

  it('matches the router at 10,000 values of λ on random pools, both routers, both rules', () => {
    const rand = seeded(7);
    for (let pool = 0; pool < 24; pool++) {
      const q = randomQuery(rand);
      for (const [map, router] of [
        [r2LambdaMap(q), route],
        [reactiveLambdaMap(q), routeReactive],
      ] as const) {
        if (map.length > 0) expectPartition(map);
        const edges = map.flatMap((s) => [s.from, s.to, s.from * (1 - 1e-12), s.to * (1 + 1e-12)]);
        const lambdas = [0, 1, ...edges.filter((l) => l > 0 && l < 1), ...sampleLambdas(rand, 10_000)];
        for (const lambda of lambdas) {
          const d = router({ ...q, lambda });
          if (!agrees(map, d, q, lambda)) {
            expect.fail(`pool ${pool} λ=${lambda}: map ${id(winnerAt(map, lambda))}, router ${id(d.best)}`);
          }
        }
        // The two ends are exact: no tolerance needed under the playground's rules.
        if (q.rules !== 'release') {
          for (const lambda of [0, 1]) expect(id(winnerAt(map, lambda))).toBe(id(router({ ...q, lambda }).best));
        }
      }
    }
  });
});

describe('the λ map walked along many λ', () => {
  it('gives winnerAt at every λ of an ascending list, ends and breakpoints included', () => {
    const rand = seeded(31);
    for (let i = 0; i < 300; i++) {
      const q = randomQuery(rand);
      for (const map of [r2LambdaMap(q), reactiveLambdaMap(q)]) {
        const points = [0, 1, ...sampleLambdas(rand, 20), ...map.flatMap((s) => [s.from, s.to])].sort((a, b) => a - b);
        expect(winnersAlong(map, points)).toEqual(points.map((l) => winnerAt(map, l)));
      }
    }
    expect(winnersAlong([], [0, 0.5, 1])).toEqual([null, null, null]);
  });
});
