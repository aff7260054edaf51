import { UNLIMITED } from '../bundle/manifest';
import { callCost, estimateInputTokens } from '../router/cost';
import { buildCurves, type Prediction } from '../router/curves';
import { r2LambdaMap, reactiveLambdaMap, winnersAlong, type LambdaSegment } from '../router/lambdaMap';
import { route, routeReactive } from '../router/search';
import type { Candidate, RouteQuery } from '../router/types';
import { cellIndex, type Dataset } from './dataset';
import type { BundleView } from './bundleView';

/**
 * Routes every held-out query at every λ and averages what actually happened: the
 * dataset's correctness_score of the chosen (LLM, budget), and its cost = input tokens
 * (estimated from the prompt, as the app does) × input price + the response's
 * actual_token_count × output price. The R2 and reactive routers are the app's own
 * route() and routeReactive(): their choices are read off the λ maps (src/router/lambdaMap.ts),
 * walked once along the grid, except at a λ on a breakpoint, where the map gives an exact tie
 * to its rule's side and the routers' floating-point scores may tip it either way; there the
 * router itself is asked. The oracle picks, per query, the option with the best realised
 * score (1 − λ)·quality − λ·cost.
 */

export interface SweepPoint {
  lambda: number;
  cost: number;
  quality: number;
}

export interface SingleModel {
  name: string;
  cost: number;
  quality: number;
}

export interface Sweep {
  r2: SweepPoint[];
  reactive: SweepPoint[];
  oracle: SweepPoint[];
  singles: SingleModel[];
}

/** True outcome of every (LLM, budget) option of one query, view order, LLM-major. */
interface Outcomes {
  quality: Float64Array;
  cost: Float64Array;
}

function outcomes(view: BundleView, data: Dataset, q: number, inputTokens: number): Outcomes {
  const K = view.manifest.budgets.length;
  const quality = new Float64Array(view.dataModel.length * K);
  const cost = new Float64Array(view.dataModel.length * K);
  view.dataModel.forEach((dm, v) => {
    const prices = view.manifest.pool[v]!;
    view.dataBudget.forEach((db, b) => {
      const cell = cellIndex(data, q, dm, db);
      quality[v * K + b] = data.scores[cell]!;
      cost[v * K + b] = callCost(prices, inputTokens, data.tokens[cell]!);
    });
  });
  return { quality, cost };
}

/** Far enough from a breakpoint that rounding cannot reorder the two options meeting there. */
const BREAKPOINT_MARGIN = 1e-9;

function onBreakpoint(map: readonly LambdaSegment[], lambda: number): boolean {
  return map.some(
    (s) => Math.abs(s.from - lambda) <= BREAKPOINT_MARGIN || Math.abs(s.to - lambda) <= BREAKPOINT_MARGIN,
  );
}

/** The router's choice at each λ (ascending): its map's, or its own on a breakpoint. */
function choices(
  map: readonly LambdaSegment[],
  router: typeof route,
  query: RouteQuery,
  lambdas: readonly number[],
): Candidate[] {
  return winnersAlong(map, lambdas).map((c, l) => {
    const lambda = lambdas[l]!;
    return c !== null && !onBreakpoint(map, lambda) ? c : router({ ...query, lambda }).best!;
  });
}

function oracleChoice(o: Outcomes, lambda: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < o.quality.length; i++) {
    const s = (1 - lambda) * o.quality[i]! - lambda * o.cost[i]!;
    if (s > bestScore || (s === bestScore && o.cost[i]! < o.cost[best]!)) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

export function sweep(
  view: BundleView,
  data: Dataset,
  rows: readonly number[],
  predictions: readonly Prediction[],
  lambdas: readonly number[],
  onProgress?: (done: number, total: number) => void,
): Sweep {
  const { manifest } = view;
  const K = manifest.budgets.length;
  const modelIndex = new Map(manifest.pool.map((p, v) => [p.name, v]));
  const optionOf = (c: Candidate) => modelIndex.get(c.model)! * K + manifest.budgets.indexOf(c.budget);
  const sums = {
    r2: new Float64Array(lambdas.length * 2),
    reactive: new Float64Array(lambdas.length * 2),
    oracle: new Float64Array(lambdas.length * 2),
  };
  const unlimited = manifest.budgets.indexOf(UNLIMITED);
  const singleSums = new Float64Array(manifest.pool.length * 2);

  rows.forEach((q, i) => {
    const inputTokens = estimateInputTokens(data.prompts[q]!);
    const o = outcomes(view, data, q, inputTokens);
    const curves = buildCurves(manifest, predictions[i]!, manifest.pool, () => true);
    const add = (acc: Float64Array, l: number, option: number) => {
      acc[2 * l]! += o.cost[option]!;
      acc[2 * l + 1]! += o.quality[option]!;
    };
    const query = { curves, lambda: 0, inputTokens, cap: null, continuous: false };
    const r2 = choices(r2LambdaMap(query), route, query, lambdas);
    const reactive = choices(reactiveLambdaMap(query), routeReactive, query, lambdas);
    lambdas.forEach((lambda, l) => {
      add(sums.r2, l, optionOf(r2[l]!));
      add(sums.reactive, l, optionOf(reactive[l]!));
      add(sums.oracle, l, oracleChoice(o, lambda));
    });
    manifest.pool.forEach((_, v) => add(singleSums, v, v * K + unlimited));
    if (i % 25 === 24 || i === rows.length - 1) onProgress?.(i + 1, rows.length);
  });

  const n = Math.max(1, rows.length);
  const points = (acc: Float64Array) =>
    lambdas.map((lambda, l) => ({ lambda, cost: acc[2 * l]! / n, quality: acc[2 * l + 1]! / n }));
  return {
    r2: points(sums.r2),
    reactive: points(sums.reactive),
    oracle: points(sums.oracle),
    singles: manifest.pool.map((p, v) => ({
      name: p.name,
      cost: singleSums[2 * v]! / n,
      quality: singleSums[2 * v + 1]! / n,
    })),
  };
}
