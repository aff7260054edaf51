import { paretoFrontier, qnc, type CurvePoint } from '../router/metrics';

/**
 * The savings on a workload, as the paper states them: what R2 pays per query to reach the
 * reactive router's mean quality, against what the reactive router pays for it. R2's cost is
 * read off its predicted deferral curve (its Pareto frontier, straight lines between points,
 * as the metrics join them), so it is a prediction, not an outcome.
 */
export interface Savings {
  /** The reactive router's mean predicted quality and cost per query at the current λ. */
  targetQuality: number;
  reactiveCostUsd: number;
  /** R2's cost per query at that quality; null when its curve never reaches it. */
  r2CostUsd: number | null;
  /**
   * reactive ÷ R2: Infinity when R2 reaches the quality for free and the reactive router pays;
   * null when R2 never reaches it, or neither pays anything.
   */
  costRatio: number | null;
}

export function savings(r2Curve: readonly CurvePoint[], reactive: CurvePoint): Savings {
  const frontier = paretoFrontier(r2Curve);
  const reaches = frontier.length > 0 && frontier[frontier.length - 1]!.quality >= reactive.quality;
  // qnc interpolates on whatever cost scale it is given: here USD per query.
  const r2CostUsd = reaches ? qnc(frontier, reactive.quality) : null;
  return {
    targetQuality: reactive.quality,
    reactiveCostUsd: reactive.cost,
    r2CostUsd,
    costRatio: r2CostUsd === null || (r2CostUsd === 0 && reactive.cost === 0) ? null : reactive.cost / r2CostUsd,
  };
}
