/**
 * λ's useful values are squeezed against 1 (costs are ~1e-5 USD per call, so R2-Router's
 * default is 0.99999). The slider therefore moves along log10(λ / (1 − λ)), the number of
 * quality points one dollar is worth, with its two ends at exactly λ = 0 and λ = 1.
 */

export const LAMBDA_STEPS = 800;
const LOG_RATIO_MIN = 0;
const LOG_RATIO_MAX = 8;

export function lambdaFromPosition(position: number): number {
  const p = Math.min(LAMBDA_STEPS, Math.max(0, Math.round(position)));
  if (p === 0) return 0;
  if (p === LAMBDA_STEPS) return 1;
  const ratio = 10 ** (LOG_RATIO_MIN + ((LOG_RATIO_MAX - LOG_RATIO_MIN) * p) / LAMBDA_STEPS);
  return ratio / (1 + ratio);
}

export function positionFromLambda(lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda >= 1) return LAMBDA_STEPS;
  const logRatio = Math.log10(lambda / (1 - lambda));
  const p = Math.round(((logRatio - LOG_RATIO_MIN) / (LOG_RATIO_MAX - LOG_RATIO_MIN)) * LAMBDA_STEPS);
  return Math.min(LAMBDA_STEPS - 1, Math.max(1, p));
}

/** Raw λ with as many digits as it takes to tell it from 1 (0.99999, 0.9999968). */
export function formatLambda(lambda: number): string {
  if (lambda <= 0) return '0';
  if (lambda >= 1) return '1';
  const digits = Math.min(12, Math.max(2, Math.ceil(-Math.log10(1 - lambda)) + 2));
  return lambda.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
}

/** What the router will pay for +0.1 predicted quality, in USD: 0.1 · (1 − λ)/λ. */
export function usdPerTenthQuality(lambda: number): number {
  if (lambda <= 0) return Infinity;
  return (0.1 * (1 - lambda)) / lambda;
}
