import type { ModelCurve } from './types';

/**
 * Predicted quality at a budget b′ between two anchors (the paper's continuous extension):
 * Q(b′) = (1 − α)·Q(b_k) + α·Q(b_k+1), α = (b′ − b_k)/(b_k+1 − b_k). The predictor says
 * nothing outside the anchors, so b′ is clamped to [first anchor, last anchor].
 */
export function qualityAt(curve: ModelCurve, budget: number): number {
  const { anchors, quality } = curve;
  if (anchors.length === 0) return 0;
  if (budget <= anchors[0]!) return quality[0]!;
  for (let k = 1; k < anchors.length; k++) {
    const hi = anchors[k]!;
    if (budget <= hi) {
      const lo = anchors[k - 1]!;
      const alpha = (budget - lo) / (hi - lo);
      return (1 - alpha) * quality[k - 1]! + alpha * quality[k]!;
    }
  }
  return quality[quality.length - 1]!;
}
