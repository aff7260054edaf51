import { callCost } from '../../router/cost';
import { qualityAt } from '../../router/interpolate';
import type { ModelCurve } from '../../router/types';
import type { CostUnit } from '../../router/types';

/** One drawn point of a curve, in data units: x is tokens or USD per call, by the axis. */
export interface Point {
  x: number;
  quality: number;
  tokens: number;
  model: string;
  color: string;
  /** An anchor budget, a point drawn between anchors, or the model's natural length. */
  kind: 'anchor' | 'between' | 'natural';
}

export interface Series {
  model: string;
  color: string;
  points: Point[];
  natural: Point;
}

/**
 * Points between anchors, so a log axis shows the paper's interpolation rather than
 * screen-straight segments: one per QUALITY_STEP of change, none where a segment is flat.
 */
const QUALITY_STEP = 0.02;
const MAX_STEPS = 6;

export function xOf(curve: ModelCurve, tokens: number, mode: CostUnit, inputTokens: number): number {
  return mode === 'tokens' ? tokens : callCost(curve.prices, inputTokens, tokens);
}

function curvePoints(curve: ModelCurve, color: string, mode: CostUnit, inputTokens: number): Point[] {
  const points: Point[] = [];
  const point = (tokens: number, quality: number, kind: Point['kind']) =>
    points.push({ x: xOf(curve, tokens, mode, inputTokens), quality, tokens, model: curve.model, color, kind });
  curve.anchors.forEach((b, k) => {
    const prev = curve.anchors[k - 1];
    if (prev !== undefined) {
      const steps = Math.min(MAX_STEPS, Math.ceil(Math.abs(curve.quality[k]! - curve.quality[k - 1]!) / QUALITY_STEP));
      for (let s = 1; s < steps; s++) {
        const t = prev * (b / prev) ** (s / steps);
        point(t, qualityAt(curve, t), 'between');
      }
    }
    point(b, curve.quality[k]!, 'anchor');
  });
  return points;
}

export function buildSeries(
  curves: readonly ModelCurve[],
  colors: ReadonlyMap<string, string>,
  mode: CostUnit,
  inputTokens: number,
): Series[] {
  return curves.map((c) => {
    const color = colors.get(c.model) ?? 'var(--fg)';
    const natural = {
      x: xOf(c, Math.max(1, c.naturalTokens), mode, inputTokens),
      quality: c.unlimitedQuality,
      tokens: c.naturalTokens,
      model: c.model,
      color,
      kind: 'natural' as const,
    };
    return { model: c.model, color, points: curvePoints(c, color, mode, inputTokens), natural };
  });
}

/** The x range that holds every point, with a margin on the log axis; [1, 10] when there is none. */
export function xDomain(series: readonly Series[]): [number, number] {
  const xs = series.flatMap((s) => [...s.points, s.natural].map((p) => p.x)).filter((x) => x > 0);
  if (xs.length === 0) return [1, 10];
  return [Math.min(...xs) / 1.3, Math.max(...xs) * 1.3];
}

/** Ticks at 1× and 3× each power of ten inside [lo, hi]. */
export function decadeTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 3]) {
      // Dividing keeps 3e-5 exact, where 3 × 10 ** -5 is 3.0000000000000004e-5.
      const v = e < 0 ? m / 10 ** -e : m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}
