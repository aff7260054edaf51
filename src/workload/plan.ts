import type { Manifest, PoolEntry } from '../bundle/manifest';
import { buildCurves, type Prediction } from '../router/curves';
import { inputTokensFor } from '../router/inputTokens';
import { r2LambdaMap, reactiveLambdaMap, type LambdaSegment } from '../router/lambdaMap';
import type { CurvePoint } from '../router/metrics';
import { MapIndex, sweepSums, type SweepSums } from './mapIndex';
import type { Budget, Cap, Candidate, DecisionRules } from '../router/types';

/**
 * A workload's routing plan. Each query's λ maps (src/router/lambdaMap.ts: the exact choice
 * of each router over the whole λ range) are built once per prediction, pool, cap and rules;
 * a λ change then only looks the choice up, and the λ sweep is a lookup per point. Under the
 * release's rules the maps are built on unrounded scores (lambdaMap.ts says where that matters).
 */

export interface RoutingSettings {
  manifest: Manifest;
  pool: readonly PoolEntry[];
  enabled: (name: string) => boolean;
  cap: Cap;
  continuous: boolean;
  rules: DecisionRules;
}

export interface QueryMaps {
  r2: LambdaSegment[];
  reactive: LambdaSegment[];
}

export function queryMaps(text: string, prediction: Prediction, s: RoutingSettings): QueryMaps {
  const curves = buildCurves(s.manifest, prediction, s.pool, s.enabled);
  const q = {
    curves,
    lambda: 0,
    inputTokens: inputTokensFor(s.rules, text),
    cap: s.cap,
    continuous: s.continuous,
    rules: s.rules,
  };
  return { r2: r2LambdaMap(q), reactive: reactiveLambdaMap(q) };
}

export type Router = keyof QueryMaps;

/**
 * A workload's maps indexed per router: `index.r2.choicesAt(λ)` is each query's choice at λ
 * (null where nothing fits the cap), fast enough for every slider move.
 */
export function indexMaps(maps: readonly QueryMaps[]): Record<Router, MapIndex> {
  return { r2: MapIndex.of(maps.map((m) => m.r2)), reactive: MapIndex.of(maps.map((m) => m.reactive)) };
}

export interface PlanCell {
  model: string;
  budget: Budget;
  queries: number;
}

export interface PlanTotals {
  /** Queries with a choice; the means are over these. */
  routed: number;
  /** Queries where nothing fits the cap. */
  unrouted: number;
  meanQuality: number;
  meanCostUsd: number;
  totalCostUsd: number;
  meanOutputTokens: number;
  /** How many queries go to each (LLM, budget), in the order first met. */
  cells: PlanCell[];
}

export function planTotals(choices: readonly (Candidate | null)[]): PlanTotals {
  // Per LLM, then per budget: no key strings built per query.
  const byModel = new Map<string, Map<Budget, PlanCell>>();
  const cells: PlanCell[] = [];
  let routed = 0;
  let quality = 0;
  let cost = 0;
  let tokens = 0;
  for (const c of choices) {
    if (c === null) continue;
    routed++;
    quality += c.quality;
    cost += c.costUsd;
    tokens += c.outputTokens;
    let budgets = byModel.get(c.model);
    if (!budgets) byModel.set(c.model, (budgets = new Map<Budget, PlanCell>()));
    const cell = budgets.get(c.budget);
    if (cell) cell.queries++;
    else {
      const added = { model: c.model, budget: c.budget, queries: 1 };
      budgets.set(c.budget, added);
      cells.push(added);
    }
  }
  const n = Math.max(1, routed);
  return {
    routed,
    unrouted: choices.length - routed,
    meanQuality: quality / n,
    meanCostUsd: cost / n,
    totalCostUsd: cost,
    meanOutputTokens: tokens / n,
    cells,
  };
}

export interface DeferralPoint extends CurvePoint {
  lambda: number;
}

/** The predicted deferral curve: at each λ, the plan's mean predicted quality and cost per query routed there. */
export function predictedCurve(index: MapIndex, lambdas: readonly number[]): DeferralPoint[] {
  const sweep = new CurveSweep(lambdas);
  sweep.add(index, 0, index.queries);
  return sweep.points();
}

/**
 * predictedCurve added up a range of queries at a time, so a huge workload's sweep can run in
 * slices between which the page stays responsive. Sums run in query order, as planTotals'.
 */
export class CurveSweep {
  /** The λ in ascending order, and where each of the caller's λ sits in it. */
  private readonly ascending: number[];
  private readonly slot: number[];
  private readonly sums: SweepSums;

  constructor(private readonly lambdas: readonly number[]) {
    const order = lambdas.map((_, i) => i).sort((a, b) => lambdas[a]! - lambdas[b]!);
    this.ascending = order.map((i) => lambdas[i]!);
    this.slot = new Array<number>(lambdas.length);
    order.forEach((i, at) => (this.slot[i] = at));
    this.sums = sweepSums(lambdas.length);
  }

  /** Adds the choices of queries `from` … `to` − 1. */
  add(index: MapIndex, from: number, to: number): void {
    index.sweep(this.ascending, from, to, this.sums);
  }

  points(): DeferralPoint[] {
    return this.lambdas.map((lambda, i) => {
      const at = this.slot[i]!;
      const routed = Math.max(1, this.sums.routed[at]!);
      return { lambda, cost: this.sums.cost[at]! / routed, quality: this.sums.quality[at]! / routed };
    });
  }
}

/** A part of the plan a person picked: one router's queries to one LLM, at one budget or at any. */
export interface PlanFilter {
  router: Router;
  model: string;
  /** Null: every budget (a bar's segment, the reactive router's column). */
  budget: Budget | null;
}

/** The indices of the queries the filter's router sends where the filter says, in the workload's order. */
export function queriesRoutedTo(choices: readonly (Candidate | null)[], filter: PlanFilter): number[] {
  const out: number[] = [];
  choices.forEach((c, i) => {
    if (c !== null && c.model === filter.model && (filter.budget === null || c.budget === filter.budget)) out.push(i);
  });
  return out;
}

export function samePlanFilter(a: PlanFilter | null, b: PlanFilter | null): boolean {
  return a === b || (a !== null && b !== null && a.router === b.router && a.model === b.model && a.budget === b.budget);
}
