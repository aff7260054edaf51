/**
 * The efficient frontier of one routing decision. The score S = (1 − λ)·Q − λ·C is linear in
 * (C, Q), so the option it picks is where a line of slope λ/(1 − λ) last touches the options
 * from above: a vertex of their upper convex hull. As λ runs from 0 to 1 the choice walks
 * that hull from the best answer down to the cheapest call; these few vertices are every
 * choice the router can make for the query, whatever λ is.
 *
 * Under the release's rules scores are rounded to 8 decimals before they are compared. The
 * hull is taken on the unrounded scores, so it says which option maximises the score; the
 * release keeps the first in its order among options whose rounded scores tie that maximum
 * (lambdaMap.ts says where that happens).
 */
import { curveCandidates, naturalCandidate, withinCap } from './search';
import type { Candidate, RouteQuery } from './types';

/** Every option `route` weighs for a query, in its order (the order its ties fall back on). */
export function r2Options(q: RouteQuery): Candidate[] {
  return q.curves.flatMap((c) => curveCandidates(c, q));
}

/** Every option `routeReactive` weighs: each LLM's natural answer that fits the cap, in pool order. */
export function reactiveOptions(q: RouteQuery): Candidate[] {
  return q.curves.map((c) => naturalCandidate(c, q)).filter((c) => withinCap(q.cap, c.outputTokens, c.costUsd));
}

/**
 * The λ at which two options score the same: λ = ΔQ/(ΔQ + ΔC), with Δ = a − b. Above it the
 * cheaper of the two scores higher. Null when no λ in [0, 1] ties them (one is better and no
 * dearer) or every λ does (they sit on the same point).
 */
export function breakpoint(a: Candidate, b: Candidate): number | null {
  const dq = a.quality - b.quality;
  const dc = a.costUsd - b.costUsd;
  if ((dq === 0 && dc === 0) || dq * dc < 0) return null;
  return takeover(a, b);
}

/** breakpoint without the checks, for a dearer, better option and a cheaper one (the same number either way round). */
function takeover(a: Candidate, b: Candidate): number {
  const dq = a.quality - b.quality;
  return dq / (dq + (a.costUsd - b.costUsd));
}

/**
 * The hull's vertices that win for some λ in (0, 1), cheapest first (so best last). Of options
 * at the same cost only the best counts, and of options at the same point the first in order,
 * which is what both rules choose between such twins. Options on a straight edge between two
 * vertices tie them at one λ only and are left out. Consecutive vertices are kept only while
 * their breakpoints strictly decrease, so the λ map built on them never runs backwards.
 * At λ = 0 and λ = 1 the score ignores cost or quality and order can settle a tie another
 * way; lambdaMap.ts handles those two ends.
 */
export function efficientFrontier(options: readonly Candidate[]): Candidate[] {
  const sorted = options
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.costUsd - b.c.costUsd || b.c.quality - a.c.quality || a.i - b.i);
  const hull: Candidate[] = [];
  for (const { c } of sorted) {
    const last = hull.at(-1);
    // Not better than a call that is no dearer: never the argmax for λ in (0, 1).
    if (last !== undefined && c.quality <= last.quality) continue;
    // The top vertex wins between where c takes over from it and where it takes over from the one below.
    while (hull.length >= 2 && takeover(c, hull.at(-1)!) >= takeover(hull.at(-1)!, hull.at(-2)!)) hull.pop();
    hull.push(c);
  }
  return hull;
}

/** The R2 router's frontier for a query: every (LLM, budget) it could pick, cheapest first. */
export function r2Frontier(q: RouteQuery): Candidate[] {
  return efficientFrontier(r2Options(q));
}

/** The reactive router's frontier: the natural answers it could pick, cheapest first. */
export function reactiveFrontier(q: RouteQuery): Candidate[] {
  return efficientFrontier(reactiveOptions(q));
}
