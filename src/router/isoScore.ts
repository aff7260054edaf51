/**
 * The iso-score line: every (cost, quality) that scores the same as the chosen option,
 * Q = Q* + (λ/(1 − λ))·(C − C*). No option lies above it (that is why it was chosen), so
 * drawn through the choice it shows the exchange rate λ sets between quality and dollars:
 * flat at λ = 0 (only quality counts), vertical at λ = 1 (only cost counts).
 *
 * On a linear USD axis it is a straight segment. On a log axis it is a curve, and on a
 * token axis it depends on whose tokens: each LLM prices tokens differently, so the line is
 * mapped through the chosen LLM's prices (other LLMs' options are not placed against it).
 * Curves are sampled evenly along the axis as drawn, between the exact ends where the line
 * enters and leaves the chart.
 */
import { callCost, tokensWithin } from './cost';
import type { Prices } from './types';

export interface PlanePoint {
  costUsd: number;
  quality: number;
}

export interface Range {
  min: number;
  max: number;
}

/** A chart's x axis: its range, whether it is drawn on a log scale, and how its values map to USD per call. */
export interface XAxis extends Range {
  log: boolean;
  /** Must increase (or stay flat). */
  toCost: (x: number) => number;
  /** The inverse of toCost. */
  fromCost: (usd: number) => number;
}

/** An axis of USD per call. */
export function usdAxis(range: Range, log: boolean): XAxis {
  return { ...range, log, toCost: (x) => x, fromCost: (usd) => usd };
}

/** An axis of output tokens, priced as the chosen LLM prices them for this query's input. */
export function tokenAxis(range: Range, log: boolean, prices: Prices, inputTokens: number): XAxis {
  return {
    ...range,
    log,
    toCost: (tokens) => callCost(prices, inputTokens, tokens),
    fromCost: (usd) => tokensWithin(prices, inputTokens, usd),
  };
}

/**
 * Points along the iso-score line through `chosen`, inside the chart's box (the axis's range
 * × `quality`), as (x, quality) in the axis's units; empty when the line misses the box.
 * At λ = 1 it is the vertical line x = fromCost(C*), given as its two ends; free output
 * tokens give it no single x on a token axis, and it is then left out.
 */
export function sampleIsoScore(
  lambda: number,
  chosen: PlanePoint,
  axis: XAxis,
  quality: Range,
  count = 64,
): { x: number; quality: number }[] {
  if (lambda >= 1) {
    const x = axis.fromCost(chosen.costUsd);
    if (!(x >= axis.min && x <= axis.max)) return [];
    return [
      { x, quality: quality.min },
      { x, quality: quality.max },
    ];
  }
  const slope = lambda / (1 - lambda);
  const at = (usd: number) => chosen.quality + slope * (usd - chosen.costUsd);
  // The costs the axis shows, narrowed to where the line stays within the quality range.
  let lo = axis.toCost(axis.min);
  let hi = axis.toCost(axis.max);
  if (slope > 0) {
    lo = Math.max(lo, chosen.costUsd + (quality.min - chosen.quality) / slope);
    hi = Math.min(hi, chosen.costUsd + (quality.max - chosen.quality) / slope);
  } else if (chosen.quality < quality.min || chosen.quality > quality.max) return [];
  if (lo > hi) return [];
  const x0 = lo <= axis.toCost(axis.min) ? axis.min : axis.fromCost(lo);
  const x1 = hi >= axis.toCost(axis.max) ? axis.max : axis.fromCost(hi);
  const n = Math.max(2, count);
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    const x = i === n - 1 ? x1 : axis.log ? x0 * (x1 / x0) ** t : x0 + (x1 - x0) * t;
    return { x, quality: Math.min(quality.max, Math.max(quality.min, at(axis.toCost(x)))) };
  });
}

/** The iso-score line on linear USD axes: its two ends inside the box, or null when it misses. */
export function isoScoreSegment(
  lambda: number,
  chosen: PlanePoint,
  cost: Range,
  quality: Range,
): { from: PlanePoint; to: PlanePoint } | null {
  const [a, b] = sampleIsoScore(lambda, chosen, usdAxis(cost, false), quality, 2);
  if (a === undefined || b === undefined) return null;
  return { from: { costUsd: a.x, quality: a.quality }, to: { costUsd: b.x, quality: b.quality } };
}
