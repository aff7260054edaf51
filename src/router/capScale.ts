import type { Cap, CostUnit, ModelCurve } from './types';
import { callCost } from './cost';

/**
 * The cap slider runs on a log scale between the cheapest and the dearest option in view;
 * its last step means "no cap". Ranges come from the curves, so Home always leaves at
 * least one option that fits.
 */

export const CAP_STEPS = 200;

export interface CapRange {
  kind: CostUnit;
  min: number;
  max: number;
}

export function capRange(kind: CostUnit, curves: readonly ModelCurve[], inputTokens: number): CapRange | null {
  const anchors = curves.flatMap((c) => c.anchors);
  if (anchors.length === 0) return null;
  if (kind === 'tokens') return { kind, min: Math.min(...anchors), max: Math.max(...anchors) };
  const costs = curves.flatMap((c) => {
    const longest = Math.max(c.naturalTokens, ...c.anchors);
    return [callCost(c.prices, inputTokens, c.anchors[0] ?? 0), callCost(c.prices, inputTokens, longest)];
  });
  return { kind, min: Math.min(...costs), max: Math.max(...costs) };
}

export function capFromPosition(position: number, range: CapRange): Cap {
  const p = Math.min(CAP_STEPS, Math.max(0, Math.round(position)));
  if (p === CAP_STEPS) return null;
  // The ends are exact: exp(log(x)) can land a hair under x and shut out the cheapest option.
  const value =
    p === 0
      ? range.min
      : p === CAP_STEPS - 1
        ? range.max
        : range.min * (range.max / range.min) ** (p / (CAP_STEPS - 1));
  return { kind: range.kind, max: range.kind === 'tokens' ? Math.round(value) : value };
}

export function positionFromCap(cap: Cap, range: CapRange): number {
  if (cap === null || cap.kind !== range.kind) return CAP_STEPS;
  if (cap.max <= range.min) return 0;
  if (cap.max >= range.max) return CAP_STEPS - 1;
  const t = Math.log(cap.max / range.min) / Math.log(range.max / range.min);
  return Math.round(t * (CAP_STEPS - 1));
}
