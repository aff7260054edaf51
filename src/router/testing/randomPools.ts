import { callCost } from '../cost';
import { r2Options } from '../frontier';
import type { Cap, ModelCurve, RouteQuery } from '../types';

// Seeded random queries for tests that check exact results against brute force: random curves
// (some flat, some with ties), prices (some free, some scaled so breakpoints fall mid-range),
// twins, caps of both kinds, continuous search on and off, and both decision rules.

/** mulberry32: a small seeded generator, so a failing case can be rerun. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BUDGETS = [10, 20, 30, 40, 50, 80, 100, 150, 200, 300, 500, 800, 1200, 2000, 4000];

export function randomQuery(rand: () => number): RouteQuery {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const coarse = rand() < 0.3;
  const qual = () => (coarse ? Math.round(rand() * 5) / 5 : rand());
  const anchors = BUDGETS.filter(() => rand() < 0.4);
  if (anchors.length === 0) anchors.push(pick(BUDGETS));
  const priceScale = 10 ** (rand() * 5 - 1);
  const price = () => (rand() < 0.2 ? 0 : Math.round(rand() * 2000) / 1000) * priceScale;
  const curves: ModelCurve[] = [];
  for (let m = 0, n = 1 + Math.floor(rand() * 5); m < n; m++) {
    const twinOf = curves.length > 0 && rand() < 0.2 ? pick(curves) : null;
    const natural = pick([0, Math.round(rand() * 5000), rand() * 5000]);
    curves.push({
      model: `m${m}`,
      prices:
        twinOf !== null && rand() < 0.5 ? twinOf.prices : { inputPerMillion: price() / 4, outputPerMillion: price() },
      anchors,
      quality: twinOf?.quality ?? anchors.map(qual),
      unlimitedQuality: twinOf?.unlimitedQuality ?? qual(),
      naturalTokens: twinOf?.naturalTokens ?? natural,
    });
  }
  const inputTokens = 1 + Math.floor(rand() * 2000);
  const r = rand();
  let cap: Cap = null;
  if (r < 0.3) cap = { kind: 'tokens', max: Math.round(rand() * 5000) };
  else if (r < 0.6) {
    const c = pick(curves);
    cap = { kind: 'usd', max: callCost(c.prices, inputTokens, pick([...anchors, rand() * 4000])) * (0.5 + rand()) };
  }
  return {
    curves,
    lambda: rand(),
    inputTokens,
    cap,
    continuous: rand() < 0.5,
    rules: rand() < 0.5 ? 'release' : 'playground',
  };
}

/** λ values spread evenly and on the slider's log scale of λ/(1 − λ), where costs of ~1e-5 USD put the action. */
export function sampleLambdas(rand: () => number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 2 === 0) return rand();
    const ratio = 10 ** (rand() * 12 - 3);
    return ratio / (1 + ratio);
  });
}

/** A λ at which this pool's quality and cost trade off (λ/(1 − λ) within 10× of 0.3 per its median call), or null if all are free. */
export function tradeOffLambda(q: RouteQuery, rand: () => number): number | null {
  const costs = r2Options({ ...q, cap: null })
    .map((o) => o.costUsd)
    .sort((a, b) => a - b);
  const median = costs[Math.floor(costs.length / 2)]!;
  if (!(median > 0)) return null;
  const ratio = (10 ** (rand() * 2 - 1) * 0.3) / median;
  return ratio / (1 + ratio);
}
