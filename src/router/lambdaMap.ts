/**
 * The λ map: which option wins for every λ in [0, 1], as a few segments. Between two
 * neighbouring frontier vertices the choice changes where they score the same,
 * λ = ΔQ/(ΔQ + ΔC), so the map is exact and needs no sweep.
 *
 * Ties follow `rank` in search.ts. At a breakpoint the playground's rules give the tie to the
 * cheaper call (the segment after it), the release's to the one first in order. At λ = 0 the
 * score is the quality alone and at λ = 1 minus the cost alone: options equal there are
 * settled by cost then order (playground) or by order (release), which can give a single-point
 * segment at either end (free output makes every budget of an LLM cost the same, say).
 *
 * Under the release's rules the map is built on unrounded scores, and its winner always has
 * the highest score after rounding too; but where another option's score rounds to the same
 * 8 decimals, the release keeps whichever comes first in its order. That happens within
 * ~1e-8/(ΔQ + ΔC) of a breakpoint, for options within 1e-8 of the frontier, and wherever
 * (1 − λ) shrinks quality differences below 1e-8 (λ/(1 − λ) near 1e8, the slider's last
 * steps), where the release sees only cost to 8 decimals. An exact map of the rounded
 * choice can flicker there at every 1e-8 step of the scores, so it is not drawn.
 */
import { breakpoint, efficientFrontier, r2Options, reactiveOptions } from './frontier';
import type { Candidate, DecisionRules, RouteQuery } from './types';

export interface LambdaSegment {
  from: number;
  to: number;
  /** Whether λ = from and λ = to themselves belong here (a breakpoint belongs to one side). */
  withFrom: boolean;
  withTo: boolean;
  /** The option chosen on the segment, as in the options given (its score is at the query's λ). */
  winner: Candidate;
}

/** The segments of [0, 1], in order, for a set of options in route's order; empty when there are none. */
export function lambdaMap(options: readonly Candidate[], rules: DecisionRules = 'playground'): LambdaSegment[] {
  // Best first: the order λ meets them in.
  const hull = efficientFrontier(options).reverse();
  if (hull.length === 0) return [];
  const order = new Map(options.map((c, i) => [c, i]));
  const first = (tied: readonly Candidate[]) => tied.reduce((a, b) => (order.get(b)! < order.get(a)! ? b : a));
  const best = Math.max(...options.map((c) => c.quality));
  const cheapest = Math.min(...options.map((c) => c.costUsd));
  // At λ = 0 the playground's cost tie-break agrees with the frontier's best vertex.
  const atZero = rules === 'release' ? first(options.filter((c) => c.quality === best)) : hull[0]!;
  const atOne = first(options.filter((c) => c.costUsd === cheapest));

  const pieces: { from: number; to: number; winner: Candidate }[] = [{ from: 0, to: 0, winner: atZero }];
  hull.forEach((winner, i) => {
    const before = hull[i - 1];
    const from = before === undefined ? 0 : breakpoint(before, winner)!;
    const after = hull[i + 1];
    const to = after === undefined ? 1 : breakpoint(winner, after)!;
    if (before !== undefined && from > 0 && from < 1) {
      pieces.push({ from, to: from, winner: rules === 'release' ? first([before, winner]) : winner });
    }
    if (from < to) pieces.push({ from, to, winner });
  });
  pieces.push({ from: 1, to: 1, winner: atOne });

  const segments: LambdaSegment[] = [];
  for (const p of pieces) {
    const point = p.from === p.to;
    const last = segments.at(-1);
    if (last?.winner === p.winner) {
      last.to = p.to;
      last.withTo = point;
    } else segments.push({ ...p, withFrom: point, withTo: point });
  }
  return segments;
}

/** The R2 router's λ map for a query (its λ is ignored). */
export function r2LambdaMap(q: RouteQuery): LambdaSegment[] {
  return lambdaMap(r2Options(q), q.rules);
}

/** The reactive router's λ map for a query (its λ is ignored). */
export function reactiveLambdaMap(q: RouteQuery): LambdaSegment[] {
  return lambdaMap(reactiveOptions(q), q.rules);
}

/** Whether λ falls in the segment [from, to], its ends included as withFrom and withTo say. */
export function segmentHas(from: number, to: number, withFrom: boolean, withTo: boolean, lambda: number): boolean {
  return (from < lambda && lambda < to) || (lambda === from && withFrom) || (lambda === to && withTo);
}

/** The option a map chooses at one λ; null for an empty map. */
export function winnerAt(map: readonly LambdaSegment[], lambda: number): Candidate | null {
  const hit = map.find((s) => segmentHas(s.from, s.to, s.withFrom, s.withTo, lambda));
  return hit?.winner ?? null;
}

/**
 * winnerAt for every λ of an ascending list, in one walk along the map: a sweep over many
 * queries and many λ pays for each segment once, not once per λ.
 */
export function winnersAlong(map: readonly LambdaSegment[], lambdas: readonly number[]): (Candidate | null)[] {
  const out: (Candidate | null)[] = [];
  let k = 0;
  for (const lambda of lambdas) {
    // Segments wholly below λ are behind every later λ too.
    while (k < map.length && (map[k]!.to < lambda || (map[k]!.to === lambda && !map[k]!.withTo))) k++;
    const s = map[k];
    out.push(s !== undefined && segmentHas(s.from, s.to, s.withFrom, s.withTo, lambda) ? s.winner : null);
  }
  return out;
}
