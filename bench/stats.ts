/** Order statistics for the benchmark: nearest-rank percentiles, medians of runs. */

export interface Spread {
  p50: number;
  p95: number;
}

/** Nearest-rank percentile (the smallest value with at least p% of the samples at or below it). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is outside 0..100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  return { p50: percentile(values, 50), p95: percentile(values, 95) };
}

/** Each session's p50 and p95, then the median of each across sessions. */
export function medianSpread(sessions: readonly Spread[]): Spread {
  return { p50: median(sessions.map((s) => s.p50)), p95: median(sessions.map((s) => s.p95)) };
}

/** Rounds for the report: enough digits to compare runs, no float noise. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function roundSpread(s: Spread, digits = 2): Spread {
  return { p50: round(s.p50, digits), p95: round(s.p95, digits) };
}
