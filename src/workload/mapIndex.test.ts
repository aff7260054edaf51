import { describe, expect, it } from 'vitest';
import { r2LambdaMap, reactiveLambdaMap, winnerAt } from '../router/lambdaMap';
import { randomQuery, sampleLambdas, seeded } from '../router/testing/randomPools';
import { MapIndex } from './mapIndex';

describe('MapIndex', () => {
  it('gives every query the choice winnerAt reads off its map, at breakpoints and ends too', () => {
    const rand = seeded(5);
    const maps = Array.from({ length: 300 }, (_, i) => {
      const q = randomQuery(rand);
      return i % 2 === 0 ? r2LambdaMap(q) : reactiveLambdaMap(q);
    });
    // A few queries with nothing to choose from.
    maps.splice(10, 0, [], []);
    const index = new MapIndex(maps);
    expect(index.queries).toBe(maps.length);
    const breakpoints = maps.flatMap((m) => m.flatMap((s) => [s.from, s.to]));
    const lambdas = [0, 1, ...sampleLambdas(rand, 60), ...breakpoints.filter(() => rand() < 0.05)];
    let chosen = 0;
    for (const lambda of lambdas) {
      const got = index.choicesAt(lambda);
      maps.forEach((m, q) => expect(got[q]).toBe(winnerAt(m, lambda)));
      chosen += got.filter((c) => c !== null).length;
    }
    expect(chosen).toBeGreaterThan(0);
    expect(index.choicesAt(0.5)[10]).toBeNull();
  });
});
