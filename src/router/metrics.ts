/**
 * Deferral-curve metrics, as the R2-Router paper scores routers. A method swept over λ
 * gives points (average cost, average quality). Costs are normalised to [0, 1] by the
 * global min and max over every method compared. The curve is the Pareto frontier of a
 * method's points (a point is kept when no cheaper point is at least as good), joined by
 * straight lines (mixing two operating points at random reaches any point between them);
 * below its cheapest point a method has no operating point and the curve is 0, beyond its
 * dearest point it stays flat (spending more is never forced).
 */

export interface CurvePoint {
  cost: number;
  quality: number;
}

export interface CurveMetrics {
  /** Area under the curve over normalised cost [0, 1]. */
  audc: number;
  /** Normalised cost at which the curve first reaches the target quality; 1 if never. */
  qnc: number;
  /** Highest average quality among the points. */
  peak: number;
}

export interface CostRange {
  min: number;
  max: number;
}

export function costRange(sets: readonly (readonly CurvePoint[])[]): CostRange {
  const costs = sets.flatMap((s) => s.map((p) => p.cost));
  if (costs.length === 0) return { min: 0, max: 0 };
  return { min: Math.min(...costs), max: Math.max(...costs) };
}

export function normaliseCosts(points: readonly CurvePoint[], range: CostRange): CurvePoint[] {
  const span = range.max - range.min;
  return points.map((p) => ({ cost: span > 0 ? (p.cost - range.min) / span : 0, quality: p.quality }));
}

/** Cost-ascending points, each strictly better than every cheaper one. */
export function paretoFrontier(points: readonly CurvePoint[]): CurvePoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const out: CurvePoint[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || p.quality > last.quality) out.push(p);
  }
  return out;
}

/** ∫₀¹ of the frontier curve; `points` must have normalised costs. */
export function audc(points: readonly CurvePoint[]): number {
  const f = paretoFrontier(points);
  if (f.length === 0) return 0;
  let area = 0;
  for (let i = 1; i < f.length; i++) {
    area += ((f[i]!.cost - f[i - 1]!.cost) * (f[i]!.quality + f[i - 1]!.quality)) / 2;
  }
  const last = f[f.length - 1]!;
  return area + Math.max(0, 1 - last.cost) * last.quality;
}

/** First normalised cost where the frontier reaches `target`, interpolating; 1 if it never does. */
export function qnc(points: readonly CurvePoint[], target: number): number {
  const f = paretoFrontier(points);
  for (let i = 0; i < f.length; i++) {
    const p = f[i]!;
    if (p.quality < target) continue;
    const prev = f[i - 1];
    if (prev === undefined) return p.cost;
    return prev.cost + ((target - prev.quality) / (p.quality - prev.quality)) * (p.cost - prev.cost);
  }
  return 1;
}

export function peak(points: readonly CurvePoint[]): number {
  return points.reduce((best, p) => Math.max(best, p.quality), 0);
}

/** All three metrics for one method; `range` is the global cost range of the comparison. */
export function curveMetrics(points: readonly CurvePoint[], range: CostRange, target: number): CurveMetrics {
  const normalised = normaliseCosts(points, range);
  return { audc: audc(normalised), qnc: qnc(normalised, target), peak: peak(points) };
}
