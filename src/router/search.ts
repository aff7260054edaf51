import { UNLIMITED } from '../bundle/manifest';
import { callCost, releaseCallCost, tokensWithin } from './cost';
import { qualityAt } from './interpolate';
import { pyRound8 } from './releaseRules';
import type { Cap, Candidate, DecisionRules, ModelCurve, RouteQuery } from './types';

/** The R2 objective: S = (1 − λ)·quality − λ·cost. */
export function score(lambda: number, quality: number, costUsd: number): number {
  return (1 - lambda) * quality - lambda * costUsd;
}

export function withinCap(cap: Cap, outputTokens: number, costUsd: number): boolean {
  if (cap === null) return true;
  return cap.kind === 'tokens' ? outputTokens <= cap.max : costUsd <= cap.max;
}

/** The longest budget a cap allows for one LLM (Infinity when uncapped). */
export function capTokens(curve: ModelCurve, cap: Cap, inputTokens: number): number {
  if (cap === null) return Infinity;
  return cap.kind === 'tokens' ? cap.max : tokensWithin(curve.prices, inputTokens, cap.max);
}

function candidate(
  curve: ModelCurve,
  q: RouteQuery,
  budget: Candidate['budget'],
  outputTokens: number,
  quality: number,
): Candidate {
  if (q.rules === 'release') {
    const costUsd = releaseCallCost(curve.prices, q.inputTokens, outputTokens);
    return {
      model: curve.model,
      budget,
      outputTokens,
      quality,
      costUsd,
      score: pyRound8(score(q.lambda, quality, costUsd)),
    };
  }
  const costUsd = callCost(curve.prices, q.inputTokens, outputTokens);
  return { model: curve.model, budget, outputTokens, quality, costUsd, score: score(q.lambda, quality, costUsd) };
}

/** The reactive router's only option for an LLM: no instruction, its natural length. */
export function naturalCandidate(curve: ModelCurve, q: RouteQuery): Candidate {
  return candidate(curve, q, UNLIMITED, Math.max(0, curve.naturalTokens), curve.unlimitedQuality);
}

/**
 * Every option for one LLM that fits the cap: each anchor budget, the unlimited answer,
 * and, in continuous mode, the longest budget the cap allows between two anchors. The
 * score is linear in b′ between anchors, so its maximum over [first anchor, cap] lies on
 * an anchor or on the cap itself: these few points make the continuous search exact.
 */
export function curveCandidates(curve: ModelCurve, q: RouteQuery): Candidate[] {
  // Every option is checked on its own tokens and cost: inverting a USD cap into tokens rounds,
  // and could shut out an option whose cost is exactly the cap.
  const fits = (c: Candidate) => withinCap(q.cap, c.outputTokens, c.costUsd);
  const out = curve.anchors.map((b, k) => candidate(curve, q, b, b, curve.quality[k]!)).filter(fits);
  if (q.continuous && q.cap !== null && q.rules !== 'release') {
    const b = Math.floor(capTokens(curve, q.cap, q.inputTokens) + 1e-9);
    const first = curve.anchors[0];
    const last = curve.anchors[curve.anchors.length - 1];
    if (first !== undefined && last !== undefined && b > first && b < last && !curve.anchors.includes(b)) {
      const capPoint = candidate(curve, q, b, b, qualityAt(curve, b));
      if (fits(capPoint)) out.push(capPoint);
    }
  }
  const natural = naturalCandidate(curve, q);
  if (fits(natural)) out.push(natural);
  return out;
}

/**
 * Best first. By the playground's rules equal scores go to the cheaper call, then to pool
 * order; by the release's, to the first in order (Python's max() keeps the first of equals).
 */
export function rank(candidates: Candidate[], rules: DecisionRules = 'playground'): Candidate[] {
  const cheaper = rules === 'release' ? () => 0 : (a: Candidate, b: Candidate) => a.costUsd - b.costUsd;
  return candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.score - a.c.score || cheaper(a.c, b.c) || a.i - b.i)
    .map(({ c }) => c);
}

/** The same option, by value: route() returns fresh objects on every λ move, most of them equal. */
export function sameCandidate(a: Candidate | null, b: Candidate | null): boolean {
  return (
    a === b ||
    (a !== null &&
      b !== null &&
      a.model === b.model &&
      a.budget === b.budget &&
      a.quality === b.quality &&
      a.outputTokens === b.outputTokens &&
      a.costUsd === b.costUsd)
  );
}

export interface Decision {
  best: Candidate | null;
  ranked: Candidate[];
}

/** The R2 router: the joint argmax over (LLM, budget). */
export function route(q: RouteQuery): Decision {
  const ranked = rank(
    q.curves.flatMap((c) => curveCandidates(c, q)),
    q.rules,
  );
  return { best: ranked[0] ?? null, ranked };
}

/** The reactive ("point") router: each LLM reduced to its natural answer, same score and cap. */
export function routeReactive(q: RouteQuery): Decision {
  const ranked = rank(
    q.curves.map((c) => naturalCandidate(c, q)).filter((c) => withinCap(q.cap, c.outputTokens, c.costUsd)),
    q.rules,
  );
  return { best: ranked[0] ?? null, ranked };
}

/**
 * The released router's choice (R2Router.route): its rules over every anchor budget and the
 * unlimited answer, with no cap. `npm run route` and the tests that compare with the release use it.
 */
export function releaseDecision(curves: readonly ModelCurve[], lambda: number, inputTokens: number): Candidate | null {
  return route({ curves, lambda, inputTokens, cap: null, continuous: false, rules: 'release' }).best;
}
