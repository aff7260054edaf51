import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { capFromPosition, capRange, CAP_STEPS } from '../src/router/capScale';
import { lambdaFromPosition, LAMBDA_STEPS } from '../src/router/lambdaScale';
import { route, routeReactive } from '../src/router/search';
import type { ModelCurve, RouteQuery } from '../src/router/types';
import { seededRandom } from './queries';
import { medianSpread, roundSpread, spread, type Spread } from './stats';

/**
 * The decision engine alone, in Node: what one slider move costs the app's render
 * (route() + routeReactive() over every (LLM, budget) pair, continuous search, with a cap).
 */

export const ENGINE_POOL = { llms: 11, budgets: 16 } as const;

/** An 11×16 pool of concave, noisy quality curves with spread-out prices. */
export function enginePool(seed = 7): ModelCurve[] {
  const rand = seededRandom(seed);
  const anchors = Array.from({ length: ENGINE_POOL.budgets }, (_, k) => Math.round(10 * 1.6 ** k));
  return Array.from({ length: ENGINE_POOL.llms }, (_, m) => {
    const ceiling = 0.5 + 0.45 * rand();
    const speed = 20 + 400 * rand();
    return {
      model: `llm-${m}`,
      prices: { inputPerMillion: 0.02 + 3 * rand(), outputPerMillion: 0.05 + 12 * rand() },
      anchors,
      quality: anchors.map((b) =>
        Math.min(1, Math.max(0, ceiling * (1 - Math.exp(-b / speed)) + 0.03 * (rand() - 0.5))),
      ),
      unlimitedQuality: ceiling * (0.9 + 0.1 * rand()),
      naturalTokens: 50 + 3000 * rand(),
    };
  });
}

export interface EngineTimings {
  pool: string;
  moves: number;
  sessions: number;
  routeUs: Spread;
  routeReactiveUs: Spread;
  moveUs: Spread;
}

/** Slider moves alternate between λ (over the whole scale) and the cap (tokens, then USD). */
function moves(curves: ModelCurve[], inputTokens: number, count: number): RouteQuery[] {
  const tokens = capRange('tokens', curves, inputTokens)!;
  const usd = capRange('usd', curves, inputTokens)!;
  return Array.from({ length: count }, (_, i) => {
    const lambda = lambdaFromPosition((i * 37) % (LAMBDA_STEPS + 1));
    const range = i % 4 < 2 ? tokens : usd;
    const cap = capFromPosition((i * 13) % CAP_STEPS, range);
    return { curves, lambda, inputTokens, cap, continuous: true };
  });
}

export function timeEngine(sessions = 3, perSession = 2000, warmUp = 500): EngineTimings {
  const curves = enginePool();
  const queries = moves(curves, 120, perSession);
  let sink = 0;
  for (const q of queries.slice(0, warmUp)) sink += route(q).ranked.length + routeReactive(q).ranked.length;
  const perSessionSpreads = Array.from({ length: sessions }, () => {
    const r: number[] = [];
    const rr: number[] = [];
    const both: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      sink += route(q).ranked.length;
      const t1 = performance.now();
      sink += routeReactive(q).ranked.length;
      const t2 = performance.now();
      r.push((t1 - t0) * 1000);
      rr.push((t2 - t1) * 1000);
      both.push((t2 - t0) * 1000);
    }
    return { route: spread(r), reactive: spread(rr), move: spread(both) };
  });
  // The candidates must be used, or the JIT could drop the work being timed.
  if (sink === 0) throw new Error('the engine ranked no candidates');
  return {
    pool: `${ENGINE_POOL.llms}x${ENGINE_POOL.budgets}`,
    moves: perSession,
    sessions,
    routeUs: roundSpread(medianSpread(perSessionSpreads.map((s) => s.route))),
    routeReactiveUs: roundSpread(medianSpread(perSessionSpreads.map((s) => s.reactive))),
    moveUs: roundSpread(medianSpread(perSessionSpreads.map((s) => s.move))),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(timeEngine()));
}
