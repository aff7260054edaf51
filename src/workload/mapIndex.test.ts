import { describe, expect, it } from 'vitest';
import { r2LambdaMap, reactiveLambdaMap, winnerAt } from '../router/lambdaMap';
import { randomQuery, sampleLambdas, seeded } from '../router/testing/randomPools';
import { MapIndex, MapIndexBuilder } from './mapIndex';
import { CurveSweep, planTotals } from './plan';

function randomMaps(seed: number) {
  const rand = seeded(seed);
  const maps = Array.from({ length: 300 }, (_, i) => {
    const q = randomQuery(rand);
    return i % 2 === 0 ? r2LambdaMap(q) : reactiveLambdaMap(q);
  });
  // A few queries with nothing to choose from.
  maps.splice(10, 0, [], []);
  const breakpoints = maps.flatMap((m) => m.flatMap((s) => [s.from, s.to]));
  const lambdas = [0, 1, ...sampleLambdas(rand, 60), ...breakpoints.filter(() => rand() < 0.05)];
  return { maps, lambdas };
}

describe('MapIndex', () => {
  it('gives every query the choice winnerAt reads off its map, at breakpoints and ends too', () => {
    const { maps, lambdas } = randomMaps(5);
    const index = MapIndex.of(maps);
    expect(index.queries).toBe(maps.length);
    let chosen = 0;
    for (const lambda of lambdas) {
      const got = index.choicesAt(lambda);
      maps.forEach((m, q) => expect(got[q]).toBe(winnerAt(m, lambda)));
      chosen += got.filter((c) => c !== null).length;
    }
    expect(chosen).toBeGreaterThan(0);
    expect(index.choicesAt(0.5)[10]).toBeNull();
  });

  it('is the same index built a query at a time, read before and after more are added', () => {
    const { maps, lambdas } = randomMaps(8);
    const builder = new MapIndexBuilder();
    maps.slice(0, 100).forEach((m) => builder.add(m));
    const early = builder.build();
    maps.slice(100).forEach((m) => builder.add(m));
    const all = builder.build();
    expect(early.queries).toBe(100);
    expect(all.queries).toBe(maps.length);
    for (const lambda of lambdas) {
      expect(early.choicesAt(lambda)).toEqual(maps.slice(0, 100).map((m) => winnerAt(m, lambda)));
      expect(all.choicesAt(lambda)).toEqual(maps.map((m) => winnerAt(m, lambda)));
    }
  });

  it('sweeps λ in ranges of queries to the very means planTotals gives, whatever the λ order', () => {
    const { maps, lambdas } = randomMaps(13);
    const index = MapIndex.of(maps);
    const shuffled = [...lambdas].reverse();
    const sweep = new CurveSweep(shuffled);
    sweep.add(index, 0, 120);
    sweep.add(index, 120, index.queries);
    sweep.points().forEach((p, i) => {
      const totals = planTotals(index.choicesAt(shuffled[i]!));
      expect(p.lambda).toBe(shuffled[i]);
      expect(p.quality).toBe(totals.meanQuality);
      expect(p.cost).toBe(totals.meanCostUsd);
    });
  });
});
