import { UNLIMITED, type Budget } from '../bundle/manifest';
import type { ModelCurve } from '../router/types';

/**
 * Python's round(x, 8): the exact binary value rounded to 8 decimals, exact halves to even.
 * toFixed also rounds the exact value but sends halves away from zero. A double lies exactly
 * halfway only if x·10^8 = k + ½, i.e. x = j/512 with j odd (5^8 must cancel), so those are
 * the only values to correct.
 */
export function pyRound8(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 53) return x;
  const fixed = x.toFixed(8);
  const scaled = x * 512;
  if (!Number.isInteger(scaled) || scaled % 2 === 0 || Number(fixed.at(-1)) % 2 === 0) return Number(fixed);
  const sign = x < 0 ? '-' : '';
  const digits = (BigInt(fixed.replace(/[-.]/g, '')) - 1n).toString().padStart(9, '0');
  return Number(`${sign}${digits.slice(0, -8)}.${digits.slice(-8)}`);
}

export interface ReleaseOption {
  model: string;
  budget: Budget;
  quality: number;
  outputTokens: number;
  costUsd: number;
  /** The release's name for the score; rounded to 8 decimals as it does. */
  risk: number;
}

/**
 * Every option in the released router's order (R2Router.route in r2_router/router.py): LLMs
 * in config order, for each its budgets in ascending order, then "unlimited"; the cost is
 * summed in the release's order of operations so even the last bit matches.
 */
export function releaseOptions(curves: readonly ModelCurve[], lambda: number, inputTokens: number): ReleaseOption[] {
  return curves.flatMap((curve) => {
    const { inputPerMillion, outputPerMillion } = curve.prices;
    const inputCost = (inputTokens * inputPerMillion) / 1e6;
    const option = (budget: Budget, quality: number, outputTokens: number): ReleaseOption => {
      const costUsd = inputCost + (outputTokens * outputPerMillion) / 1e6;
      return {
        model: curve.model,
        budget,
        quality,
        outputTokens,
        costUsd,
        risk: pyRound8((1 - lambda) * quality - lambda * costUsd),
      };
    };
    return [
      ...curve.anchors.map((b, k) => option(b, curve.quality[k]!, b)),
      option(UNLIMITED, curve.unlimitedQuality, curve.naturalTokens),
    ];
  });
}

/**
 * The released router's choice: Python's max() over the rounded risks keeps the first of
 * equals. The app's router (src/router/search.ts) differs on purpose: it compares unrounded
 * scores and gives equal scores to the cheaper call, so near λ = 1 the two can disagree.
 */
export function releaseDecision(
  curves: readonly ModelCurve[],
  lambda: number,
  inputTokens: number,
): ReleaseOption | null {
  return releaseOptions(curves, lambda, inputTokens).reduce<ReleaseOption | null>(
    (best, o) => (best === null || o.risk > best.risk ? o : best),
    null,
  );
}
